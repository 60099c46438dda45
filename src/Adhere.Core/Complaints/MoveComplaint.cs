using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// Moves a complaint one step through its lifecycle for a member of MB staff, and records the step in the audit trail
/// (<c>complaint.&lt;trigger&gt;</c>, with the status change and the reasons) in the same save. The lifecycle decides
/// who may do what; the case-handling pages and API call this. Providers never find a complaint here: the query
/// filter hides complaints from everyone but MB staff and the system, so they get <c>complaint.not-found</c>. Staff
/// with a conflict of interest towards the provider concerned get <c>complaint.conflict-of-interest</c> (<see cref="ComplaintAccess"/>).
/// </summary>
public sealed class MoveComplaint(AdhereDb db, ComplaintAccess access, TimeProvider time)
{
    /// <param name="Reasons">Required for dismiss, decide, appeal and reopen.</param>
    public sealed record Command(string Reference, ComplaintTrigger Trigger, string? Reasons = null, DismissalReason? Dismissal = null,
        ComplaintFinding? Finding = null);

    public async Task<Result<ComplaintStatus>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var reference = ComplaintReference.Parse(command.Reference);
        var text = reference.IsError ? null : reference.Value.ToString();
        var complaint = text is null ? null : await db.Complaints.FirstOrDefaultAsync(c => c.Reference == text, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(command.Reference);
        if (await access.ConflictAsync(complaint, ct) is { } conflicted) return conflicted;

        // Dismissing for lack of cooperation needs a complainant question that lapsed; the domain checks the questions.
        var questions = command.Dismissal == DismissalReason.LackOfCooperation
            ? await db.ComplaintQuestions.AsNoTracking().Where(q => q.ComplaintId == complaint.Id).ToListAsync(ct)
            : [];
        var actor = ActorFor(command.Trigger);
        var from = complaint.Status;
        var now = time.GetUtcNow();
        var moved = command.Trigger switch
        {
            ComplaintTrigger.StartAdmissibilityCheck => complaint.StartAdmissibilityCheck(actor, now),
            ComplaintTrigger.Admit => complaint.Admit(actor, now),
            ComplaintTrigger.Dismiss => command.Dismissal is { } reason ? complaint.Dismiss(actor, reason, command.Reasons, now, questions) : ComplaintErrors.DismissalReasonInvalid(),
            ComplaintTrigger.Decide => command.Finding is { } finding ? complaint.Decide(actor, finding, command.Reasons, now) : ComplaintErrors.FindingInvalid(),
            ComplaintTrigger.Close => complaint.Close(actor, now),
            ComplaintTrigger.Appeal => complaint.Appeal(actor, command.Reasons, now),
            ComplaintTrigger.Reopen => complaint.Reopen(actor, command.Reasons, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Trigger, "Not a complaint trigger."),
        };
        if (moved.IsError) return moved.Error!;

        var changes = new AuditChanges().Set("status", from.ToString(), complaint.Status.ToString());
        if (command.Reasons is { } reasons && ComplaintLifecycle.NeedsReason(command.Trigger)) changes.Added("reasons", reasons.Trim());
        if (command.Trigger == ComplaintTrigger.Dismiss) changes.Added("dismissalReason", complaint.DismissalReason?.ToString());
        if (command.Trigger == ComplaintTrigger.Decide) changes.Added("finding", complaint.Finding?.ToString());
        db.Record("complaint." + AuditName(command.Trigger), "complaint", complaint.Id.ToString(), null, changes);
        await db.SaveChangesAsync(ct);
        return complaint.Status;
    }

    /// <summary>The audit action's last part, such as <c>start-admissibility-check</c>.</summary>
    public static string AuditName(ComplaintTrigger trigger) => trigger switch
    {
        ComplaintTrigger.StartAdmissibilityCheck => "start-admissibility-check",
        _ => trigger.ToString().ToLowerInvariant(),
    };

    // Of the caller's roles, the one allowed to fire the trigger, so that a holder of several roles is not refused; the
    // system acts as a decision maker (seeding, CLI). A caller without a fitting role gets the lifecycle's refusal.
    private Role ActorFor(ComplaintTrigger trigger)
    {
        if (db.Caller.UserId is null && db.Caller.SeesAllOrganisations) return Role.MbDecisionMaker;
        var held = Role.All.Where(db.Caller.IsInRole).ToList();
        return held.FirstOrDefault(r => ComplaintLifecycle.RolesFor(trigger).Contains(r)) ?? held.FirstOrDefault() ?? Role.CspViewer;
    }
}
