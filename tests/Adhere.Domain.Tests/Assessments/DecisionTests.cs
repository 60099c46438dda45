using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class DecisionTests
{
    private static AssessmentScenario WithFindings(params string[] keys)
    {
        var s = In(AssessmentPhase.InDepthReview);
        foreach (var key in keys) Ok(s.Assessment.RecordControlFinding(key, FindingResult.Satisfied, null, [], Assessor, Role.MbAssessor, s.Now));
        Ok(s.Assessment.SendToDecision(s.Declaration, keys, Assessor, Role.MbAssessor, s.Now));
        return s;
    }

    private static Result<AssessmentDecision> Approve(AssessmentScenario s, ComplianceLevel proposed, ComplianceLevel granted, string? rationale = null,
        string[]? examined = null, UserId? by = null, IEnumerable<ConflictOfInterest>? conflicts = null) =>
        s.Assessment.Approve(s.Declaration, proposed, granted, rationale, examined ?? [], conflicts ?? [], by ?? DecisionMakerUser, Role.MbDecisionMaker, s.Now);

    [Fact]
    public void Approve_SameLevel_VerifiesWithOneYearValidity()
    {
        var s = WithFindings("5.1.A");

        var decision = Ok(Approve(s, ComplianceLevel.Second, ComplianceLevel.Second, examined: ["5.1.A"]));

        Assert.Equal((DecisionOutcome.Approved, ComplianceLevel.Second, new DateOnly(2026, 3, 2), new DateOnly(2027, 3, 1)),
            (decision.Outcome, decision.GrantedLevel!.Value, decision.DecidedOn, decision.ValidUntil!.Value));
        Assert.False(decision.DeviatesFromProposal);
        Assert.Equal(AssessmentPhase.Approved, s.Assessment.Phase);
        Assert.Equal(DeclarationStatus.Verified, s.Declaration.Status);
        Assert.Equal(decision, s.Assessment.Decision);
        Assert.Equal(DecisionMakerUser, s.Assessment.DecisionMaker);
    }

    [Fact]
    public void Approve_OtherLevelWithoutRationale_RequiresOne()
    {
        var s = WithFindings();

        var result = Approve(s, ComplianceLevel.Second, ComplianceLevel.Third, rationale: "  ");

        Assert.Equal(("decision.rationale-required", "rationale"), (result.Error!.Code, ((InvalidError)result.Error).Field));
        Assert.Equal(AssessmentPhase.DecisionPending, s.Assessment.Phase);
        Assert.Equal(DeclarationStatus.DecisionPending, s.Declaration.Status);
    }

    [Fact]
    public void Approve_OtherLevelWithRationale_RecordsIt()
    {
        var s = WithFindings();

        var decision = Ok(Approve(s, ComplianceLevel.Second, ComplianceLevel.First, rationale: "The SOC 2 report does not cover the EU region."));

        Assert.True(decision.DeviatesFromProposal);
        Assert.Equal("The SOC 2 report does not cover the EU region.", decision.Rationale);
    }

    [Fact]
    public void DecisionBlockers_MissingFindingsAndUnclosedClarifications_ListsEverythingOnceInOrder()
    {
        var s = WithFindings("5.1.A");
        Ok(s.Assessment.SendBack(s.Declaration, "More", [], DecisionMakerUser, Role.MbDecisionMaker, s.Now));
        var request = s.Ask();
        s.Reply(request, s.Now);
        Ok(s.Assessment.Resume(s.Declaration, Assessor, Role.MbAssessor, s.Now));
        var blockers = s.Assessment.DecisionBlockers(["5.1.A", "5.3.A", "5.3.A", "6.2.P"]);

        Assert.Equal(
            [("decision.finding-missing", "5.3.A"), ("decision.finding-missing", "6.2.P"), ("decision.clarification-not-closed", request.Id.ToString())],
            blockers.Select(b => (b.Code, b.Subject)));
    }

    [Fact]
    public void SendToDecision_MissingFindingsAndOpenClarification_ListsEverythingAtOnce()
    {
        var s = In(AssessmentPhase.InDepthReview);
        Ok(s.Assessment.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, [], Assessor, Role.MbAssessor, s.Now));
        var request = s.Ask();
        s.Reply(request, s.Now);
        Ok(s.Assessment.Resume(s.Declaration, Assessor, Role.MbAssessor, s.Now));

        var result = s.Assessment.SendToDecision(s.Declaration, ["5.1.A", "5.2.A", "5.3.A"], Assessor, Role.MbAssessor, s.Now);

        var error = Assert.IsType<ProblemListError>(result.Error);
        Assert.Equal("assessment.not-ready-for-decision", error.Code);
        Assert.Equal(["5.2.A", "5.3.A", request.Id.ToString()], error.Problems.Select(p => p.Subject));
        Assert.Equal(AssessmentPhase.InDepthReview, s.Assessment.Phase);
    }

    [Fact]
    public void Approve_WithFindingMissing_IsNotReady()
    {
        var s = WithFindings("5.1.A");

        var notReady = Assert.IsType<ProblemListError>(Approve(s, ComplianceLevel.Second, ComplianceLevel.Second, examined: ["5.1.A", "5.2.A"]).Error);

        Assert.Equal("decision.not-ready", notReady.Code);
        Assert.Equal(("decision.finding-missing", "5.2.A"), (Assert.Single(notReady.Problems).Code, notReady.Problems[0].Subject));
        Assert.Null(s.Assessment.Decision);
        Assert.Equal(DeclarationStatus.DecisionPending, s.Declaration.Status);
    }

    [Fact]
    public void Approve_RationaleAndFindingsMissing_ListsBothAtOnce()
    {
        var s = WithFindings("5.1.A");

        var notReady = Assert.IsType<ProblemListError>(Approve(s, ComplianceLevel.Second, ComplianceLevel.Third, examined: ["5.1.A", "5.2.A", "6.1.A"]).Error);

        Assert.Equal(
            [("decision.rationale-required", "rationale"), ("decision.finding-missing", "5.2.A"), ("decision.finding-missing", "6.1.A")],
            notReady.Problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Approve_ByAnAssessorOfTheAssessment_BreaksFourEyes()
    {
        var s = WithFindings();

        var result = s.Assessment.Approve(s.Declaration, ComplianceLevel.Second, ComplianceLevel.Second, null, [], [], Assessor, Role.MbDecisionMaker, s.Now);

        Assert.Equal("declaration.four-eyes", Assert.IsType<ForbiddenError>(result.Error).Code);
        Assert.Equal(DeclarationStatus.DecisionPending, s.Declaration.Status);
    }

    [Fact]
    public void Approve_ByAnotherThanTheAssignedDecisionMaker_IsForbidden()
    {
        var s = WithFindings();
        Ok(s.Assessment.AssignDecisionMaker(DecisionMakerUser, [], Admin, Role.MbAdministrator, s.Now));

        Assert.Equal("assessment.not-assigned-decision-maker", Approve(s, ComplianceLevel.First, ComplianceLevel.First, by: UserId.New()).Error!.Code);
    }

    [Fact]
    public void Approve_ByDecisionMakerWithConflict_IsRefused()
    {
        var s = WithFindings();
        var conflict = Ok(ConflictOfInterest.Declare(DecisionMakerUser, s.Assessment.OrganisationId, "Spouse works there", new DateOnly(2026, 1, 1)));

        Assert.Equal("assessment.conflict-of-interest", Approve(s, ComplianceLevel.First, ComplianceLevel.First, conflicts: [conflict]).Error!.Code);
    }

    [Fact]
    public void Approve_UndefinedGrantedLevel_IsInvalid()
    {
        var s = WithFindings();

        Assert.Equal("decision.level-invalid", Approve(s, ComplianceLevel.First, (ComplianceLevel)4, "why").Error!.Code);
    }

    [Fact]
    public void Approve_AdHoc_ConfirmsWithoutTouchingTheDeclaration()
    {
        var s = In(AssessmentPhase.DecisionPending, AssessmentKind.AdHoc);

        var decision = Ok(Approve(s, ComplianceLevel.Second, ComplianceLevel.Second));

        Assert.Equal(DecisionOutcome.Approved, decision.Outcome);
        Assert.Equal(DeclarationStatus.Verified, s.Declaration.Status);
    }

    [Fact]
    public void Reject_WithReason_RejectsTheDeclaration()
    {
        var s = WithFindings();

        var decision = Ok(s.Assessment.Reject(s.Declaration, ComplianceLevel.First, " 5.12.A not met ", [], DecisionMakerUser, Role.MbDecisionMaker, s.Now));

        Assert.Equal((DecisionOutcome.Rejected, "5.12.A not met", null), (decision.Outcome, decision.RejectionReason, decision.ValidUntil));
        Assert.Equal(DeclarationStatus.Rejected, s.Declaration.Status);
    }

    [Fact]
    public void Reject_WithoutReason_IsRefused()
    {
        var s = WithFindings();

        Assert.Equal("decision.reason-required", s.Assessment.Reject(s.Declaration, ComplianceLevel.First, null, [], DecisionMakerUser, Role.MbDecisionMaker, s.Now).Error!.Code);
    }

    [Fact]
    public void Reject_ByAssessor_BreaksFourEyes()
    {
        var s = WithFindings();

        Assert.Equal("declaration.four-eyes", s.Assessment.Reject(s.Declaration, ComplianceLevel.First, "No", [], Assessor, Role.MbDecisionMaker, s.Now).Error!.Code);
    }

    [Fact]
    public void SendBack_WithoutReason_IsRefused()
    {
        var s = WithFindings();

        Assert.Equal("decision.reason-required", s.Assessment.SendBack(s.Declaration, "", [], DecisionMakerUser, Role.MbDecisionMaker, s.Now).Error!.Code);
    }

    [Theory]
    [InlineData("2026-05-10", "2027-05-09")]
    [InlineData("2026-01-01", "2026-12-31")]
    [InlineData("2024-02-29", "2025-02-28")]
    [InlineData("2023-03-01", "2024-02-29")]
    [InlineData("2024-03-01", "2025-02-28")]
    [InlineData("2027-02-28", "2028-02-27")]
    public void LastDay_OneYearFromApproval_BothDaysIncluded(string approved, string validUntil) =>
        Assert.Equal(DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture), Validity.LastDay(DateOnly.Parse(approved, System.Globalization.CultureInfo.InvariantCulture)));
}
