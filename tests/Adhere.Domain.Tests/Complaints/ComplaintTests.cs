using Adhere.Domain.Accounts;
using Adhere.Domain.Complaints;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly ComplaintTarget Target = new(null, "Acme Cloud", "Acme Storage");

    private static Complaint CreateSut(ComplainantContact? contact = null, DateTimeOffset? at = null) =>
        Complaint.File(new ComplaintReference(2026, 7), ComplaintStatusKey.New().Hash, ComplainantRole.Customer, contact, Target,
            "They kept my data after the contract ended.", ComplaintSettings.Default, at ?? Monday).Value;

    private static Complaint InStatus(ComplaintStatus status)
    {
        var c = CreateSut();
        var dm = Role.MbDecisionMaker;
        if (status == ComplaintStatus.Received) return c;
        c.StartAdmissibilityCheck(dm, Monday);
        if (status == ComplaintStatus.AdmissibilityCheck) return c;
        if (status == ComplaintStatus.Dismissed)
        {
            c.Dismiss(dm, DismissalReason.OutsideScope, "Not covered by the Code.", Monday);
            return c;
        }

        c.Admit(dm, Monday);
        if (status == ComplaintStatus.Investigation) return c;
        c.Decide(dm, ComplaintFinding.Founded, "Retention breached the contract.", Monday);
        if (status == ComplaintStatus.Decided) return c;
        c.Close(dm, Monday);
        return c;
    }

    [Fact]
    public void File_ValidInput_IsReceivedWithClocksSet()
    {
        var c = CreateSut(new ComplainantContact(" Ann ", " ann@example.org ", true));

        Assert.Equal(ComplaintStatus.Received, c.Status);
        Assert.Equal("C-2026-000007", c.Reference);
        Assert.Equal(new DateOnly(2026, 3, 9), c.AcknowledgeBy);
        Assert.Equal(new DateOnly(2026, 6, 2), c.DecideBy);
        Assert.Equal("Ann", c.ComplainantName);
        Assert.Equal("ann@example.org", c.ComplainantEmail);
        Assert.True(c.MayRevealToProvider);
        Assert.False(c.IsAnonymous);
    }

    [Fact]
    public void File_WithoutContact_IsAnonymousAndNeverRevealed()
    {
        var c = CreateSut();

        Assert.True(c.IsAnonymous);
        Assert.False(c.MayRevealToProvider);
        Assert.Null(c.ComplainantName);
    }

    [Theory]
    [InlineData("", "complaint.conduct-required")]
    [InlineData("   ", "complaint.conduct-required")]
    [InlineData(null, "complaint.conduct-required")]
    public void File_EmptyConduct_IsRefused(string? conduct, string code)
    {
        var result = Complaint.File(new(2026, 1), "h", ComplainantRole.Other, null, Target, conduct, ComplaintSettings.Default, Monday);

        Assert.Equal(code, result.Error!.Code);
    }

    [Fact]
    public void File_ConductAtLimit_IsAcceptedAndOneMoreRefused()
    {
        var ok = Complaint.File(new(2026, 1), "h", ComplainantRole.Other, null, Target, new string('x', Complaint.MaxConductLength), ComplaintSettings.Default, Monday);
        var tooLong = Complaint.File(new(2026, 1), "h", ComplainantRole.Other, null, Target, new string('x', Complaint.MaxConductLength + 1), ComplaintSettings.Default, Monday);

        Assert.False(ok.IsError);
        Assert.Equal("complaint.conduct-too-long", tooLong.Error!.Code);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b")]
    [InlineData("")]
    public void File_BadEmail_IsRefused(string email)
    {
        var result = Complaint.File(new(2026, 1), "h", ComplainantRole.Other, new(null, email, false), Target, "x", ComplaintSettings.Default, Monday);

        Assert.Equal("complaint.email-invalid", result.Error!.Code);
    }

    [Fact]
    public void File_UndefinedRole_IsRefused()
    {
        var result = Complaint.File(new(2026, 1), "h", (ComplainantRole)42, null, Target, "x", ComplaintSettings.Default, Monday);

        Assert.Equal("complaint.role-invalid", result.Error!.Code);
    }

    [Fact]
    public void File_NoTarget_IsRefused()
    {
        var result = Complaint.File(new(2026, 1), "h", ComplainantRole.Other, null, new(null, " ", null), "x", ComplaintSettings.Default, Monday);

        Assert.Equal("complaint.target-required", result.Error!.Code);
    }

    [Theory]
    [InlineData(ComplaintTrigger.Dismiss, ComplaintStatus.AdmissibilityCheck)]
    [InlineData(ComplaintTrigger.Decide, ComplaintStatus.Investigation)]
    [InlineData(ComplaintTrigger.Appeal, ComplaintStatus.Closed)]
    [InlineData(ComplaintTrigger.Reopen, ComplaintStatus.Dismissed)]
    public void Move_WithoutReason_IsRefusedAndNothingChanges(ComplaintTrigger trigger, ComplaintStatus from)
    {
        var c = InStatus(from);
        var before = (c.Status, c.StatusChangedAt, c.Finding, c.DismissalReason);
        var later = Monday.AddDays(3);

        var result = trigger switch
        {
            ComplaintTrigger.Dismiss => c.Dismiss(Role.MbDecisionMaker, DismissalReason.OutsideScope, "  ", later),
            ComplaintTrigger.Decide => c.Decide(Role.MbDecisionMaker, ComplaintFinding.Unfounded, null, later),
            ComplaintTrigger.Appeal => c.Appeal(Role.MbDecisionMaker, "", later),
            _ => c.Reopen(Role.MbDecisionMaker, null, later),
        };

        Assert.Equal("complaint.reason-required", result.Error!.Code);
        Assert.Equal(before, (c.Status, c.StatusChangedAt, c.Finding, c.DismissalReason));
    }

    [Fact]
    public void Decide_ReasonTooLong_IsRefused()
    {
        var c = InStatus(ComplaintStatus.Investigation);

        var result = c.Decide(Role.MbDecisionMaker, ComplaintFinding.Founded, new string('r', Complaint.MaxReasonLength + 1), Monday);

        Assert.Equal("complaint.reason-too-long", result.Error!.Code);
        Assert.Equal(ComplaintStatus.Investigation, c.Status);
    }

    [Fact]
    public void Dismiss_ByAssessor_IsForbidden()
    {
        var c = InStatus(ComplaintStatus.AdmissibilityCheck);

        var result = c.Dismiss(Role.MbAssessor, DismissalReason.OutsideScope, "Out of scope.", Monday);

        Assert.Equal("complaint.role-not-allowed", result.Error!.Code);
        Assert.Equal(ComplaintStatus.AdmissibilityCheck, c.Status);
    }

    [Fact]
    public void Dismiss_LackOfCooperation_RecordsReasonAndEnd()
    {
        var c = CreateSut(new ComplainantContact(null, "ann@example.org", false));
        c.StartAdmissibilityCheck(Role.MbAssessor, Monday);
        c.Admit(Role.MbAssessor, Monday);
        var later = Monday.AddDays(20);
        var lapsed = ComplaintQuestion.AskComplainant(c, ComplaintAnswerKey.New().Hash, "Which contract?", ComplaintSettings.Default, Role.MbAssessor,
            "assessor@mb.example", Monday).Value;

        c.Dismiss(Role.MbDecisionMaker, DismissalReason.LackOfCooperation, "No answer within two weeks.", later, [lapsed]);

        Assert.Equal(ComplaintStatus.Dismissed, c.Status);
        Assert.Equal(DismissalReason.LackOfCooperation, c.DismissalReason);
        Assert.Equal(later, c.EndedAt);
    }

    [Fact]
    public void Decide_Founded_RecordsFindingAndDate()
    {
        var c = InStatus(ComplaintStatus.Investigation);

        c.Decide(Role.MbDecisionMaker, ComplaintFinding.Founded, "Shown by the logs.", Monday.AddDays(1));

        Assert.Equal(ComplaintFinding.Founded, c.Finding);
        Assert.Equal(Monday.AddDays(1), c.DecidedAt);
    }

    [Fact]
    public void Appeal_AfterClose_ClearsOutcomeAndCounts()
    {
        var c = InStatus(ComplaintStatus.Closed);

        var result = c.Appeal(Role.MbDecisionMaker, "The complainant brought new logs.", Monday.AddDays(30));

        Assert.Equal(ComplaintStatus.Investigation, result.Value);
        Assert.Equal(1, c.AppealCount);
        Assert.Null(c.Finding);
        Assert.Null(c.EndedAt);
    }

    [Fact]
    public void Reopen_Dismissed_ClearsDismissalReasonAndDoesNotCountAsAppeal()
    {
        var c = InStatus(ComplaintStatus.Dismissed);

        c.Reopen(Role.MbDecisionMaker, "The service was adherent after all.", Monday.AddDays(2));

        Assert.Equal(ComplaintStatus.Investigation, c.Status);
        Assert.Null(c.DismissalReason);
        Assert.Equal(0, c.AppealCount);
    }

    [Fact]
    public void StartAdmissibilityCheck_Received_SetsAcknowledgedOnce()
    {
        var c = CreateSut();

        c.StartAdmissibilityCheck(Role.MbAssessor, Monday.AddDays(1));

        Assert.Equal(Monday.AddDays(1), c.AcknowledgedAt);
        Assert.Equal(Monday.AddDays(1), c.StatusChangedAt);
    }

    [Fact]
    public void IsAcknowledgementOverdue_ReceivedPastTarget_TrueUntilAcknowledged()
    {
        var c = CreateSut();

        Assert.False(c.IsAcknowledgementOverdue(new DateTimeOffset(2026, 3, 9, 23, 59, 0, TimeSpan.Zero)));
        Assert.True(c.IsAcknowledgementOverdue(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero)));
        c.StartAdmissibilityCheck(Role.MbAssessor, Monday.AddDays(8));
        Assert.False(c.IsAcknowledgementOverdue(Monday.AddDays(9)));
    }

    [Fact]
    public void IsDecisionOverdue_OpenPastTarget_TrueUntilDecided()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var afterTarget = new DateTimeOffset(2026, 6, 3, 0, 0, 0, TimeSpan.Zero);

        Assert.False(c.IsDecisionOverdue(new DateTimeOffset(2026, 6, 2, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(c.IsDecisionOverdue(afterTarget));
        c.Decide(Role.MbDecisionMaker, ComplaintFinding.Unfounded, "No breach shown.", afterTarget);
        Assert.False(c.IsDecisionOverdue(afterTarget.AddDays(1)));
    }
}
