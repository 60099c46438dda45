using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Lifecycle;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class ClarificationRequestTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static DateTimeOffset On(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RequestClarification_WithoutDueDate_IsDueFourteenDaysLater()
    {
        var s = Opened();

        var request = s.Ask();

        Assert.Equal(new DateOnly(2026, 3, 16), request.DueOn);
        Assert.Equal(Today, request.AskedOn);
        Assert.Equal(ClarificationState.Open, request.State);
    }

    [Fact]
    public void RequestClarification_DueDateSetting_IsUsed()
    {
        var s = Opened();

        var request = s.Ask(settings: new ClarificationSettings(DefaultDueDays: 7));

        Assert.Equal(new DateOnly(2026, 3, 9), request.DueOn);
    }

    [Fact]
    public void RequestClarification_DueYesterday_IsRefusedAsPast()
    {
        var s = Opened();

        var result = s.Assessment.RequestClarification(s.Declaration, ClarificationSubject.ForControl("5.3.A").Value, "Which subprocessors?", Today.AddDays(-1),
            ClarificationSettings.Default, Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("clarification.due-in-past", result.Error!.Code);
        Assert.Equal(AssessmentPhase.FactFinding, s.Assessment.Phase);
        Assert.Equal(DeclarationStatus.UnderAssessment, s.Declaration.Status);
        Assert.Empty(s.Assessment.Clarifications);
    }

    [Fact]
    public void RequestClarification_DueToday_IsAccepted()
    {
        var s = Opened();

        Assert.Equal(Today, s.Ask(dueOn: Today).DueOn);
    }

    [Fact]
    public void RequestClarification_DaysCountInTheOffsetPassedIn()
    {
        var s = Opened();
        s.Now = new DateTimeOffset(2026, 3, 3, 0, 30, 0, TimeSpan.FromHours(1)); // 23:30 UTC on 2 March

        Assert.Equal(new DateOnly(2026, 3, 17), s.Ask().DueOn);
    }

    [Fact]
    public void RequestClarification_First_PausesAssessmentAndDeclaration()
    {
        var s = Opened();

        var request = s.Ask();

        Assert.Equal(AssessmentPhase.FactFindingAwaitingClarification, s.Assessment.Phase);
        Assert.Equal(DeclarationStatus.ClarificationRequested, s.Declaration.Status);
        Assert.Equal([request], s.Assessment.OpenClarifications);
    }

    [Fact]
    public void RequestClarification_WhilePaused_AddsWithoutAMove()
    {
        var s = Opened();
        s.Ask();
        var historyBefore = s.Assessment.History.Count;

        s.Ask("Breaches");

        Assert.Equal(2, s.Assessment.Clarifications.Count);
        Assert.Equal(historyBefore, s.Assessment.History.Count);
        Assert.Equal(DeclarationStatus.ClarificationRequested, s.Declaration.Status);
    }

    [Fact]
    public void RequestClarification_WithoutQuestion_IsRefused()
    {
        var s = Opened();

        var result = s.Assessment.RequestClarification(s.Declaration, ClarificationSubject.ForTopic("Breaches").Value, "  ", null, ClarificationSettings.Default, Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("clarification.question-required", result.Error!.Code);
    }

    [Fact]
    public void ForControl_Blank_IsRefused() => Assert.Equal("clarification.subject-required", ClarificationSubject.ForControl(" ").Error!.Code);

    [Fact]
    public void ForControl_KeepsKeyAndNoTopic()
    {
        var subject = ClarificationSubject.ForControl(" 5.1.A ").Value;

        Assert.Equal(("5.1.A", null), (subject.ControlKey, subject.Topic));
    }

    [Fact]
    public void Resume_WithAnOpenRequest_ListsEveryUnansweredRequest()
    {
        var s = Opened();
        var first = s.Ask("Subprocessors");
        var second = s.Ask("Breaches");
        var third = s.Ask("Transfers");
        s.Reply(second, s.Now);

        var error = Assert.IsType<ProblemListError>(s.Assessment.Resume(s.Declaration, Assessor, Role.MbAssessor, s.Now).Error);

        Assert.Equal("assessment.clarifications-open", error.Code);
        Assert.Equal([first.Id.ToString(), third.Id.ToString()], error.Problems.Select(p => p.Subject));
    }

    [Fact]
    public void Resume_AllAnswered_ReturnsToThePausedPhase()
    {
        var s = Opened();
        var request = s.Ask();
        s.Reply(request, s.Now);

        Ok(s.Assessment.Resume(s.Declaration, Assessor, Role.MbAssessor, s.Now));

        Assert.Equal(AssessmentPhase.FactFinding, s.Assessment.Phase);
        Assert.Equal(DeclarationStatus.UnderAssessment, s.Declaration.Status);
    }

    [Fact]
    public void Reply_WithDocuments_AnswersTheRequest()
    {
        var s = Opened();
        var request = s.Ask();
        var document = DocumentId.New();

        var reply = Ok(s.Assessment.ReplyToClarification(request.Id, " See the list ", [document, document], Editor, Role.CspEditor, s.Now));

        Assert.Equal(("See the list", Editor), (reply.Text, reply.RepliedBy));
        Assert.Equal([document], reply.Documents);
        Assert.Equal(ClarificationState.Answered, request.State);
    }

    [Fact]
    public void Reply_ByAssessor_IsForbidden()
    {
        var s = Opened();
        var request = s.Ask();

        Assert.Equal("assessment.role-not-allowed", s.Assessment.ReplyToClarification(request.Id, "x", [], Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }

    [Fact]
    public void Reply_UnknownRequest_IsNotFound()
    {
        var s = Opened();

        Assert.Equal("clarification.not-found", s.Assessment.ReplyToClarification(ClarificationRequestId.New(), "x", [], Editor, Role.CspEditor, s.Now).Error!.Code);
    }

    [Fact]
    public void Reply_AfterClosure_IsRefused()
    {
        var s = Opened();
        var request = s.Ask();
        s.Close(request);

        Assert.Equal("clarification.closed", s.Assessment.ReplyToClarification(request.Id, "late", [], Editor, Role.CspEditor, s.Now).Error!.Code);
    }

    [Fact]
    public void Close_WithoutNote_IsRefused()
    {
        var s = Opened();
        var request = s.Ask();

        Assert.Equal("assessment.note-required", s.Assessment.CloseClarification(request.Id, null, Assessor, Role.MbAssessor, s.Now).Error!.Code);
        Assert.Equal(ClarificationState.Open, request.State);
    }

    [Fact]
    public void Close_ByAssessor_RecordsNoteAndWho()
    {
        var s = Opened();
        var request = s.Ask();
        s.Reply(request, s.Now);

        Ok(s.Assessment.CloseClarification(request.Id, "Reply suffices", Assessor, Role.MbAssessor, s.Now));

        Assert.Equal((ClarificationState.Closed, "Reply suffices", Assessor), (request.State, request.ClosingNote, request.ClosedBy!.Value));
    }

    [Fact]
    public void Close_ByUnassignedAssessor_IsForbidden()
    {
        var s = Opened();
        var request = s.Ask();

        Assert.Equal("assessment.not-assigned", s.Assessment.CloseClarification(request.Id, "ok", UserId.New(), Role.MbAssessor, s.Now).Error!.Code);
    }

    [Theory]
    [InlineData(16, false)]
    [InlineData(17, true)]
    public void IsOverdue_AroundTheDueDate_OnlyAfterIt(int day, bool overdue)
    {
        var s = Opened();
        var request = s.Ask();

        Assert.Equal(overdue, request.IsOverdue(new DateOnly(2026, 3, day)));
    }

    [Fact]
    public void IsOverdue_Answered_IsFalse()
    {
        var s = Opened();
        var request = s.Ask();
        s.Reply(request, On(2026, 3, 20));

        Assert.False(request.IsOverdue(new DateOnly(2026, 4, 1)));
    }

    [Theory]
    [InlineData(16, 23, true)]
    [InlineData(17, 0, false)]
    public void WasAnsweredInTime_ReplyOnOrAfterDueDate(int day, int hour, bool inTime)
    {
        var s = Opened();
        var request = s.Ask();
        Assert.Null(request.WasAnsweredInTime);

        s.Reply(request, On(2026, 3, day, hour));

        Assert.Equal(inTime, request.WasAnsweredInTime);
    }

    [Fact]
    public void WasAnsweredInTime_LaterRepliesDoNotChangeIt()
    {
        var s = Opened();
        var request = s.Ask();
        s.Reply(request, On(2026, 3, 10));
        s.Reply(request, On(2026, 3, 30));

        Assert.True(request.WasAnsweredInTime);
        Assert.Equal(2, request.Replies.Count);
    }

    [Fact]
    public void ReminderOn_Default_IsThreeDaysBeforeDue()
    {
        var s = Opened();

        Assert.Equal(new DateOnly(2026, 3, 13), s.Ask().ReminderOn);
    }

    [Theory]
    [InlineData(2, 3, null)]
    [InlineData(3, 3, null)]
    [InlineData(4, 3, 1)]
    [InlineData(14, 3, 11)]
    [InlineData(14, 0, null)]
    public void ReminderFor_DeadlineTooCloseOrRemindersOff_HasNoReminder(int dueInDays, int daysBefore, int? reminderInDays)
    {
        var reminder = ClarificationRequest.ReminderFor(Today, Today.AddDays(dueInDays), daysBefore);

        Assert.Equal(reminderInDays is { } d ? Today.AddDays(d) : null, reminder);
    }

    [Fact]
    public void Deadlines_AllAnsweredInTime_EveryDeadlineMet()
    {
        var s = Opened();
        var first = s.Ask();
        var second = s.Ask("Breaches");
        s.Reply(first, On(2026, 3, 5));
        s.Reply(second, On(2026, 3, 16));

        var summary = s.Assessment.Deadlines(new DateOnly(2026, 5, 1));

        Assert.True(summary.EveryDeadlineMet);
        Assert.Equal((2, 2, 0), (summary.Total, summary.Met, summary.Pending));
    }

    [Fact]
    public void Deadlines_OneLate_NotMetAndNamesIt()
    {
        var s = Opened();
        var first = s.Ask();
        var late = s.Ask("Breaches");
        s.Reply(first, On(2026, 3, 5));
        s.Reply(late, On(2026, 3, 18));

        var summary = s.Assessment.Deadlines(new DateOnly(2026, 5, 1));

        Assert.False(summary.EveryDeadlineMet);
        Assert.Equal([late], summary.Missed);
    }

    [Fact]
    public void Deadlines_UnansweredBeforeDue_IsPendingSoUnknown()
    {
        var s = Opened();
        s.Ask();

        var summary = s.Assessment.Deadlines(new DateOnly(2026, 3, 16));

        Assert.Null(summary.EveryDeadlineMet);
        Assert.Equal(1, summary.Pending);
    }

    [Fact]
    public void Deadlines_UnansweredAfterDue_IsMissed()
    {
        var s = Opened();
        s.Ask();

        Assert.False(s.Assessment.Deadlines(new DateOnly(2026, 3, 17)).EveryDeadlineMet);
    }

    [Fact]
    public void Deadlines_ClosedWithoutReplyBeforeDue_CountsAsMet()
    {
        var s = Opened();
        var dropped = s.Ask();
        s.Close(dropped);

        Assert.True(s.Assessment.Deadlines(new DateOnly(2026, 6, 1)).EveryDeadlineMet);
    }

    [Fact]
    public void Deadlines_ClosedWithoutReplyAfterDue_IsMissed()
    {
        var s = Opened();
        var unanswered = s.Ask();
        s.Now = On(2026, 3, 20);
        s.Close(unanswered);

        Assert.Equal([unanswered], s.Assessment.Deadlines(new DateOnly(2026, 6, 1)).Missed);
    }

    [Fact]
    public void Deadlines_NoRequests_EveryDeadlineMet() => Assert.True(Opened().Assessment.Deadlines(Today).EveryDeadlineMet);

    [Fact]
    public void RecordClarificationNotice_Twice_KeepsTheFirstTime()
    {
        var s = Opened();
        var request = s.Ask();

        Ok(s.Assessment.RecordClarificationNotice(request.Id, ClarificationNoticeKind.Reminder, On(2026, 3, 13)));
        Ok(s.Assessment.RecordClarificationNotice(request.Id, ClarificationNoticeKind.Reminder, On(2026, 3, 14)));

        Assert.Equal(On(2026, 3, 13), request.RemindedAt);
        Assert.Null(request.MarkedOverdueAt);
    }

    [Fact]
    public void Settings_ZeroDueDays_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new ClarificationSettings(0).Validate());
}
