using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// Hands out complaint reference numbers, one sequence per year, never reused. It shares the atomic counter of
/// Verification-IDs (<see cref="VerificationNumbers.AllocateAsync"/>): the counter row of year Y is keyed
/// <c>complaints-Y</c>, which no Monitoring Body code (capital letters only) can equal.
/// </summary>
public sealed class ComplaintReferences(AdhereDb db)
{
    public static string CounterKey(int year) => FormattableString.Invariant($"complaints-{year}");

    /// <summary>Takes the next number of <paramref name="year"/> in the current transaction; a rollback gives it back.</summary>
    public async Task<ComplaintReference> AllocateAsync(int year, CancellationToken ct)
    {
        var highest = await db.Complaints.IgnoreQueryFilters().AsNoTracking().Where(c => c.Year == year).MaxAsync(c => (int?)c.Number, ct);
        var number = await db.TakeCounterAsync(CounterKey(year), checked((highest ?? 0) + 1), ct);
        return new ComplaintReference(year, number);
    }
}
