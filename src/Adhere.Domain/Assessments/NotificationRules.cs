using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Assessments;

/// <summary>A verified declaration's validity as the renewal rules need it.</summary>
/// <param name="ValidUntil">The last valid day.</param>
public sealed record ValidityEntry(DeclarationId DeclarationId, DeclarationStatus Status, DateOnly ValidUntil);

/// <summary>What is due for a declaration's validity.</summary>
public enum RenewalNoticeKind
{
    /// <summary>Remind the provider to renew; <see cref="RenewalNotice.DaysBefore"/> says which reminder.</summary>
    Reminder = 1,

    /// <summary>Fire <see cref="DeclarationTrigger.MarkRenewalDue"/>: the renewal window (from the first reminder) is open.</summary>
    MarkRenewalDue = 2,

    /// <summary>Fire <see cref="DeclarationTrigger.Expire"/>: the last valid day has passed.</summary>
    Expire = 3,
}

/// <summary>One thing due for a declaration. <see cref="DaysBefore"/> is set for reminders only; <see cref="DueOn"/> is the day it became due.</summary>
public sealed record RenewalNotice(DeclarationId DeclarationId, RenewalNoticeKind Kind, int? DaysBefore, DateOnly DueOn);

/// <summary>A renewal reminder already sent, as the caller recorded it.</summary>
public readonly record struct SentReminder(DeclarationId DeclarationId, int DaysBefore);

/// <summary>The settings of renewal reminders.</summary>
/// <param name="ReminderDaysBefore">Days before the last valid day on which a reminder is due; default 90 and 30. The largest also opens the renewal window.</param>
public sealed record RenewalSettings(IReadOnlyList<int> ReminderDaysBefore)
{
    /// <summary>Reminders 90 and 30 days before the last valid day.</summary>
    public static RenewalSettings Default { get; } = new([90, 30]);
}

/// <summary>A certificate a verified declaration relies on, with its dates.</summary>
/// <param name="ExpiresOn">The certificate's last valid day.</param>
/// <param name="ValidUntil">The last valid day of the declaration's verification.</param>
public sealed record CertificateValidityEntry(DeclarationId DeclarationId, CertificateId CertificateId, string Label, DateOnly ExpiresOn, DateOnly ValidUntil);

/// <summary>Why a certificate needs attention.</summary>
public enum CertificateWarningKind
{
    /// <summary>It expires before the verification's validity ends; the provider must report its renewal.</summary>
    ExpiresDuringValidity = 1,

    /// <summary>It has expired while the verification is still valid: the controls it backs are no longer backed.</summary>
    Expired = 2,
}

/// <summary>One certificate warning due.</summary>
public sealed record CertificateWarning(DeclarationId DeclarationId, CertificateId CertificateId, string Label, CertificateWarningKind Kind, DateOnly ExpiresOn, DateOnly ValidUntil);

/// <summary>A certificate warning already sent, as the caller recorded it.</summary>
public readonly record struct SentCertificateWarning(CertificateId CertificateId, CertificateWarningKind Kind);

/// <summary>What is due for a clarification request.</summary>
public enum ClarificationNoticeKind
{
    /// <summary>Remind the provider before the due date.</summary>
    Reminder = 1,

    /// <summary>Mark it overdue (and tell the assessor and the provider).</summary>
    Overdue = 2,
}

/// <summary>One clarification notice due.</summary>
public sealed record ClarificationNotice(ClarificationRequestId RequestId, ClarificationNoticeKind Kind, DateOnly DueOn);

/// <summary>
/// The time-driven rules, as pure functions for a scheduler: given the day and the state, they return what is due; the
/// caller sends it and records what was sent, so that each notice goes out once. A day missed by the scheduler is
/// caught up on the next run.
/// </summary>
public static class NotificationRules
{
    /// <summary>
    /// Renewal notices due on <paramref name="today"/>, in input order:
    /// a reminder for each configured day count once <paramref name="today"/> is within that many days of the last valid
    /// day (exactly 90 days before counts) and not after it, unless sent already — when several are due at once (a
    /// missed run), only the latest (the one with the fewest days) is returned, since the earlier one would say too
    /// much time is left; <see cref="RenewalNoticeKind.MarkRenewalDue"/> for a <see cref="DeclarationStatus.Verified"/>
    /// declaration once the first reminder's day is reached; <see cref="RenewalNoticeKind.Expire"/> for a verified,
    /// renewal-due or suspended declaration from the day after its last valid day. Other statuses get nothing.
    /// </summary>
    public static IReadOnlyList<RenewalNotice> RenewalNoticesDue(DateOnly today, IEnumerable<ValidityEntry> declarations, IReadOnlySet<SentReminder> sent,
        RenewalSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(sent);
        settings ??= RenewalSettings.Default;
        if (settings.ReminderDaysBefore.Count == 0 || settings.ReminderDaysBefore.Any(d => d < 1)) throw new ArgumentException("Reminder days must be at least 1.", nameof(settings));
        var days = settings.ReminderDaysBefore.Distinct().OrderBy(d => d).ToList();
        var notices = new List<RenewalNotice>();
        foreach (var d in declarations)
        {
            var listed = d.Status is DeclarationStatus.Verified or DeclarationStatus.RenewalDue or DeclarationStatus.Suspended;
            if (!listed) continue;
            if (today > d.ValidUntil)
            {
                notices.Add(new RenewalNotice(d.DeclarationId, RenewalNoticeKind.Expire, null, d.ValidUntil.AddDays(1)));
                continue;
            }

            var remaining = d.ValidUntil.DayNumber - today.DayNumber;
            var latest = days.FirstOrDefault(n => remaining <= n);
            if (latest != 0 && !sent.Contains(new SentReminder(d.DeclarationId, latest)) && !days.Any(n => n < latest && sent.Contains(new SentReminder(d.DeclarationId, n))))
            {
                notices.Add(new RenewalNotice(d.DeclarationId, RenewalNoticeKind.Reminder, latest, d.ValidUntil.AddDays(-latest)));
            }

            var window = days[^1];
            if (d.Status == DeclarationStatus.Verified && remaining <= window)
            {
                notices.Add(new RenewalNotice(d.DeclarationId, RenewalNoticeKind.MarkRenewalDue, null, d.ValidUntil.AddDays(-window)));
            }
        }

        return notices;
    }

    /// <summary>
    /// Certificate warnings due on <paramref name="today"/>, in input order, each unless sent already:
    /// <see cref="CertificateWarningKind.Expired"/> when the certificate's last valid day lies before
    /// <paramref name="today"/> while the verification is still valid (today not after its last valid day);
    /// otherwise <see cref="CertificateWarningKind.ExpiresDuringValidity"/> when it expires before the verification's
    /// last valid day. A certificate valid through the end of the verification needs nothing.
    /// </summary>
    public static IReadOnlyList<CertificateWarning> CertificateWarningsDue(DateOnly today, IEnumerable<CertificateValidityEntry> certificates, IReadOnlySet<SentCertificateWarning> sent)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(sent);
        var warnings = new List<CertificateWarning>();
        foreach (var c in certificates)
        {
            if (today > c.ValidUntil || c.ExpiresOn >= c.ValidUntil) continue;
            var kind = c.ExpiresOn < today ? CertificateWarningKind.Expired : CertificateWarningKind.ExpiresDuringValidity;
            if (sent.Contains(new SentCertificateWarning(c.CertificateId, kind))) continue;
            warnings.Add(new CertificateWarning(c.DeclarationId, c.CertificateId, c.Label, kind, c.ExpiresOn, c.ValidUntil));
        }

        return warnings;
    }

    /// <summary>
    /// Clarification notices due on <paramref name="today"/>, in input order: a reminder for an open request from its
    /// <see cref="ClarificationRequest.ReminderOn"/> through its due date, unless reminded already; an overdue marking for
    /// an open request after its due date, unless marked already (a reminder missed by then is no longer sent).
    /// Answered and closed requests get nothing.
    /// </summary>
    public static IReadOnlyList<ClarificationNotice> ClarificationNoticesDue(DateOnly today, IEnumerable<ClarificationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var notices = new List<ClarificationNotice>();
        foreach (var r in requests.Where(r => r.State == ClarificationState.Open))
        {
            if (r.IsOverdue(today))
            {
                if (r.MarkedOverdueAt is null) notices.Add(new ClarificationNotice(r.Id, ClarificationNoticeKind.Overdue, r.DueOn.AddDays(1)));
            }
            else if (r.ReminderOn is { } reminder && today >= reminder && r.RemindedAt is null)
            {
                notices.Add(new ClarificationNotice(r.Id, ClarificationNoticeKind.Reminder, reminder));
            }
        }

        return notices;
    }
}
