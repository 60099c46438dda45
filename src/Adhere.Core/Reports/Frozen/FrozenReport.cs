using Adhere.Domain.Assessments;
using Adhere.Domain.Declarations;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports.Frozen;

/// <summary>
/// The verification report of an approved assessment as it was issued: rendered once at approval, stored as PDF (the
/// official edition, whose SHA-256 the Monitoring Body signs) with its HTML and Markdown renderings, and never rendered
/// again. <see cref="Manifest"/> is null until a signing key is available (ADR 0015).
/// </summary>
public sealed class FrozenReport : IOrganisationOwned
{
    private FrozenReport()
    {
        VerificationId = Sha256 = Html = Markdown = string.Empty;
        Pdf = [];
    }

    public Guid Id { get; private set; }

    public AssessmentId AssessmentId { get; private set; }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The Verification-ID the report states.</summary>
    public string VerificationId { get; private set; }

    public int Level { get; private set; }

    public DateOnly ApprovedOn { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public byte[] Pdf { get; private set; }

    /// <summary>The PDF's SHA-256 as 64 lowercase hex digits.</summary>
    public string Sha256 { get; private set; }

    public int PageCount { get; private set; }

    public string Html { get; private set; }

    public string Markdown { get; private set; }

    public DateTimeOffset FrozenAt { get; private set; }

    /// <summary>The signed manifest (JWS compact); null while the report waits for a signing key.</summary>
    public string? Manifest { get; private set; }

    public string? Kid { get; private set; }

    public DateTimeOffset? SignedAt { get; private set; }

    public bool IsSigned => Manifest is not null;

    internal static FrozenReport Create(AssessmentId assessment, DeclarationId declaration, OrganisationId organisation, string verificationId, int level,
        DateOnly approvedOn, DateOnly validUntil, byte[] pdf, int pageCount, string html, string markdown, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        AssessmentId = assessment,
        DeclarationId = declaration,
        OrganisationId = organisation,
        VerificationId = verificationId,
        Level = level,
        ApprovedOn = approvedOn,
        ValidUntil = validUntil,
        Pdf = pdf,
        Sha256 = Signing.ReportManifest.Sha256Hex(pdf),
        PageCount = pageCount,
        Html = html,
        Markdown = markdown,
        FrozenAt = now,
    };

    internal void Sign(Signing.SignedManifest signed)
    {
        Manifest = signed.Compact;
        Kid = signed.Manifest.Kid;
        SignedAt = signed.Manifest.IssuedAt;
    }

    internal static void Configure(ModelBuilder builder) =>
        builder.Entity<FrozenReport>(r =>
        {
            r.ToTable("FrozenReports");
            r.HasKey(x => x.Id);
            r.HasIndex(x => x.AssessmentId).IsUnique();
            r.HasIndex(x => x.DeclarationId);
            r.HasIndex(x => x.VerificationId);
            r.HasIndex(x => x.Sha256);
            r.Property(x => x.VerificationId).HasMaxLength(32);
            r.Property(x => x.Sha256).HasMaxLength(64);
            r.Property(x => x.Kid).HasMaxLength(64);
            r.Property(x => x.Manifest).HasMaxLength(4000);
            r.Ignore(x => x.IsSigned);
        });
}
