using System.Globalization;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Assessments;

/// <summary>
/// The expected failures of assessments (<c>assessment.*</c>), clarification requests (<c>clarification.*</c>),
/// findings (<c>finding.*</c>), decisions (<c>decision.*</c>), conflicts of interest (<c>conflict.*</c>) and
/// Verification-ID issuance (<c>verification-id.*</c>). Codes are stable; messages may change.
/// </summary>
public static class AssessmentErrors
{
    public static ConflictError PhaseNotAllowed(AssessmentPhase from, AssessmentAction action, IReadOnlyList<AssessmentAction> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var options = allowed.Count == 0 ? $"none, '{from}' is final" : string.Join(", ", allowed);
        return new("assessment.phase-not-allowed", $"'{action}' is not possible for an assessment in phase '{from}'; allowed from there: {options}.");
    }

    public static ForbiddenError RoleNotAllowed(Role actor, AssessmentAction action, IReadOnlyList<Role> allowed) => RoleNotAllowed(actor, $"take '{action}'", allowed);

    public static ForbiddenError RoleNotAllowed(Role actor, string what, IReadOnlyList<Role> allowed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(allowed);
        return new("assessment.role-not-allowed", $"The role '{actor.Name}' may not {what}; that is for {string.Join(", ", allowed.Select(r => r.Name))}.");
    }

    public static ConflictError NotInPhase(string what, AssessmentPhase phase) =>
        new("assessment.phase-not-allowed", $"You cannot {what} while the assessment is in phase '{phase}'.");

    public static ForbiddenError NotAssigned() =>
        new("assessment.not-assigned", "You are not assigned to this assessment as an assessor.");

    public static ForbiddenError NotAssignedDecisionMaker() =>
        new("assessment.not-assigned-decision-maker", "Another decision maker is assigned to this assessment.");

    public static ConflictError AlreadyAssigned() => new("assessment.already-assigned", "This person is already an assessor of this assessment.");

    public static ForbiddenError FourEyesAssignment() =>
        new("assessment.four-eyes", "This person is the assessment's decision maker and cannot also assess it (four eyes).");

    public static ForbiddenError ConflictOfInterest(ConflictOfInterest conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return new("assessment.conflict-of-interest", $"A conflict of interest with this provider is declared from {Iso(conflict.DeclaredOn)}{(conflict.EndsOn is { } end ? " to " + Iso(end) : string.Empty)}: {conflict.Reason}");
    }

    public static ConflictError Closed(AssessmentPhase phase) => new("assessment.closed", $"The assessment is closed ({phase}).");

    public static InvalidError KindMismatch(AssessmentKind kind, DeclarationKind declarationKind) =>
        new("assessment.kind-mismatch", $"An assessment of kind '{kind}' cannot assess a declaration of kind '{declarationKind}': initial assessments take initial declarations, recurring ones renewals.", "kind");

    public static InvalidError AdHocReasonRequired() => new("assessment.reason-required", "An ad-hoc assessment needs a reason (significant change, complaint, media reports, new guidance).", "adHocReason");

    public static ConflictError DeclarationNotListed(DeclarationStatus status) =>
        new("assessment.declaration-not-listed", $"An ad-hoc assessment concerns a listed declaration; this one is '{status}'.");

    public static ConflictError DeclarationNotWithdrawn(DeclarationStatus status) =>
        new("assessment.declaration-not-withdrawn", $"The declaration is '{status}'; an initial or recurring assessment ends with a decision unless the provider withdraws.");

    public static ProblemListError FactFindingIncomplete(IReadOnlyList<ProblemItem> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new("assessment.fact-finding-incomplete", $"Fact finding is not complete: {open.Count} item(s) open.", open);
    }

    public static ProblemListError ClarificationsOpen(IReadOnlyList<ClarificationRequest> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new("assessment.clarifications-open", $"{open.Count} clarification request(s) still wait for the provider's reply.",
            [.. open.Select(c => new ProblemItem("clarification.open", $"'{c.Subject}' is due on {Iso(c.DueOn)} and not answered.", c.Id.ToString()))]);
    }

    public static ProblemListError NotReadyForDecision(IReadOnlyList<ProblemItem> blockers)
    {
        ArgumentNullException.ThrowIfNull(blockers);
        return new("assessment.not-ready-for-decision", $"The assessment cannot go to decision yet: {blockers.Count} thing(s) missing.", blockers);
    }

    public static ProblemListError DecisionNotReady(IReadOnlyList<ProblemItem> blockers)
    {
        ArgumentNullException.ThrowIfNull(blockers);
        return new("decision.not-ready", $"The assessment cannot be decided yet: {blockers.Count} thing(s) missing.", blockers);
    }

    public static InvalidError RationaleRequired(ComplianceLevel proposed, ComplianceLevel granted) =>
        new("decision.rationale-required", $"Granting level {(int)granted} where level {(int)proposed} is proposed needs a written rationale.", "rationale");

    public static InvalidError ReasonRequired() => new("decision.reason-required", "Give a reason.", "reason");

    public static InvalidError LevelInvalid() => new("decision.level-invalid", "The granted level must be 1, 2 or 3.", "grantedLevel");

    public static InvalidError ChecklistItemNotApplicable(ChecklistItem item) =>
        new("fact-finding.item-not-applicable", $"The checklist item '{item}' does not apply to this assessment.", "item");

    public static InvalidError ChecklistStatusInvalid() => new("fact-finding.status-invalid", "Not a valid status.", "status");

    public static InvalidError NoteRequired(string message) => new("assessment.note-required", message, "note");

    public static InvalidError TextTooLong(string field, int max) => new("assessment.text-too-long", $"'{field}' is longer than {max} characters.", field);

    public static InvalidError FieldRequired(string field) => new("assessment.field-required", $"'{field}' is required.", field);

    public static InvalidError ClarificationSubjectRequired() =>
        new("clarification.subject-required", "Name the control or the topic the question is about.", "subject");

    public static InvalidError QuestionRequired() => new("clarification.question-required", "Write the question.", "question");

    public static InvalidError DueInPast(DateOnly due, DateOnly today) =>
        new("clarification.due-in-past", $"The due date {Iso(due)} lies before today, {Iso(today)}.", "dueOn");

    public static InvalidError ReplyRequired() => new("clarification.reply-required", "Write a reply.", "text");

    public static InvalidError TooManyDocuments(int max) => new("clarification.too-many-documents", $"Attach at most {max} documents to one reply.", "documents");

    public static NotFoundError ClarificationNotFound(ClarificationRequestId id) =>
        new("clarification.not-found", $"No clarification request '{id}' was found in this assessment.");

    public static ConflictError ClarificationClosed(ClarificationRequestId id) =>
        new("clarification.closed", $"The clarification request '{id}' is closed.");

    public static InvalidError FindingResultInvalid() => new("finding.result-invalid", "The result must be satisfied, not satisfied or observation.", "result");

    public static InvalidError TooManySamples(int max) => new("finding.too-many-samples", $"List at most {max} samples.", "samplesConsulted");

    public static InvalidError TopicInvalid() => new("finding.topic-invalid", "Not a known topic.", "topic");

    public static InvalidError TitleOnlyForOther() => new("finding.title-only-for-other", "Only a finding on 'other' takes a title; the other topics are named by the list.", "title");

    public static InvalidError ConflictReasonRequired() => new("conflict.reason-required", "Say what the conflict of interest is.", "reason");

    public static InvalidError ConflictEndBeforeStart(DateOnly start, DateOnly end) =>
        new("conflict.end-before-start", $"The end {Iso(end)} lies before the start {Iso(start)}.", "endsOn");

    public static InvalidError BodyCodeInvalid(string? code) =>
        new("verification-id.body-code-invalid", $"'{code}' is not a Monitoring Body code: 2–20 capital letters, such as SCOPE.", "bodyCode");

    public static InvalidError RunningNumberInvalid(int number) =>
        new("verification-id.running-number-invalid", $"{number} is not a running number: 1 to {VerificationIdIssuer.MaxRunningNumber}.", "runningNumber");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static NotFoundError ConflictNotFound(string id) => new("conflict.not-found", $"No conflict of interest '{id}' was found.");

    public static ForbiddenError ConflictForSomeoneElse() =>
        new("conflict.not-yours", "Only MB administrators record or end another staff member's conflict of interest.");

    public static InvalidError ConflictUserNotStaff(string id) =>
        new("conflict.user-not-staff", $"User '{id}' is not a member of the Monitoring Body; conflicts of interest are declared by its staff.", "userId");

    public static NotFoundError NotFound(string id) => new("assessment.not-found", $"No assessment '{id}' was found.");
}
