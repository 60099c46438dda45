using Adhere.Core.Persistence;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>An unanswered question with the complaint it belongs to.</summary>
internal sealed record OpenQuestion(ComplaintQuestion Question, Complaint Complaint);

/// <summary>
/// The queries the reminders and the work queue share, so that "open" means what <see cref="ComplaintLifecycle.IsOpen"/>
/// says everywhere.
/// </summary>
internal static class OpenComplaints
{
    // IsOpen as a list a query can send to the database.
    private static readonly ComplaintStatus[] Statuses = [.. Enum.GetValues<ComplaintStatus>().Where(ComplaintLifecycle.IsOpen)];

    /// <summary>The complaints that are still open.</summary>
    public static IQueryable<Complaint> WhereOpen(this IQueryable<Complaint> complaints) => complaints.Where(c => Statuses.Contains(c.Status));

    /// <summary>Unanswered questions of open complaints that were due on or before <paramref name="dueBy"/>, the earliest first.</summary>
    public static Task<List<OpenQuestion>> UnansweredQuestionsAsync(AdhereDb db, DateOnly dueBy, CancellationToken ct) =>
        (from q in db.ComplaintQuestions.AsNoTracking()
         join c in db.Complaints.AsNoTracking() on q.ComplaintId equals c.Id
         where q.AnsweredAt == null && Statuses.Contains(c.Status) && q.DueOn <= dueBy
         orderby q.DueOn
         select new OpenQuestion(q, c)).ToListAsync(ct);
}
