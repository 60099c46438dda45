using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Domain.Assessments;
using Adhere.Domain.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports.Frozen;

/// <summary>What callers learn about an issued report without its bytes.</summary>
public sealed record FrozenReportView(
    Guid AssessmentId,
    Guid DeclarationId,
    string VerificationId,
    int Level,
    DateOnly ApprovedOn,
    DateOnly ValidUntil,
    string Sha256,
    int PageCount,
    int SizeBytes,
    DateTimeOffset FrozenAt,
    string? Kid,
    DateTimeOffset? SignedAt,
    string? Manifest)
{
    public bool IsSigned => Manifest is not null;

    public static FrozenReportView Of(FrozenReport r) =>
        new(r.AssessmentId.Value, r.DeclarationId.Value, r.VerificationId, r.Level, r.ApprovedOn, r.ValidUntil, r.Sha256, r.PageCount, r.Pdf.Length, r.FrozenAt,
            r.Kid, r.SignedAt, r.Manifest);
}

/// <summary>
/// Issued reports. The assessment and declaration lookups go through the tenancy filter (a provider finds its own);
/// the lookups by Verification-ID and by hash are public, as the register is.
/// </summary>
public sealed class FrozenReportQueries(AdhereDb db)
{
    public Task<FrozenReport?> ForAssessmentAsync(Guid assessmentId, CancellationToken ct)
    {
        var id = new AssessmentId(assessmentId);
        return db.FrozenReports.AsNoTracking().FirstOrDefaultAsync(r => r.AssessmentId == id, ct);
    }

    /// <summary>The most recently issued report of the declaration, or null.</summary>
    public async Task<FrozenReport?> LatestForDeclarationAsync(Guid declarationId, CancellationToken ct)
    {
        var id = new DeclarationId(declarationId);
        return Latest(await db.FrozenReports.AsNoTracking().Where(r => r.DeclarationId == id).ToListAsync(ct));
    }

    /// <summary>
    /// The current report of a register entry: the latest report stating <paramref name="verificationId"/>, or, for an ID
    /// replaced by a level change, the latest report of the declaration that held it.
    /// </summary>
    public async Task<FrozenReport?> ForVerificationIdAsync(string verificationId, CancellationToken ct)
    {
        var id = (verificationId ?? "").Trim().ToUpperInvariant();
        if (id.Length is 0 or > 32) return null;
        var stating = await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.VerificationId == id).ToListAsync(ct);
        if (stating.Count > 0)
        {
            // A report may have been followed by one under a newer ID (level change): the entry's current report is the newest of the chain.
            var chain = await ChainAsync(stating.Select(r => r.DeclarationId).ToList(), ct);
            return Latest(chain) ?? Latest(stating);
        }

        var declarations = await db.VerificationRecords.IgnoreQueryFilters().AsNoTracking().Where(v => v.VerificationId == id).Select(v => v.DeclarationId).ToListAsync(ct);
        return declarations.Count == 0 ? null : Latest(await ChainAsync(declarations, ct));
    }

    public async Task<FrozenReport?> ByHashAsync(string sha256, CancellationToken ct)
    {
        var hash = (sha256 ?? "").ToLowerInvariant();
        return await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Sha256 == hash, ct);
    }

    /// <summary>The declaring company's name (public, like the register).</summary>
    public async Task<string?> CompanyAsync(FrozenReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == report.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The register status of the entry a report belongs to, in one word (<see cref="RegisterStatus"/>), as of <paramref name="today"/>.</summary>
    public async Task<string> EntryStatusAsync(FrozenReport report, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var chain = await RenewalChain.LoadAsync(db, [report.DeclarationId], ct);
        var current = RenewalChain.Current(chain) ?? chain.OrderByDescending(d => d.ValidUntil).FirstOrDefault();
        return current is null ? "unknown" : RegisterStatus.Of(current.Status, current.ValidUntil, today);
    }

    /// <summary>Every report of the declarations linked to <paramref name="seeds"/> by renewal, both ways.</summary>
    private async Task<List<FrozenReport>> ChainAsync(IReadOnlyList<DeclarationId> seeds, CancellationToken ct)
    {
        var ids = (await RenewalChain.LoadAsync(db, seeds, ct)).Select(d => d.Id).ToList();
        return await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.DeclarationId)).ToListAsync(ct);
    }

    private static FrozenReport? Latest(IEnumerable<FrozenReport> reports) =>
        reports.OrderByDescending(r => r.ApprovedOn).ThenByDescending(r => r.FrozenAt).FirstOrDefault();
}
