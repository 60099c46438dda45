using Adhere.Domain.Complaints;

namespace Adhere.Core.Complaints.AuthorityNotices;

/// <summary>
/// A notice to the supervisory authority of a suspension or revocation imposed on a complaint: the PDF as sent, the
/// authority it went to (null when none was configured for the Code), and the outbox message that carries it, whose
/// <see cref="Mail.OutboxMessage.SentAt"/> records the sending. Written in the same transaction as the measure.
/// </summary>
public sealed class AuthorityNotice
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }

    public ComplaintId ComplaintId { get; set; }

    public ComplaintMeasureId MeasureId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The Code whose authority is competent, as the declaration names it.</summary>
    public string CodeName { get; set; } = string.Empty;

    /// <summary>Null when no authority is configured for the Code nor as default: the notice waits for a manual sending.</summary>
    public string? AuthorityName { get; set; }

    public string? AuthorityEmail { get; set; }

    /// <summary>The outbox message with the PDF attached; null without a recipient.</summary>
    public Guid? OutboxMessageId { get; set; }

    public string FileName { get; set; } = string.Empty;

    public byte[] Pdf { get; set; } = [];
}
