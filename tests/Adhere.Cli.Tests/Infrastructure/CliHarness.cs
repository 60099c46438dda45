using System.Data.Common;
using Adhere.Core;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Adhere.Cli.Tests.Infrastructure;

/// <summary>What one run of <c>adhere</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>Row counts that a failed command must leave unchanged.</summary>
public sealed record DatabaseCounts(int Users, int Organisations, int AuditEntries);

/// <summary>
/// Runs <see cref="AdhereCli"/> in-process against a fresh <see cref="TestDatabase"/>, and looks at that database
/// through Core's own services (or raw SQL, to tamper) to check what a command did or did not write.
/// </summary>
public sealed class CliHarness : IAsyncDisposable
{
    private CliHarness(TestDatabase database, TimeProvider? time)
    {
        Database = database;
        Time = time;
    }

    public TestDatabase Database { get; }

    public TimeProvider? Time { get; }

    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Database.ProviderName,
        ["ConnectionStrings:Adhere"] = Database.ConnectionString,
    };

    public static async Task<CliHarness> CreateAsync(TimeProvider? time = null) => new(await TestDatabase.CreateAsync(), time);

    /// <summary>A harness whose database is migrated, as most commands need.</summary>
    public static async Task<CliHarness> CreateMigratedAsync(TimeProvider? time = null) => new(await TestDatabase.CreateMigratedAsync(), time);

    /// <summary>
    /// A database as <c>adhere demo seed</c> leaves an empty one, for tests that start from the demo rather than test
    /// the seed: a copy of one seeded once per test process, since seeding (migrations, reports) costs seconds.
    /// DemoCommandsTests check what the seed prints on a real run.
    /// </summary>
    public static async Task<CliHarness> CreateDemoSeededAsync() => new(await TestDatabase.CopyOfAsync(await DemoTemplate.Value), null);

    private static readonly Lazy<Task<TestDatabase>> DemoTemplate = new(() => TestDatabase.CreateTemplateAsync(async database =>
    {
        var seeding = new CliHarness(database, null);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // Not the first test's cancellation token: the template outlives the test that happens to build it.
        var exit = await AdhereCli.RunAsync(["demo", "seed"], stdout, stderr, seeding.Settings, null, CancellationToken.None);
        if (exit != 0) throw new InvalidOperationException($"adhere demo seed failed: {new CliResult(exit, stdout.ToString(), stderr.ToString())}");
    }));

    /// <summary>A migrated database with the Monitoring Body and one provider, the usual start for user commands.</summary>
    public static async Task<CliHarness> CreateWithOrganisationsAsync(string monitoringBody = "Test MB", string provider = "Nimbus Cloud")
    {
        var cli = await CreateMigratedAsync();
        await cli.SucceedAsync("orgs", "add", "--kind", "mb", "--name", monitoringBody);
        await cli.SucceedAsync("orgs", "add", "--kind", "csp", "--name", provider);
        return cli;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithSettingsAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs with <paramref name="extra"/> configuration on top of the database's, such as a lower import limit.</summary>
    public async Task<CliResult> RunWithSettingsAsync(IReadOnlyDictionary<string, string?> extra, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var settings = Settings;
        foreach (var (key, value) in extra) settings[key] = value;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AdhereCli.RunAsync(args, stdout, stderr, settings, Time, TestContext.Current.CancellationToken);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command that must succeed, failing the test with its output otherwise.</summary>
    public async Task<CliResult> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"adhere {string.Join(' ', args)} failed: {result}");
        return result;
    }

    /// <summary>Runs <paramref name="body"/> in a scope of Core's services, acting as the system.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var services = new ServiceCollection().AddLogging();
        if (Time is not null) services.AddSingleton(Time);
        services.AddAdhereCore(new DatabaseSettings(Database.Provider, Database.ConnectionString));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "test");
        return await body(scope.ServiceProvider);
    }

    public Task<DatabaseCounts> CountAsync() => WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<AdhereDb>();
        var ct = TestContext.Current.CancellationToken;
        return new DatabaseCounts(
            await db.Users.CountAsync(ct),
            await db.Organisations.IgnoreQueryFilters().CountAsync(ct),
            await db.AuditEvents.CountAsync(ct));
    });

    /// <summary>Runs SQL behind the application's back, as an intruder with database access would.</summary>
    public async Task<int> ExecuteRawSqlAsync(string sql)
    {
        await using DbConnection connection = Database.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(Database.ConnectionString)
            : new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
