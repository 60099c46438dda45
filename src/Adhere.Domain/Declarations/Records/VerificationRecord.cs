using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Records;

/// <summary>Where a verification record came from.</summary>
public enum VerificationSource
{
    /// <summary>Issued by this installation's Monitoring Body.</summary>
    Issued = 1,

    /// <summary>Carried over from another system in a declaration bundle.</summary>
    Imported = 2,
}

/// <summary>
/// One verification of a declaration: the Verification-ID, the level, approval and expiry, and the report as a document.
/// A declaration's history holds one per year (the ID survives renewals; a level change changes its level part).
/// <see cref="BodyCode"/> and <see cref="RunningNumber"/> are stored apart so that new IDs continue after the highest number.
/// </summary>
public sealed class VerificationRecord : IOrganisationOwned
{
    private VerificationRecord()
    {
        VerificationId = BodyCode = string.Empty;
    }

    public Guid Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public DeclarationId DeclarationId { get; private set; }

    public string VerificationId { get; private set; }

    public string BodyCode { get; private set; }

    public int RunningNumber { get; private set; }

    public ComplianceLevel Level { get; private set; }

    public DateOnly ApprovedOn { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    /// <summary>The verification report (PDF) as an evidence document; null when none was carried over.</summary>
    public Guid? ReportDocumentId { get; private set; }

    public VerificationSource Source { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static VerificationRecord Create(DeclarationId declaration, OrganisationId organisation, VerificationNumber id, DateOnly approvedOn,
        DateOnly validUntil, Guid? reportDocumentId, VerificationSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new VerificationRecord
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisation,
            DeclarationId = declaration,
            VerificationId = id.ToString(),
            BodyCode = id.BodyCode,
            RunningNumber = id.RunningNumber,
            Level = id.Level,
            ApprovedOn = approvedOn,
            ValidUntil = validUntil,
            ReportDocumentId = reportDocumentId,
            Source = source,
            RecordedAt = now,
        };
    }
}
