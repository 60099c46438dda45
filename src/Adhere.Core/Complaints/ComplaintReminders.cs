using System.Globalization;
using Adhere.Core.Mail;
using Adhere.Core.Monitoring;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// What one run of the monitoring job shares with the notice queues it calls: the time, the keys of notices already
/// sent (a queue adds the keys it sends, here and as <see cref="SentNotice"/> rows) and the Monitoring Body's recipients.
/// </summary>
public sealed record NoticeRun(DateTimeOffset Now, ISet<string> SentKeys, IReadOnlyList<string> MonitoringBodyRecipients)
{
    public DateOnly Today => ComplaintClocks.DateOf(Now);
}

/// <summary>How many complaint reminders one run queued, by kind. Later complaint deadlines add their counts here.</summary>
public sealed record ComplaintReminderCounts(int AcknowledgementDue, int AcknowledgementOverdue, int DecisionApproaching, int DecisionOverdue,
    int ProviderQuestionsDue = 0, int ProviderQuestionsOverdue = 0, int ComplainantQuestionsLapsed = 0)
{
    public static ComplaintReminderCounts None { get; } = new(0, 0, 0, 0);

    public int Total => AcknowledgementDue + AcknowledgementOverdue + DecisionApproaching + DecisionOverdue
        + ProviderQuestionsDue + ProviderQuestionsOverdue + ComplainantQuestionsLapsed;
}

/// <summary>
/// The complaint part of the monitoring job (<see cref="RunMonitoringJobs"/>): reminds the Monitoring Body of the
/// acknowledgement target (the day before, and once overdue) and of the decision target
/// (<see cref="ComplaintReminderRules.DecisionWarningDays"/> days before, and once overdue) of every open complaint,
/// each reminder once (<see cref="ComplaintReminderRules.Key"/>). It queues mails, notice rows and one audit entry per
/// notice (<c>complaint.reminder-sent</c>, its kind in the changes) in the job's transaction and saves nothing itself. Mails go to the MB only and carry the reference, the provider and a console
/// link, never the complainant's identity or the conduct: mail is less protected than the console.
/// To remind of another complaint deadline, add a step to <see cref="QueueAsync"/> and a count to <see cref="ComplaintReminderCounts"/>.
/// </summary>
public sealed class ComplaintReminders(AdhereDb db, Outbox outbox, MailSettings mail)
{
    public async Task<ComplaintReminderCounts> QueueAsync(NoticeRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        var today = run.Today;
        var acknowledgeHorizon = today.AddDays(ComplaintReminderRules.AcknowledgementWarningDays);
        var decisionHorizon = today.AddDays(ComplaintReminderRules.DecisionWarningDays);
        var candidates = await db.Complaints.AsNoTracking().WhereOpen()
            .Where(c => ((c.Status == ComplaintStatus.Received && c.AcknowledgeBy <= acknowledgeHorizon) || c.DecideBy <= decisionHorizon))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Number)
            .ToListAsync(ct);

        var counts = new Dictionary<ComplaintReminderKind, int>();
        foreach (var complaint in candidates)
        {
            foreach (var kind in ComplaintReminderRules.Due(complaint.Status, complaint.AcknowledgeBy, complaint.DecideBy, today))
            {
                var key = ComplaintReminderRules.Key(kind, complaint.Id);
                if (!run.SentKeys.Add(key)) continue;
                var (subject, text) = Message(kind, complaint);
                outbox.Enqueue(run.MonitoringBodyRecipients, "complaint." + Topic(kind), subject, $"""
                    {text}
                    It concerns {About(complaint)}, received on {Day(ComplaintClocks.DateOf(complaint.ReceivedAt))}; it is now {ComplaintStatusLookup.StatusName(complaint.Status)}.
                    {ConsoleLink(mail, complaint.Reference)}
                    """);
                db.SentNotices.Add(new SentNotice { Key = key, SentAt = run.Now });
                Audit(complaint.Id, Topic(kind), null);
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
            }
        }

        var (questionsDue, questionsOverdue, lapsed) = await QueueQuestionsAsync(run, ct);
        return new ComplaintReminderCounts(counts.GetValueOrDefault(ComplaintReminderKind.AcknowledgementDue),
            counts.GetValueOrDefault(ComplaintReminderKind.AcknowledgementOverdue), counts.GetValueOrDefault(ComplaintReminderKind.DecisionApproaching),
            counts.GetValueOrDefault(ComplaintReminderKind.DecisionOverdue), questionsDue, questionsOverdue, lapsed);
    }

    /// <summary>How many days before its due date the provider is reminded of an unanswered question.</summary>
    public const int QuestionWarningDays = 3;

    // Questions of open cases: the provider is reminded before its due date and told once it is overdue (the MB too); the
    // MB learns when the complainant's window lapsed unanswered. Each once, by the question's ID.
    private async Task<(int Due, int Overdue, int Lapsed)> QueueQuestionsAsync(NoticeRun run, CancellationToken ct)
    {
        var today = run.Today;
        var horizon = today.AddDays(QuestionWarningDays);
        var questions = await OpenComplaints.UnansweredQuestionsAsync(db, horizon, ct);
        var editorsOf = new Dictionary<Adhere.Domain.Organisations.OrganisationId, IReadOnlyList<string>>();
        int due = 0, overdue = 0, lapsed = 0;
        foreach (var (q, c) in questions)
        {
            var late = q.DueOn < today;
            if (q.Recipient == QuestionRecipient.Provider && q.OrganisationId is { } provider)
            {
                var key = $"complaint-question-{(late ? "overdue" : "due")}:{q.Id}";
                if (!run.SentKeys.Add(key)) continue;
                if (!editorsOf.TryGetValue(provider, out var editors)) editorsOf[provider] = editors = await outbox.ProviderEditorsAsync(provider, ct);
                var to = late ? editors.Concat(run.MonitoringBodyRecipients) : editors;
                outbox.Enqueue(to, late ? "complaint.question-overdue" : "complaint.question-due",
                    late ? $"Overdue: the Monitoring Body's question on complaint {c.Reference}" : $"Due on {Day(q.DueOn)}: the Monitoring Body's question on complaint {c.Reference}",
                    $"""
                    {(late ? $"The answer to the Monitoring Body's question on complaint {c.Reference} was due on {Day(q.DueOn)} and has not arrived." : $"The Monitoring Body waits for your answer to its question on complaint {c.Reference} by {Day(q.DueOn)}.")}
                    It concerns {About(c)}. Answer in the provider portal:
                    {mail.Link("/portal/complaints")}
                    """);
                db.SentNotices.Add(new SentNotice { Key = key, SentAt = run.Now });
                Audit(c.Id, late ? "question-overdue" : "question-due", q.Id.ToString());
                if (late) overdue++;
                else due++;
            }
            else if (q.Recipient == QuestionRecipient.Complainant && late)
            {
                var key = $"complaint-question-lapsed:{q.Id}";
                if (!run.SentKeys.Add(key)) continue;
                outbox.Enqueue(run.MonitoringBodyRecipients, "complaint.question-lapsed", $"Complaint {c.Reference}: the complainant did not answer",
                    $"""
                    The complainant's time to answer the question of {Day(ComplaintClocks.DateOf(q.AskedAt))} on complaint {c.Reference} ended on {Day(q.DueOn)} without an answer.
                    The case may now be dismissed for lack of cooperation, or handled on what is known.
                    {ConsoleLink(mail, c.Reference)}
                    """);
                db.SentNotices.Add(new SentNotice { Key = key, SentAt = run.Now });
                Audit(c.Id, "question-lapsed", q.Id.ToString());
                lapsed++;
            }
        }

        return (due, overdue, lapsed);
    }

    // As renewal and clarification reminders are: the trail shows who was reminded of what and when, not only the outbox.
    // No organisation: complaint entries are the MB's (the provider's questions included), as complaint.received is.
    private void Audit(ComplaintId complaint, string kind, string? question)
    {
        var changes = new AuditChanges().Added("kind", kind);
        if (question is not null) changes.Added("question", question);
        db.Record("complaint.reminder-sent", "complaint", complaint.ToString(), null, changes);
    }

    /// <summary>The console page of a complaint, as a link in a mail.</summary>
    public static string ConsoleLink(MailSettings mail, string reference)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return mail.Link($"/console/complaints/{Uri.EscapeDataString(reference)}");
    }

    /// <summary>The provider and service a complaint is about, with the Verification-ID when one was chosen; nothing about the complainant.</summary>
    public static string About(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.Company + (complaint.Service is null ? string.Empty : $" ({complaint.Service})")
            + (complaint.TargetVerificationId is null ? string.Empty : $", register entry {complaint.TargetVerificationId}");
    }

    private static (string Subject, string Text) Message(ComplaintReminderKind kind, Complaint c) => kind switch
    {
        ComplaintReminderKind.AcknowledgementDue => ($"Complaint {c.Reference}: acknowledgement due by {Day(c.AcknowledgeBy)}",
            $"Complaint {c.Reference} has not been acknowledged yet; the target is {Day(c.AcknowledgeBy)}. Starting the admissibility check acknowledges it."),
        ComplaintReminderKind.AcknowledgementOverdue => ($"Overdue: acknowledge complaint {c.Reference}",
            $"Complaint {c.Reference} should have been acknowledged by {Day(c.AcknowledgeBy)} and still waits for its admissibility check."),
        ComplaintReminderKind.DecisionApproaching => ($"Complaint {c.Reference}: decision due by {Day(c.DecideBy)}",
            $"The decision on complaint {c.Reference} is due by {Day(c.DecideBy)}, in {ComplaintReminderRules.DecisionWarningDays} days or less."),
        ComplaintReminderKind.DecisionOverdue => ($"Overdue: decide on complaint {c.Reference}",
            $"The decision on complaint {c.Reference} was due by {Day(c.DecideBy)} and the case is still open."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a complaint reminder."),
    };

    private static string Topic(ComplaintReminderKind kind) => kind switch
    {
        ComplaintReminderKind.AcknowledgementDue => "acknowledgement-due",
        ComplaintReminderKind.AcknowledgementOverdue => "acknowledgement-overdue",
        ComplaintReminderKind.DecisionApproaching => "decision-approaching",
        _ => "decision-overdue",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
