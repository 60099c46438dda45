using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Reports.Signing;

namespace Adhere.Cli.Reports;

/// <summary><c>adhere keys create|rotate|list</c>: the Monitoring Body's keys that sign verification report manifests.</summary>
public static class KeyCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var create = new Command("create", "Creates the first signing key (ES256) and signs the reports waiting for one; refused once a key exists. Needs Signing:KeyPassword (Signing__KeyPassword).");
        cli.SetAction(create, DatabaseRequirement.Migrated, CreateAsync);
        var rotate = new Command("rotate", "Creates a new active signing key and retires the current one, which stays published so that what it signed still verifies; signs any reports still waiting.");
        cli.SetAction(rotate, DatabaseRequirement.Migrated, RotateAsync);
        var list = new Command("list", "Lists the signing keys, newest first; all of them are published at /.well-known/adhere-keys.json.");
        cli.SetAction(list, DatabaseRequirement.Migrated, ListAsync);
        return new Command("keys", "Manages the keys that sign verification report manifests.") { create, rotate, list };
    }

    private static async Task<int> CreateAsync(CommandRun run)
    {
        var created = await run.Get<CreateSigningKey>().HandleAsync(run.Ct);
        if (created.IsError) return await run.FailAsync(created.Error!);
        await run.Out.WriteLineAsync($"Created signing key {created.Value.Kid} ({created.Value.Algorithm}); it is active.");
        await ReportCommands.SignWaitingAsync(run);
        return ExitCodes.Success;
    }

    private static async Task<int> RotateAsync(CommandRun run)
    {
        var rotated = await run.Get<RotateSigningKey>().HandleAsync(run.Ct);
        if (rotated.IsError) return await run.FailAsync(rotated.Error!);
        await run.Out.WriteLineAsync($"Rotated: {rotated.Value.Kid} is now the active signing key; the previous key is retired but still published.");
        await ReportCommands.SignWaitingAsync(run);
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CommandRun run)
    {
        var keys = await run.Get<SigningKeyQueries>().ListAsync(run.Ct);
        if (keys.Count == 0)
        {
            await run.Out.WriteLineAsync("No signing keys yet; create one with 'adhere keys create'.");
            return ExitCodes.Success;
        }

        await TextTable.WriteAsync(run.Out, ["KID", "ALGORITHM", "STATUS", "CREATED", "RETIRED"],
            keys.Select(k => (IReadOnlyList<string>)[k.Kid, k.Algorithm, k.Status, TextTable.Instant(k.CreatedAt), k.RetiredAt is { } r ? TextTable.Instant(r) : "-"]));
        return ExitCodes.Success;
    }
}
