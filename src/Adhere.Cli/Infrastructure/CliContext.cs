using System.CommandLine;
using Adhere.Core;
using Adhere.Core.Catalogue;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Adhere.Cli.Infrastructure;

/// <summary>What the database must look like before a command's body runs.</summary>
public enum DatabaseRequirement
{
    /// <summary>Every migration applied; otherwise the command stops with exit code 2 and a hint.</summary>
    Migrated,

    /// <summary>The command copes with any state itself (<c>db status</c>, <c>db migrate</c>, <c>demo seed</c>).</summary>
    Any,
}

/// <summary>
/// What every command shares: the writers, the configuration sources and the global options, and the one place
/// that runs a command's body in a DI scope acting as the CLI and turns its outcome into an exit code.
/// </summary>
public sealed class CliContext
{
    public const string ActorId = "cli";
    public const string ActorName = "adhere CLI";
    public const string NotMigratedMessage = "The database is not migrated; run 'adhere db migrate'.";

    private readonly IDictionary<string, string?>? settings;
    private readonly TimeProvider? time;

    internal CliContext(TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? settings, TimeProvider? time)
    {
        Out = stdout;
        Error = stderr;
        this.settings = settings;
        this.time = time;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public Option<string> ProviderOption { get; } = new Option<string>("--provider")
    {
        Description = "Database provider; overrides Database__Provider.",
        HelpName = "sqlite|postgres",
        Recursive = true,
    }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "sqlite", "postgres");

    public Option<string> ConnectionOption { get; } = new("--connection")
    {
        Description = "Connection string; overrides ConnectionStrings__Adhere. SQLite defaults to data/adhere.db.",
        HelpName = "connection string",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Show stack traces of unexpected failures and informational logs.",
        Recursive = true,
    };

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    public void SetAction(Command command, DatabaseRequirement requirement, Func<CommandRun, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((ParseResult parse, CancellationToken ct) => RunAsync(parse, requirement, body, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, DatabaseRequirement requirement, Func<CommandRun, Task<int>> body, CancellationToken ct)
    {
        var verbose = parse.GetValue(VerboseOption);
        IConfiguration configuration;
        DatabaseSettings database;
        CatalogueSettings catalogue;
        EvidenceSettings evidence;
        Adhere.Core.Assessments.AssessmentSettings assessments;
        Adhere.Core.Reports.Signing.SigningSettings signing;
        try
        {
            configuration = BuildConfiguration(parse);
            database = DatabaseSettings.From(configuration, Environment.CurrentDirectory);
            catalogue = CatalogueSettingsFrom(configuration);
            evidence = EvidenceSettings.From(configuration, Environment.CurrentDirectory);
            assessments = Adhere.Core.Assessments.AssessmentSettings.From(configuration);
            signing = Adhere.Core.Reports.Signing.SigningSettings.From(configuration);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Bad configuration is the user's to fix, like bad input: an unknown provider, a malformed connection string.
            await Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.UserError;
        }

        try
        {
            await using var services = BuildServices(database, catalogue, evidence, assessments, signing, verbose);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(ActorId, ActorName);
            var run = new CommandRun(parse, scope.ServiceProvider, database, Out, Error, ct, configuration);

            if (requirement == DatabaseRequirement.Migrated && (await run.Get<DatabaseMigrator>().PendingAsync(ct)).Count > 0)
            {
                await Error.WriteLineAsync($"error: {NotMigratedMessage}");
                return ExitCodes.UserError;
            }

            return await body(run);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Error.WriteLineAsync("Cancelled; nothing was saved by the interrupted step.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            await Error.WriteLineAsync(verbose
                ? $"unexpected error: {e}"
                : $"unexpected error: {OneLine(e)} (run with --verbose for details)");
            return ExitCodes.Unexpected;
        }
    }

    private IConfiguration BuildConfiguration(ParseResult parse)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (parse.GetValue(ProviderOption) is { } provider) options["Database:Provider"] = provider;
        if (parse.GetValue(ConnectionOption) is { } connection) options["ConnectionStrings:Adhere"] = connection;
        return new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .AddInMemoryCollection(options)
            .Build();
    }

    /// <summary>Reads <c>Catalogue:MaxImportBytes</c> (<c>Catalogue__MaxImportBytes</c>); a value that is no positive number is bad configuration.</summary>
    private static CatalogueSettings CatalogueSettingsFrom(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Catalogue").Get<CatalogueSettings>() ?? new CatalogueSettings();
        if (settings.MaxImportBytes <= 0)
        {
            throw new InvalidOperationException("Catalogue:MaxImportBytes must be a positive number of bytes.");
        }

        return settings;
    }

    private ServiceProvider BuildServices(DatabaseSettings database, CatalogueSettings catalogue, EvidenceSettings evidence,
        Adhere.Core.Assessments.AssessmentSettings assessments, Adhere.Core.Reports.Signing.SigningSettings signing, bool verbose)
    {
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        // Before AddAdhereCore, whose default registration only applies when none exists.
        services.AddSingleton(catalogue);
        services.AddSingleton(evidence);
        services.AddSingleton(assessments);
        services.AddSingleton(signing);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            if (!verbose)
            {
                // A failed connection or command also throws and is reported once by RunAsync; and on a fresh
                // database EF logs a harmless failure while it looks for the migrations history table.
                logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
                logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
            }
            logging.AddProvider(new TextWriterLoggerProvider(Error));
        });
        services.AddAdhereCore(database);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });
    }

    private static string OneLine(Exception e)
    {
        var message = e.Message;
        // EF wraps the database's complaint; the inner message is the one a person can act on.
        if (e is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner }) message = inner.Message;
        return message.ReplaceLineEndings(" ").Trim();
    }
}
