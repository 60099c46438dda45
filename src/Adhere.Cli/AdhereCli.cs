using System.CommandLine;
using System.CommandLine.Invocation;
using Adhere.Cli.Accounts;
using Adhere.Cli.Audit;
using Adhere.Cli.Catalogue;
using Adhere.Cli.Declarations;
using Adhere.Cli.Demo;
using Adhere.Cli.Infrastructure;
using Adhere.Cli.Monitoring;
using Adhere.Cli.Organisations;
using Adhere.Cli.Persistence;

namespace Adhere.Cli;

/// <summary>The <c>adhere</c> command: thin commands over the use cases of Adhere.Core.</summary>
public static class AdhereCli
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the command. Configuration comes from environment variables
    /// (<c>Database__Provider</c>, <c>ConnectionStrings__Adhere</c>, <c>Catalogue__MaxImportBytes</c>), overlaid by <paramref name="settings"/> and then
    /// by the <c>--provider</c> and <c>--connection</c> options. Returns one of <see cref="ExitCodes"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var cli = new CliContext(stdout, stderr, settings, time);
        var root = BuildRoot(cli);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync($"error: {error.Message}");
            await stderr.WriteLineAsync($"Run '{CommandPath(parsed)} --help' for usage.");
            return ExitCodes.UserError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // CliContext reports failures itself, as one line and with the right exit code.
            EnableDefaultExceptionHandler = false,
            // Program.cs turns Ctrl+C into ct; an in-process caller (a test) must not get signal handlers.
            ProcessTerminationTimeout = null,
        }, ct);
    }

    private static RootCommand BuildRoot(CliContext cli)
    {
        var root = new RootCommand(
            "Administers an Adhere installation: its database, users, organisations, control catalogues, declaration bundles and audit trail.\n" + ExitCodes.Summary)
        {
            DatabaseCommands.Create(cli),
            UserCommands.Create(cli),
            OrganisationCommands.Create(cli),
            CatalogueCommands.Create(cli),
            DeclarationCommands.Create(cli),
            Assessments.AssessmentCommands.Create(cli),
            AuditCommands.Create(cli),
            JobCommands.Create(cli),
            Reports.KeyCommands.Create(cli),
            Reports.ReportCommands.Create(cli),
            Register.RegisterCommands.Create(cli),
            Complaints.ComplaintCommands.Create(cli),
            DemoCommands.Create(cli),
        };
        root.Add(cli.ProviderOption);
        root.Add(cli.ConnectionOption);
        root.Add(cli.VerboseOption);
        return root;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Parent is null ? "adhere" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
