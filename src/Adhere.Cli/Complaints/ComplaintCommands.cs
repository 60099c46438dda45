using System.CommandLine;
using System.Globalization;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Complaints;
using Adhere.Domain.Complaints;

namespace Adhere.Cli.Complaints;

/// <summary>
/// <c>adhere complaint list|show|step|summary</c>: the MB's complaint handling for scripts and for a host without the web
/// console. A step needs <c>--as EMAIL</c>, and that person's role decides, as on the web.
/// </summary>
public static class ComplaintCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("complaint", "Lists and shows complaints, moves a case one step, and prints the yearly summary for the supervisory authority.")
        {
            List(cli),
            Show(cli),
            Step(cli),
            Summary(cli),
        };
    }

    private static Command List(CliContext cli)
    {
        var status = new Option<string?>("--status") { Description = "open (default), all, or a status: received, admissibility-check, investigation, dismissed, decided, closed." };
        var overdue = new Option<bool>("--overdue") { Description = "Only complaints whose acknowledgement or decision is overdue." };
        var command = new Command("list", "Lists complaints, the longest waiting first, with their targets; overdue ones are marked. Exit codes: 0 listed, 2 refused, 1 failure.")
        {
            status, overdue,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var wanted = run.Value(status)?.Trim() ?? "open";
            var found = await run.Get<ComplaintQueries>().ListAsync(new(wanted, run.Value(overdue)), run.Ct);
            if (found.IsError) return await run.FailAsync(found.Error!);
            if (found.Value.Count == 0)
            {
                await run.Out.WriteLineAsync("No complaint matches.");
                return ExitCodes.Success;
            }

            await TextTable.WriteAsync(run.Out, ["Reference", "Status", "About", "Received", "Acknowledge by", "Decide by"],
                found.Value.Select(c => (IReadOnlyList<string>)
                [
                    c.Reference, c.Status, c.VerificationId is null ? c.Company : $"{c.Company} ({c.VerificationId})", TextTable.Instant(c.ReceivedAt),
                    Day(c.AcknowledgeBy) + (c.AcknowledgementOverdue ? " overdue" : string.Empty), Day(c.DecideBy) + (c.DecisionOverdue ? " overdue" : string.Empty),
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var reference = new Argument<string>("reference") { Description = "The complaint's reference, such as C-2026-000123." };
        var command = new Command("show", "Shows a complaint: status, targets, the conduct complained of, who complained, attachments and history. Exit codes: 0 shown, 2 not found, 1 failure.")
        {
            reference,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var found = await run.Get<ComplaintQueries>().CaseAsync(run.Value(reference), run.Ct);
            if (found.IsError) return await run.FailAsync(found.Error!);
            var c = found.Value;
            var s = c.Summary;
            var o = run.Out;
            await o.WriteLineAsync($"Complaint {s.Reference} about {s.Company}{(s.Service is null ? "" : $", {s.Service}")}{(s.VerificationId is null ? "" : $" ({s.VerificationId})")}");
            await o.WriteLineAsync($"Status: {s.Status} since {TextTable.Instant(s.LastChangedAt)}; received {TextTable.Instant(s.ReceivedAt)}");
            await o.WriteLineAsync($"Acknowledge by {Day(s.AcknowledgeBy)}{(s.AcknowledgementOverdue ? " (overdue)" : "")}; decide by {Day(s.DecideBy)}{(s.DecisionOverdue ? " (overdue)" : "")}");
            if (c.Complainant is { } who)
            {
                await o.WriteLineAsync(who.Email is null
                    ? $"Complainant: anonymous ({who.Role})"
                    : $"Complainant: {who.Name ?? "(no name)"} <{who.Email}> ({who.Role}); the provider {(who.MayRevealToProvider ? "may" : "may not")} be told");
            }

            if (c.DismissalReason is not null) await o.WriteLineAsync($"Dismissed: {c.DismissalReason}");
            if (c.Finding is not null) await o.WriteLineAsync($"Finding: {c.Finding}");
            await o.WriteLineAsync("Conduct:");
            foreach (var line in c.Conduct.Split('\n')) await o.WriteLineAsync("  " + line.TrimEnd('\r'));
            if (c.Attachments.Count > 0)
            {
                await o.WriteLineAsync("Attachments:");
                await TextTable.WriteAsync(o, ["File", "Type", "Bytes", "SHA-256"],
                    c.Attachments.Select(a => (IReadOnlyList<string>)[a.FileName, a.ContentType, TextTable.Number(a.Length), a.Sha256]));
            }

            await o.WriteLineAsync("History:");
            await TextTable.WriteAsync(o, ["When", "Step", "By", "Reasons"],
                c.History.Select(h => (IReadOnlyList<string>)[TextTable.Instant(h.At), h.Action, h.Actor, h.Reasons ?? string.Empty]));
            if (c.AllowedSteps.Count > 0) await o.WriteLineAsync($"Next steps: {string.Join(", ", c.AllowedSteps)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Step(CliContext cli)
    {
        var reference = new Argument<string>("reference") { Description = "The complaint's reference." };
        var trigger = new Argument<string>("step") { Description = "start-admissibility-check, admit, dismiss, decide, close, appeal or reopen." };
        var asUser = Assessments.AssessmentCommands.AsOption("member of MB staff");
        var reasons = new Option<string?>("--reasons") { Description = "Required to dismiss, decide, accept an appeal and reopen." };
        var ground = new Option<string?>("--ground") { Description = "To dismiss: outside-scope, not-about-adherent-service, abusive-or-manifestly-unfounded or lack-of-cooperation." };
        var finding = new Option<string?>("--finding") { Description = "To decide: founded or unfounded." };
        var command = new Command("step", "Moves a complaint one step and prints its new status. Exit codes: 0 moved, 2 refused (the reason is printed), 1 failure.")
        {
            reference, trigger, asUser, reasons, ground, finding,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            if (ComplaintQueries.ParseName<ComplaintTrigger>(run.Value(trigger)) is not { } step) return await run.FailAsync(ComplaintCaseErrors.TriggerInvalid(run.Value(trigger)));
            var dismissal = ComplaintQueries.ParseName<DismissalReason>(run.Value(ground));
            if (run.Value(ground) is not null && dismissal is null) return await run.FailAsync(ComplaintErrors.DismissalReasonInvalid());
            var outcome = ComplaintQueries.ParseName<ComplaintFinding>(run.Value(finding));
            if (run.Value(finding) is not null && outcome is null) return await run.FailAsync(ComplaintErrors.FindingInvalid());
            var acting = await run.ActAsAsync(run.Value(asUser));
            if (acting.IsError) return await run.FailAsync(acting.Error!);

            var moved = await run.Get<MoveComplaint>().HandleAsync(new(run.Value(reference)!, step, run.Value(reasons), dismissal, outcome), run.Ct);
            if (moved.IsError) return await run.FailAsync(moved.Error!);
            await run.Out.WriteLineAsync($"{ComplaintReference.Parse(run.Value(reference)).Value}: {ComplaintStatusLookup.StatusName(moved.Value)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Summary(CliContext cli)
    {
        var year = new Argument<string>("year") { Description = "The calendar year, such as 2026." };
        var csv = new Option<bool>("--csv") { Description = "Prints the CSV for the supervisory authority (year,figure,key,value) instead of the text." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Writes the CSV to this file instead of standard output (implies --csv)." };
        var command = new Command("summary",
            "Prints the yearly summary of complaints: received, admissible, dismissed, founded, measures by kind, median handling times. " +
            "Exit codes: 0 printed, 2 refused, 1 failure.")
        {
            year, csv, output,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var found = await run.Get<ComplaintYearSummary>().HandleAsync(run.Value(year), run.Ct);
            if (found.IsError) return await run.FailAsync(found.Error!);
            var f = found.Value;
            if (run.Value(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, ComplaintYearSummary.ToCsv(f), run.Ct);
                await run.Out.WriteLineAsync($"Wrote the {f.Year} summary to {file.FullName}.");
                return ExitCodes.Success;
            }

            if (run.Value(csv))
            {
                await run.Out.WriteAsync(ComplaintYearSummary.ToCsv(f));
                return ExitCodes.Success;
            }

            var o = run.Out;
            await o.WriteLineAsync($"Complaints received in {f.Year} (outcomes as of {TextTable.Instant(f.AsOf)}):");
            await TextTable.WriteAsync(o, ["Figure", "Value"],
            [
                ["Received", TextTable.Number(f.Received)], ["Admissible", TextTable.Number(f.Admissible)], ["Dismissed", TextTable.Number(f.Dismissed)],
                ["Founded", TextTable.Number(f.Founded)], ["Unfounded", TextTable.Number(f.Unfounded)], ["Still open", TextTable.Number(f.StillOpen)],
                ["Appeals accepted", TextTable.Number(f.Appeals)], ["Median days to acknowledge", Days(f.MedianDaysToAcknowledge)],
                ["Median days to an outcome", Days(f.MedianDaysToOutcome)], ["Acknowledged late", TextTable.Number(f.AcknowledgedLate)],
                ["Outcome late", TextTable.Number(f.OutcomeLate)],
            ]);
            await o.WriteLineAsync($"Measures imposed in {f.Year}: " +
                (f.MeasuresByKind.Count == 0 ? "none" : string.Join(", ", f.MeasuresByKind.Select(m => $"{m.Name} {m.Count}"))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(double? days) => days?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";
}
