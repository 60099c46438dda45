using Adhere.Domain.Common;

namespace Adhere.Domain.Assessments;

// The shared vocabulary of assessments. The rules live beside it: the phase table (AssessmentWorkflow.cs), the
// aggregate (Assessment.cs), fact finding, clarifications, findings, the decision, Verification-ID issuance and the
// notification rules. All pure: times and dates are passed in.

/// <summary>Identifies an assessment of a declaration.</summary>
public readonly record struct AssessmentId(Guid Value) : IEntityId
{
    public static AssessmentId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a clarification request within an assessment.</summary>
public readonly record struct ClarificationRequestId(Guid Value) : IEntityId
{
    public static ClarificationRequestId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a declared conflict of interest.</summary>
public readonly record struct ConflictOfInterestId(Guid Value) : IEntityId
{
    public static ConflictOfInterestId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Why an assessment takes place. The numeric values are stable and may be stored.</summary>
public enum AssessmentKind
{
    /// <summary>The first assessment of a submitted declaration (<see cref="Declarations.DeclarationKind.Initial"/>).</summary>
    Initial = 1,

    /// <summary>The yearly renewal: assesses a submitted declaration of kind <see cref="Declarations.DeclarationKind.Renewal"/>.</summary>
    Recurring = 2,

    /// <summary>
    /// Outside the yearly cycle (significant change, complaint, media reports, new guidance): assesses a declaration that
    /// is still listed, whose status the assessment does not change.
    /// </summary>
    AdHoc = 3,
}

/// <summary>What prompted an <see cref="AssessmentKind.AdHoc"/> assessment.</summary>
public enum AdHocReason
{
    /// <summary>The provider reported a significant change (to services, certificates or subprocessors).</summary>
    SignificantChange = 1,

    /// <summary>A well-founded complaint.</summary>
    Complaint = 2,

    /// <summary>Media reports about the provider.</summary>
    MediaReports = 3,

    /// <summary>New guidance from a supervisory authority or the Code's owners.</summary>
    NewGuidance = 4,
}

/// <summary>
/// Where an assessment stands. The numeric values are stable and may be stored. How each phase maps to the
/// declaration's status is documented on <see cref="AssessmentWorkflow"/>.
/// </summary>
public enum AssessmentPhase
{
    /// <summary>The assessor works through the fact-finding checklist (completeness, agreements, certificate checks, renewal confirmations).</summary>
    FactFinding = 1,

    /// <summary>Fact finding is paused until the provider answers clarification requests.</summary>
    FactFindingAwaitingClarification = 2,

    /// <summary>The assessor examines the selected controls in depth and records findings.</summary>
    InDepthReview = 3,

    /// <summary>The in-depth review is paused until the provider answers clarification requests.</summary>
    InDepthReviewAwaitingClarification = 4,

    /// <summary>The assessor has finished; a decision maker decides.</summary>
    DecisionPending = 5,

    /// <summary>Final: approved at the granted level (for an ad-hoc assessment: verification confirmed).</summary>
    Approved = 6,

    /// <summary>Final: not approved (for an ad-hoc assessment: verification not confirmed; sanctions follow separately).</summary>
    Rejected = 7,

    /// <summary>Final: ended without a decision (the provider withdrew the declaration, or an ad-hoc assessment was dropped).</summary>
    Cancelled = 8,
}

/// <summary>What moves an assessment from one <see cref="AssessmentPhase"/> to another. The numeric values are stable.</summary>
public enum AssessmentAction
{
    /// <summary>An assessor finishes the fact-finding checklist (every item done) and starts the in-depth review.</summary>
    CompleteFactFinding = 1,

    /// <summary>An assessor asks the provider the first open clarification question, which pauses the work.</summary>
    RequestClarification = 2,

    /// <summary>An assessor resumes once no request waits for the provider's reply.</summary>
    Resume = 3,

    /// <summary>An assessor hands the finished assessment to a decision maker.</summary>
    SendToDecision = 4,

    /// <summary>A decision maker sends the case back to the in-depth review.</summary>
    SendBack = 5,

    /// <summary>A decision maker approves at a level.</summary>
    Approve = 6,

    /// <summary>A decision maker refuses.</summary>
    Reject = 7,

    /// <summary>An MB administrator ends the assessment without a decision.</summary>
    Cancel = 8,
}
