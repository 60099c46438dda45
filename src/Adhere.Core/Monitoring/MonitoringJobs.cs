using System.Globalization;
using Adhere.Core.Assessments;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Monitoring;

/// <summary>When a scheduled job last started; the row is the lease that keeps several app instances from running it twice.</summary>
public sealed class SchedulerRun
{
    public string Job { get; set; } = string.Empty;

    public DateTimeOffset LastStartedAt { get; set; }
}

/// <summary>A notice already sent, by a key such as <c>renewal-reminder:{declaration}:30</c>, so that each goes out once.</summary>
public sealed class SentNotice
{
    public string Key { get; set; } = string.Empty;

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// The monitoring job: renewal reminders 90 and 30 days before a verification ends (to the provider's editors), the
/// renewal window (verified → renewal due), expiry of lapsed verifications (to the provider and the MB), and warnings
/// for certificates that expire during, or have expired within, a verification's validity, and clarification notices
/// of running assessments: a reminder to the provider before the due date, an overdue notice to the provider and the
/// assessors after it (the request's own stamp keeps each to one), and the complaint reminders to the MB
/// (<see cref="Complaints.ComplaintReminders"/>). It runs at most once per
/// interval across all app instances: it starts only after winning a conditional update of its <see cref="SchedulerRun"/>
/// row. Everything it changes and every e-mail it queues are saved in one transaction.
/// </summary>
public sealed class RunMonitoringJobs(AdhereDb db, Outbox outbox, MailSettings mail, TimeProvider time, Reports.Frozen.SignPendingReports signPending,
    Register.TransparencyLog register, Complaints.ComplaintReminders complaintReminders)
{
    public const string JobName = "monitoring";

    public sealed record Report(bool Ran, int Reminders, int MarkedRenewalDue, int Expired, int CertificateWarnings,
        int ClarificationReminders, int ClarificationsOverdue, int ReportsSigned = 0)
    {
        /// <summary>The complaint reminders queued to the Monitoring Body (<see cref="Complaints.ComplaintReminders"/>).</summary>
        public Complaints.ComplaintReminderCounts Complaints { get; init; } = Adhere.Core.Complaints.ComplaintReminderCounts.None;
    }

    /// <param name="force">Run even if another run started within <paramref name="interval"/> (the CLI's <c>--force</c>).</param>
    public async Task<Report> HandleAsync(TimeSpan interval, bool force, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await TryLeaseAsync(now, force ? TimeSpan.Zero : interval, ct)) return new Report(false, 0, 0, 0, 0, 0, 0);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // One transaction from reading to saving, so that a transparency log entry is appended under the writer lock.
        await using var unit = await db.BeginUnitAsync(ct);

        var listed = await db.Declarations.Include(d => d.Certificates)
            .Where(d => d.ValidUntil != null && (d.Status == DeclarationStatus.Verified || d.Status == DeclarationStatus.RenewalDue || d.Status == DeclarationStatus.Suspended))
            .ToListAsync(ct);
        var sentKeys = (await db.SentNotices.AsNoTracking().Select(n => n.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var mbRecipients = await outbox.MonitoringBodyRecipientsAsync(ct);

        var sentReminders = listed.SelectMany(d => RenewalSettings.Default.ReminderDaysBefore
                .Where(n => sentKeys.Contains(ReminderKey(d.Id, n, d.ValidUntil!.Value)))
                .Select(n => new SentReminder(d.Id, n)))
            .ToHashSet();
        var notices = NotificationRules.RenewalNoticesDue(today, listed.Select(d => new ValidityEntry(d.Id, d.Status, d.ValidUntil!.Value)), sentReminders);
        int reminders = 0, renewalDue = 0, expired = 0;
        foreach (var notice in notices)
        {
            var declaration = listed.First(d => d.Id == notice.DeclarationId);
            var provider = organisations.GetValueOrDefault(declaration.OrganisationId, "the provider");
            var name = declaration.Title ?? $"{declaration.CodeName} {declaration.CodeVersion}";
            var until = Day(declaration.ValidUntil!.Value);
            switch (notice.Kind)
            {
                case RenewalNoticeKind.Reminder:
                    outbox.Enqueue(await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), "declaration.renewal-reminder",
                        $"Renewal due: {name} is verified until {until}",
                        $"""
                        The verification of your declaration "{name}"{Id(declaration)} ends on {until}, in {notice.DaysBefore} days or less.
                        Start the renewal in the portal so that the Monitoring Body can assess it in time:
                        {mail.Link($"/portal/declarations/{declaration.Id}")}
                        """);
                    Remember(ReminderKey(declaration.Id, notice.DaysBefore!.Value, declaration.ValidUntil!.Value), now);
                    db.Record("declaration.renewal-reminder-sent", "declaration", declaration.Id.ToString(), declaration.OrganisationId,
                        new AuditChanges().Added("daysBefore", notice.DaysBefore.Value.ToString(CultureInfo.InvariantCulture)));
                    reminders++;
                    break;
                case RenewalNoticeKind.MarkRenewalDue:
                    if (declaration.Fire(DeclarationTrigger.MarkRenewalDue, Role.MbAdministrator, now).IsError) break;
                    db.Record("declaration.renewal-due", "declaration", declaration.Id.ToString(), declaration.OrganisationId,
                        new AuditChanges().Set("status", nameof(DeclarationStatus.Verified), nameof(DeclarationStatus.RenewalDue)));
                    renewalDue++;
                    break;
                case RenewalNoticeKind.Expire:
                    var from = declaration.Status;
                    if (declaration.Fire(DeclarationTrigger.Expire, Role.MbAdministrator, now).IsError) break;
                    db.Record("declaration.expired", "declaration", declaration.Id.ToString(), declaration.OrganisationId,
                        new AuditChanges().Set("status", from.ToString(), nameof(DeclarationStatus.Expired)));
                    if (declaration.VerificationId is { } expiredId && declaration.GrantedLevel is { } expiredLevel)
                    {
                        await register.AppendAsync(new Register.TransparencyLogChange(Register.TransparencyLogEvents.Expired, expiredId, null,
                            organisations.GetValueOrDefault(declaration.OrganisationId, string.Empty), (int)expiredLevel, declaration.ValidUntil), ct);
                    }

                    outbox.Enqueue([.. await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), .. mbRecipients], "declaration.expired",
                        $"Verification expired: {provider}, {name}",
                        $"""
                        The verification of "{name}" by {provider}{Id(declaration)} ended on {until} without a verified renewal.
                        The declaration is no longer listed as adherent.
                        {mail.Link($"/console/declarations/{declaration.Id}")}
                        """);
                    expired++;
                    break;
            }
        }

        var sentWarnings = listed.SelectMany(d => d.Certificates)
            .SelectMany(c => Enum.GetValues<CertificateWarningKind>().Where(k => sentKeys.Contains(WarningKey(c, k))).Select(k => new SentCertificateWarning(c.Id, k)))
            .ToHashSet();
        var certificates = listed.Where(d => d.Status != DeclarationStatus.Expired)
            .SelectMany(d => d.Certificates.Select(c => new CertificateValidityEntry(d.Id, c.Id, $"{c.StandardKey} {c.Number}", c.ExpiresOn, d.ValidUntil!.Value)));
        var warnings = NotificationRules.CertificateWarningsDue(today, certificates, sentWarnings);
        foreach (var warning in warnings)
        {
            var declaration = listed.First(d => d.Id == warning.DeclarationId);
            var certificate = declaration.Certificates.First(c => c.Id == warning.CertificateId);
            var provider = organisations.GetValueOrDefault(declaration.OrganisationId, "the provider");
            var what = warning.Kind == CertificateWarningKind.Expired
                ? $"expired on {Day(warning.ExpiresOn)}, while the verification runs until {Day(warning.ValidUntil)}: the controls it backed are no longer backed"
                : $"expires on {Day(warning.ExpiresOn)}, before the verification ends on {Day(warning.ValidUntil)}; report its renewal when you have it";
            outbox.Enqueue([.. await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), .. mbRecipients], "certificate.expiry-warning",
                $"Certificate {warning.Label} of {provider}",
                $"""
                Certificate {warning.Label}, relied on by "{declaration.Title ?? declaration.CodeName}"{Id(declaration)}, {what}.
                {mail.Link($"/portal/declarations/{declaration.Id}/certificates/{certificate.Id}")}
                """);
            Remember(WarningKey(certificate, warning.Kind), now);
        }

        var (clarificationReminders, overdue) = await ClarificationNoticesAsync(today, now, organisations, ct);
        var complaints = await complaintReminders.QueueAsync(new Complaints.NoticeRun(now, sentKeys, mbRecipients), ct);

        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        // Reports issued while no signing key was usable get their signature as soon as one is (ADR 0015); without a key this is a no-op.
        var signed = await signPending.HandleAsync(ct);
        return new Report(true, reminders, renewalDue, expired, warnings.Count, clarificationReminders, overdue, signed.IsError ? 0 : signed.Value)
        {
            Complaints = complaints,
        };
    }

    /// <summary>Queues the clarification notices due today and stamps each request, so that the next run skips it.</summary>
    private async Task<(int Reminders, int Overdue)> ClarificationNoticesAsync(DateOnly today, DateTimeOffset now,
        Dictionary<OrganisationId, string> organisations, CancellationToken ct)
    {
        var candidates = await db.Assessments.Where(a => a.Clarifications.Any(c => c.State == ClarificationState.Open)).ToListAsync(ct);
        int reminders = 0, overdue = 0;
        foreach (var assessment in candidates.Where(a => !AssessmentWorkflow.IsFinal(a.Phase)))
        {
            var notices = NotificationRules.ClarificationNoticesDue(today, assessment.Clarifications);
            if (notices.Count == 0) continue;
            var declaration = await db.Declarations.AsNoTracking().Where(d => d.Id == assessment.DeclarationId)
                .Select(d => new { d.Title, d.CodeName }).FirstAsync(ct);
            var name = declaration.Title ?? declaration.CodeName;
            var provider = organisations.GetValueOrDefault(assessment.OrganisationId, "the provider");
            var editors = await outbox.ProviderEditorsAsync(assessment.OrganisationId, ct);
            var portal = mail.Link($"/portal/declarations/{assessment.DeclarationId}/clarifications");
            foreach (var notice in notices)
            {
                var request = assessment.Clarifications.First(c => c.Id == notice.RequestId);
                var due = Day(request.DueOn);
                if (notice.Kind == ClarificationNoticeKind.Reminder)
                {
                    outbox.Enqueue(editors, "clarification.reminder", $"Reply due by {due}: {request.Subject}",
                        $"""
                        The Monitoring Body waits for your reply to its question on "{request.Subject}" about "{name}".
                        The reply is due on {due}; a later reply is recorded as late in the assessment report.
                        {portal}
                        """);
                    reminders++;
                }
                else
                {
                    outbox.Enqueue([.. editors, .. await ReplyToClarification.AssessorEmailsAsync(db, assessment, ct)], "clarification.overdue",
                        $"Overdue clarification: {provider}, {request.Subject}",
                        $"""
                        The clarification request on "{request.Subject}" to {provider} about "{name}" was due on {due} and has no reply yet.
                        The provider replies in the portal: {portal}
                        The assessment in the console: {mail.Link($"/console/assessments/{assessment.Id}")}
                        """);
                    overdue++;
                }

                assessment.RecordClarificationNotice(notice.RequestId, notice.Kind, now);
                db.Record(notice.Kind == ClarificationNoticeKind.Reminder ? "clarification.reminder-sent" : "clarification.marked-overdue",
                    "assessment", assessment.Id.ToString(), assessment.OrganisationId,
                    new AuditChanges().Added("request", request.Id.ToString()).Added("dueOn", due));
            }
        }

        return (reminders, overdue);
    }

    /// <summary>Wins the run when no other run started within <paramref name="interval"/>: one conditional update, atomic on both providers.</summary>
    private async Task<bool> TryLeaseAsync(DateTimeOffset now, TimeSpan interval, CancellationToken ct)
    {
        if (!await db.SchedulerRuns.AnyAsync(r => r.Job == JobName, ct))
        {
            db.SchedulerRuns.Add(new SchedulerRun { Job = JobName, LastStartedAt = DateTimeOffset.UnixEpoch });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created the row first; the conditional update below decides.
                db.ChangeTracker.Clear();
            }
        }

        var threshold = now - interval;
        var won = await db.SchedulerRuns.Where(r => r.Job == JobName && r.LastStartedAt <= threshold)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LastStartedAt, now), ct);
        return won == 1;
    }

    private void Remember(string key, DateTimeOffset now) => db.SentNotices.Add(new SentNotice { Key = key, SentAt = now });

    // The validity end is part of the key: after a renewal the same declaration gets reminders for its new end date.
    private static string ReminderKey(DeclarationId id, int days, DateOnly validUntil) =>
        string.Create(CultureInfo.InvariantCulture, $"renewal-reminder:{id}:{Day(validUntil)}:{days}");

    private static string WarningKey(Certificate c, CertificateWarningKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"certificate-warning:{c.Id}:{Day(c.ExpiresOn)}:{kind}");

    private static string Id(Declaration d) => d.VerificationId is null ? string.Empty : $" ({d.VerificationId})";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
