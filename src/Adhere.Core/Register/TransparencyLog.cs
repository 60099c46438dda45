using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>
/// The public, append-only log of register changes (ADR 0016). There is deliberately no way to change or remove a row.
/// <para>
/// <see cref="AppendAsync"/> adds the next link to the caller's context; it is written by the caller's next save, so
/// inside the caller's transaction, and a failed use case leaves no entry. Concurrency: inside a transaction the
/// append first takes the audit chain's writer lock (a PostgreSQL advisory lock; SQLite's write transactions are
/// exclusive anyway), so concurrent appends queue. The sequence number is also the primary key: should two writers
/// still read the same head (a caller without a transaction), the second to commit fails with a unique violation
/// and its whole use case is rolled back, so the chain never forks. Register changes are rare (a few a day), so a
/// failed, retryable use case is an acceptable price.
/// </para>
/// </summary>
public sealed class TransparencyLog(AdhereDb db, TimeProvider time)
{
    /// <summary>
    /// Appends a change. Approval, expiry, the listing decisions (suspend, reinstate, revoke) and a provider's withdrawal
    /// call this inside their own transaction.
    /// </summary>
    public async Task<TransparencyLogEntry> AppendAsync(TransparencyLogChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!TransparencyLogEvents.All.Contains(change.Event)) throw new ArgumentException($"Unknown event '{change.Event}'.", nameof(change));
        if (change.Level is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(change), change.Level, "The level is 1, 2 or 3.");

        if (db.Database.CurrentTransaction is not null) await db.LockChainWritersAsync(ct);

        // Entries appended earlier in the same unit are not in the database yet: the head is the newest of both.
        var pending = db.TransparencyLog.Local.Where(e => db.Entry(e).State == EntityState.Added).MaxBy(e => e.Sequence);
        var (sequence, hash) = pending is not null ? (pending.Sequence, pending.Hash) : await HeadAsync(ct);
        var entry = TransparencyLogEntry.Chain(sequence, hash, change, time.GetUtcNow());
        db.TransparencyLog.Add(entry);
        return entry;
    }

    private async Task<(long Sequence, string Hash)> HeadAsync(CancellationToken ct)
    {
        var head = await db.TransparencyLog.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        return head is null ? (0L, TransparencyLogHashing.GenesisHash) : (head.Sequence, head.Hash);
    }
}

/// <summary>Reads the log for publication.</summary>
public sealed class TransparencyLogQueries(AdhereDb db)
{
    /// <summary>Entries with a sequence number above <paramref name="after"/> (0: all), in order.</summary>
    public async Task<IReadOnlyList<TransparencyLogRecord>> EntriesAsync(long after, CancellationToken ct)
    {
        var rows = await db.TransparencyLog.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>The newest entry's number and hash, or null while the log is empty; cheap, for the ETag.</summary>
    public async Task<TransparencyLogHead?> HeadAsync(CancellationToken ct)
    {
        var head = await db.TransparencyLog.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        return head is null ? null : new TransparencyLogHead(head.Sequence, head.Hash);
    }
}
