using System.CommandLine;
using System.Globalization;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Assessments;
using Adhere.Core.Assessments.Selection;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Common;

namespace Adhere.Cli.Assessments;

/// <summary>
/// <c>adhere assessment start|select|decide|show</c>: the common assessment steps for scripts. Steps that need a person
/// take <c>--as EMAIL</c>, and that user's role decides, as on the web (an assessor starts and selects, a decision maker decides).
/// </summary>
public static class AssessmentCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("assessment", "Starts, samples, decides and shows assessments of declarations (every other step is in the console and the API).")
        {
            Start(cli),
            Select(cli),
            Decide(cli),
            Show(cli),
        };
    }

    internal static Option<string> AsOption(string who) => new("--as")
    {
        Description = $"The e-mail of the {who} taking the step.",
        HelpName = "email",
        Required = true,
    };

    private static Command Start(CliContext cli)
    {
        var declaration = new Argument<Guid>("declaration") { Description = "The declaration's ID." };
        var asUser = AsOption("assessor");
        var kind = new Option<string?>("--kind") { Description = "initial, recurring or ad-hoc (default: after the declaration: initial, or recurring for a renewal)." };
        var reason = new Option<string?>("--reason") { Description = "For ad-hoc assessments: complaint, significant-change, media-reports, new-guidance or other." };
        var command = new Command("start",
            "Opens the assessment of a submitted declaration (or an ad-hoc one of a listed declaration) and prints its ID. " +
            "Exit codes: 0 opened, 2 refused (the reason is printed), 1 failure.")
        {
            declaration, asUser, kind, reason,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var acting = await run.ActAsAsync(run.Value(asUser));
            if (acting.IsError) return await run.FailAsync(acting.Error!);
            var opened = await run.Get<OpenAssessment>().HandleAsync(new(run.Value(declaration), run.Value(kind), run.Value(reason)), run.Ct);
            if (opened.IsError) return await ReportAsync(run, opened.Error!);
            await run.Out.WriteLineAsync(opened.Value.Id.ToString());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Select(CliContext cli)
    {
        var assessment = new Argument<Guid>("assessment") { Description = "The assessment's ID." };
        var asUser = AsOption("assessor");
        var seed = new Option<long?>("--seed") { Description = "Draws (or redraws) the selection with this seed; without it, a first selection gets a random seed that is recorded." };
        var topics = new Option<string[]>("--topic") { Description = "For ad-hoc assessments: a topic of the occasion (repeatable), added to the MB's attention list.", AllowMultipleArgumentsPerToken = false };
        var add = new Option<string[]>("--add") { Description = "Adds a control by hand: KEY=reason (repeatable).", HelpName = "key=reason" };
        var remove = new Option<string[]>("--remove") { Description = "Removes a control: KEY=reason (repeatable); refused where a rule needs the control.", HelpName = "key=reason" };
        var freeze = new Option<bool>("--freeze") { Description = "Freezes the selection after the changes; no change is possible afterwards." };
        var command = new Command("select",
            "Draws the controls for in-depth examination (reproducible from the seed, each with its reason), applies additions and removals, " +
            "optionally freezes, and prints the selection. Without options it draws a first selection or shows the current one. " +
            "Each step is saved as it succeeds; the first refused step stops the command. Exit codes: 0 done, 2 refused, 1 failure.")
        {
            assessment, asUser, seed, topics, add, remove, freeze,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var acting = await run.ActAsAsync(run.Value(asUser));
            if (acting.IsError) return await run.FailAsync(acting.Error!);
            var id = run.Value(assessment);
            var changes = new List<(AdjustmentKind Kind, string Text)>();
            changes.AddRange((run.Value(add) ?? []).Select(a => (AdjustmentKind.Added, a)));
            changes.AddRange((run.Value(remove) ?? []).Select(r => (AdjustmentKind.Removed, r)));
            var parsed = new List<(AdjustmentKind Kind, string Key, string Reason)>();
            foreach (var (kind, text) in changes)
            {
                var cut = text.IndexOf('=', StringComparison.Ordinal);
                if (cut <= 0) return await run.FailAsync(new InvalidError("cli.adjustment-invalid", $"'{text}' is not KEY=reason."));
                parsed.Add((kind, text[..cut].Trim(), text[(cut + 1)..]));
            }

            var queries = run.Get<SelectionQueries>();
            var current = await queries.GetAsync(id, run.Ct);
            if (run.Value(seed) is not null || current.IsError || (run.Value(topics) ?? []).Length > 0)
            {
                var drawn = await run.Get<SelectControls>().HandleAsync(new(id, run.Value(seed), run.Value(topics)), run.Ct);
                if (drawn.IsError) return await ReportAsync(run, drawn.Error!);
            }

            foreach (var (kind, key, reason) in parsed)
            {
                var adjusted = await run.Get<AdjustSelection>().HandleAsync(new(id, kind, key, reason), run.Ct);
                if (adjusted.IsError) return await ReportAsync(run, adjusted.Error!);
            }

            if (run.Value(freeze))
            {
                var frozen = await run.Get<FreezeSelection>().HandleAsync(id, run.Ct);
                if (frozen.IsError) return await ReportAsync(run, frozen.Error!);
            }

            var selection = await queries.GetAsync(id, run.Ct);
            if (selection.IsError) return await run.FailAsync(selection.Error!);
            await run.Out.WriteLineAsync(selection.Value.Summary);
            await TextTable.WriteAsync(run.Out, ["Control", "Reason", "Why"],
                selection.Value.Controls.Select(c => (IReadOnlyList<string>)[c.ControlKey, c.Reason, c.Explanation]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decide(CliContext cli)
    {
        var assessment = new Argument<Guid>("assessment") { Description = "The assessment's ID." };
        var asUser = AsOption("decision maker");
        var approve = new Option<bool>("--approve") { Description = "Approve: the declaration is verified for a year under its Verification-ID." };
        var reject = new Option<bool>("--reject") { Description = "Reject (give --reason)." };
        var level = new Option<int?>("--level") { Description = "The level to grant, 1–3 (default: the proposed level; another level needs --rationale)." };
        var rationale = new Option<string?>("--rationale") { Description = "Why another level than proposed is granted." };
        var reason = new Option<string?>("--reason") { Description = "Why the declaration is rejected." };
        var command = new Command("decide",
            "Approves or rejects an assessment that waits for a decision and prints the Verification-ID on approval. " +
            "Exit codes: 0 decided, 2 refused (every missing piece is printed), 1 failure.")
        {
            assessment, asUser, approve, reject, level, rationale, reason,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            if (run.Value(approve) == run.Value(reject))
            {
                return await run.FailAsync(new InvalidError("cli.decision-required", "Give exactly one of --approve and --reject."));
            }

            var acting = await run.ActAsAsync(run.Value(asUser));
            if (acting.IsError) return await run.FailAsync(acting.Error!);
            var id = run.Value(assessment);
            var decided = run.Value(approve)
                ? await run.Get<ApproveAssessment>().HandleAsync(new(id, run.Value(level), run.Value(rationale)), run.Ct)
                : await run.Get<RejectAssessment>().HandleAsync(new(id, run.Value(reason)), run.Ct);
            if (decided.IsError) return await ReportAsync(run, decided.Error!);
            var summary = decided.Value;
            await run.Out.WriteLineAsync(summary.Decision?.GrantedLevel is { } granted
                ? $"Approved at Level {granted}: {summary.VerificationId}, valid until {Day(summary.Decision.ValidUntil)}."
                : $"Rejected: {summary.Decision?.RejectionReason}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var assessment = new Argument<Guid>("assessment") { Description = "The assessment's ID." };
        var command = new Command("show", "Shows an assessment: phase, open checklist items, clarifications with deadlines, findings and the decision.")
        {
            assessment,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var found = await run.Get<AssessmentQueries>().GetAsync(run.Value(assessment), run.Ct);
            if (found.IsError) return await run.FailAsync(found.Error!);
            var a = found.Value;
            var o = run.Out;
            await o.WriteLineAsync($"Assessment {a.Id} ({a.Kind}{(a.AdHocReason is null ? "" : ", " + a.AdHocReason)}) of {a.OrganisationName}: {a.DeclarationTitle}");
            await o.WriteLineAsync($"Phase: {a.Phase} (declaration {a.DeclarationStatus}) since {a.PhaseChangedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
            await o.WriteLineAsync($"Proposed level: {a.ProposedLevel.Level}. {a.ProposedLevel.Explanation}");
            if (a.OpenChecklistItems.Count > 0)
            {
                await o.WriteLineAsync("Fact finding still open:");
                foreach (var item in a.OpenChecklistItems) await o.WriteLineAsync($"  - {item.Message}");
            }

            if (a.Clarifications.Count > 0)
            {
                await o.WriteLineAsync("Clarifications:");
                var rows = a.Clarifications.Select(c => (IReadOnlyList<string>)[c.ControlKey ?? c.Topic ?? "", c.State + (c.Overdue ? " (overdue)" : ""), Day(c.DueOn), c.Deadline]).ToList();
                await TextTable.WriteAsync(o, ["Subject", "State", "Due", "Deadline"], rows);
                await o.WriteLineAsync(a.Deadlines.EveryDeadlineMet switch
                {
                    true => "Every deadline was met.",
                    false => $"{a.Deadlines.Missed} deadline(s) missed.",
                    _ => $"{a.Deadlines.Pending} question(s) still pending.",
                });
            }

            if (a.ControlFindings.Count > 0)
            {
                await o.WriteLineAsync("Findings:");
                var rows = a.ControlFindings.Select(f => (IReadOnlyList<string>)[f.ControlKey, f.Result.ToString(), f.Notes ?? ""]).ToList();
                await TextTable.WriteAsync(o, ["Control", "Result", "Notes"], rows);
            }

            if (a.Decision is { } d)
            {
                await o.WriteLineAsync(d.GrantedLevel is { } granted
                    ? $"Decision: approved on {Day(d.DecidedOn)} at Level {granted} (proposed {d.ProposedLevel}), valid until {Day(d.ValidUntil)}; Verification-ID {a.VerificationId}."
                    : $"Decision: rejected on {Day(d.DecidedOn)}: {d.RejectionReason}");
            }

            if (a.AllowedActions.Count > 0) await o.WriteLineAsync($"Next steps: {string.Join(", ", a.AllowedActions)}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Prints every problem of a list error, then the error itself.</summary>
    internal static async Task<int> ReportAsync(CommandRun run, Error error)
    {
        if (error is ProblemListError list)
        {
            foreach (var problem in list.Problems) await run.Error.WriteLineAsync($"  - {problem.Message} ({problem.Code})");
        }

        return await run.FailAsync(error);
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
