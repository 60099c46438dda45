using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Domain.Assessments;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

/// <summary>An MB member named on a queue row, by e-mail (the console has no other display name).</summary>
public sealed record QueuePerson(Guid Id, string Email);

/// <summary>
/// One row of the Monitoring Body's work queue: a submitted declaration waiting to be opened (<see cref="AssessmentId"/>
/// and <see cref="Phase"/> null), or an assessment. <see cref="Since"/> is when the row entered its current state (the
/// submission, or the last phase change). <see cref="EarliestDueOn"/> is the earliest due date among the clarification
/// requests not yet closed; <see cref="OverdueClarifications"/> counts the open ones past their due date.
/// </summary>
public sealed record QueueRow(
    Guid? AssessmentId,
    Guid DeclarationId,
    Guid OrganisationId,
    string OrganisationName,
    string DeclarationTitle,
    string Kind,
    string? Phase,
    IReadOnlyList<QueuePerson> Assessors,
    QueuePerson? DecisionMaker,
    DateTimeOffset Since,
    int DaysInPhase,
    DateOnly? EarliestDueOn,
    int OverdueClarifications);

/// <summary>An assessment of a declaration, as the declaration's page links to it.</summary>
public sealed record DeclarationAssessmentLink(Guid Id, string Kind, string Phase, DateTimeOffset OpenedAt);

/// <summary>The work queue by section, each oldest first except <see cref="RecentlyDecided"/> (newest first).</summary>
public sealed record WorkQueueSections(
    IReadOnlyList<QueueRow> WaitingToBeOpened,
    IReadOnlyList<QueueRow> InProgress,
    IReadOnlyList<QueueRow> WaitingForProvider,
    IReadOnlyList<QueueRow> DecisionPending,
    IReadOnlyList<QueueRow> RecentlyDecided)
{
    /// <summary>Complaints waiting for their acknowledgement or near or past their decision target, the longest waiting first (filled by the host).</summary>
    public IReadOnlyList<Complaints.ComplaintQueueRow> Complaints { get; init; } = [];
}

/// <summary>
/// Reads the Monitoring Body's work queue in a handful of queries for the whole queue: unlike
/// <see cref="AssessmentQueries.GetAsync"/>, it computes no proposed level and loads no declaration evidence, which
/// would cost several queries per row.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A queue of work in the office sense, named as the product calls it; not a collection type.")]
public sealed class AssessmentWorkQueue(AdhereDb db, TimeProvider time)
{
    /// <summary>How far back "recently decided" reaches.</summary>
    public const int RecentDays = 30;

    /// <param name="assignedTo">Only assessments with this user as assessor or decision maker (and no unopened declarations, which nobody is assigned to yet).</param>
    public async Task<WorkQueueSections> GetAsync(Guid? assignedTo, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var recent = now.AddDays(-RecentDays);

        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => (a.Phase != AssessmentPhase.Approved && a.Phase != AssessmentPhase.Rejected && a.Phase != AssessmentPhase.Cancelled)
                || a.PhaseChangedAt >= recent)
            .ToListAsync(ct);
        var waiting = assignedTo is null
            ? await (from d in db.Declarations.AsNoTracking()
                     where d.Status == DeclarationStatus.Submitted
                         && !db.Assessments.Any(a => a.DeclarationId == d.Id
                             && a.Phase != AssessmentPhase.Approved && a.Phase != AssessmentPhase.Rejected && a.Phase != AssessmentPhase.Cancelled)
                     select new { d.Id, d.OrganisationId, d.Title, d.CodeName, d.CodeVersion, d.Kind, d.SubmittedAt, d.StatusChangedAt }).ToListAsync(ct)
            : [];

        var declarationIds = assessments.Select(a => a.DeclarationId).Distinct().ToList();
        var titles = await db.Declarations.AsNoTracking().Where(d => declarationIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.CodeName, d.CodeVersion }).ToDictionaryAsync(d => d.Id, d => d.Title ?? $"{d.CodeName} {d.CodeVersion}", ct);
        var organisationIds = assessments.Select(a => a.OrganisationId).Concat(waiting.Select(w => w.OrganisationId)).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var mb = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.MonitoringBody).Select(o => o.Id).ToListAsync(ct);
        var staff = await db.Users.AsNoTracking().Where(u => mb.Contains(u.OrganisationId)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id.ToString(), ct);
        QueuePerson Person(Guid id) => new(id, staff.TryGetValue(id, out var email) ? email : id.ToString());
        int Days(DateTimeOffset since) => Math.Max(0, (today.DayNumber - DateOnly.FromDateTime(since.UtcDateTime).DayNumber));

        var rows = assessments
            .Where(a => assignedTo is not { } me || a.Assessors.Any(x => x.Value == me) || a.DecisionMaker?.Value == me)
            .Select(a =>
            {
                var pending = a.Clarifications.Where(c => c.State != ClarificationState.Closed).ToList();
                return (a.Phase, Row: new QueueRow(a.Id.Value, a.DeclarationId.Value, a.OrganisationId.Value, organisations.GetValueOrDefault(a.OrganisationId, "?"),
                    titles.GetValueOrDefault(a.DeclarationId, "?"), DeclarationQueries.Kebab(a.Kind.ToString()), DeclarationQueries.Kebab(a.Phase.ToString()),
                    [.. a.Assessors.Select(x => Person(x.Value))], a.DecisionMaker is { } dm ? Person(dm.Value) : null,
                    a.PhaseChangedAt, Days(a.PhaseChangedAt), pending.Count == 0 ? null : pending.Min(c => c.DueOn), pending.Count(c => c.IsOverdue(today))));
            })
            .ToList();

        IReadOnlyList<QueueRow> Oldest(Func<AssessmentPhase, bool> phase) => [.. rows.Where(r => phase(r.Phase)).Select(r => r.Row).OrderBy(r => r.Since)];
        return new WorkQueueSections(
            [.. waiting.Select(w =>
            {
                var since = w.SubmittedAt ?? w.StatusChangedAt;
                return new QueueRow(null, w.Id.Value, w.OrganisationId.Value, organisations.GetValueOrDefault(w.OrganisationId, "?"),
                    w.Title ?? $"{w.CodeName} {w.CodeVersion}", DeclarationQueries.Kebab(w.Kind.ToString()), null, [], null, since, Days(since), null, 0);
            }).OrderBy(r => r.Since)],
            Oldest(p => p is AssessmentPhase.FactFinding or AssessmentPhase.InDepthReview),
            Oldest(AssessmentWorkflow.IsAwaitingClarification),
            Oldest(p => p == AssessmentPhase.DecisionPending),
            [.. rows.Where(r => AssessmentWorkflow.IsFinal(r.Phase)).Select(r => r.Row).OrderByDescending(r => r.Since)]);
    }

    /// <summary>The assessments of one declaration, newest first, without the cost of their full summaries.</summary>
    public async Task<IReadOnlyList<DeclarationAssessmentLink>> ForDeclarationAsync(Guid declarationId, CancellationToken ct)
    {
        var rows = await db.Assessments.AsNoTracking().Where(a => a.DeclarationId == new Domain.Declarations.DeclarationId(declarationId))
            .Select(a => new { a.Id, a.Kind, a.Phase, a.OpenedAt }).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.OpenedAt)
            .Select(r => new DeclarationAssessmentLink(r.Id.Value, DeclarationQueries.Kebab(r.Kind.ToString()), DeclarationQueries.Kebab(r.Phase.ToString()), r.OpenedAt))];
    }
}
