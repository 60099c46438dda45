using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

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
        return checked((highest ?? 0) + 1);
    }
}
