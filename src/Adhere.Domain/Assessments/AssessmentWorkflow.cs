using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Assessments;

/// <summary>
/// One allowed move of an assessment: from <paramref name="From"/>, <paramref name="Action"/> leads to
/// <paramref name="To"/>; only <paramref name="Roles"/> may take it. <paramref name="Trigger"/> is what the move fires on
/// the declaration for <see cref="AssessmentKind.Initial"/> and <see cref="AssessmentKind.Recurring"/> assessments
/// (null: the declaration's status does not change); <see cref="AssessmentKind.AdHoc"/> assessments fire nothing.
/// </summary>
public sealed record PhaseTransition(AssessmentPhase From, AssessmentAction Action, AssessmentPhase To, IReadOnlyList<Role> Roles, DeclarationTrigger? Trigger)
{
    /// <summary>The trigger this move fires on the declaration for an assessment of <paramref name="kind"/>, or null.</summary>
    public DeclarationTrigger? TriggerFor(AssessmentKind kind) => kind == AssessmentKind.AdHoc ? null : Trigger;
}

/// <summary>
/// The phases of an assessment and the moves between them. The assessment adds its own phases inside the declaration's
/// <see cref="DeclarationStatus.UnderAssessment"/> and drives the declaration through <see cref="DeclarationLifecycle"/>
/// where its status changes; this class does not repeat the declaration's rules.
/// </summary>
/// <remarks>
/// <para>Phase → declaration status, for initial and recurring assessments:</para>
/// <list type="table">
/// <item><term>(opening)</term><description><see cref="DeclarationStatus.Submitted"/> → <see cref="DeclarationStatus.UnderAssessment"/> (<see cref="DeclarationTrigger.StartAssessment"/>).</description></item>
/// <item><term><see cref="AssessmentPhase.FactFinding"/>, <see cref="AssessmentPhase.InDepthReview"/></term><description><see cref="DeclarationStatus.UnderAssessment"/>; moving from one to the other changes nothing on the declaration.</description></item>
/// <item><term><see cref="AssessmentPhase.FactFindingAwaitingClarification"/>, <see cref="AssessmentPhase.InDepthReviewAwaitingClarification"/></term><description><see cref="DeclarationStatus.ClarificationRequested"/> (<see cref="DeclarationTrigger.RequestClarification"/>, back with <see cref="DeclarationTrigger.ResumeAssessment"/>).</description></item>
/// <item><term><see cref="AssessmentPhase.DecisionPending"/></term><description><see cref="DeclarationStatus.DecisionPending"/> (<see cref="DeclarationTrigger.SendToDecision"/>; sent back with <see cref="DeclarationTrigger.ResumeAssessment"/>).</description></item>
/// <item><term><see cref="AssessmentPhase.Approved"/></term><description><see cref="DeclarationStatus.Verified"/> (<see cref="DeclarationTrigger.Verify"/>). Renewal due, renewed, expired, suspended, revoked follow on the declaration alone.</description></item>
/// <item><term><see cref="AssessmentPhase.Rejected"/></term><description><see cref="DeclarationStatus.Rejected"/> (<see cref="DeclarationTrigger.Reject"/>).</description></item>
/// <item><term><see cref="AssessmentPhase.Cancelled"/></term><description><see cref="DeclarationStatus.Withdrawn"/>: the provider withdrew; the assessment follows, firing nothing.</description></item>
/// </list>
/// <para>An ad-hoc assessment concerns a listed declaration (verified, renewal due or suspended) and changes no status:
/// its pauses, its approval (confirmation, possibly at another level) and its rejection are recorded on the assessment
/// only; sanctions that follow a rejection are separate decisions on the declaration.</para>
/// <para>Each pause phase resumes to the phase it paused, so the table stays static and every move can be walked.</para>
/// </remarks>
public static class AssessmentWorkflow
{
    private static readonly Role[] Assessor = [Role.MbAssessor];
    private static readonly Role[] DecisionMaker = [Role.MbDecisionMaker];
    private static readonly Role[] Administrator = [Role.MbAdministrator];

    private static readonly Dictionary<(AssessmentPhase, AssessmentAction), PhaseTransition> Table = Build(
    [
        new(AssessmentPhase.FactFinding, AssessmentAction.CompleteFactFinding, AssessmentPhase.InDepthReview, Assessor, null),
        new(AssessmentPhase.FactFinding, AssessmentAction.RequestClarification, AssessmentPhase.FactFindingAwaitingClarification, Assessor, DeclarationTrigger.RequestClarification),
        new(AssessmentPhase.FactFinding, AssessmentAction.Cancel, AssessmentPhase.Cancelled, Administrator, null),

        new(AssessmentPhase.FactFindingAwaitingClarification, AssessmentAction.Resume, AssessmentPhase.FactFinding, Assessor, DeclarationTrigger.ResumeAssessment),
        new(AssessmentPhase.FactFindingAwaitingClarification, AssessmentAction.Cancel, AssessmentPhase.Cancelled, Administrator, null),

        new(AssessmentPhase.InDepthReview, AssessmentAction.RequestClarification, AssessmentPhase.InDepthReviewAwaitingClarification, Assessor, DeclarationTrigger.RequestClarification),
        new(AssessmentPhase.InDepthReview, AssessmentAction.SendToDecision, AssessmentPhase.DecisionPending, Assessor, DeclarationTrigger.SendToDecision),
        new(AssessmentPhase.InDepthReview, AssessmentAction.Cancel, AssessmentPhase.Cancelled, Administrator, null),

        new(AssessmentPhase.InDepthReviewAwaitingClarification, AssessmentAction.Resume, AssessmentPhase.InDepthReview, Assessor, DeclarationTrigger.ResumeAssessment),
        new(AssessmentPhase.InDepthReviewAwaitingClarification, AssessmentAction.Cancel, AssessmentPhase.Cancelled, Administrator, null),

        new(AssessmentPhase.DecisionPending, AssessmentAction.SendBack, AssessmentPhase.InDepthReview, DecisionMaker, DeclarationTrigger.ResumeAssessment),
        new(AssessmentPhase.DecisionPending, AssessmentAction.Approve, AssessmentPhase.Approved, DecisionMaker, DeclarationTrigger.Verify),
        new(AssessmentPhase.DecisionPending, AssessmentAction.Reject, AssessmentPhase.Rejected, DecisionMaker, DeclarationTrigger.Reject),
        new(AssessmentPhase.DecisionPending, AssessmentAction.Cancel, AssessmentPhase.Cancelled, Administrator, null),
    ]);

    /// <summary>Every allowed move, ordered by source phase and then by action.</summary>
    public static IReadOnlyList<PhaseTransition> Transitions { get; } =
        [.. Table.Values.OrderBy(t => t.From).ThenBy(t => t.Action)];

    /// <summary>
    /// Checks that a holder of <paramref name="actor"/> may take <paramref name="action"/> in phase <paramref name="from"/>.
    /// Changes nothing.
    /// </summary>
    /// <returns>
    /// The move, or: <c>assessment.role-not-allowed</c> (<see cref="ForbiddenError"/>) when the role may never take this
    /// action, checked first; <c>assessment.phase-not-allowed</c> (<see cref="ConflictError"/>) when the action does not
    /// apply to <paramref name="from"/>, naming the actions that do.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An undefined phase or action value: a programmer error.</exception>
    public static Result<PhaseTransition> Check(AssessmentPhase from, AssessmentAction action, Role actor)
    {
        Guard(from);
        Guard(action);
        ArgumentNullException.ThrowIfNull(actor);

        var anywhere = RolesFor(action);
        if (!anywhere.Contains(actor)) return AssessmentErrors.RoleNotAllowed(actor, action, anywhere);
        if (!Table.TryGetValue((from, action), out var transition)) return AssessmentErrors.PhaseNotAllowed(from, action, AllowedActions(from));
        if (!transition.Roles.Contains(actor)) return AssessmentErrors.RoleNotAllowed(actor, action, transition.Roles);
        return transition;
    }

    /// <summary>The actions that apply to <paramref name="from"/>, whoever takes them, in enum order. Empty for a final phase.</summary>
    public static IReadOnlyList<AssessmentAction> AllowedActions(AssessmentPhase from)
    {
        Guard(from);
        return [.. Transitions.Where(t => t.From == from).Select(t => t.Action)];
    }

    /// <summary>The actions a holder of <paramref name="actor"/> may take in <paramref name="from"/> (the buttons to show), in enum order.</summary>
    public static IReadOnlyList<AssessmentAction> AllowedActions(AssessmentPhase from, Role actor)
    {
        Guard(from);
        ArgumentNullException.ThrowIfNull(actor);
        return [.. Transitions.Where(t => t.From == from && t.Roles.Contains(actor)).Select(t => t.Action)];
    }

    /// <summary>The roles that may take <paramref name="action"/> in at least one phase, in the order of <see cref="Role.All"/>.</summary>
    public static IReadOnlyList<Role> RolesFor(AssessmentAction action)
    {
        Guard(action);
        return [.. Role.All.Where(r => Table.Values.Any(t => t.Action == action && t.Roles.Contains(r)))];
    }

    /// <summary>True for <see cref="AssessmentPhase.Approved"/>, <see cref="AssessmentPhase.Rejected"/> and <see cref="AssessmentPhase.Cancelled"/>.</summary>
    public static bool IsFinal(AssessmentPhase phase)
    {
        Guard(phase);
        return !Table.Keys.Any(k => k.Item1 == phase);
    }

    /// <summary>True for the two pause phases, in which the provider is to answer clarification requests.</summary>
    public static bool IsAwaitingClarification(AssessmentPhase phase) =>
        phase is AssessmentPhase.FactFindingAwaitingClarification or AssessmentPhase.InDepthReviewAwaitingClarification;

    /// <summary>True while fact-finding items may be recorded: fact finding and its pause.</summary>
    public static bool IsFactFinding(AssessmentPhase phase) =>
        phase is AssessmentPhase.FactFinding or AssessmentPhase.FactFindingAwaitingClarification;

    /// <summary>True while findings may be recorded: the in-depth review and its pause (the assessor may write while the provider answers).</summary>
    public static bool IsInDepthReview(AssessmentPhase phase) =>
        phase is AssessmentPhase.InDepthReview or AssessmentPhase.InDepthReviewAwaitingClarification;

    /// <summary>
    /// The declaration status that goes with <paramref name="phase"/> for an initial or recurring assessment (see the
    /// table in the remarks); for <see cref="AssessmentPhase.Cancelled"/>, <see cref="DeclarationStatus.Withdrawn"/>.
    /// </summary>
    public static DeclarationStatus DeclarationStatusFor(AssessmentPhase phase)
    {
        Guard(phase);
        return phase switch
        {
            AssessmentPhase.FactFinding or AssessmentPhase.InDepthReview => DeclarationStatus.UnderAssessment,
            AssessmentPhase.FactFindingAwaitingClarification or AssessmentPhase.InDepthReviewAwaitingClarification => DeclarationStatus.ClarificationRequested,
            AssessmentPhase.DecisionPending => DeclarationStatus.DecisionPending,
            AssessmentPhase.Approved => DeclarationStatus.Verified,
            AssessmentPhase.Rejected => DeclarationStatus.Rejected,
            _ => DeclarationStatus.Withdrawn,
        };
    }

    private static Dictionary<(AssessmentPhase, AssessmentAction), PhaseTransition> Build(PhaseTransition[] rows) =>
        rows.ToDictionary(r => (r.From, r.Action));

    private static void Guard(AssessmentPhase phase)
    {
        if (!Enum.IsDefined(phase)) throw new ArgumentOutOfRangeException(nameof(phase), phase, "Not an assessment phase.");
    }

    private static void Guard(AssessmentAction action)
    {
        if (!Enum.IsDefined(action)) throw new ArgumentOutOfRangeException(nameof(action), action, "Not an assessment action.");
    }
}
