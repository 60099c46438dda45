using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>
/// The provider a complaint concerns: the organisation of the register entry named by the complaint's Verification-ID.
/// A former ID (before a renewal or a level change) leads to the same entry through its renewal chain, as in the register.
/// </summary>
internal static class ComplaintProvider
{
    /// <summary>The provider's organisation, or null when the complaint names no entry (typed) or the entry is unknown.</summary>
    public static async Task<OrganisationId?> ResolveAsync(AdhereDb db, string? verificationId, CancellationToken ct)
    {
        if (RegisterQueries.NormalizeId(verificationId) is not { } asked) return null;
        // Complaints concern any provider, so the lookup ignores the tenancy filter like the public register does.
        var seeds = await db.Declarations.IgnoreQueryFilters().Where(d => d.VerificationId == asked).Select(d => d.Id).ToListAsync(ct);
        seeds.AddRange(await db.VerificationRecords.IgnoreQueryFilters().Where(v => v.VerificationId == asked).Select(v => v.DeclarationId).ToListAsync(ct));
        seeds.AddRange(await db.FrozenReports.IgnoreQueryFilters().Where(r => r.VerificationId == asked).Select(r => r.DeclarationId).ToListAsync(ct));
        if (seeds.Count == 0) return null;
        var chain = await RenewalChain.LoadAsync(db, seeds.Distinct().ToList(), ct);
        return (RenewalChain.Current(chain) ?? chain.FirstOrDefault())?.OrganisationId;
    }
}
