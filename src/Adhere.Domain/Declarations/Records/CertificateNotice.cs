using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Records;

/// <summary>What happened to a certificate a verified declaration relies on.</summary>
public enum CertificateChangeKind
{
    /// <summary>Re-certified: a new certificate or new dates.</summary>
    Renewed = 1,

    /// <summary>The scope changed: services or controls added or removed.</summary>
    ScopeChanged = 2,

    /// <summary>Withdrawn or suspended by the certification body, or given up.</summary>
    Withdrawn = 3,
}

/// <summary>
/// A provider's report of a change to a certificate that a verified declaration relies on. It flags the declaration
/// for the Monitoring Body's review until an MB member marks the notice reviewed.
/// </summary>
public sealed class CertificateNotice : IOrganisationOwned
{
    public const int MaxDescriptionLength = 4000;

    private CertificateNotice()
    {
        Description = ReportedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public DeclarationId DeclarationId { get; private set; }

    public CertificateId CertificateId { get; private set; }

    public CertificateChangeKind Kind { get; private set; }

    public string Description { get; private set; }

    /// <summary>For a renewal: the new expiry date, when the provider gives it.</summary>
    public DateOnly? NewExpiresOn { get; private set; }

    /// <summary>A document showing the change (the new certificate, the withdrawal letter).</summary>
    public Guid? DocumentId { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public string ReportedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public string? ReviewNote { get; private set; }

    public static Result<CertificateNotice> Report(Certificate certificate, CertificateChangeKind kind, string? description, DateOnly? newExpiresOn,
        Guid? documentId, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!Enum.IsDefined(kind)) return DeclarationErrors.NoticeKindInvalid();
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description is null) return DeclarationErrors.NoticeDescriptionRequired();
        if (description.Length > MaxDescriptionLength) return DeclarationErrors.TextTooLong("description", MaxDescriptionLength);
        if (newExpiresOn is { } expires && expires < certificate.IssuedOn) return DeclarationErrors.CertificateDatesInvalid(certificate.IssuedOn, expires);
        return new CertificateNotice
        {
            Id = Guid.NewGuid(),
            OrganisationId = certificate.OrganisationId,
            DeclarationId = certificate.DeclarationId,
            CertificateId = certificate.Id,
            Kind = kind,
            Description = description,
            NewExpiresOn = newExpiresOn,
            DocumentId = documentId,
            ReportedAt = now,
            ReportedBy = actor,
        };
    }

    public Result<Done> MarkReviewed(string actor, string? note, DateTimeOffset now)
    {
        if (ReviewedAt is not null) return DeclarationErrors.NoticeAlreadyReviewed();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxDescriptionLength }) return DeclarationErrors.TextTooLong("note", MaxDescriptionLength);
        ReviewedAt = now;
        ReviewedBy = actor;
        ReviewNote = note;
        return Done.Value;
    }
}
