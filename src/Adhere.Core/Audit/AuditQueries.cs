using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Audit;

/// <summary>An audit entry as the console and the API show it.</summary>
public sealed record AuditEntryView(long Sequence, DateTimeOffset OccurredAt, string ActorId, string ActorName, string Action,
    string ObjectType, string ObjectId, Guid? OrganisationId, string Changes, string Hash);

/// <summary>Browses the audit trail, newest first, for MB administrators.</summary>
public sealed class AuditQueries(AdhereDb db)
{
    public const int MaxPageSize = 200;

    /// <param name="Action">Exact action or a prefix ending in a dot, e.g. <c>user.</c>.</param>
    /// <param name="Actor">Part of the actor's name or ID.</param>
    /// <param name="Before">Only entries with a smaller sequence number: the paging cursor.</param>
    public sealed record Filter(
        string? Action = null,
        string? Actor = null,
        string? ObjectType = null,
        string? ObjectId = null,
        Guid? OrganisationId = null,
        DateTimeOffset? From = null,
        DateTimeOffset? To = null,
        long? Before = null,
        int PageSize = 50);

    public sealed record Page(IReadOnlyList<AuditEntryView> Entries, long? NextBefore);

    public async Task<Page> SearchAsync(Filter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IQueryable<AuditEvent> q = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            q = action.EndsWith('.') ? q.Where(e => e.Action.StartsWith(action)) : q.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            q = q.Where(e => e.ActorName.Contains(actor) || e.ActorId.Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.ObjectType)) q = q.Where(e => e.ObjectType == filter.ObjectType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.ObjectId)) q = q.Where(e => e.ObjectId == filter.ObjectId.Trim());
        if (filter.OrganisationId is { } org) q = q.Where(e => e.OrganisationId == org);
        if (filter.From is { } from) q = q.Where(e => e.OccurredAt >= from);
        if (filter.To is { } to) q = q.Where(e => e.OccurredAt < to);
        if (filter.Before is { } before) q = q.Where(e => e.Sequence < before);

        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var rows = await q.OrderByDescending(e => e.Sequence).Take(size + 1)
            .Select(e => new AuditEntryView(e.Sequence, e.OccurredAt, e.ActorId, e.ActorName, e.Action, e.ObjectType, e.ObjectId,
                e.OrganisationId, e.Changes, e.Hash))
            .ToListAsync(ct);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new Page(rows, more ? rows[^1].Sequence : null);
    }
}

/// <summary>Walks the whole chain from the first entry and reports the first broken link.</summary>
public sealed class VerifyAuditChain(AdhereDb db)
{
    public async Task<AuditVerification> HandleAsync(CancellationToken ct)
    {
        var walker = new AuditChainWalker();
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!walker.Accept(e)) break;
        }

        return walker.Result;
    }
}
