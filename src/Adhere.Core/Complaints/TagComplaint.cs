using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;

namespace Adhere.Core.Complaints;

/// <summary>
/// MB staff who handle complaints set a complaint's topic tags (<see cref="Complaint.Tag"/>), which an ad-hoc assessment
/// opened from it takes as attention topics; the change is audited with the complaint. Staff with a conflict of interest
/// towards the provider are refused.
/// </summary>
public sealed class TagComplaint(AdhereDb db, ComplaintAccess access)
{
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(string? reference, IReadOnlyList<string?>? topics, CancellationToken ct)
    {
        var complaint = await access.FindAsync(reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(reference);
        if (!ComplaintLinkQueries.Handles(db.Caller)) return ComplaintHandlingErrors.HandlersOnly("set a complaint's topics");
        if (await access.ConflictAsync(complaint, ct) is { } conflicted) return conflicted;

        var before = string.Join(", ", complaint.Topics);
        var tagged = complaint.Tag(topics);
        if (tagged.IsError) return tagged.Error!;
        var after = string.Join(", ", complaint.Topics);
        if (before != after)
        {
            db.Record("complaint.topics-set", "complaint", complaint.Id.ToString(), null, new AuditChanges().Set("topics", before, after));
            await db.SaveChangesAsync(ct);
        }

        return tagged;
    }
}
