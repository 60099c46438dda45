using Adhere.Core.Persistence;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>One declaration of a renewal chain, with what the register needs to speak for the entry.</summary>
internal sealed record ChainLink(DeclarationId Id, OrganisationId OrganisationId, DeclarationId? RenewsId, DeclarationStatus Status, string? VerificationId,
    ComplianceLevel? Level, DateOnly? ApprovedOn, DateOnly? ValidUntil, DateTimeOffset StatusChangedAt);

/// <summary>
/// The declarations linked by renewal: one register entry. Shared by the register and the issued reports so that both
/// agree on which declaration speaks for an entry and what its status is.
/// </summary>
internal static class RenewalChain
{
    /// <summary>Every declaration linked to <paramref name="seeds"/> by renewal, both ways, ignoring the tenancy filter (the register is public).</summary>
    public static async Task<List<ChainLink>> LoadAsync(AdhereDb db, IReadOnlyCollection<DeclarationId> seeds, CancellationToken ct)
    {
        var found = new Dictionary<DeclarationId, ChainLink>();
        var explored = new HashSet<DeclarationId>(seeds);
        var frontier = explored.ToList();
        // Renewal chains grow by one a year; the loop ends when a round turns up no declaration not yet explored.
        while (frontier.Count > 0)
        {
            var renewing = frontier.Select(id => (DeclarationId?)id).ToList();
            var links = await db.Declarations.IgnoreQueryFilters().AsNoTracking()
                .Where(d => frontier.Contains(d.Id) || renewing.Contains(d.RenewsId))
                .Select(d => new ChainLink(d.Id, d.OrganisationId, d.RenewsId, d.Status, d.VerificationId, d.GrantedLevel, d.ApprovedOn, d.ValidUntil, d.StatusChangedAt))
                .ToListAsync(ct);
            var next = new List<DeclarationId>();
            foreach (var link in links)
            {
                found.TryAdd(link.Id, link);
                if (explored.Add(link.Id)) next.Add(link.Id);
                if (link.RenewsId is { } older && explored.Add(older)) next.Add(older);
            }

            frontier = next;
        }

        return [.. found.Values];
    }

    /// <summary>
    /// The chain a Verification-ID (normalised, current or former: on a declaration, in the ID history or on an issued
    /// report) belongs to; empty when the ID is unknown.
    /// </summary>
    public static async Task<List<ChainLink>> LoadByIdAsync(AdhereDb db, string verificationId, CancellationToken ct)
    {
        var seeds = await db.Declarations.IgnoreQueryFilters().Where(d => d.VerificationId == verificationId).Select(d => d.Id).ToListAsync(ct);
        seeds.AddRange(await db.VerificationRecords.IgnoreQueryFilters().Where(v => v.VerificationId == verificationId).Select(v => v.DeclarationId).ToListAsync(ct));
        seeds.AddRange(await db.FrozenReports.IgnoreQueryFilters().Where(r => r.VerificationId == verificationId).Select(r => r.DeclarationId).ToListAsync(ct));
        return seeds.Count == 0 ? [] : await LoadAsync(db, seeds.Distinct().ToList(), ct);
    }

    /// <summary>
    /// The declaration that speaks for the entry: the newest one with a Verification-ID that has not handed over to a
    /// renewal; null when nothing in the chain was ever listed.
    /// </summary>
    public static ChainLink? Current(IEnumerable<ChainLink> chain) =>
        chain.Where(d => d.VerificationId is not null && RegisterStatus.EntryStatuses.Contains(d.Status))
            .OrderByDescending(d => d.ApprovedOn).ThenByDescending(d => d.ValidUntil).FirstOrDefault();
}

/// <summary>
/// A register entry's status in one word: <c>valid</c> (verified or renewal due, within validity), <c>expired</c>,
/// <c>suspended</c>, <c>revoked</c> or <c>withdrawn</c>. A verification whose last valid day has passed counts as
/// expired even before the monitoring job marks it so.
/// </summary>
public static class RegisterStatus
{
    public const string Valid = "valid";
    public const string Expired = "expired";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Valid, Expired, Suspended, Revoked, Withdrawn];

    /// <summary>The declaration statuses that make a register entry (with a Verification-ID): listed now or once.</summary>
    internal static readonly DeclarationStatus[] EntryStatuses =
    [
        DeclarationStatus.Verified, DeclarationStatus.RenewalDue, DeclarationStatus.Suspended, DeclarationStatus.Revoked,
        DeclarationStatus.Expired, DeclarationStatus.Withdrawn,
    ];

    public static string Of(DeclarationStatus status, DateOnly? validUntil, DateOnly today) => status switch
    {
        DeclarationStatus.Suspended => Suspended,
        DeclarationStatus.Revoked => Revoked,
        DeclarationStatus.Withdrawn => Withdrawn,
        DeclarationStatus.Expired => Expired,
        _ when validUntil is { } until && until < today => Expired,
        _ => Valid,
    };

    /// <summary>
    /// Since when the status holds: valid from the approval, expired from the day after the last valid day, the side
    /// states from the day the status changed (UTC).
    /// </summary>
    internal static DateOnly? Since(ChainLink link, string status) => status switch
    {
        Valid => link.ApprovedOn,
        Expired => link.ValidUntil?.AddDays(1),
        _ => DateOnly.FromDateTime(link.StatusChangedAt.UtcDateTime),
    };
}
