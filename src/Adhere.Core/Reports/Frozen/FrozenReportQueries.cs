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
    public async Task<FrozenReport?> ForVerificationIdAsync(string verificationId, CancellationToken ct) =>
        (await OfEntryAsync(verificationId, ct)).FirstOrDefault();

    /// <summary>
    /// A report of the register entry that <paramref name="verificationId"/> names (current or former ID) by its SHA-256:
    /// any report the entry was ever issued, but never another entry's, so an entry's address cannot serve a stranger's file.
    /// </summary>
    public async Task<FrozenReport?> OfEntryAsync(string verificationId, string sha256, CancellationToken ct)
    {
        var hash = (sha256 ?? "").Trim().ToLowerInvariant();
        return (await OfEntryAsync(verificationId, ct)).FirstOrDefault(r => r.Sha256 == hash);
    }

    /// <summary>
    /// Every report of the entry an ID names, the current one first: the reports of its renewal chain, found by the ID a
    /// report states or by the verification records.
    /// </summary>
    private async Task<List<FrozenReport>> OfEntryAsync(string verificationId, CancellationToken ct)
    {
        var id = (verificationId ?? "").Trim().ToUpperInvariant();
        if (id.Length is 0 or > 32) return [];
        var seeds = await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.VerificationId == id).Select(r => r.DeclarationId).ToListAsync(ct);
        if (seeds.Count == 0)
        {
            seeds = await db.VerificationRecords.IgnoreQueryFilters().AsNoTracking().Where(v => v.VerificationId == id).Select(v => v.DeclarationId).ToListAsync(ct);
        }

        // A report may have been followed by one under a newer ID (level change, renewal): the chain holds them all.
        return seeds.Count == 0 ? [] : await ChainAsync(seeds, ct);
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

    /// <summary>
    /// Where a report stands, from one look at its renewal chain: the register status of its entry in one word
    /// (<see cref="RegisterStatus"/>) as of <paramref name="today"/>, and the entry's current report (null: none).
    /// </summary>
    public async Task<(string EntryStatus, FrozenReport? Current)> StandingAsync(FrozenReport report, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (chain, reports) = await ChainWithReportsAsync([report.DeclarationId], ct);
        var current = RenewalChain.Current(chain) ?? chain.OrderByDescending(d => d.ValidUntil).FirstOrDefault();
        return (current is null ? "unknown" : RegisterStatus.Of(current.Status, current.ValidUntil, today), reports.FirstOrDefault());
    }

    /// <summary>Every report of the declarations linked to <paramref name="seeds"/> by renewal, both ways.</summary>
    private async Task<List<FrozenReport>> ChainAsync(IReadOnlyList<DeclarationId> seeds, CancellationToken ct) =>
        (await ChainWithReportsAsync(seeds, ct)).Reports;

    private async Task<(List<ChainLink> Chain, List<FrozenReport> Reports)> ChainWithReportsAsync(IReadOnlyList<DeclarationId> seeds, CancellationToken ct)
    {
        var chain = await RenewalChain.LoadAsync(db, seeds, ct);
        var ids = chain.Select(d => d.Id).ToList();
        var currentId = RenewalChain.Current(chain)?.VerificationId;
        var reports = await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.DeclarationId)).ToListAsync(ct);
        // The report stating the entry's current ID comes first even when two were issued the same day at the same instant.
        return (chain, [.. reports.OrderByDescending(r => r.VerificationId == currentId).ThenByDescending(r => r.ApprovedOn).ThenByDescending(r => r.FrozenAt)]);
    }

    private static FrozenReport? Latest(IEnumerable<FrozenReport> reports) =>
        reports.OrderByDescending(r => r.ApprovedOn).ThenByDescending(r => r.FrozenAt).FirstOrDefault();
}
