using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>One allowed move: from <paramref name="From"/>, <paramref name="Trigger"/> leads to <paramref name="To"/>; only <paramref name="Roles"/> may fire it.</summary>
public sealed record ComplaintTransition(ComplaintStatus From, ComplaintTrigger Trigger, ComplaintStatus To, IReadOnlyList<Role> Roles);

/// <summary>
/// The state machine of a complaint: which <see cref="ComplaintTrigger"/> may be fired from which
/// <see cref="ComplaintStatus"/>, by which <see cref="Role"/>, and where it leads. Every move not in
/// <see cref="Transitions"/> is refused; there are no self-transitions and no final status (a dismissed or closed case
/// can always be appealed or reopened).
/// </summary>
/// <remarks>
/// <para>Only Monitoring Body staff move a complaint; the complainant and the provider never do.</para>
/// <list type="bullet">
/// <item>Case handlers (MB assessors and decision makers) start the admissibility check, admit a complaint and close a decided one.</item>
/// <item>Decision makers alone dismiss, decide, accept an appeal and reopen: these are decisions that need reasons.</item>
/// <item>MB administrators fire nothing: they manage users and settings, not cases.</item>
/// </list>
/// <para>An appeal and a reopening both lead back to <see cref="ComplaintStatus.Investigation"/>; there is no separate
/// appeal status (ADR 0023). An appeal is the complainant's or provider's challenge of an outcome and is counted
/// (<see cref="Complaint.AppealCount"/>); a reopening is the MB's own initiative, such as on new facts, and is only
/// possible once handling has ended (dismissed or closed), not while a decision awaits closing.</para>
/// </remarks>
public static class ComplaintLifecycle
{
    private static readonly Role[] Handler = [Role.MbAssessor, Role.MbDecisionMaker];
    private static readonly Role[] DecisionMaker = [Role.MbDecisionMaker];

    private static readonly Dictionary<(ComplaintStatus, ComplaintTrigger), ComplaintTransition> Table = new ComplaintTransition[]
    {
        new(ComplaintStatus.Received, ComplaintTrigger.StartAdmissibilityCheck, ComplaintStatus.AdmissibilityCheck, Handler),

        new(ComplaintStatus.AdmissibilityCheck, ComplaintTrigger.Admit, ComplaintStatus.Investigation, Handler),
        new(ComplaintStatus.AdmissibilityCheck, ComplaintTrigger.Dismiss, ComplaintStatus.Dismissed, DecisionMaker),

        new(ComplaintStatus.Investigation, ComplaintTrigger.Dismiss, ComplaintStatus.Dismissed, DecisionMaker),
        new(ComplaintStatus.Investigation, ComplaintTrigger.Decide, ComplaintStatus.Decided, DecisionMaker),

        new(ComplaintStatus.Decided, ComplaintTrigger.Close, ComplaintStatus.Closed, Handler),
        new(ComplaintStatus.Decided, ComplaintTrigger.Appeal, ComplaintStatus.Investigation, DecisionMaker),

        new(ComplaintStatus.Closed, ComplaintTrigger.Appeal, ComplaintStatus.Investigation, DecisionMaker),
        new(ComplaintStatus.Closed, ComplaintTrigger.Reopen, ComplaintStatus.Investigation, DecisionMaker),

        new(ComplaintStatus.Dismissed, ComplaintTrigger.Appeal, ComplaintStatus.Investigation, DecisionMaker),
        new(ComplaintStatus.Dismissed, ComplaintTrigger.Reopen, ComplaintStatus.Investigation, DecisionMaker),
    }.ToDictionary(t => (t.From, t.Trigger));

    /// <summary>Every allowed move, ordered by source status and then by trigger.</summary>
    public static IReadOnlyList<ComplaintTransition> Transitions { get; } =
        [.. Table.Values.OrderBy(t => t.From).ThenBy(t => t.Trigger)];

    /// <summary>
    /// Fires <paramref name="trigger"/> on a complaint in <paramref name="from"/> for a holder of <paramref name="actor"/>
    /// and returns the new status; changes nothing.
    /// </summary>
    /// <returns>
    /// The new status, or <c>complaint.role-not-allowed</c> (<see cref="ForbiddenError"/>) when the role may never fire
    /// the trigger (checked first, so that an outsider learns nothing about the state), <c>complaint.transition-not-allowed</c>
    /// (<see cref="ConflictError"/>) when the trigger does not apply to <paramref name="from"/>, and
    /// <c>complaint.role-not-allowed</c> when this particular move belongs to another role.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An undefined status or trigger: a programmer error.</exception>
    public static Result<ComplaintStatus> Fire(ComplaintStatus from, ComplaintTrigger trigger, Role actor)
    {
        Guard(from);
        Guard(trigger);
        ArgumentNullException.ThrowIfNull(actor);

        var anywhere = RolesFor(trigger);
        if (!anywhere.Contains(actor)) return ComplaintErrors.RoleNotAllowed(actor, trigger, anywhere);
        if (!Table.TryGetValue((from, trigger), out var transition)) return ComplaintErrors.TransitionNotAllowed(from, trigger, AllowedTriggers(from));
        if (!transition.Roles.Contains(actor)) return ComplaintErrors.RoleNotAllowed(actor, trigger, transition.Roles);
        return transition.To;
    }

    /// <summary>The triggers that apply to <paramref name="from"/>, whoever fires them, in enum order.</summary>
    public static IReadOnlyList<ComplaintTrigger> AllowedTriggers(ComplaintStatus from)
    {
        Guard(from);
        return [.. Transitions.Where(t => t.From == from).Select(t => t.Trigger).Order()];
    }

    /// <summary>The triggers a holder of <paramref name="actor"/> may fire from <paramref name="from"/> (the buttons to show).</summary>
    public static IReadOnlyList<ComplaintTrigger> AllowedTriggers(ComplaintStatus from, Role actor)
    {
        Guard(from);
        ArgumentNullException.ThrowIfNull(actor);
        return [.. Transitions.Where(t => t.From == from && t.Roles.Contains(actor)).Select(t => t.Trigger).Order()];
    }

    /// <summary>The roles that may fire <paramref name="trigger"/> from at least one status, in the order of <see cref="Role.All"/>.</summary>
    public static IReadOnlyList<Role> RolesFor(ComplaintTrigger trigger)
    {
        Guard(trigger);
        return [.. Role.All.Where(r => Table.Values.Any(t => t.Trigger == trigger && t.Roles.Contains(r)))];
    }

    /// <summary>True while the MB still owes the complainant an outcome: received, in the admissibility check or under investigation.</summary>
    public static bool IsOpen(ComplaintStatus status)
    {
        Guard(status);
        return status is ComplaintStatus.Received or ComplaintStatus.AdmissibilityCheck or ComplaintStatus.Investigation;
    }

    /// <summary>True for the triggers that need reasons in words: dismissing, deciding, accepting an appeal and reopening.</summary>
    public static bool NeedsReason(ComplaintTrigger trigger)
    {
        Guard(trigger);
        return trigger is ComplaintTrigger.Dismiss or ComplaintTrigger.Decide or ComplaintTrigger.Appeal or ComplaintTrigger.Reopen;
    }

    private static void Guard(ComplaintStatus status)
    {
        if (!Enum.IsDefined(status)) throw new ArgumentOutOfRangeException(nameof(status), status, "Not a complaint status.");
    }

    private static void Guard(ComplaintTrigger trigger)
    {
        if (!Enum.IsDefined(trigger)) throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a complaint trigger.");
    }
}
