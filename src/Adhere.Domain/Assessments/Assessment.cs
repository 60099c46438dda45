using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Assessments;

/// <summary>
/// The Monitoring Body's assessment of one declaration: its kind, phase, people, fact-finding checklist, clarification
/// requests, findings and decision. Phase moves follow <see cref="AssessmentWorkflow"/>; where a move changes the
/// declaration's status, the method fires the declaration's trigger through <see cref="Declaration.Fire"/>, so that
/// <see cref="DeclarationLifecycle"/> stays the only judge of declaration statuses. Every check runs before anything
/// changes: on an error neither the assessment nor the declaration is touched. Every phase change is appended to
/// <see cref="History"/> for the audit trail.
/// </summary>
/// <remarks>
/// <para>People: only assigned assessors (<see cref="Assessors"/>) take assessor actions; the opener is the first.
/// Assessors and the decision maker must have no active <see cref="ConflictOfInterest"/> towards the provider; the
/// decision maker (assigned, or whoever decides) must not be an assessor of the same assessment (four eyes).</para>
/// <para>Clarifications: asking the first question while none waits for a reply pauses the assessment (declaration
/// <see cref="DeclarationStatus.ClarificationRequested"/>); further questions while paused are added without a move.
/// Resuming is the assessor's explicit act, allowed once no request is <see cref="ClarificationState.Open"/>: a reply
/// does not resume by itself, because the assessor must read it first. Sending to decision, and deciding, require
/// every request to be <see cref="ClarificationState.Closed"/>.</para>
/// </remarks>
public sealed class Assessment : IOrganisationOwned
{
    private readonly List<UserId> assessors = [];
    private readonly List<ClarificationRequest> clarifications = [];
    private readonly List<ControlFinding> controlFindings = [];
    private readonly List<NarrativeFinding> narrativeFindings = [];
    private readonly List<PhaseChange> history = [];

    private Assessment()
    {
        FactFinding = null!;
    }

    public AssessmentId Id { get; private set; }

    public DeclarationId DeclarationId { get; private set; }

    /// <summary>The provider whose declaration is assessed.</summary>
    public OrganisationId OrganisationId { get; private set; }

    public AssessmentKind Kind { get; private set; }

    /// <summary>What prompted an ad-hoc assessment; null for the others.</summary>
    public AdHocReason? AdHocReason { get; private set; }

    public AssessmentPhase Phase { get; private set; }

    /// <summary>The assigned assessors, first the one who opened it. Nobody is ever removed, so four eyes holds for anyone who assessed.</summary>
    public IReadOnlyList<UserId> Assessors => assessors;

    /// <summary>The assigned decision maker; null until assigned or until someone decides.</summary>
    public UserId? DecisionMaker { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset PhaseChangedAt { get; private set; }

    public DateTimeOffset? FactFindingCompletedAt { get; private set; }

    public DateTimeOffset? SentToDecisionAt { get; private set; }

    public FactFindingChecklist FactFinding { get; private set; }

    public IReadOnlyList<ClarificationRequest> Clarifications => clarifications;

    /// <summary>One per examined control, in the order first recorded.</summary>
    public IReadOnlyList<ControlFinding> ControlFindings => controlFindings;

    public IReadOnlyList<NarrativeFinding> NarrativeFindings => narrativeFindings;

    /// <summary>The decision, once approved or rejected.</summary>
    public AssessmentDecision? Decision { get; private set; }

    /// <summary>Every phase change, oldest first, starting with the opening.</summary>
    public IReadOnlyList<PhaseChange> History => history;

    /// <summary>The requests still waiting for the provider's reply.</summary>
    public IReadOnlyList<ClarificationRequest> OpenClarifications => [.. clarifications.Where(c => c.State == ClarificationState.Open)];

    /// <summary>
    /// Opens an assessment of <paramref name="declaration"/>; the opening assessor becomes the first assessor and the
    /// phase is <see cref="AssessmentPhase.FactFinding"/>. Initial and recurring assessments fire
    /// <see cref="DeclarationTrigger.StartAssessment"/> on a submitted declaration of the matching kind; an ad-hoc one
    /// needs a listed declaration and a reason, and fires nothing.
    /// </summary>
    /// <param name="certificates">The cited certificates with their automated check outcome, one review each in the checklist.</param>
    /// <returns>
    /// The assessment, or: <c>assessment.role-not-allowed</c> unless <paramref name="role"/> is assessor;
    /// <c>assessment.kind-mismatch</c>; <c>assessment.reason-required</c> (ad hoc without a reason);
    /// <c>assessment.declaration-not-listed</c> (ad hoc); <c>assessment.conflict-of-interest</c>; the declaration's own
    /// lifecycle errors (not submitted).
    /// </returns>
    public static Result<Assessment> Open(Declaration declaration, AssessmentKind kind, AdHocReason? adHocReason, IEnumerable<CertificateToReview> certificates,
        IEnumerable<ConflictOfInterest> conflicts, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(role);
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an assessment kind.");

        if (role != Role.MbAssessor) return AssessmentErrors.RoleNotAllowed(role, "open an assessment", [Role.MbAssessor]);
        var expectedKind = kind switch
        {
            AssessmentKind.Initial => DeclarationKind.Initial,
            AssessmentKind.Recurring => DeclarationKind.Renewal,
            _ => declaration.Kind,
        };
        if (declaration.Kind != expectedKind) return AssessmentErrors.KindMismatch(kind, declaration.Kind);
        if (kind == AssessmentKind.AdHoc)
        {
            if (adHocReason is not { } reason || !Enum.IsDefined(reason)) return AssessmentErrors.AdHocReasonRequired();
            if (!DeclarationLifecycle.IsListed(declaration.Status)) return AssessmentErrors.DeclarationNotListed(declaration.Status);
        }
        else
        {
            adHocReason = null;
        }

        var independent = Independence.CheckConflicts(by, declaration.OrganisationId, conflicts, Day(now));
        if (independent.IsError) return independent.Error!;

        var declarationFrom = declaration.Status;
        if (kind != AssessmentKind.AdHoc)
        {
            var started = DeclarationLifecycle.Fire(declaration.Status, DeclarationTrigger.StartAssessment, role);
            if (started.IsError) return started.Error!;
            declaration.Fire(DeclarationTrigger.StartAssessment, role, now);
        }

        var assessment = new Assessment
        {
            Id = AssessmentId.New(),
            DeclarationId = declaration.Id,
            OrganisationId = declaration.OrganisationId,
            Kind = kind,
            AdHocReason = adHocReason,
            Phase = AssessmentPhase.FactFinding,
            OpenedAt = now,
            PhaseChangedAt = now,
            FactFinding = FactFindingChecklist.Start(kind, certificates),
        };
        assessment.assessors.Add(by);
        assessment.history.Add(new PhaseChange(null, null, AssessmentPhase.FactFinding,
            kind == AssessmentKind.AdHoc ? null : DeclarationTrigger.StartAssessment, declarationFrom, declaration.Status, by, role, now));
        return assessment;
    }

    /// <summary>
    /// An MB administrator assigns a further assessor. Returns <c>assessment.role-not-allowed</c>,
    /// <c>assessment.closed</c> (final phase), <c>assessment.already-assigned</c>, <c>assessment.four-eyes</c> (the
    /// person is the decision maker) or <c>assessment.conflict-of-interest</c> (active on the day of <paramref name="now"/>).
    /// The caller has checked that the person holds the assessor role.
    /// </summary>
    public Result<Done> AssignAssessor(UserId assessor, IEnumerable<ConflictOfInterest> conflicts, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(role);
        if (role != Role.MbAdministrator) return AssessmentErrors.RoleNotAllowed(role, "assign assessors", [Role.MbAdministrator]);
        if (AssessmentWorkflow.IsFinal(Phase)) return AssessmentErrors.Closed(Phase);
        if (assessors.Contains(assessor)) return AssessmentErrors.AlreadyAssigned();
        if (DecisionMaker == assessor) return AssessmentErrors.FourEyesAssignment();
        var independent = Independence.CheckConflicts(assessor, OrganisationId, conflicts, Day(now));
        if (independent.IsError) return independent.Error!;
        assessors.Add(assessor);
        return Done.Value;
    }

    /// <summary>
    /// An MB administrator assigns (or replaces) the decision maker before the decision. Returns
    /// <c>assessment.role-not-allowed</c>, <c>assessment.closed</c>, <c>declaration.four-eyes</c> (the person is an
    /// assessor) or <c>assessment.conflict-of-interest</c>.
    /// </summary>
    public Result<Done> AssignDecisionMaker(UserId decisionMaker, IEnumerable<ConflictOfInterest> conflicts, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(role);
        if (role != Role.MbAdministrator) return AssessmentErrors.RoleNotAllowed(role, "assign the decision maker", [Role.MbAdministrator]);
        if (AssessmentWorkflow.IsFinal(Phase)) return AssessmentErrors.Closed(Phase);
        var fourEyes = DeclarationLifecycle.CheckFourEyes(decisionMaker, assessors);
        if (fourEyes.IsError) return fourEyes.Error!;
        var independent = Independence.CheckConflicts(decisionMaker, OrganisationId, conflicts, Day(now));
        if (independent.IsError) return independent.Error!;
        DecisionMaker = decisionMaker;
        return Done.Value;
    }

    /// <summary>An assigned assessor records a checklist item during fact finding (or its pause). Returns <c>assessment.phase-not-allowed</c> outside it.</summary>
    public Result<ChecklistEntry> RecordChecklistItem(ChecklistItem item, ChecklistStatus status, string? note, UserId by, Role role, DateTimeOffset now)
    {
        var allowed = EnsureAssessorWork(by, role, "record fact finding", AssessmentWorkflow.IsFactFinding(Phase));
        return allowed.IsError ? allowed.Error! : FactFinding.Record(item, status, note, by, now);
    }

    /// <summary>An assigned assessor accepts or rejects one automated certificate check (a rejection needs a note) during fact finding.</summary>
    public Result<CertificateCheckReview> ReviewCertificateCheck(CertificateId certificate, CertificateReviewVerdict verdict, string? note, UserId by, Role role, DateTimeOffset now)
    {
        var allowed = EnsureAssessorWork(by, role, "review certificate checks", AssessmentWorkflow.IsFactFinding(Phase));
        return allowed.IsError ? allowed.Error! : FactFinding.Review(certificate, verdict, note, by, now);
    }

    /// <summary>
    /// Moves to the in-depth review. Returns <c>assessment.fact-finding-incomplete</c> (<see cref="ProblemListError"/>)
    /// listing every open item and unreviewed certificate at once.
    /// </summary>
    public Result<Done> CompleteFactFinding(Declaration declaration, UserId by, Role role, DateTimeOffset now) =>
        Move(declaration, AssessmentAction.CompleteFactFinding, by, role, now, null, () =>
        {
            var open = FactFinding.OpenItems();
            return open.Count == 0 ? Done.Value : AssessmentErrors.FactFindingIncomplete(open);
        }, () => FactFindingCompletedAt = now);

    /// <summary>
    /// An assigned assessor asks the provider a question. Without a <paramref name="dueOn"/> the due date is
    /// <see cref="ClarificationSettings.DefaultDueDays"/> after the day of <paramref name="now"/>; a due date before that
    /// day is <c>clarification.due-in-past</c>. From <see cref="AssessmentPhase.FactFinding"/> or
    /// <see cref="AssessmentPhase.InDepthReview"/> the assessment pauses (the declaration becomes
    /// <see cref="DeclarationStatus.ClarificationRequested"/>); while already paused the question is simply added.
    /// </summary>
    public Result<ClarificationRequest> RequestClarification(Declaration declaration, ClarificationSubject subject, string? question, DateOnly? dueOn,
        ClarificationSettings settings, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(settings);
        Result<ClarificationRequest> asked = default;
        if (AssessmentWorkflow.IsAwaitingClarification(Phase))
        {
            var allowed = EnsureAssessorWork(by, role, "ask clarification questions", true);
            if (allowed.IsError) return allowed.Error!;
            asked = ClarificationRequest.Ask(subject, question, dueOn, settings, by, now);
            if (asked.IsError) return asked;
            clarifications.Add(asked.Value);
            return asked;
        }

        var moved = Move(declaration, AssessmentAction.RequestClarification, by, role, now, null, () =>
        {
            asked = ClarificationRequest.Ask(subject, question, dueOn, settings, by, now);
            return asked.IsError ? asked.Error! : Done.Value;
        }, () => clarifications.Add(asked.Value));
        return moved.IsError ? moved.Error! : asked;
    }

    /// <summary>
    /// A CSP editor replies to a request that is not closed (several replies are allowed; the first decides the
    /// deadline). Returns <c>assessment.role-not-allowed</c>, <c>assessment.closed</c>, <c>clarification.not-found</c>,
    /// <c>clarification.closed</c>. The caller checked that the documents belong to the provider.
    /// </summary>
    public Result<ClarificationReply> ReplyToClarification(ClarificationRequestId request, string? text, IReadOnlyList<DocumentId> documents, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(role);
        if (role != Role.CspEditor) return AssessmentErrors.RoleNotAllowed(role, "reply to clarification requests", [Role.CspEditor]);
        if (AssessmentWorkflow.IsFinal(Phase)) return AssessmentErrors.Closed(Phase);
        var found = Find(request);
        return found.IsError ? found.Error! : found.Value.Reply(text, documents, by, now);
    }

    /// <summary>An assigned assessor closes a request with a note (answered, or dropped). Returns <c>clarification.closed</c> when already closed.</summary>
    public Result<Done> CloseClarification(ClarificationRequestId request, string? note, UserId by, Role role, DateTimeOffset now)
    {
        var allowed = EnsureAssessorWork(by, role, "close clarification requests", !AssessmentWorkflow.IsFinal(Phase));
        if (allowed.IsError) return allowed;
        var found = Find(request);
        return found.IsError ? found.Error! : found.Value.Close(note, by, now);
    }

    /// <summary>
    /// Resumes the paused phase once no request waits for a reply; otherwise <c>assessment.clarifications-open</c>
    /// listing them all. The declaration returns to <see cref="DeclarationStatus.UnderAssessment"/>.
    /// </summary>
    public Result<Done> Resume(Declaration declaration, UserId by, Role role, DateTimeOffset now) =>
        Move(declaration, AssessmentAction.Resume, by, role, now, null, () =>
        {
            var open = OpenClarifications;
            return open.Count == 0 ? Done.Value : AssessmentErrors.ClarificationsOpen(open);
        }, null);

    /// <summary>
    /// An assigned assessor records (or replaces) the finding on one examined control, during the in-depth review or
    /// its pause. Notes are required unless <see cref="FindingResult.Satisfied"/>.
    /// </summary>
    public Result<ControlFinding> RecordControlFinding(string? controlKey, FindingResult result, string? notes, IEnumerable<string>? samplesConsulted,
        UserId by, Role role, DateTimeOffset now)
    {
        var allowed = EnsureAssessorWork(by, role, "record findings", AssessmentWorkflow.IsInDepthReview(Phase));
        if (allowed.IsError) return allowed.Error!;
        var finding = ControlFinding.Create(controlKey, result, notes, samplesConsulted, by, now);
        if (finding.IsError) return finding;
        var index = controlFindings.FindIndex(f => string.Equals(f.ControlKey, finding.Value.ControlKey, StringComparison.Ordinal));
        if (index < 0) controlFindings.Add(finding.Value);
        else controlFindings[index] = finding.Value;
        return finding;
    }

    /// <summary>An assigned assessor records (or replaces) the narrative on a topic, during the in-depth review or its pause.</summary>
    public Result<NarrativeFinding> RecordNarrativeFinding(NarrativeTopic topic, string? title, string? text, UserId by, Role role, DateTimeOffset now)
    {
        var allowed = EnsureAssessorWork(by, role, "record findings", AssessmentWorkflow.IsInDepthReview(Phase));
        if (allowed.IsError) return allowed.Error!;
        var finding = NarrativeFinding.Create(topic, title, text, by, now);
        if (finding.IsError) return finding;
        var index = narrativeFindings.FindIndex(f => f.SameSlot(finding.Value.Topic, finding.Value.Title));
        if (index < 0) narrativeFindings.Add(finding.Value);
        else narrativeFindings[index] = finding.Value;
        return finding;
    }

    /// <summary>
    /// What stands between this assessment and a decision, all at once: <c>decision.finding-missing</c> per examined
    /// control without a finding (in the order given), then <c>decision.clarification-not-closed</c> per request not
    /// closed. <paramref name="examinedControls"/> are the keys selected for in-depth examination (selection is modelled
    /// elsewhere); duplicates count once.
    /// </summary>
    public IReadOnlyList<ProblemItem> DecisionBlockers(IEnumerable<string> examinedControls)
    {
        ArgumentNullException.ThrowIfNull(examinedControls);
        var found = controlFindings.Select(f => f.ControlKey).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. examinedControls.Distinct(StringComparer.Ordinal).Where(k => !found.Contains(k))
                .Select(k => new ProblemItem("decision.finding-missing", $"The examined control {k} has no finding.", k)),
            .. clarifications.Where(c => c.State != ClarificationState.Closed)
                .Select(c => new ProblemItem("decision.clarification-not-closed", $"The clarification request on '{c.Subject}' is {c.State.ToString().ToLowerInvariant()}, not closed.", c.Id.ToString())),
        ];
    }

    /// <summary>Hands over to a decision maker; <c>assessment.not-ready-for-decision</c> lists every <see cref="DecisionBlockers"/> at once.</summary>
    public Result<Done> SendToDecision(Declaration declaration, IEnumerable<string> examinedControls, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(examinedControls);
        return Move(declaration, AssessmentAction.SendToDecision, by, role, now, null, () =>
        {
            var blockers = DecisionBlockers(examinedControls);
            return blockers.Count == 0 ? Done.Value : AssessmentErrors.NotReadyForDecision(blockers);
        }, () => SentToDecisionAt = now);
    }

    /// <summary>A decision maker (not an assessor) sends the case back to the in-depth review, saying why (<c>decision.reason-required</c>).</summary>
    public Result<Done> SendBack(Declaration declaration, string? reason, IEnumerable<ConflictOfInterest> conflicts, UserId by, Role role, DateTimeOffset now)
    {
        reason = FactFindingChecklist.Blank(reason);
        return Move(declaration, AssessmentAction.SendBack, by, role, now, reason, () => DecisionMakerRules(conflicts, by, now, () =>
            reason is null ? AssessmentErrors.ReasonRequired() : reason.Length > AssessmentDecision.MaxRationaleLength ? AssessmentErrors.TextTooLong("reason", AssessmentDecision.MaxRationaleLength) : Done.Value),
            () => SentToDecisionAt = null);
    }

    /// <summary>
    /// A decision maker approves: <paramref name="grantedLevel"/> against <paramref name="proposedLevel"/> (Adhere's
    /// <c>ProposedLevel.Level</c>), approved on the day of <paramref name="now"/>, valid until
    /// <see cref="Validity.LastDay"/>. Initial and recurring assessments verify the declaration. The Verification-ID is
    /// issued by the caller with <see cref="VerificationIdIssuer"/>.
    /// </summary>
    /// <returns>
    /// The decision, or (besides role and phase): <c>declaration.four-eyes</c>; <c>assessment.not-assigned-decision-maker</c>;
    /// <c>assessment.conflict-of-interest</c>; <c>decision.rationale-required</c> (<see cref="InvalidError"/> on field
    /// <c>rationale</c>) when the levels differ without a rationale and nothing else is missing; otherwise
    /// <c>decision.not-ready</c> listing everything missing at once: the rationale (item <c>decision.rationale-required</c>),
    /// every examined control without a finding and every unclosed clarification request.
    /// </returns>
    public Result<AssessmentDecision> Approve(Declaration declaration, ComplianceLevel proposedLevel, ComplianceLevel grantedLevel, string? rationale,
        IEnumerable<string> examinedControls, IEnumerable<ConflictOfInterest> conflicts, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(examinedControls);
        if (!Enum.IsDefined(proposedLevel)) throw new ArgumentOutOfRangeException(nameof(proposedLevel), proposedLevel, "Not a level.");
        if (!Enum.IsDefined(grantedLevel)) return AssessmentErrors.LevelInvalid();
        rationale = FactFindingChecklist.Blank(rationale);
        var approvedOn = Day(now);
        var decision = new AssessmentDecision(DecisionOutcome.Approved, proposedLevel, grantedLevel, rationale, null, approvedOn, Validity.LastDay(approvedOn), by, now);
        var moved = Move(declaration, AssessmentAction.Approve, by, role, now, rationale, () => DecisionMakerRules(conflicts, by, now, () =>
        {
            if (rationale is { Length: > AssessmentDecision.MaxRationaleLength }) return AssessmentErrors.TextTooLong("rationale", AssessmentDecision.MaxRationaleLength);
            var rationaleMissing = grantedLevel != proposedLevel && rationale is null;
            var blockers = DecisionBlockers(examinedControls);
            if (blockers.Count == 0) return rationaleMissing ? AssessmentErrors.RationaleRequired(proposedLevel, grantedLevel) : Done.Value;
            if (rationaleMissing)
            {
                var missing = AssessmentErrors.RationaleRequired(proposedLevel, grantedLevel);
                blockers = [new ProblemItem(missing.Code, missing.Message, missing.Field), .. blockers];
            }

            return AssessmentErrors.DecisionNotReady(blockers);
        }), () => Decide(decision, by));
        return moved.IsError ? moved.Error! : decision;
    }

    /// <summary>
    /// A decision maker (not an assessor) rejects with a reason (<c>decision.reason-required</c>). Initial and recurring
    /// assessments reject the declaration; for an ad-hoc one, any sanction is decided separately.
    /// </summary>
    public Result<AssessmentDecision> Reject(Declaration declaration, ComplianceLevel proposedLevel, string? reason, IEnumerable<ConflictOfInterest> conflicts,
        UserId by, Role role, DateTimeOffset now)
    {
        reason = FactFindingChecklist.Blank(reason);
        var decision = new AssessmentDecision(DecisionOutcome.Rejected, proposedLevel, null, null, reason, Day(now), null, by, now);
        var moved = Move(declaration, AssessmentAction.Reject, by, role, now, reason, () => DecisionMakerRules(conflicts, by, now, () =>
            reason is null ? AssessmentErrors.ReasonRequired() : reason.Length > AssessmentDecision.MaxRationaleLength ? AssessmentErrors.TextTooLong("reason", AssessmentDecision.MaxRationaleLength) : Done.Value),
            () => Decide(decision, by));
        return moved.IsError ? moved.Error! : decision;
    }

    /// <summary>
    /// An MB administrator ends the assessment without a decision, with a reason. For initial and recurring assessments
    /// the provider must have withdrawn the declaration (<c>assessment.declaration-not-withdrawn</c>); an ad-hoc
    /// assessment may be dropped at any time.
    /// </summary>
    public Result<Done> Cancel(Declaration declaration, string? reason, UserId by, Role role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        reason = FactFindingChecklist.Blank(reason);
        return Move(declaration, AssessmentAction.Cancel, by, role, now, reason, () =>
        {
            if (reason is null) return AssessmentErrors.ReasonRequired();
            if (Kind != AssessmentKind.AdHoc && declaration.Status != DeclarationStatus.Withdrawn) return AssessmentErrors.DeclarationNotWithdrawn(declaration.Status);
            return Done.Value;
        }, null);
    }

    /// <summary>Records that a clarification notice (see <see cref="NotificationRules.ClarificationNoticesDue"/>) was sent; recording twice keeps the first time.</summary>
    public Result<Done> RecordClarificationNotice(ClarificationRequestId request, ClarificationNoticeKind kind, DateTimeOffset now)
    {
        var found = Find(request);
        if (found.IsError) return found.Error!;
        if (kind == ClarificationNoticeKind.Reminder) found.Value.MarkReminded(now);
        else found.Value.MarkOverdue(now);
        return Done.Value;
    }

    /// <summary>Whether the provider met every clarification deadline of this assessment, as of <paramref name="today"/>.</summary>
    public DeadlineSummary Deadlines(DateOnly today) => DeadlineSummary.Of(clarifications, today);

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.DateTime);

    private Result<Done> Move(Declaration declaration, AssessmentAction action, UserId by, Role role, DateTimeOffset now, string? note,
        Func<Result<Done>> rules, Action? apply)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(role);
        if (declaration.Id != DeclarationId) throw new ArgumentException("The declaration is not the one this assessment concerns.", nameof(declaration));

        var checkedMove = AssessmentWorkflow.Check(Phase, action, role);
        if (checkedMove.IsError) return checkedMove.Error!;
        var transition = checkedMove.Value;
        if (transition.Roles.Contains(Role.MbAssessor) && !assessors.Contains(by)) return AssessmentErrors.NotAssigned();

        var passed = rules();
        if (passed.IsError) return passed;

        var trigger = transition.TriggerFor(Kind);
        var declarationFrom = declaration.Status;
        if (trigger is { } fire)
        {
            var next = DeclarationLifecycle.Fire(declaration.Status, fire, role);
            if (next.IsError) return next.Error!;
            declaration.Fire(fire, role, now);
        }

        history.Add(new PhaseChange(action, Phase, transition.To, trigger, declarationFrom, declaration.Status, by, role, now, note));
        Phase = transition.To;
        PhaseChangedAt = now;
        apply?.Invoke();
        return Done.Value;
    }

    private Result<Done> DecisionMakerRules(IEnumerable<ConflictOfInterest> conflicts, UserId by, DateTimeOffset now, Func<Result<Done>> more)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var fourEyes = DeclarationLifecycle.CheckFourEyes(by, assessors);
        if (fourEyes.IsError) return fourEyes;
        if (DecisionMaker is { } assigned && assigned != by) return AssessmentErrors.NotAssignedDecisionMaker();
        var independent = Independence.CheckConflicts(by, OrganisationId, conflicts, Day(now));
        return independent.IsError ? independent : more();
    }

    private void Decide(AssessmentDecision decision, UserId by)
    {
        Decision = decision;
        DecisionMaker = by;
    }

    private Result<Done> EnsureAssessorWork(UserId by, Role role, string what, bool phaseAllows)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role != Role.MbAssessor) return AssessmentErrors.RoleNotAllowed(role, what, [Role.MbAssessor]);
        if (!assessors.Contains(by)) return AssessmentErrors.NotAssigned();
        return phaseAllows ? Done.Value : AssessmentErrors.NotInPhase(what, Phase);
    }

    private Result<ClarificationRequest> Find(ClarificationRequestId id) =>
        clarifications.Find(c => c.Id == id) is { } found ? found : AssessmentErrors.ClarificationNotFound(id);
}
