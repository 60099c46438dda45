using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>The provider a complaint concerns, found through its register entry, and the declaration that speaks for that entry now.</summary>
/// <param name="OrganisationId">The provider.</param>
/// <param name="ProviderName">The provider's name.</param>
/// <param name="CurrentDeclaration">The entry's current declaration (the newest of its renewal chain that was listed); null if none ever was.</param>
public sealed record ComplaintProvider(OrganisationId OrganisationId, string ProviderName, ChainLinkView? CurrentDeclaration);

/// <summary>A declaration of a register entry's renewal chain, as complaint handling needs it.</summary>
public sealed record ChainLinkView(DeclarationId Id, string? VerificationId, Domain.Declarations.Lifecycle.DeclarationStatus Status);

/// <summary>
/// Who may handle a complaint. MB staff with an active conflict of interest towards the provider concerned may neither
/// move the case nor take any other step on it, nor see who complained; the provider is found through the complaint's
/// Verification-ID, current or former (renewals resolve). A complaint about a company typed by hand names no provider
/// the register knows, so no conflict can be matched: staff judge those themselves.
/// </summary>
public sealed class ComplaintAccess(AdhereDb db, TimeProvider time)
{
    /// <summary>The provider behind <paramref name="verificationId"/>; null when it is empty or the register has no such ID.</summary>
    public async Task<ComplaintProvider?> ProviderAsync(string? verificationId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(verificationId)) return null;
        if (RegisterQueries.NormalizeId(verificationId) is not { } id) return null;
        // The register is public: the entry is found whoever asks, as the intake found it, by a current or former ID
        // (an ad-hoc assessment that changes the level issues a new ID; the old one stays in the records and reports).
        var seeds = await db.Declarations.IgnoreQueryFilters().AsNoTracking().Where(d => d.VerificationId == id).Select(d => d.Id).ToListAsync(ct);
        seeds.AddRange(await db.VerificationRecords.IgnoreQueryFilters().AsNoTracking().Where(v => v.VerificationId == id).Select(v => v.DeclarationId).ToListAsync(ct));
        seeds.AddRange(await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.VerificationId == id).Select(r => r.DeclarationId).ToListAsync(ct));
        if (seeds.Count == 0) return null;
        var chain = await RenewalChain.LoadAsync(db, [.. seeds.Distinct()], ct);
        var organisation = chain[0].OrganisationId;
        var name = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == organisation).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var current = RenewalChain.Current(chain);
        return new ComplaintProvider(organisation, name ?? "the provider",
            current is null ? null : new ChainLinkView(current.Id, current.VerificationId, current.Status));
    }

    /// <summary>
    /// The reason the caller may not handle <paramref name="complaint"/> (its conflict of interest), or null when they
    /// may. The system (CLI, scheduler, seeding) is never conflicted.
    /// </summary>
    public async Task<ForbiddenError?> ConflictAsync(Complaint complaint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (db.Caller.UserId is not { } user) return null;
        var provider = await ProviderAsync(complaint.TargetVerificationId, ct);
        if (provider is null) return null;
        var today = ComplaintClocks.DateOf(time.GetUtcNow());
        var conflicts = await db.ConflictsOfInterest.AsNoTracking().Where(c => c.UserId == user && c.OrganisationId == provider.OrganisationId).ToListAsync(ct);
        var conflict = conflicts.FirstOrDefault(c => c.Concerns(user, provider.OrganisationId, today));
        return conflict is null ? null : ComplaintHandlingErrors.ConflictOfInterest(provider.ProviderName, conflict.Reason);
    }

    /// <summary>The complaint with <paramref name="reference"/>, tracked for a change; null when none is visible to the caller.</summary>
    public async Task<Complaint?> FindAsync(string? reference, CancellationToken ct)
    {
        var parsed = ComplaintReference.Parse(reference);
        if (parsed.IsError) return null;
        var text = parsed.Value.ToString();
        return await db.Complaints.FirstOrDefaultAsync(c => c.Reference == text, ct);
    }
}
