using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>The counter row of a Monitoring Body code: the next running number to hand out.</summary>
public sealed class VerificationCounter
{
    public string BodyCode { get; set; } = string.Empty;

    public int Next { get; set; }
}

/// <summary>
/// Where the Monitoring Body's running numbers stand. Numbers are unique per body code across all providers and never
/// reused, so every verification record counts, issued here or imported from a bundle (whatever the caller may see).
/// </summary>
public sealed class VerificationNumbers(AdhereDb db)
{
    /// <summary>The running number the next Verification-ID of <paramref name="bodyCode"/> gets: the highest recorded plus one, or 1 when none.</summary>
    public async Task<int> NextRunningNumberAsync(string bodyCode, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bodyCode);
        var highest = await db.VerificationRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.BodyCode == bodyCode)
            .MaxAsync(v => (int?)v.RunningNumber, ct);
        var counted = await db.VerificationCounters.AsNoTracking().Where(c => c.BodyCode == bodyCode).Select(c => (int?)c.Next).FirstOrDefaultAsync(ct);
        return Math.Max(checked((highest ?? 0) + 1), counted ?? 1);
    }

    /// <summary>
    /// Takes the next running number of <paramref name="bodyCode"/> for good, in the current transaction: one atomic
    /// statement on a counter row, so approvals on several app instances sharing one database never get the same number
    /// (PostgreSQL holds the row lock until commit; SQLite has one writer). The counter never falls below the highest
    /// recorded number plus one, so numbers continue after imported ones. A rolled-back approval gives its number back,
    /// which is harmless: it was never published.
    /// </summary>
    public async Task<int> AllocateAsync(string bodyCode, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bodyCode);
        var highest = await db.VerificationRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.BodyCode == bodyCode)
            .MaxAsync(v => (int?)v.RunningNumber, ct);
        var floor = checked((highest ?? 0) + 1);
        return await db.TakeCounterAsync(bodyCode, floor, ct);
    }
}
