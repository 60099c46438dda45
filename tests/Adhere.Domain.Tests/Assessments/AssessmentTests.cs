using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Organisations;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class AssessmentTests
{
    public static TheoryData<AssessmentPhase, AssessmentAction, AssessmentKind> EveryAllowedMoveAndKind()
    {
        var data = new TheoryData<AssessmentPhase, AssessmentAction, AssessmentKind>();
        foreach (var (from, action) in AssessmentWorkflowTests.Expected.Keys)
        {
            foreach (var kind in Enum.GetValues<AssessmentKind>())
            {
                // Ad-hoc assessments cannot be cancelled for a withdrawal (a listed declaration is not withdrawn); tested apart.
                data.Add(from, action, kind);
            }
        }

        return data;
    }

    public static TheoryData<AssessmentPhase, AssessmentAction> EveryForbiddenMove()
    {
        var data = new TheoryData<AssessmentPhase, AssessmentAction>();
        foreach (var from in Enum.GetValues<AssessmentPhase>())
        {
            foreach (var action in Enum.GetValues<AssessmentAction>())
            {
                if (AssessmentWorkflowTests.Expected.ContainsKey((from, action))) continue;
                // Asking while paused adds a question without a move (tested in ClarificationRequestTests).
                if (action == AssessmentAction.RequestClarification && AssessmentWorkflow.IsAwaitingClarification(from)) continue;
                data.Add(from, action);
            }
        }

        return data;
    }

    private static UserId UserFor(Role role) =>
        role == Role.MbAssessor ? Assessor : role == Role.MbDecisionMaker ? DecisionMakerUser : role == Role.MbAdministrator ? Admin : Editor;

    private static Result<Done> Take(AssessmentScenario s, AssessmentAction action, Role role)
    {
        var a = s.Assessment;
        var by = UserFor(role);
        static Result<Done> Done<T>(Result<T> r) => r.IsError ? r.Error! : Adhere.Domain.Common.Done.Value;
        return action switch
        {
            AssessmentAction.CompleteFactFinding => a.CompleteFactFinding(s.Declaration, by, role, s.Now),
            AssessmentAction.RequestClarification => Done(a.RequestClarification(s.Declaration, ClarificationSubject.ForTopic("Breaches").Value, "Which?", null, ClarificationSettings.Default, by, role, s.Now)),
            AssessmentAction.Resume => a.Resume(s.Declaration, by, role, s.Now),
            AssessmentAction.SendToDecision => a.SendToDecision(s.Declaration, [], by, role, s.Now),
            AssessmentAction.SendBack => a.SendBack(s.Declaration, "Look again at 5.3.A", [], by, role, s.Now),
            AssessmentAction.Approve => Done(a.Approve(s.Declaration, ComplianceLevel.Second, ComplianceLevel.Second, null, [], [], by, role, s.Now)),
            AssessmentAction.Reject => Done(a.Reject(s.Declaration, ComplianceLevel.Second, "Insufficient", [], by, role, s.Now)),
            _ => a.Cancel(s.Declaration, "Dropped", by, role, s.Now),
        };
    }

    [Theory]
    [MemberData(nameof(EveryAllowedMoveAndKind))]
    public void Move_EveryAllowedMove_ReachesItsPhaseAndDrivesTheDeclaration(AssessmentPhase from, AssessmentAction action, AssessmentKind kind)
    {
        var s = In(from, kind);
        var expected = AssessmentWorkflowTests.Expected[(from, action)];
        var declarationBefore = s.Declaration.Status;
        if (action == AssessmentAction.Cancel && kind != AssessmentKind.AdHoc) Ok(s.Declaration.Fire(DeclarationTrigger.Withdraw, Role.CspEditor, s.Now));

        var result = Take(s, action, AssessmentWorkflowTests.R(expected.Role));

        Assert.False(result.IsError, result.Error?.Code + ": " + result.Error?.Message);
        Assert.Equal(expected.To, s.Assessment.Phase);
        Assert.Equal(kind == AssessmentKind.AdHoc ? declarationBefore : AssessmentWorkflow.DeclarationStatusFor(expected.To), s.Declaration.Status);
        var last = s.Assessment.History[^1];
        Assert.Equal((action, from, expected.To), (last.Action, last.From, last.To));
        Assert.Equal(kind == AssessmentKind.AdHoc ? null : expected.Trigger, last.Trigger);
    }

    [Theory]
    [MemberData(nameof(EveryForbiddenMove))]
    public void Move_EveryForbiddenMove_IsRefusedAndChangesNothing(AssessmentPhase from, AssessmentAction action)
    {
        var s = In(from);
        var declarationBefore = s.Declaration.Status;
        var historyBefore = s.Assessment.History.Count;

        var result = Take(s, action, AssessmentWorkflowTests.R(AssessmentWorkflowTests.RoleFor[action]));

        Assert.Equal("assessment.phase-not-allowed", Assert.IsType<ConflictError>(result.Error).Code);
        Assert.Equal(from, s.Assessment.Phase);
        Assert.Equal(declarationBefore, s.Declaration.Status);
        Assert.Equal(historyBefore, s.Assessment.History.Count);
    }

    [Theory]
    [InlineData(AssessmentAction.CompleteFactFinding, "mb-decision-maker")]
    [InlineData(AssessmentAction.CompleteFactFinding, "csp-editor")]
    [InlineData(AssessmentAction.Cancel, "mb-assessor")]
    [InlineData(AssessmentAction.RequestClarification, "mb-admin")]
    public void Move_WrongRole_IsForbidden(AssessmentAction action, string role)
    {
        var s = In(AssessmentPhase.FactFinding);

        var result = Take(s, action, AssessmentWorkflowTests.R(role));

        Assert.Equal("assessment.role-not-allowed", Assert.IsType<ForbiddenError>(result.Error).Code);
        Assert.Equal(AssessmentPhase.FactFinding, s.Assessment.Phase);
    }

    [Theory]
    [InlineData(AssessmentAction.Approve)]
    [InlineData(AssessmentAction.Reject)]
    [InlineData(AssessmentAction.SendBack)]
    public void Decide_WrongRole_IsForbidden(AssessmentAction action)
    {
        var s = In(AssessmentPhase.DecisionPending);

        var result = Take(s, action, Role.MbAssessor);

        Assert.Equal("assessment.role-not-allowed", result.Error!.Code);
        Assert.Equal(DeclarationStatus.DecisionPending, s.Declaration.Status);
    }

    [Fact]
    public void Open_Initial_StartsFactFindingAndTheDeclarationsAssessment()
    {
        var s = Opened();

        Assert.Equal(AssessmentPhase.FactFinding, s.Assessment.Phase);
        Assert.Equal(DeclarationStatus.UnderAssessment, s.Declaration.Status);
        Assert.Equal([Assessor], s.Assessment.Assessors);
        Assert.Equal(s.Declaration.OrganisationId, s.Assessment.OrganisationId);
        var opened = Assert.Single(s.Assessment.History);
        Assert.Equal((DeclarationStatus.Submitted, DeclarationStatus.UnderAssessment, "assessment.opened"), (opened.DeclarationFrom, opened.DeclarationTo, opened.AuditAction));
    }

    [Fact]
    public void Open_ByDecisionMaker_IsForbidden()
    {
        var declaration = SubmittedDeclaration();

        var result = Assessment.Open(declaration, AssessmentKind.Initial, null, [], [], DecisionMakerUser, Role.MbDecisionMaker, T0);

        Assert.Equal("assessment.role-not-allowed", result.Error!.Code);
        Assert.Equal(DeclarationStatus.Submitted, declaration.Status);
    }

    [Fact]
    public void Open_RecurringOnInitialDeclaration_IsAKindMismatch()
    {
        var result = Assessment.Open(SubmittedDeclaration(), AssessmentKind.Recurring, null, [], [], Assessor, Role.MbAssessor, T0);

        Assert.Equal("assessment.kind-mismatch", result.Error!.Code);
    }

    [Fact]
    public void Open_InitialOnDraft_ReturnsTheDeclarationsLifecycleError()
    {
        var draft = Declaration.Start(OrganisationId.New(), new CatalogueId(Guid.NewGuid()), "EU Cloud CoC", "2.11", [], T0);

        var result = Assessment.Open(draft, AssessmentKind.Initial, null, [], [], Assessor, Role.MbAssessor, T0);

        Assert.Equal("declaration.transition-not-allowed", result.Error!.Code);
        Assert.Equal(DeclarationStatus.Draft, draft.Status);
    }

    [Fact]
    public void Open_AdHocWithoutReason_IsRefused()
    {
        var result = Assessment.Open(VerifiedDeclaration(), AssessmentKind.AdHoc, null, [], [], Assessor, Role.MbAssessor, T0);

        Assert.Equal("assessment.reason-required", result.Error!.Code);
    }

    [Fact]
    public void Open_AdHocOnSubmittedDeclaration_IsRefusedAsNotListed()
    {
        var result = Assessment.Open(SubmittedDeclaration(), AssessmentKind.AdHoc, AdHocReason.MediaReports, [], [], Assessor, Role.MbAssessor, T0);

        Assert.Equal("assessment.declaration-not-listed", result.Error!.Code);
    }

    [Fact]
    public void Open_AdHoc_KeepsTheDeclarationVerified()
    {
        var s = Opened(AssessmentKind.AdHoc);

        Assert.Equal(DeclarationStatus.Verified, s.Declaration.Status);
        Assert.Equal(AdHocReason.Complaint, s.Assessment.AdHocReason);
    }

    [Fact]
    public void Open_ByAssessorWithActiveConflict_IsRefused()
    {
        var declaration = SubmittedDeclaration();
        var conflict = Ok(ConflictOfInterest.Declare(Assessor, declaration.OrganisationId, "Former employee", new DateOnly(2025, 1, 1)));

        var result = Assessment.Open(declaration, AssessmentKind.Initial, null, [], [conflict], Assessor, Role.MbAssessor, T0);

        Assert.Equal("assessment.conflict-of-interest", Assert.IsType<ForbiddenError>(result.Error).Code);
        Assert.Equal(DeclarationStatus.Submitted, declaration.Status);
    }

    [Fact]
    public void CompleteFactFinding_ByUnassignedAssessor_IsForbidden()
    {
        var s = In(AssessmentPhase.FactFinding);

        var result = s.Assessment.CompleteFactFinding(s.Declaration, UserId.New(), Role.MbAssessor, s.Now);

        Assert.Equal("assessment.not-assigned", result.Error!.Code);
    }

    [Fact]
    public void CompleteFactFinding_ByAssignedSecondAssessor_Succeeds()
    {
        var s = In(AssessmentPhase.FactFinding);
        var second = UserId.New();
        Ok(s.Assessment.AssignAssessor(second, [], Admin, Role.MbAdministrator, s.Now));

        var result = s.Assessment.CompleteFactFinding(s.Declaration, second, Role.MbAssessor, s.Now);

        Assert.False(result.IsError);
        Assert.Equal([Assessor, second], s.Assessment.Assessors);
    }

    [Fact]
    public void AssignAssessor_ByAssessor_IsForbidden()
    {
        var s = Opened();

        Assert.Equal("assessment.role-not-allowed", s.Assessment.AssignAssessor(UserId.New(), [], Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }

    [Fact]
    public void AssignAssessor_Twice_IsAConflict()
    {
        var s = Opened();

        Assert.Equal("assessment.already-assigned", s.Assessment.AssignAssessor(Assessor, [], Admin, Role.MbAdministrator, s.Now).Error!.Code);
    }

    [Fact]
    public void AssignAssessor_TheDecisionMaker_BreaksFourEyes()
    {
        var s = Opened();
        Ok(s.Assessment.AssignDecisionMaker(DecisionMakerUser, [], Admin, Role.MbAdministrator, s.Now));

        var result = s.Assessment.AssignAssessor(DecisionMakerUser, [], Admin, Role.MbAdministrator, s.Now);

        Assert.Equal("assessment.four-eyes", result.Error!.Code);
    }

    [Fact]
    public void AssignDecisionMaker_AnAssessor_BreaksFourEyes()
    {
        var s = Opened();

        var result = s.Assessment.AssignDecisionMaker(Assessor, [], Admin, Role.MbAdministrator, s.Now);

        Assert.Equal("declaration.four-eyes", result.Error!.Code);
        Assert.Null(s.Assessment.DecisionMaker);
    }

    [Fact]
    public void AssignAssessor_WithConflictEndedBeforeToday_Succeeds()
    {
        var s = Opened();
        var user = UserId.New();
        var ended = Ok(ConflictOfInterest.Declare(user, s.Assessment.OrganisationId, "Consulting in 2024", new DateOnly(2024, 1, 1), new DateOnly(2026, 3, 1)));

        Assert.False(s.Assessment.AssignAssessor(user, [ended], Admin, Role.MbAdministrator, s.Now).IsError);
    }

    [Fact]
    public void AssignAssessor_WithConflictEndingToday_IsRefused()
    {
        var s = Opened();
        var user = UserId.New();
        var endsToday = Ok(ConflictOfInterest.Declare(user, s.Assessment.OrganisationId, "Shares", new DateOnly(2024, 1, 1), new DateOnly(2026, 3, 2)));

        Assert.Equal("assessment.conflict-of-interest", s.Assessment.AssignAssessor(user, [endsToday], Admin, Role.MbAdministrator, s.Now).Error!.Code);
    }

    [Fact]
    public void AssignAssessor_WithConflictTowardsAnotherOrganisation_Succeeds()
    {
        var s = Opened();
        var user = UserId.New();
        var elsewhere = Ok(ConflictOfInterest.Declare(user, OrganisationId.New(), "Shares", new DateOnly(2024, 1, 1)));

        Assert.False(s.Assessment.AssignAssessor(user, [elsewhere], Admin, Role.MbAdministrator, s.Now).IsError);
    }

    [Fact]
    public void AssignAssessor_AfterDecision_IsClosed()
    {
        var s = In(AssessmentPhase.Approved);

        Assert.Equal("assessment.closed", s.Assessment.AssignAssessor(UserId.New(), [], Admin, Role.MbAdministrator, s.Now).Error!.Code);
    }

    [Fact]
    public void Cancel_InitialWhileDeclarationNotWithdrawn_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);

        var result = s.Assessment.Cancel(s.Declaration, "Changed our mind", Admin, Role.MbAdministrator, s.Now);

        Assert.Equal("assessment.declaration-not-withdrawn", result.Error!.Code);
        Assert.Equal(AssessmentPhase.InDepthReview, s.Assessment.Phase);
    }

    [Fact]
    public void Cancel_WithoutReason_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview, AssessmentKind.AdHoc);

        Assert.Equal("decision.reason-required", s.Assessment.Cancel(s.Declaration, "  ", Admin, Role.MbAdministrator, s.Now).Error!.Code);
    }

    [Fact]
    public void Move_WithAnotherDeclaration_Throws()
    {
        var s = In(AssessmentPhase.FactFinding);

        Assert.Throws<ArgumentException>(() => s.Assessment.CompleteFactFinding(SubmittedDeclaration(), Assessor, Role.MbAssessor, s.Now));
    }

    [Fact]
    public void Move_WhenDeclarationWasWithdrawnMeanwhile_ReturnsTheDeclarationsErrorAndChangesNothing()
    {
        var s = In(AssessmentPhase.InDepthReview);
        Ok(s.Declaration.Fire(DeclarationTrigger.Withdraw, Role.CspEditor, s.Now));

        var result = s.Assessment.SendToDecision(s.Declaration, [], Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("declaration.transition-not-allowed", result.Error!.Code);
        Assert.Equal(AssessmentPhase.InDepthReview, s.Assessment.Phase);
    }

    [Fact]
    public void History_ToAuditEntry_NamesActionPhasesAndDeclarationStatus()
    {
        var s = In(AssessmentPhase.InDepthReview);
        var change = s.Assessment.History[^1];

        var entry = change.ToAuditEntry(s.Assessment.Id, s.Assessment.OrganisationId.Value, "assessor@mb.example");

        Assert.Equal("assessment.complete-fact-finding", entry.Action);
        Assert.Equal($"user:{Assessor.Value}", entry.ActorId);
        Assert.Equal(("FactFinding", "InDepthReview"), entry.Changes.Fields["phase"]);
        Assert.False(entry.Changes.Fields.ContainsKey("declarationStatus"));
    }

    [Fact]
    public void History_SendBack_RecordsTheReasonAndTheDeclarationMove()
    {
        var s = In(AssessmentPhase.DecisionPending);
        Ok(s.Assessment.SendBack(s.Declaration, "Check subprocessors", [], DecisionMakerUser, Role.MbDecisionMaker, s.Now));

        var entry = s.Assessment.History[^1].ToAuditEntry(s.Assessment.Id, Guid.Empty, "dm");

        Assert.Equal("assessment.send-back", entry.Action);
        Assert.Equal(("DecisionPending", "UnderAssessment"), entry.Changes.Fields["declarationStatus"]);
        Assert.Equal((null, "Check subprocessors"), entry.Changes.Fields["note"]);
        Assert.Null(s.Assessment.SentToDecisionAt);
    }
}
