using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using static Adhere.Domain.Assessments.AssessmentAction;
using static Adhere.Domain.Assessments.AssessmentPhase;

namespace Adhere.Domain.Tests.Assessments;

public sealed class AssessmentWorkflowTests
{
    private const string Admin = "mb-admin";
    private const string Assessor = "mb-assessor";
    private const string DecisionMaker = "mb-decision-maker";

    // The phase machine written out independently of the implementation: every pair not listed must be refused.
    internal static readonly Dictionary<(AssessmentPhase From, AssessmentAction Action), (AssessmentPhase To, string Role, DeclarationTrigger? Trigger)> Expected = new()
    {
        [(FactFinding, CompleteFactFinding)] = (InDepthReview, Assessor, null),
        [(FactFinding, RequestClarification)] = (FactFindingAwaitingClarification, Assessor, DeclarationTrigger.RequestClarification),
        [(FactFinding, Cancel)] = (Cancelled, Admin, null),
        [(FactFindingAwaitingClarification, Resume)] = (FactFinding, Assessor, DeclarationTrigger.ResumeAssessment),
        [(FactFindingAwaitingClarification, Cancel)] = (Cancelled, Admin, null),
        [(InDepthReview, RequestClarification)] = (InDepthReviewAwaitingClarification, Assessor, DeclarationTrigger.RequestClarification),
        [(InDepthReview, SendToDecision)] = (DecisionPending, Assessor, DeclarationTrigger.SendToDecision),
        [(InDepthReview, Cancel)] = (Cancelled, Admin, null),
        [(InDepthReviewAwaitingClarification, Resume)] = (InDepthReview, Assessor, DeclarationTrigger.ResumeAssessment),
        [(InDepthReviewAwaitingClarification, Cancel)] = (Cancelled, Admin, null),
        [(DecisionPending, SendBack)] = (InDepthReview, DecisionMaker, DeclarationTrigger.ResumeAssessment),
        [(DecisionPending, Approve)] = (Approved, DecisionMaker, DeclarationTrigger.Verify),
        [(DecisionPending, Reject)] = (Rejected, DecisionMaker, DeclarationTrigger.Reject),
        [(DecisionPending, Cancel)] = (Cancelled, Admin, null),
    };

    internal static readonly Dictionary<AssessmentAction, string> RoleFor = new()
    {
        [CompleteFactFinding] = Assessor,
        [RequestClarification] = Assessor,
        [Resume] = Assessor,
        [SendToDecision] = Assessor,
        [SendBack] = DecisionMaker,
        [Approve] = DecisionMaker,
        [Reject] = DecisionMaker,
        [Cancel] = Admin,
    };

    public static TheoryData<AssessmentPhase, AssessmentAction> EveryPhaseAndAction()
    {
        var data = new TheoryData<AssessmentPhase, AssessmentAction>();
        foreach (var from in Enum.GetValues<AssessmentPhase>())
        {
            foreach (var action in Enum.GetValues<AssessmentAction>()) data.Add(from, action);
        }

        return data;
    }

    public static TheoryData<AssessmentPhase, AssessmentAction, string> EveryAllowedMoveAndRole()
    {
        var data = new TheoryData<AssessmentPhase, AssessmentAction, string>();
        foreach (var ((from, action), _) in Expected)
        {
            foreach (var role in Role.All) data.Add(from, action, role.Name);
        }

        return data;
    }

    internal static Role R(string name) => Role.TryParse(name, out var role) ? role : throw new ArgumentException(name);

    [Theory]
    [MemberData(nameof(EveryPhaseAndAction))]
    public void Check_EveryPhaseAndAction_FollowsTheExpectedTable(AssessmentPhase from, AssessmentAction action)
    {
        var result = AssessmentWorkflow.Check(from, action, R(RoleFor[action]));

        if (Expected.TryGetValue((from, action), out var expected))
        {
            Assert.False(result.IsError, result.Error?.Message);
            Assert.Equal(expected.To, result.Value.To);
            Assert.Equal(expected.Trigger, result.Value.Trigger);
        }
        else
        {
            var error = Assert.IsType<ConflictError>(result.Error);
            Assert.Equal("assessment.phase-not-allowed", error.Code);
        }
    }

    [Theory]
    [MemberData(nameof(EveryAllowedMoveAndRole))]
    public void Check_AllowedMoveByEachRole_SucceedsOnlyForItsRole(AssessmentPhase from, AssessmentAction action, string role)
    {
        var result = AssessmentWorkflow.Check(from, action, R(role));

        if (Expected[(from, action)].Role == role)
        {
            Assert.False(result.IsError, result.Error?.Message);
        }
        else
        {
            var error = Assert.IsType<ForbiddenError>(result.Error);
            Assert.Equal("assessment.role-not-allowed", error.Code);
        }
    }

    [Fact]
    public void Transitions_ListsExactlyTheExpectedMoves()
    {
        var actual = AssessmentWorkflow.Transitions.Select(t => (t.From, t.Action, t.To, Roles: string.Join(",", t.Roles.Select(r => r.Name)), t.Trigger));
        var expected = Expected.OrderBy(e => e.Key.From).ThenBy(e => e.Key.Action)
            .Select(e => (e.Key.From, e.Key.Action, e.Value.To, Roles: e.Value.Role, e.Value.Trigger));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Transitions_EachTrigger_MovesTheDeclarationBetweenTheMappedStatuses()
    {
        foreach (var t in AssessmentWorkflow.Transitions.Where(t => t.Trigger is not null))
        {
            var next = DeclarationLifecycle.Fire(AssessmentWorkflow.DeclarationStatusFor(t.From), t.Trigger!.Value, t.Roles[0]);

            Assert.False(next.IsError, $"{t.From} {t.Action}: {next.Error?.Message}");
            Assert.Equal(AssessmentWorkflow.DeclarationStatusFor(t.To), next.Value);
        }
    }

    [Fact]
    public void Transitions_WithoutTrigger_KeepTheDeclarationStatusOrEndTheAssessment()
    {
        foreach (var t in AssessmentWorkflow.Transitions.Where(t => t.Trigger is null && t.To != Cancelled))
        {
            Assert.Equal(AssessmentWorkflow.DeclarationStatusFor(t.From), AssessmentWorkflow.DeclarationStatusFor(t.To));
        }
    }

    [Fact]
    public void TriggerFor_AdHoc_FiresNothing()
    {
        Assert.All(AssessmentWorkflow.Transitions, t => Assert.Null(t.TriggerFor(AssessmentKind.AdHoc)));
        Assert.Contains(AssessmentWorkflow.Transitions, t => t.TriggerFor(AssessmentKind.Recurring) == DeclarationTrigger.Verify);
    }

    [Fact]
    public void Check_CspRole_IsForbiddenBeforeThePhaseIsLookedAt()
    {
        var result = AssessmentWorkflow.Check(Approved, Approve, Role.CspEditor);

        Assert.Equal("assessment.role-not-allowed", Assert.IsType<ForbiddenError>(result.Error).Code);
    }

    [Fact]
    public void Check_FromFinalPhase_SaysItIsFinal()
    {
        var result = AssessmentWorkflow.Check(Rejected, Approve, Role.MbDecisionMaker);

        Assert.Contains("final", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Approved, true)]
    [InlineData(Rejected, true)]
    [InlineData(Cancelled, true)]
    [InlineData(FactFinding, false)]
    [InlineData(InDepthReviewAwaitingClarification, false)]
    [InlineData(DecisionPending, false)]
    public void IsFinal_EachPhase_MatchesTheTable(AssessmentPhase phase, bool final) => Assert.Equal(final, AssessmentWorkflow.IsFinal(phase));

    [Fact]
    public void AllowedActions_DecisionPendingForDecisionMaker_ListsTheDecisionButtons()
    {
        Assert.Equal([SendBack, Approve, Reject], AssessmentWorkflow.AllowedActions(DecisionPending, Role.MbDecisionMaker));
        Assert.Empty(AssessmentWorkflow.AllowedActions(DecisionPending, Role.CspEditor));
    }

    [Fact]
    public void Check_UndefinedPhase_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AssessmentWorkflow.Check((AssessmentPhase)42, Approve, Role.MbDecisionMaker));
}
