using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using static Adhere.Domain.Complaints.ComplaintStatus;
using static Adhere.Domain.Complaints.ComplaintTrigger;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintLifecycleTests
{
    private const string Admin = "mb-admin";
    private const string Assessor = "mb-assessor";
    private const string DecisionMaker = "mb-decision-maker";

    // The whole state machine, written out independently of the implementation: every pair not listed must be refused.
    private static readonly Dictionary<(ComplaintStatus From, ComplaintTrigger Trigger), (ComplaintStatus To, string[] Roles)> Expected = new()
    {
        [(Received, StartAdmissibilityCheck)] = (AdmissibilityCheck, [Assessor, DecisionMaker]),
        [(AdmissibilityCheck, Admit)] = (Investigation, [Assessor, DecisionMaker]),
        [(AdmissibilityCheck, Dismiss)] = (Dismissed, [DecisionMaker]),
        [(Investigation, Dismiss)] = (Dismissed, [DecisionMaker]),
        [(Investigation, Decide)] = (Decided, [DecisionMaker]),
        [(Decided, Close)] = (Closed, [Assessor, DecisionMaker]),
        [(Decided, Appeal)] = (Investigation, [DecisionMaker]),
        [(Closed, Appeal)] = (Investigation, [DecisionMaker]),
        [(Closed, Reopen)] = (Investigation, [DecisionMaker]),
        [(Dismissed, Appeal)] = (Investigation, [DecisionMaker]),
        [(Dismissed, Reopen)] = (Investigation, [DecisionMaker]),
    };

    // A role that may fire each trigger from some status, so that refusals below are about the status, not the role.
    private static readonly Dictionary<ComplaintTrigger, string> SomeRoleFor = new()
    {
        [StartAdmissibilityCheck] = Assessor,
        [Admit] = Assessor,
        [Dismiss] = DecisionMaker,
        [Decide] = DecisionMaker,
        [Close] = Assessor,
        [Appeal] = DecisionMaker,
        [Reopen] = DecisionMaker,
    };

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<ComplaintStatus, ComplaintTrigger> EveryStatusAndTrigger()
    {
        var data = new TheoryData<ComplaintStatus, ComplaintTrigger>();
        foreach (var from in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var trigger in Enum.GetValues<ComplaintTrigger>()) data.Add(from, trigger);
        }

        return data;
    }

    public static TheoryData<ComplaintStatus, ComplaintTrigger, string> EveryAllowedMoveAndRole()
    {
        var data = new TheoryData<ComplaintStatus, ComplaintTrigger, string>();
        foreach (var ((from, trigger), _) in Expected)
        {
            foreach (var role in Role.All) data.Add(from, trigger, role.Name);
        }

        return data;
    }

    private static Role R(string name) => Role.TryParse(name, out var role) ? role : throw new ArgumentException(name);

    [Theory]
    [MemberData(nameof(EveryStatusAndTrigger))]
    public void Fire_EveryStatusAndTrigger_MatchesTheMatrix(ComplaintStatus from, ComplaintTrigger trigger)
    {
        var result = ComplaintLifecycle.Fire(from, trigger, R(SomeRoleFor[trigger]));

        if (Expected.TryGetValue((from, trigger), out var move) && move.Roles.Contains(SomeRoleFor[trigger]))
        {
            Assert.False(result.IsError, result.Error?.Message);
            Assert.Equal(move.To, result.Value);
        }
        else
        {
            var error = Assert.IsType<ConflictError>(result.Error);
            Assert.Equal("complaint.transition-not-allowed", error.Code);
        }
    }

    [Theory]
    [MemberData(nameof(EveryAllowedMoveAndRole))]
    public void Fire_AllowedMoveByEachRole_OnlyListedRolesSucceed(ComplaintStatus from, ComplaintTrigger trigger, string roleName)
    {
        var result = ComplaintLifecycle.Fire(from, trigger, R(roleName));

        if (Expected[(from, trigger)].Roles.Contains(roleName))
        {
            Assert.Equal(Expected[(from, trigger)].To, result.Value);
        }
        else
        {
            var error = Assert.IsType<ForbiddenError>(result.Error);
            Assert.Equal("complaint.role-not-allowed", error.Code);
        }
    }

    [Fact]
    public void Transitions_Table_EqualsTheMatrix()
    {
        var actual = ComplaintLifecycle.Transitions.ToDictionary(t => (t.From, t.Trigger), t => (t.To, Roles: t.Roles.Select(r => r.Name).Order().ToArray()));

        Assert.Equal(Expected.Count, actual.Count);
        foreach (var (key, (to, roles)) in Expected)
        {
            Assert.Equal(to, actual[key].To);
            Assert.Equal(roles.Order(), actual[key].Roles);
        }
    }

    [Theory]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    [InlineData("mb-admin")]
    public void Fire_NonHandlingRole_NeverMovesAComplaint(string roleName)
    {
        foreach (var from in Enum.GetValues<ComplaintStatus>())
        {
            foreach (var trigger in Enum.GetValues<ComplaintTrigger>())
            {
                Assert.IsType<ForbiddenError>(ComplaintLifecycle.Fire(from, trigger, R(roleName)).Error);
            }
        }
    }

    [Fact]
    public void Fire_ProviderRoleOnWrongStatus_ReportsRoleBeforeState()
    {
        var result = ComplaintLifecycle.Fire(Received, Decide, Role.CspEditor);

        Assert.Equal("complaint.role-not-allowed", result.Error!.Code);
    }

    [Fact]
    public void Fire_UndefinedStatus_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintLifecycle.Fire((ComplaintStatus)99, Admit, Role.MbAssessor));

    [Fact]
    public void AllowedTriggers_ForAssessorOnDismissed_IsEmpty() =>
        Assert.Empty(ComplaintLifecycle.AllowedTriggers(Dismissed, Role.MbAssessor));

    [Fact]
    public void AllowedTriggers_Dismissed_AreAppealAndReopen() =>
        Assert.Equal([Appeal, Reopen], ComplaintLifecycle.AllowedTriggers(Dismissed));

    [Theory]
    [InlineData(Received, true)]
    [InlineData(AdmissibilityCheck, true)]
    [InlineData(Investigation, true)]
    [InlineData(Dismissed, false)]
    [InlineData(Decided, false)]
    [InlineData(Closed, false)]
    public void IsOpen_EachStatus_TrueWhileAnOutcomeIsOwed(ComplaintStatus status, bool open) =>
        Assert.Equal(open, ComplaintLifecycle.IsOpen(status));

    [Theory]
    [InlineData(StartAdmissibilityCheck, false)]
    [InlineData(Admit, false)]
    [InlineData(Dismiss, true)]
    [InlineData(Decide, true)]
    [InlineData(Close, false)]
    [InlineData(Appeal, true)]
    [InlineData(Reopen, true)]
    public void NeedsReason_EachTrigger_OnlyDecisions(ComplaintTrigger trigger, bool needed) =>
        Assert.Equal(needed, ComplaintLifecycle.NeedsReason(trigger));
}
