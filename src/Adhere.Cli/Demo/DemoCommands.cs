using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Cli.Persistence;
using Adhere.Core.Demo;
using Adhere.Core.Persistence;

namespace Adhere.Cli.Demo;

/// <summary><c>adhere demo seed</c>.</summary>
public static class DemoCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var seed = new Command("seed",
            "Migrates the database if needed and fills it with a demo installation: the Monitoring Body, two providers and " +
            "seven users with random passwords, printed once. Refused when a Monitoring Body exists. " +
            "Exit codes: 0 seeded, 2 refused (nothing is changed), 1 failure.");
        cli.SetAction(seed, DatabaseRequirement.Any, SeedAsync);
        return new Command("demo", "Demo data for trying Adhere out.") { seed };
    }

    private static async Task<int> SeedAsync(CommandRun run)
    {
        if ((await run.Get<DatabaseMigrator>().PendingAsync(run.Ct)).Count > 0)
        {
            await DatabaseCommands.MigrateAsync(run);
        }

        var seeded = await run.Get<DemoSeeder>().SeedAsync(null, run.Ct);
        if (seeded.IsError) return await run.FailAsync(seeded.Error!);

        await run.Out.WriteLineAsync("Seeded the demo installation. These passwords are shown once and stored only as hashes:");
        await TextTable.WriteAsync(run.Out, ["EMAIL", "ROLE", "ORGANISATION", "PASSWORD"],
            seeded.Value.Select(u => (IReadOnlyList<string>)[u.Email, u.Role, u.Organisation, u.Password]));
        return ExitCodes.Success;
    }
}
