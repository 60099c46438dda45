using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Lifecycle;

/// <summary>One allowed move: from <paramref name="From"/>, <paramref name="Trigger"/> leads to <paramref name="To"/>; only <paramref name="Roles"/> may fire it.</summary>
public sealed record LifecycleTransition(DeclarationStatus From, DeclarationTrigger Trigger, DeclarationStatus To, IReadOnlyList<Role> Roles);

/// <summary>
/// The state machine of a declaration: which <see cref="DeclarationTrigger"/> may be fired from which
/// <see cref="DeclarationStatus"/>, by which <see cref="Role"/>, and where it leads. Every move not in
/// <see cref="Transitions"/> is refused; there are no self-transitions.
/// </summary>
/// <remarks>
/// <para>Who does what:</para>
/// <list type="bullet">
/// <item>CSP editors submit and withdraw; CSP viewers fire nothing.</item>
/// <item>MB assessors start, pause (<see cref="DeclarationTrigger.RequestClarification"/>), resume and finish the assessment.</item>
/// <item>MB decision makers verify, reject, send a case back to assessment, mark the predecessor renewed when they verify
/// its renewal, and impose and lift sanctions (suspend, reinstate, revoke). Sanctions are decisions about compliance,
/// so they belong to the people accountable for decisions, not to administrators, who manage users and settings.</item>
/// <item>MB administrators fire the two time-driven moves, <see cref="DeclarationTrigger.MarkRenewalDue"/> and
/// <see cref="DeclarationTrigger.Expire"/>; the scheduled job acts in their name.</item>
/// </list>
/// <para>Edge cases, decided:</para>
/// <list type="bullet">
/// <item>A provider cannot withdraw a <see cref="DeclarationStatus.Suspended"/> declaration: a suspension is a pending
/// sanction that the MB ends by reinstating or revoking, and withdrawing must not pre-empt a revocation.</item>
/// <item><see cref="DeclarationTrigger.Reinstate"/> always leads to <see cref="DeclarationStatus.Verified"/>; if the
/// renewal window has opened meanwhile, the scheduled job marks it renewal-due again.</item>
/// <item>A suspended declaration cannot be renewed (reinstate it first) but still expires when its validity ends.</item>
/// <item><see cref="DeclarationTrigger.Renew"/> is allowed from <see cref="DeclarationStatus.Verified"/> too, for a
/// renewal verified before the window opened.</item>
/// <item>Further clarification questions while <see cref="DeclarationStatus.ClarificationRequested"/> are added without a transition.</item>
/// <item>Four eyes (the decider is not an assessor of the same declaration) concerns people, not roles: the use case
/// checks it with <see cref="CheckFourEyes"/> before firing <see cref="DeclarationTrigger.Verify"/> or <see cref="DeclarationTrigger.Reject"/>.</item>
/// </list>
/// </remarks>
public static class DeclarationLifecycle
{
    private static readonly Role[] Editor = [Role.CspEditor];
    private static readonly Role[] Assessor = [Role.MbAssessor];
    private static readonly Role[] DecisionMaker = [Role.MbDecisionMaker];
    private static readonly Role[] Administrator = [Role.MbAdministrator];

    private static readonly Dictionary<(DeclarationStatus, DeclarationTrigger), LifecycleTransition> Table = Build(
    [
        new(DeclarationStatus.Draft, DeclarationTrigger.Submit, DeclarationStatus.Submitted, Editor),
        new(DeclarationStatus.Draft, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.Submitted, DeclarationTrigger.StartAssessment, DeclarationStatus.UnderAssessment, Assessor),
        new(DeclarationStatus.Submitted, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.UnderAssessment, DeclarationTrigger.RequestClarification, DeclarationStatus.ClarificationRequested, Assessor),
        new(DeclarationStatus.UnderAssessment, DeclarationTrigger.SendToDecision, DeclarationStatus.DecisionPending, Assessor),
        new(DeclarationStatus.UnderAssessment, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.ClarificationRequested, DeclarationTrigger.ResumeAssessment, DeclarationStatus.UnderAssessment, Assessor),
        new(DeclarationStatus.ClarificationRequested, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.DecisionPending, DeclarationTrigger.ResumeAssessment, DeclarationStatus.UnderAssessment, DecisionMaker),
        new(DeclarationStatus.DecisionPending, DeclarationTrigger.Verify, DeclarationStatus.Verified, DecisionMaker),
        new(DeclarationStatus.DecisionPending, DeclarationTrigger.Reject, DeclarationStatus.Rejected, DecisionMaker),
        new(DeclarationStatus.DecisionPending, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.Verified, DeclarationTrigger.MarkRenewalDue, DeclarationStatus.RenewalDue, Administrator),
        new(DeclarationStatus.Verified, DeclarationTrigger.Renew, DeclarationStatus.Renewed, DecisionMaker),
        new(DeclarationStatus.Verified, DeclarationTrigger.Expire, DeclarationStatus.Expired, Administrator),
        new(DeclarationStatus.Verified, DeclarationTrigger.Suspend, DeclarationStatus.Suspended, DecisionMaker),
        new(DeclarationStatus.Verified, DeclarationTrigger.Revoke, DeclarationStatus.Revoked, DecisionMaker),
        new(DeclarationStatus.Verified, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.RenewalDue, DeclarationTrigger.Renew, DeclarationStatus.Renewed, DecisionMaker),
        new(DeclarationStatus.RenewalDue, DeclarationTrigger.Expire, DeclarationStatus.Expired, Administrator),
        new(DeclarationStatus.RenewalDue, DeclarationTrigger.Suspend, DeclarationStatus.Suspended, DecisionMaker),
        new(DeclarationStatus.RenewalDue, DeclarationTrigger.Revoke, DeclarationStatus.Revoked, DecisionMaker),
        new(DeclarationStatus.RenewalDue, DeclarationTrigger.Withdraw, DeclarationStatus.Withdrawn, Editor),

        new(DeclarationStatus.Suspended, DeclarationTrigger.Expire, DeclarationStatus.Expired, Administrator),
        new(DeclarationStatus.Suspended, DeclarationTrigger.Reinstate, DeclarationStatus.Verified, DecisionMaker),
        new(DeclarationStatus.Suspended, DeclarationTrigger.Revoke, DeclarationStatus.Revoked, DecisionMaker),
    ]);

    /// <summary>Every allowed move, ordered by source status and then by trigger.</summary>
    public static IReadOnlyList<LifecycleTransition> Transitions { get; } =
        [.. Table.Values.OrderBy(t => t.From).ThenBy(t => t.Trigger)];

    /// <summary>
    /// Fires <paramref name="trigger"/> on a declaration in status <paramref name="from"/> on behalf of a holder of
    /// <paramref name="actor"/>, and returns the new status. Nothing is changed here; the caller stores the status and
    /// writes the audit event.
    /// </summary>
    /// <returns>
    /// The new status, or: <c>declaration.role-not-allowed</c> (<see cref="ForbiddenError"/>) when the role may never
    /// fire this trigger, checked first so that a caller without the right learns nothing about the state;
    /// <c>declaration.transition-not-allowed</c> (<see cref="ConflictError"/>) when the trigger does not apply to
    /// <paramref name="from"/> (the message names the triggers that do); <c>declaration.role-not-allowed</c> again when the
    /// trigger applies but this particular move belongs to another role (a decision maker resuming a clarification pause).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An undefined status or trigger value: a programmer error.</exception>
    public static Result<DeclarationStatus> Fire(DeclarationStatus from, DeclarationTrigger trigger, Role actor)
    {
        Guard(from);
        Guard(trigger);
        ArgumentNullException.ThrowIfNull(actor);

        var anywhere = RolesFor(trigger);
        if (!anywhere.Contains(actor)) return LifecycleErrors.RoleNotAllowed(actor, trigger, anywhere);

        if (!Table.TryGetValue((from, trigger), out var transition)) return LifecycleErrors.TransitionNotAllowed(from, trigger, AllowedTriggers(from));

        if (!transition.Roles.Contains(actor)) return LifecycleErrors.RoleNotAllowed(actor, trigger, transition.Roles);

        return transition.To;
    }

    /// <summary>The triggers that apply to <paramref name="from"/>, whoever fires them, in enum order. Empty for a final status.</summary>
    public static IReadOnlyList<DeclarationTrigger> AllowedTriggers(DeclarationStatus from)
    {
        Guard(from);
        return [.. Transitions.Where(t => t.From == from).Select(t => t.Trigger)];
    }

    /// <summary>The triggers a holder of <paramref name="actor"/> may fire from <paramref name="from"/> (the buttons to show), in enum order.</summary>
    public static IReadOnlyList<DeclarationTrigger> AllowedTriggers(DeclarationStatus from, Role actor)
    {
        Guard(from);
        ArgumentNullException.ThrowIfNull(actor);
        return [.. Transitions.Where(t => t.From == from && t.Roles.Contains(actor)).Select(t => t.Trigger)];
    }

    /// <summary>The roles that may fire <paramref name="trigger"/> from at least one status, in the order of <see cref="Role.All"/>.</summary>
    public static IReadOnlyList<Role> RolesFor(DeclarationTrigger trigger)
    {
        Guard(trigger);
        return [.. Role.All.Where(r => Table.Values.Any(t => t.Trigger == trigger && t.Roles.Contains(r)))];
    }

    /// <summary>
    /// True for the statuses nothing leads out of: <see cref="DeclarationStatus.Rejected"/>, <see cref="DeclarationStatus.Renewed"/>,
    /// <see cref="DeclarationStatus.Expired"/>, <see cref="DeclarationStatus.Revoked"/> and <see cref="DeclarationStatus.Withdrawn"/>.
    /// </summary>
    public static bool IsFinal(DeclarationStatus status)
    {
        Guard(status);
        return !Table.Keys.Any(k => k.Item1 == status);
    }

    /// <summary>
    /// True while a declaration holds its services (every non-final status, drafts and suspended ones included); see
    /// <see cref="ServiceExclusivity"/>.
    /// </summary>
    public static bool IsOpen(DeclarationStatus status) => !IsFinal(status);

    /// <summary>True only for <see cref="DeclarationStatus.Draft"/>: the provider may change services, answers, certificates and documents.</summary>
    public static bool IsEditableByProvider(DeclarationStatus status)
    {
        Guard(status);
        return status == DeclarationStatus.Draft;
    }

    /// <summary>
    /// True only for <see cref="DeclarationStatus.ClarificationRequested"/>: the provider may reply to the MB's open
    /// clarification requests (and attach what they ask for), but not edit anything else.
    /// </summary>
    public static bool CanAnswerClarifications(DeclarationStatus status)
    {
        Guard(status);
        return status == DeclarationStatus.ClarificationRequested;
    }

    /// <summary>Guard for provider edits: success in <see cref="DeclarationStatus.Draft"/>, otherwise <c>declaration.not-editable</c>.</summary>
    public static Result<Done> EnsureEditableByProvider(DeclarationStatus status) =>
        IsEditableByProvider(status) ? Done.Value : LifecycleErrors.NotEditable(status);

    /// <summary>Guard for clarification replies: success in <see cref="DeclarationStatus.ClarificationRequested"/>, otherwise <c>declaration.no-open-clarification</c>.</summary>
    public static Result<Done> EnsureCanAnswerClarifications(DeclarationStatus status) =>
        CanAnswerClarifications(status) ? Done.Value : LifecycleErrors.NoOpenClarification(status);

    /// <summary>
    /// How the public register shows a declaration: <see cref="DeclarationStatus.Verified"/> and
    /// <see cref="DeclarationStatus.RenewalDue"/> (still within its validity) as adherent;
    /// <see cref="DeclarationStatus.Suspended"/> listed but marked suspended, so that customers relying on the mark see it;
    /// everything else not at all. <see cref="DeclarationStatus.Renewed"/> is not listed because its verified renewal,
    /// which keeps the same Verification-ID, carries the entry; looking up an old or ended ID is the register's concern.
    /// </summary>
    public static RegisterListing Listing(DeclarationStatus status)
    {
        Guard(status);
        return status switch
        {
            DeclarationStatus.Verified or DeclarationStatus.RenewalDue => RegisterListing.Adherent,
            DeclarationStatus.Suspended => RegisterListing.Suspended,
            _ => RegisterListing.NotListed,
        };
    }

    /// <summary>True when the declaration appears in the public register, as adherent or as suspended (see <see cref="Listing"/>).</summary>
    public static bool IsListed(DeclarationStatus status) => Listing(status) != RegisterListing.NotListed;

    /// <summary>
    /// Four eyes: the person who decides (verifies or rejects) must not have assessed the same declaration.
    /// Returns <c>declaration.four-eyes</c> (<see cref="ForbiddenError"/>) when <paramref name="decidedBy"/> is among
    /// <paramref name="assessors"/>.
    /// </summary>
    public static Result<Done> CheckFourEyes(UserId decidedBy, IEnumerable<UserId> assessors)
    {
        ArgumentNullException.ThrowIfNull(assessors);
        return assessors.Contains(decidedBy) ? LifecycleErrors.FourEyes() : Done.Value;
    }

    private static Dictionary<(DeclarationStatus, DeclarationTrigger), LifecycleTransition> Build(LifecycleTransition[] rows) =>
        rows.ToDictionary(r => (r.From, r.Trigger));

    private static void Guard(DeclarationStatus status)
    {
        if (!Enum.IsDefined(status)) throw new ArgumentOutOfRangeException(nameof(status), status, "Not a declaration status.");
    }

    private static void Guard(DeclarationTrigger trigger)
    {
        if (!Enum.IsDefined(trigger)) throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a declaration trigger.");
    }
}
