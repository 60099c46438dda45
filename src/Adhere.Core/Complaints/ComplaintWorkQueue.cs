using Adhere.Core.Persistence;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// A complaint in the MB's work queue: which clock it waits on (<c>acknowledgement</c>, <c>decision</c>,
/// <c>provider-answer</c> for a question to the provider, <c>complainant-answer</c> for a question to the complainant),
/// when that is due, and whether it is overdue. <paramref name="DaysWaiting"/> counts days since receipt.
/// </summary>
public sealed record ComplaintQueueRow(string Reference, string Status, string Company, string? Service, string Clock, DateOnly DueOn, bool Overdue,
    DateTimeOffset ReceivedAt, int DaysWaiting);

/// <summary>
/// The complaints section of the MB's work queue: every complaint that waits for its acknowledgement, and every open one
/// whose decision target is near (<see cref="ComplaintReminderRules.DecisionWarningDays"/> days) or past
/// (<see cref="ComplaintReminderRules.Pressing"/>); then the open cases with a question to the provider due within
/// <see cref="ComplaintReminders.QuestionWarningDays"/> days or overdue, and those whose question to the complainant lapsed unanswered (the
/// MB may then dismiss for lack of cooperation); the longest waiting first. Nothing about the complainant.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A queue of work in the office sense, as the assessments' work queue.")]
public sealed class ComplaintWorkQueue(AdhereDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ComplaintQueueRow>> GetAsync(CancellationToken ct)
    {
        var today = ComplaintClocks.DateOf(time.GetUtcNow());
        var horizon = today.AddDays(ComplaintReminderRules.DecisionWarningDays);
        var rows = await db.Complaints.AsNoTracking().WhereOpen()
            .Where(c => (c.Status == ComplaintStatus.Received || c.DecideBy <= horizon))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Number)
            .Select(c => new { c.Reference, c.Status, c.Company, c.Service, c.AcknowledgeBy, c.DecideBy, c.ReceivedAt })
            .ToListAsync(ct);
        var queue = new List<ComplaintQueueRow>();
        foreach (var c in rows)
        {
            if (ComplaintReminderRules.Pressing(c.Status, c.AcknowledgeBy, c.DecideBy, today) is not { } pressing) continue;
            queue.Add(new ComplaintQueueRow(c.Reference, ComplaintStatusLookup.StatusName(c.Status), c.Company, c.Service,
                pressing.Clock == ComplaintClock.Acknowledgement ? "acknowledgement" : "decision", pressing.DueOn, ComplaintClocks.IsOverdue(pressing.DueOn, time.GetUtcNow()),
                c.ReceivedAt, Math.Max(0, today.DayNumber - ComplaintClocks.DateOf(c.ReceivedAt).DayNumber)));
        }

        var questionHorizon = today.AddDays(ComplaintReminders.QuestionWarningDays);
        // A provider's question shows from QuestionWarningDays before it is due; a complainant's only once its window lapsed.
        foreach (var (q, c) in await OpenComplaints.UnansweredQuestionsAsync(db, questionHorizon, ct))
        {
            if (q.Recipient == QuestionRecipient.Complainant && q.DueOn >= today) continue;
            queue.Add(new ComplaintQueueRow(c.Reference, ComplaintStatusLookup.StatusName(c.Status), c.Company, c.Service,
                q.Recipient == QuestionRecipient.Provider ? "provider-answer" : "complainant-answer", q.DueOn, q.DueOn < today,
                c.ReceivedAt, Math.Max(0, today.DayNumber - ComplaintClocks.DateOf(c.ReceivedAt).DayNumber)));
        }

        return [.. queue.OrderBy(r => r.ReceivedAt).ThenBy(r => r.DueOn)];
    }
}
