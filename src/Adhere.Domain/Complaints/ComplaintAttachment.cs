using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;

namespace Adhere.Domain.Complaints;

/// <summary>Identifies a <see cref="ComplaintAttachment"/>.</summary>
public readonly record struct ComplaintAttachmentId(Guid Value) : IEntityId
{
    public static ComplaintAttachmentId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// A file the complainant sent with a complaint: metadata only; the bytes live in the evidence store under their
/// SHA-256. The same rules as for evidence apply (<see cref="EvidenceDocument.CheckFileName"/>, size limit, sniffed type).
/// </summary>
public sealed class ComplaintAttachment
{
    /// <summary>Most files one complaint may carry at filing.</summary>
    public const int MaxPerComplaint = 5;

    private ComplaintAttachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
    }

    public ComplaintAttachmentId Id { get; private set; }

    public ComplaintId ComplaintId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Length { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content: its address in the store.</summary>
    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>Records a checked file; <paramref name="fileName"/> must pass <see cref="EvidenceDocument.CheckFileName"/>.</summary>
    public static Result<ComplaintAttachment> Create(ComplaintId complaint, string? fileName, string contentType, long length, string sha256, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var name = EvidenceDocument.CheckFileName(fileName);
        if (name.IsError) return name.Error!;
        return new ComplaintAttachment
        {
            Id = ComplaintAttachmentId.New(),
            ComplaintId = complaint,
            FileName = name.Value,
            ContentType = contentType,
            Length = length,
            Sha256 = sha256,
            UploadedAt = now,
        };
    }
}
