using System.Globalization;
using Adhere.Core.Persistence;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Adhere.Core.Reports.Frozen;

/// <summary>
/// Renders the report of a just-approved assessment once, stores the bytes with their SHA-256 and signs the manifest
/// when a signing key is available. Runs inside the approval's transaction, so an approval never exists without its report.
/// </summary>
public sealed class ReportFreezer(AdhereDb db, ReportBuilder builder, ManifestSigner signer, TimeProvider time, ILogger<ReportFreezer> logger)
{
    public async Task<Result<FrozenReport>> FreezeAsync(AssessmentId assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment?.Decision is not { Outcome: DecisionOutcome.Approved, GrantedLevel: { } level }) return FrozenReportErrors.NotApproved(assessmentId.Value);
        if (await db.FrozenReports.AnyAsync(r => r.AssessmentId == assessmentId, ct)) return FrozenReportErrors.AlreadyFrozen(assessmentId.Value);

        var built = await builder.BuildAsync(assessmentId.Value, ct);
        if (built.IsError) return built.Error!;
        var document = built.Value;
        if (document.Cover is not { VerificationId: { } verificationId, ApprovedOn: { } approvedOn, ValidUntil: { } validUntil })
        {
            return FrozenReportErrors.NotApproved(assessmentId.Value);
        }

        var pdf = PdfReportRenderer.Render(document, out var pages);
        var frozen = FrozenReport.Create(assessmentId, assessment.DeclarationId, assessment.OrganisationId, verificationId, (int)level, approvedOn, validUntil,
            pdf, pages, HtmlReportRenderer.Render(document, pages), MarkdownReportRenderer.Render(document, pages), time.GetUtcNow());
        var signed = await signer.SignAsync(Manifest(frozen, document.Cover.Company), ct);
        if (signed.IsError)
        {
            // The approval stands; SignPendingReports signs the report once an operator has set up a key (ADR 0015).
            logger.LogWarning("Report of {VerificationId} frozen unsigned: {Code} {Message}", verificationId, signed.Error!.Code, signed.Error.Message);
        }
        else
        {
            frozen.Sign(signed.Value);
        }

        db.FrozenReports.Add(frozen);
        db.Record("report.frozen", "assessment", assessmentId.ToString(), assessment.OrganisationId, AuditChanges.None
            .Added("verificationId", verificationId)
            .Added("sha256", frozen.Sha256)
            .Added("pages", pages.ToString(CultureInfo.InvariantCulture))
            .Added("kid", frozen.Kid));
        await db.SaveChangesAsync(ct);
        return frozen;
    }

    internal static ReportManifest Manifest(FrozenReport report, string company) =>
        new(report.VerificationId, report.DeclarationId.Value, company, report.Level.ToString(CultureInfo.InvariantCulture), report.ApprovedOn, report.ValidUntil,
            report.Sha256, default, string.Empty);
}

/// <summary>Signs every frozen report still waiting for a signature, with the active key; run after a key is created and by the monitoring job.</summary>
public sealed class SignPendingReports(AdhereDb db, ManifestSigner signer)
{
    /// <summary>How many reports were signed; an error when some wait and no key can sign.</summary>
    public async Task<Result<int>> HandleAsync(CancellationToken ct)
    {
        var pending = await db.FrozenReports.Where(r => r.Manifest == null).OrderBy(r => r.FrozenAt).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var companies = await CompaniesAsync(db, pending.Select(r => r.OrganisationId.Value), ct);
        foreach (var report in pending)
        {
            var signed = await signer.SignAsync(ReportFreezer.Manifest(report, companies.GetValueOrDefault(report.OrganisationId.Value, "")), ct);
            if (signed.IsError) return signed.Error!;
            report.Sign(signed.Value);
            db.Record("report.signed", "assessment", report.AssessmentId.ToString(), report.OrganisationId, AuditChanges.None
                .Added("verificationId", report.VerificationId).Added("kid", report.Kid));
        }

        await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    internal static async Task<Dictionary<Guid, string>> CompaniesAsync(AdhereDb db, IEnumerable<Guid> organisations, CancellationToken ct)
    {
        var ids = organisations.Distinct().Select(id => new Domain.Organisations.OrganisationId(id)).ToList();
        return await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id.Value, o => o.Name, ct);
    }
}

/// <summary>Expected failures around frozen reports.</summary>
public static class FrozenReportErrors
{
    public static ConflictError NotApproved(Guid assessmentId) => new("report.not-approved", $"Assessment {assessmentId} is not approved, so it has no issued report.");

    public static ConflictError AlreadyFrozen(Guid assessmentId) => new("report.already-frozen", $"The report of assessment {assessmentId} was already issued.");

    public static NotFoundError UnknownVerification(string id) => new("report.verification-unknown", $"No issued report states the Verification-ID '{id}'.");

    public static InvalidError HashMalformed() => new("report.hash-malformed", "sha256 must be the report's SHA-256 as 64 hexadecimal digits.", "sha256");

    public static NotFoundError NotInEntry(string id) => new("report.not-in-entry", $"The register entry {id} was never issued a report with that SHA-256.");

    public static InvalidError NotPdf() => new("report.not-pdf", "The file is not a PDF.", "file");

    public static InvalidError TooLarge(long limit) =>
        new("report.too-large", $"The file is larger than {limit.ToString(CultureInfo.InvariantCulture)} bytes; no report of ours is that large.", "file");

    public static InvalidError Empty() => new("report.empty", "No file was sent.", "file");
}
