namespace Adhere.Core.Mail;

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change it reports, so that a change is
/// never saved without its message nor a message sent for a change that was rolled back. Sent by <see cref="MailDispatcher"/>.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; }

    /// <summary>Recipients separated by commas.</summary>
    public string To { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    /// <summary>Plain text.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>What the message is about (such as <c>certificate.change-reported</c>), for the console and for tests.</summary>
    public string Topic { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure, or why the message was given up.</summary>
    public string? LastError { get; set; }

    /// <summary>Set once <see cref="MaxAttempts"/> failed: the message stays for the record and is not retried.</summary>
    public bool GaveUp { get; set; }
}
