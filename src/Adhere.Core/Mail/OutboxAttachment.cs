namespace Adhere.Core.Mail;

/// <summary>A file sent with an <see cref="OutboxMessage"/>; written with the message, read by <see cref="MailDispatcher"/>.</summary>
public sealed class OutboxAttachment
{
    public const int MaxFileNameLength = 200;

    public Guid Id { get; set; }

    public Guid OutboxMessageId { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = "application/octet-stream";

    public byte[] Content { get; set; } = [];
}

/// <summary>A file to attach to a queued e-mail.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
