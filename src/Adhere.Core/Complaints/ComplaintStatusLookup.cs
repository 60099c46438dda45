using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// What a complainant sees of their complaint: its status and dates, nothing the MB wrote about it.
/// <paramref name="Status"/> is the kebab-case name of <see cref="ComplaintStatus"/>.
/// </summary>
public sealed record ComplaintStatusView(string Reference, string Status, DateTimeOffset ReceivedAt, DateTimeOffset? AcknowledgedAt,
    DateOnly AcknowledgeBy, DateOnly DecideBy, DateTimeOffset LastChangedAt, DateTimeOffset? DecidedAt, DateTimeOffset? EndedAt);

/// <summary>
/// Looks a complaint up by its reference and status key, for anyone holding both. An unknown or malformed reference
/// and a wrong key give the same error, and the key is compared in constant time either way.
/// </summary>
public sealed class ComplaintStatusLookup(AdhereDb db)
{
    // Compared against when the reference is unknown, so that both failures cost the same.
    private static readonly string DecoyHash = ComplaintStatusKey.Hash("decoy");

    public async Task<Result<ComplaintStatusView>> HandleAsync(string? reference, string? key, CancellationToken ct)
    {
        var parsed = ComplaintReference.Parse(reference);
        var text = parsed.IsError ? null : parsed.Value.ToString();
        // The caller is anonymous, so the MB-only filter would hide every complaint; the key is the authorisation here.
        var found = text is null ? null : await db.Complaints.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Reference == text, ct);
        var matches = ComplaintStatusKey.Matches(key?.Trim(), found?.StatusKeyHash ?? DecoyHash);
        if (found is null || !matches) return ComplaintIntakeErrors.StatusNotFound();
        return new ComplaintStatusView(found.Reference, StatusName(found.Status), found.ReceivedAt, found.AcknowledgedAt, found.AcknowledgeBy,
            found.DecideBy, found.StatusChangedAt, found.DecidedAt, found.EndedAt);
    }

    /// <summary>The public name of a status, such as <c>admissibility-check</c>.</summary>
    public static string StatusName(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "received",
        ComplaintStatus.AdmissibilityCheck => "admissibility-check",
        ComplaintStatus.Investigation => "investigation",
        ComplaintStatus.Dismissed => "dismissed",
        ComplaintStatus.Decided => "decided",
        ComplaintStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a complaint status."),
    };
}
