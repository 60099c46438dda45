using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using static Adhere.Domain.Declarations.Lifecycle.DeclarationStatus;
using static Adhere.Domain.Declarations.Lifecycle.DeclarationTrigger;

namespace Adhere.Domain.Tests.Declarations.Lifecycle;

public sealed class DeclarationLifecycleTests
{
    private const string Admin = "mb-admin";
    private const string Assessor = "mb-assessor";
    private const string DecisionMaker = "mb-decision-maker";
    private const string Editor = "csp-editor";
    private const string Viewer = "csp-viewer";

    // The whole state machine, written out independently of the implementation: every pair not listed must be refused.
    private static readonly Dictionary<(DeclarationStatus From, DeclarationTrigger Trigger), (DeclarationStatus To, string[] Roles)> Expected = new()
    {
        [(Draft, Submit)] = (Submitted, [Editor]),
        [(Draft, Withdraw)] = (Withdrawn, [Editor]),
        [(Submitted, StartAssessment)] = (UnderAssessment, [Assessor]),
        [(Submitted, Withdraw)] = (Withdrawn, [Editor]),
        [(UnderAssessment, RequestClarification)] = (ClarificationRequested, [Assessor]),
        [(UnderAssessment, SendToDecision)] = (DecisionPending, [Assessor]),
        [(UnderAssessment, Withdraw)] = (Withdrawn, [Editor]),
        [(ClarificationRequested, ResumeAssessment)] = (UnderAssessment, [Assessor]),
        [(ClarificationRequested, Withdraw)] = (Withdrawn, [Editor]),
        [(DecisionPending, ResumeAssessment)] = (UnderAssessment, [DecisionMaker]),
        [(DecisionPending, Verify)] = (Verified, [DecisionMaker]),
        [(DecisionPending, Reject)] = (Rejected, [DecisionMaker]),
        [(DecisionPending, Withdraw)] = (Withdrawn, [Editor]),
        [(Verified, MarkRenewalDue)] = (RenewalDue, [Admin]),
        [(Verified, Renew)] = (Renewed, [DecisionMaker]),
        [(Verified, Expire)] = (Expired, [Admin]),
        [(Verified, Suspend)] = (DeclarationStatus.Suspended, [DecisionMaker]),
        [(Verified, Revoke)] = (Revoked, [DecisionMaker]),
        [(Verified, Withdraw)] = (Withdrawn, [Editor]),
        [(RenewalDue, Renew)] = (Renewed, [DecisionMaker]),
        [(RenewalDue, Expire)] = (Expired, [Admin]),
        [(RenewalDue, Suspend)] = (DeclarationStatus.Suspended, [DecisionMaker]),
        [(RenewalDue, Revoke)] = (Revoked, [DecisionMaker]),
        [(RenewalDue, Withdraw)] = (Withdrawn, [Editor]),
        [(DeclarationStatus.Suspended, Expire)] = (Expired, [Admin]),
        [(DeclarationStatus.Suspended, Reinstate)] = (Verified, [DecisionMaker]),
        [(DeclarationStatus.Suspended, Revoke)] = (Revoked, [DecisionMaker]),
    };

    // A role that may fire each trigger from some status, so that refusals below are about the status, not the role.
    private static readonly Dictionary<DeclarationTrigger, string> SomeRoleFor = new()
    {
        [Submit] = Editor,
        [StartAssessment] = Assessor,
        [RequestClarification] = Assessor,
        [ResumeAssessment] = Assessor,
        [SendToDecision] = Assessor,
        [Verify] = DecisionMaker,
        [Reject] = DecisionMaker,
        [MarkRenewalDue] = Admin,
        [Renew] = DecisionMaker,
        [Expire] = Admin,
        [Suspend] = DecisionMaker,
        [Reinstate] = DecisionMaker,
        [Revoke] = DecisionMaker,
        [Withdraw] = Editor,
    };

    public static TheoryData<DeclarationStatus, DeclarationTrigger> EveryStatusAndTrigger()
    {
        var data = new TheoryData<DeclarationStatus, DeclarationTrigger>();
        foreach (var from in Enum.GetValues<DeclarationStatus>())
        {
            foreach (var trigger in Enum.GetValues<DeclarationTrigger>()) data.Add(from, trigger);
        }

        return data;
    }

    public static TheoryData<DeclarationStatus, DeclarationTrigger, string> EveryAllowedMoveAndRole()
    {
        var data = new TheoryData<DeclarationStatus, DeclarationTrigger, string>();
        foreach (var ((from, trigger), _) in Expected)
        {
            foreach (var role in Role.All) data.Add(from, trigger, role.Name);
        }

        return data;
    }

    private static Role R(string name) => Role.TryParse(name, out var role) ? role : throw new ArgumentException(name);

    private static DeclarationStatus Step(DeclarationStatus from, DeclarationTrigger trigger, string role)
    {
        var result = DeclarationLifecycle.Fire(from, trigger, R(role));
        Assert.False(result.IsError, result.Error?.Message);
        return result.Value;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndTrigger))]
    public void Fire_EveryStatusAndTrigger_FollowsTheExpectedTable(DeclarationStatus from, DeclarationTrigger trigger)
    {
        var role = Expected.TryGetValue((from, trigger), out var allowed) ? allowed.Roles[0] : SomeRoleFor[trigger];

        var result = DeclarationLifecycle.Fire(from, trigger, R(role));

        if (Expected.ContainsKey((from, trigger)))
        {
            Assert.False(result.IsError, result.Error?.Message);
            Assert.Equal(allowed.To, result.Value);
        }
        else
        {
            var error = Assert.IsType<ConflictError>(result.Error);
            Assert.Equal("declaration.transition-not-allowed", error.Code);
        }
    }

    [Theory]
    [MemberData(nameof(EveryAllowedMoveAndRole))]
    public void Fire_AllowedMoveByEachRole_SucceedsOnlyForItsRoles(DeclarationStatus from, DeclarationTrigger trigger, string role)
    {
        var result = DeclarationLifecycle.Fire(from, trigger, R(role));

        if (Expected[(from, trigger)].Roles.Contains(role))
        {
            Assert.False(result.IsError, result.Error?.Message);
        }
        else
        {
            var error = Assert.IsType<ForbiddenError>(result.Error);
            Assert.Equal("declaration.role-not-allowed", error.Code);
        }
    }

    [Fact]
    public void Transitions_ListsExactlyTheExpectedMoves()
    {
        var actual = DeclarationLifecycle.Transitions.Select(t => (t.From, t.Trigger, t.To, Roles: string.Join(",", t.Roles.Select(r => r.Name))));
        var expected = Expected.OrderBy(e => e.Key.From).ThenBy(e => e.Key.Trigger)
            .Select(e => (e.Key.From, e.Key.Trigger, e.Value.To, Roles: string.Join(",", e.Value.Roles)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fire_HappyPathWithClarification_EndsVerified()
    {
        var status = Draft;
        var seen = new List<DeclarationStatus>();
        foreach (var (trigger, role) in new[]
        {
            (Submit, Editor), (StartAssessment, Assessor), (RequestClarification, Assessor), (ResumeAssessment, Assessor),
            (SendToDecision, Assessor), (Verify, DecisionMaker),
        })
        {
            status = Step(status, trigger, role);
            seen.Add(status);
        }

        Assert.Equal([Submitted, UnderAssessment, ClarificationRequested, UnderAssessment, DecisionPending, Verified], seen);
        Assert.True(DeclarationLifecycle.IsListed(status));
    }

    [Fact]
    public void Fire_VerifiedThroughRenewal_EndsRenewedAndFinal()
    {
        var due = Step(Verified, MarkRenewalDue, Admin);
        var renewed = Step(due, Renew, DecisionMaker);

        Assert.Equal(RenewalDue, due);
        Assert.Equal(Renewed, renewed);
        Assert.True(DeclarationLifecycle.IsFinal(renewed));
        Assert.Empty(DeclarationLifecycle.AllowedTriggers(renewed));
    }

    [Fact]
    public void Fire_SuspendThenReinstate_ReturnsToVerified()
    {
        var suspended = Step(RenewalDue, Suspend, DecisionMaker);
        var reinstated = Step(suspended, Reinstate, DecisionMaker);

        Assert.Equal(DeclarationStatus.Suspended, suspended);
        Assert.Equal(Verified, reinstated);
    }

    [Fact]
    public void Fire_TriggerNotApplicable_MessageNamesStatusTriggerAndAlternatives()
    {
        var result = DeclarationLifecycle.Fire(Draft, Verify, Role.MbDecisionMaker);

        Assert.Equal("declaration.transition-not-allowed", result.Error!.Code);
        Assert.Contains("'Verify'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'Draft'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Submit, Withdraw", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_FromFinalStatus_MessageSaysItIsFinal()
    {
        var result = DeclarationLifecycle.Fire(Withdrawn, Withdraw, Role.CspEditor);

        Assert.Equal("declaration.transition-not-allowed", result.Error!.Code);
        Assert.Contains("'Withdrawn' is final", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_RoleThatNeverFiresTrigger_IsForbiddenWhateverTheStatus()
    {
        var result = DeclarationLifecycle.Fire(Draft, Verify, Role.CspEditor);

        var error = Assert.IsType<ForbiddenError>(result.Error);
        Assert.Equal("declaration.role-not-allowed", error.Code);
        Assert.Contains("mb-decision-maker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_DecisionMakerResumingClarificationPause_IsForbidden()
    {
        var result = DeclarationLifecycle.Fire(ClarificationRequested, ResumeAssessment, Role.MbDecisionMaker);

        Assert.Equal("declaration.role-not-allowed", result.Error!.Code);
    }

    [Fact]
    public void Fire_WithdrawWhileSuspended_IsRefused()
    {
        var result = DeclarationLifecycle.Fire(DeclarationStatus.Suspended, Withdraw, Role.CspEditor);

        Assert.Equal("declaration.transition-not-allowed", result.Error!.Code);
    }

    [Theory]
    [InlineData(Admin)]
    [InlineData(Assessor)]
    [InlineData(DecisionMaker)]
    [InlineData(Viewer)]
    public void Fire_SubmitByAnyoneButEditor_IsForbidden(string role)
    {
        var result = DeclarationLifecycle.Fire(Draft, Submit, R(role));

        Assert.Equal("declaration.role-not-allowed", result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(EveryTrigger))]
    public void Fire_ViewerAnyTrigger_IsForbidden(DeclarationTrigger trigger)
    {
        var result = DeclarationLifecycle.Fire(Verified, trigger, Role.CspViewer);

        Assert.Equal("declaration.role-not-allowed", result.Error!.Code);
    }

    public static TheoryData<DeclarationTrigger> EveryTrigger() => new(Enum.GetValues<DeclarationTrigger>());

    [Fact]
    public void Fire_UndefinedStatus_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeclarationLifecycle.Fire((DeclarationStatus)99, Submit, Role.CspEditor));
    }

    [Fact]
    public void AllowedTriggers_ForRole_ListsOnlyThatRolesButtons()
    {
        Assert.Equal([Renew, Suspend, Revoke], DeclarationLifecycle.AllowedTriggers(Verified, Role.MbDecisionMaker));
        Assert.Equal([Withdraw], DeclarationLifecycle.AllowedTriggers(Verified, Role.CspEditor));
        Assert.Empty(DeclarationLifecycle.AllowedTriggers(Verified, Role.CspViewer));
    }

    [Fact]
    public void RolesFor_ResumeAssessment_IsAssessorAndDecisionMaker()
    {
        Assert.Equal([Role.MbAssessor, Role.MbDecisionMaker], DeclarationLifecycle.RolesFor(ResumeAssessment));
    }

    [Theory]
    [InlineData(Draft, false)]
    [InlineData(Submitted, false)]
    [InlineData(UnderAssessment, false)]
    [InlineData(ClarificationRequested, false)]
    [InlineData(DecisionPending, false)]
    [InlineData(Verified, false)]
    [InlineData(Rejected, true)]
    [InlineData(RenewalDue, false)]
    [InlineData(Renewed, true)]
    [InlineData(Expired, true)]
    [InlineData(DeclarationStatus.Suspended, false)]
    [InlineData(Revoked, true)]
    [InlineData(Withdrawn, true)]
    public void IsFinal_EachStatus_MatchesDecision(DeclarationStatus status, bool expected)
    {
        Assert.Equal(expected, DeclarationLifecycle.IsFinal(status));
        Assert.Equal(!expected, DeclarationLifecycle.IsOpen(status));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void IsEditableByProvider_EachStatus_OnlyDraft(DeclarationStatus status)
    {
        Assert.Equal(status == Draft, DeclarationLifecycle.IsEditableByProvider(status));
        Assert.Equal(status == Draft, !DeclarationLifecycle.EnsureEditableByProvider(status).IsError);
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void CanAnswerClarifications_EachStatus_OnlyClarificationRequested(DeclarationStatus status)
    {
        Assert.Equal(status == ClarificationRequested, DeclarationLifecycle.CanAnswerClarifications(status));
        Assert.Equal(status == ClarificationRequested, !DeclarationLifecycle.EnsureCanAnswerClarifications(status).IsError);
    }

    public static TheoryData<DeclarationStatus> EveryStatus() => new(Enum.GetValues<DeclarationStatus>());

    [Fact]
    public void EnsureEditableByProvider_Submitted_ReturnsNotEditable()
    {
        var result = DeclarationLifecycle.EnsureEditableByProvider(Submitted);

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("declaration.not-editable", error.Code);
    }

    [Fact]
    public void EnsureCanAnswerClarifications_UnderAssessment_ReturnsNoOpenClarification()
    {
        Assert.Equal("declaration.no-open-clarification", DeclarationLifecycle.EnsureCanAnswerClarifications(UnderAssessment).Error!.Code);
    }

    [Theory]
    [InlineData(Draft, RegisterListing.NotListed)]
    [InlineData(Submitted, RegisterListing.NotListed)]
    [InlineData(UnderAssessment, RegisterListing.NotListed)]
    [InlineData(ClarificationRequested, RegisterListing.NotListed)]
    [InlineData(DecisionPending, RegisterListing.NotListed)]
    [InlineData(Verified, RegisterListing.Adherent)]
    [InlineData(Rejected, RegisterListing.NotListed)]
    [InlineData(RenewalDue, RegisterListing.Adherent)]
    [InlineData(Renewed, RegisterListing.NotListed)]
    [InlineData(Expired, RegisterListing.NotListed)]
    [InlineData(DeclarationStatus.Suspended, RegisterListing.Suspended)]
    [InlineData(Revoked, RegisterListing.NotListed)]
    [InlineData(Withdrawn, RegisterListing.NotListed)]
    public void Listing_EachStatus_MatchesRegisterDecision(DeclarationStatus status, RegisterListing expected)
    {
        Assert.Equal(expected, DeclarationLifecycle.Listing(status));
        Assert.Equal(expected != RegisterListing.NotListed, DeclarationLifecycle.IsListed(status));
    }

    [Fact]
    public void CheckFourEyes_DeciderAssessedIt_ReturnsFourEyes()
    {
        var person = new UserId(Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var other = new UserId(Guid.Parse("00000000-0000-0000-0000-000000000002"));

        var result = DeclarationLifecycle.CheckFourEyes(person, [other, person]);

        var error = Assert.IsType<ForbiddenError>(result.Error);
        Assert.Equal("declaration.four-eyes", error.Code);
    }

    [Fact]
    public void CheckFourEyes_DeciderDidNotAssess_Succeeds()
    {
        var person = new UserId(Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var other = new UserId(Guid.Parse("00000000-0000-0000-0000-000000000002"));

        Assert.False(DeclarationLifecycle.CheckFourEyes(person, [other]).IsError);
    }
}
