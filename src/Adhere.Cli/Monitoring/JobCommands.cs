using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Monitoring;

namespace Adhere.Cli.Monitoring;

/// <summary><c>adhere jobs run [--force]</c>: the monitoring job, for cron or for a host that runs no web server.</summary>
public static class JobCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var force = new Option<bool>("--force") { Description = "Runs even if the job already ran within the last hour (on this or another instance)." };
        var run = new Command("run",
            "Sends due renewal reminders, certificate warnings and clarification reminders and overdue notices, opens renewal windows and expires lapsed verifications. " +
            "Runs at most once an hour across all instances unless --force is given; e-mails go to the outbox, which the web host sends.")
        {
            force,
        };
        cli.SetAction(run, DatabaseRequirement.Migrated, r => RunAsync(r, force));
        return new Command("jobs", "Runs the scheduled jobs by hand.") { run };
    }

    private static async Task<int> RunAsync(CommandRun run, Option<bool> force)
    {
        var report = await run.Get<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), run.Value(force), run.Ct);
        if (!report.Ran)
        {
            await run.Out.WriteLineAsync("The monitoring job ran within the last hour; nothing done (use --force to run anyway).");
            return ExitCodes.Success;
        }

        await run.Out.WriteLineAsync($"Renewal reminders: {TextTable.Number(report.Reminders)}");
        await run.Out.WriteLineAsync($"Renewal windows opened: {TextTable.Number(report.MarkedRenewalDue)}");
        await run.Out.WriteLineAsync($"Verifications expired: {TextTable.Number(report.Expired)}");
        await run.Out.WriteLineAsync($"Certificate warnings: {TextTable.Number(report.CertificateWarnings)}");
        await run.Out.WriteLineAsync($"Clarification reminders: {TextTable.Number(report.ClarificationReminders)}");
        await run.Out.WriteLineAsync($"Clarifications overdue: {TextTable.Number(report.ClarificationsOverdue)}");
        await run.Out.WriteLineAsync($"Waiting reports signed: {TextTable.Number(report.ReportsSigned)}");
        await run.Out.WriteLineAsync($"Complaint reminders: {TextTable.Number(report.Complaints.Total)}");
        return ExitCodes.Success;
    }
}
