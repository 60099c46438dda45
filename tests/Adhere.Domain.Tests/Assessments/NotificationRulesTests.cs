using Adhere.Domain.Assessments;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class NotificationRulesTests
{
    private static readonly DeclarationId Declaration = DeclarationId.New();
    private static readonly DateOnly ValidUntil = new(2027, 3, 1);

    private static IReadOnlyList<RenewalNotice> Due(DateOnly today, DeclarationStatus status = DeclarationStatus.Verified, DateOnly? validUntil = null, params SentReminder[] sent) =>
        NotificationRules.RenewalNoticesDue(today, [new ValidityEntry(Declaration, status, validUntil ?? ValidUntil)], sent.ToHashSet());

    private static IEnumerable<(RenewalNoticeKind, int?)> Kinds(IReadOnlyList<RenewalNotice> notices) => notices.Select(n => (n.Kind, n.DaysBefore));

    [Fact]
    public void RenewalNoticesDue_91DaysBefore_NothingDue() => Assert.Empty(Due(ValidUntil.AddDays(-91)));

    [Fact]
    public void RenewalNoticesDue_Exactly90DaysBefore_FirstReminderAndWindowOpen()
    {
        var notices = Due(ValidUntil.AddDays(-90));

        Assert.Equal([(RenewalNoticeKind.Reminder, 90), (RenewalNoticeKind.MarkRenewalDue, null)], Kinds(notices));
        Assert.Equal(new DateOnly(2026, 12, 1), notices[0].DueOn);
    }

    [Fact]
    public void RenewalNoticesDue_90AlreadySent_NotAgain()
    {
        var notices = Due(ValidUntil.AddDays(-60), DeclarationStatus.RenewalDue, null, new SentReminder(Declaration, 90));

        Assert.Empty(notices);
    }

    [Fact]
    public void RenewalNoticesDue_31DaysBefore_StillOnlyThe90()
    {
        Assert.Equal([(RenewalNoticeKind.Reminder, 90)], Kinds(Due(ValidUntil.AddDays(-31), DeclarationStatus.RenewalDue)));
    }

    [Fact]
    public void RenewalNoticesDue_Exactly30DaysBefore_SecondReminder()
    {
        var notices = Due(ValidUntil.AddDays(-30), DeclarationStatus.RenewalDue, null, new SentReminder(Declaration, 90));

        var notice = Assert.Single(notices);
        Assert.Equal((RenewalNoticeKind.Reminder, 30, new DateOnly(2027, 1, 30)), (notice.Kind, notice.DaysBefore, notice.DueOn));
    }

    [Fact]
    public void RenewalNoticesDue_MissedThe90_SendsOnlyThe30()
    {
        Assert.Equal([(RenewalNoticeKind.Reminder, 30)], Kinds(Due(ValidUntil.AddDays(-10), DeclarationStatus.RenewalDue)));
    }

    [Fact]
    public void RenewalNoticesDue_30Sent_The90IsNotSentLate()
    {
        Assert.Empty(Due(ValidUntil.AddDays(-10), DeclarationStatus.RenewalDue, null, new SentReminder(Declaration, 30)));
    }

    [Fact]
    public void RenewalNoticesDue_OnLastValidDay_NoExpiryYet()
    {
        Assert.DoesNotContain(Due(ValidUntil, DeclarationStatus.RenewalDue, null, new SentReminder(Declaration, 90), new SentReminder(Declaration, 30)),
            n => n.Kind == RenewalNoticeKind.Expire);
    }

    [Theory]
    [InlineData(DeclarationStatus.Verified)]
    [InlineData(DeclarationStatus.RenewalDue)]
    [InlineData(DeclarationStatus.Suspended)]
    public void RenewalNoticesDue_DayAfterLastValidDay_ExpiryDue(DeclarationStatus status)
    {
        var notice = Assert.Single(Due(ValidUntil.AddDays(1), status));

        Assert.Equal((RenewalNoticeKind.Expire, ValidUntil.AddDays(1)), (notice.Kind, notice.DueOn));
    }

    [Theory]
    [InlineData(DeclarationStatus.Renewed)]
    [InlineData(DeclarationStatus.Expired)]
    [InlineData(DeclarationStatus.Revoked)]
    [InlineData(DeclarationStatus.Withdrawn)]
    public void RenewalNoticesDue_EndedDeclaration_Nothing(DeclarationStatus status) => Assert.Empty(Due(ValidUntil.AddDays(5), status));

    [Fact]
    public void RenewalNoticesDue_AcrossLeapDay_CountsCalendarDays()
    {
        var validUntil = new DateOnly(2028, 3, 31); // 90 days back crosses 29 February 2028: 1 January, not 31 December

        Assert.Empty(Due(new DateOnly(2027, 12, 31), validUntil: validUntil));
        var notices = Due(new DateOnly(2028, 1, 1), validUntil: validUntil);
        Assert.Equal((RenewalNoticeKind.Reminder, 90), (notices[0].Kind, notices[0].DaysBefore));
        Assert.Equal([(RenewalNoticeKind.Reminder, 30)], Kinds(Due(new DateOnly(2028, 3, 1), DeclarationStatus.RenewalDue, validUntil, new SentReminder(Declaration, 90))));
        Assert.Empty(Due(new DateOnly(2028, 2, 29), DeclarationStatus.RenewalDue, validUntil, new SentReminder(Declaration, 90)));
    }

    [Fact]
    public void RenewalNoticesDue_CustomDays_Used()
    {
        var notices = NotificationRules.RenewalNoticesDue(ValidUntil.AddDays(-60), [new ValidityEntry(Declaration, DeclarationStatus.Verified, ValidUntil)],
            new HashSet<SentReminder>(), new RenewalSettings([60, 14]));

        Assert.Equal([(RenewalNoticeKind.Reminder, 60), (RenewalNoticeKind.MarkRenewalDue, null)], Kinds(notices));
    }

    [Fact]
    public void CertificateWarningsDue_ExpiresBeforeValidityEnd_Warns()
    {
        var certificate = CertificateId.New();
        var entry = new CertificateValidityEntry(Declaration, certificate, "ISO 27001", new DateOnly(2026, 11, 30), ValidUntil);

        var warning = Assert.Single(NotificationRules.CertificateWarningsDue(new DateOnly(2026, 6, 1), [entry], new HashSet<SentCertificateWarning>()));

        Assert.Equal(CertificateWarningKind.ExpiresDuringValidity, warning.Kind);
        Assert.Empty(NotificationRules.CertificateWarningsDue(new DateOnly(2026, 6, 2), [entry], new HashSet<SentCertificateWarning> { new(certificate, CertificateWarningKind.ExpiresDuringValidity) }));
    }

    [Fact]
    public void CertificateWarningsDue_ExpiredWhileVerified_WarnsExpiredFromTheNextDay()
    {
        var certificate = CertificateId.New();
        var entry = new CertificateValidityEntry(Declaration, certificate, "ISO 27001", new DateOnly(2026, 11, 30), ValidUntil);
        var sent = new HashSet<SentCertificateWarning> { new(certificate, CertificateWarningKind.ExpiresDuringValidity) };

        Assert.Empty(NotificationRules.CertificateWarningsDue(new DateOnly(2026, 11, 30), [entry], sent));
        Assert.Equal(CertificateWarningKind.Expired, Assert.Single(NotificationRules.CertificateWarningsDue(new DateOnly(2026, 12, 1), [entry], sent)).Kind);
    }

    [Theory]
    [InlineData("2027-03-01")]
    [InlineData("2027-06-01")]
    public void CertificateWarningsDue_ValidThroughTheEnd_Nothing(string expires)
    {
        var entry = new CertificateValidityEntry(Declaration, CertificateId.New(), "C5", DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), ValidUntil);

        Assert.Empty(NotificationRules.CertificateWarningsDue(new DateOnly(2026, 6, 1), [entry], new HashSet<SentCertificateWarning>()));
    }

    [Fact]
    public void CertificateWarningsDue_AfterVerificationEnded_Nothing()
    {
        var entry = new CertificateValidityEntry(Declaration, CertificateId.New(), "C5", new DateOnly(2027, 1, 1), ValidUntil);

        Assert.Empty(NotificationRules.CertificateWarningsDue(ValidUntil.AddDays(1), [entry], new HashSet<SentCertificateWarning>()));
    }

    [Fact]
    public void ClarificationNoticesDue_FromReminderDayThroughDueDate_RemindsOnce()
    {
        var s = Opened();
        var request = s.Ask(); // due 16 March, reminder 13 March

        Assert.Empty(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 12), s.Assessment.Clarifications));
        var notice = Assert.Single(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 13), s.Assessment.Clarifications));
        Assert.Equal((request.Id, ClarificationNoticeKind.Reminder, new DateOnly(2026, 3, 13)), (notice.RequestId, notice.Kind, notice.DueOn));
        Assert.Single(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 16), s.Assessment.Clarifications));

        Ok(s.Assessment.RecordClarificationNotice(request.Id, ClarificationNoticeKind.Reminder, s.Now));

        Assert.Empty(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 16), s.Assessment.Clarifications));
    }

    [Fact]
    public void ClarificationNoticesDue_DayAfterDue_MarksOverdueOnce()
    {
        var s = Opened();
        var request = s.Ask();

        var notice = Assert.Single(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 17), s.Assessment.Clarifications));
        Assert.Equal((ClarificationNoticeKind.Overdue, new DateOnly(2026, 3, 17)), (notice.Kind, notice.DueOn));

        Ok(s.Assessment.RecordClarificationNotice(request.Id, ClarificationNoticeKind.Overdue, s.Now));

        Assert.Empty(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 20), s.Assessment.Clarifications));
    }

    [Fact]
    public void ClarificationNoticesDue_Answered_Nothing()
    {
        var s = Opened();
        var request = s.Ask();
        s.Reply(request, s.Now);

        Assert.Empty(NotificationRules.ClarificationNoticesDue(new DateOnly(2026, 3, 20), s.Assessment.Clarifications));
    }
}
