using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Audit;

namespace Adhere.Cli.Audit;

/// <summary><c>adhere audit verify</c>.</summary>
public static class AuditCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var verify = new Command("verify",
            "Recomputes the hash chain of the whole audit trail. Exit codes: 0 intact, 3 broken (an entry was altered, " +
            "deleted, inserted or reordered), 2 unmigrated database, 1 failure.");
        cli.SetAction(verify, DatabaseRequirement.Migrated, VerifyAsync);
        return new Command("audit", "Checks the tamper-evident audit trail.") { verify };
    }

    private static async Task<int> VerifyAsync(CommandRun run)
    {
        var result = await run.Get<VerifyAuditChain>().HandleAsync(run.Ct);
        if (!result.IsIntact)
        {
            await run.Out.WriteLineAsync($"Audit chain BROKEN at entry #{TextTable.Number(result.BrokenAtSequence ?? 0)}: {result.Reason}");
            await run.Out.WriteLineAsync($"Entries verified before the break: {TextTable.Number(result.VerifiedCount)}");
            return ExitCodes.AuditChainBroken;
        }

        await run.Out.WriteLineAsync($"Audit chain intact: {TextTable.Number(result.VerifiedCount)} entries verified.");
        await run.Out.WriteLineAsync($"Head hash: {result.HeadHash}");
        return ExitCodes.Success;
    }
}
