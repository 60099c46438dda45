using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Organisations;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Cli.Organisations;

/// <summary><c>adhere orgs add|list</c>.</summary>
public static class OrganisationCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("orgs", "Manages organisations: the Monitoring Body and the cloud service providers.") { Add(cli), List(cli) };
    }

    /// <summary>Finds an organisation by ID or by name (case-insensitive), as <c>--org</c> options accept it.</summary>
    public static async Task<Result<OrganisationDetails>> FindAsync(CommandRun run, string reference)
    {
        ArgumentNullException.ThrowIfNull(run);
        var queries = run.Get<OrganisationQueries>();
        var match = await queries.FindByReferenceAsync(reference, run.Ct);
        return match is null ? OrganisationErrors.NotFound(reference?.Trim() ?? "") : await queries.GetAsync(match.Id.Value, run.Ct);
    }

    private static Command Add(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "The organisation's legal name; unique, ignoring case.", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = "csp (a cloud service provider, the default) or mb (the installation's one Monitoring Body).",
            HelpName = "csp|mb",
        };
        var command = new Command("add", "Registers an organisation. Exit codes: 0 done, 2 invalid input (nothing is changed), 1 failure.")
        {
            name, kind,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var created = await run.Get<CreateOrganisation>().HandleAsync(new CreateOrganisation.Command(run.Value(name), run.Value(kind)), run.Ct);
            if (created.IsError) return await run.FailAsync(created.Error!);
            var org = created.Value;
            await run.Out.WriteLineAsync($"Created organisation {org.Name} ({org.Kind}).");
            await run.Out.WriteLineAsync($"Organisation ID: {org.Id}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var command = new Command("list", "Lists organisations, the Monitoring Body first. Exit codes: 0 done, 2 unmigrated database, 1 failure.");
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var organisations = await run.Get<OrganisationQueries>().ListAsync(run.Ct);
            if (organisations.Count == 0)
            {
                await run.Out.WriteLineAsync("No organisations. Start with 'adhere orgs add --kind mb --name …'.");
                return ExitCodes.Success;
            }

            await TextTable.WriteAsync(run.Out, ["NAME", "KIND", "MEMBERS", "ID", "CREATED"],
                organisations.Select(o => (IReadOnlyList<string>)
                    [o.Name, o.Kind, TextTable.Number(o.MemberCount), o.Id.ToString(), TextTable.Instant(o.CreatedAt)]));
            return ExitCodes.Success;
        });
        return command;
    }
}
