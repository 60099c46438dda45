using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Documents;

/// <summary>
/// A file a provider uploaded as evidence. The bytes live in a content-addressed store under <see cref="Sha256"/>,
/// so two documents with the same content share one stored file; this record is the provider's view of it.
/// <see cref="ContentType"/> comes from sniffing the content (<see cref="FileSniffer"/>), never from the file name.
/// </summary>
public sealed class EvidenceDocument : IOrganisationOwned
{
    public const int MaxFileNameLength = 200;

    private EvidenceDocument()
    {
        FileName = ContentType = Sha256 = UploadedBy = string.Empty;
    }

    public DocumentId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The name to show and to offer on download; checked by <see cref="CheckFileName"/>.</summary>
    public string FileName { get; private set; }

    /// <summary>The media type detected from the content.</summary>
    public string ContentType { get; private set; }

    /// <summary>The size in bytes, at least 1.</summary>
    public long Length { get; private set; }

    /// <summary>The SHA-256 of the content as 64 lower-case hex digits; the key in the store.</summary>
    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The actor (as in the audit trail) who uploaded the file.</summary>
    public string UploadedBy { get; private set; }

    /// <summary>Records an uploaded file; the caller has already checked the name, sniffed the type and hashed the bytes.</summary>
    public static Result<EvidenceDocument> Create(OrganisationId organisation, string? fileName, string contentType, long length, string sha256, string uploadedBy, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (sha256 is not { Length: 64 }) throw new ArgumentException("A SHA-256 is 64 hex digits.", nameof(sha256));
        var name = CheckFileName(fileName);
        if (name.IsError) return name.Error!;
        return new EvidenceDocument
        {
            Id = DocumentId.New(),
            OrganisationId = organisation,
            FileName = name.Value,
            ContentType = contentType,
            Length = length,
            Sha256 = sha256,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        };
    }

    /// <summary>
    /// Accepts a display name: trimmed, 1–200 characters, no '/' or '\', no "..", no control characters, not only dots.
    /// Names are rejected rather than cleaned so that the uploader sees what was wrong; the name never becomes a path.
    /// </summary>
    public static Result<string> CheckFileName(string? fileName)
    {
        var name = fileName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxFileNameLength) return DocumentErrors.InvalidFileName();
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)) return DocumentErrors.InvalidFileName();
        if (name.Contains("..", StringComparison.Ordinal)) return DocumentErrors.InvalidFileName();
        if (name.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')) return DocumentErrors.InvalidFileName();
        return name;
    }
}
