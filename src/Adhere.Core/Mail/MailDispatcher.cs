using Adhere.Core.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Adhere.Core.Mail;

/// <summary>
/// Sends due outbox messages over SMTP, oldest first. A failure is recorded and retried later with a growing pause
/// (1, 2, 4 … minutes); after <see cref="OutboxMessage.MaxAttempts"/> the message is given up and kept for the record.
/// One dispatch runs at a time per process.
/// </summary>
public sealed class MailDispatcher(AdhereDb db, MailSettings settings, TimeProvider time, ILogger<MailDispatcher> logger)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Sends what is due; returns how many were sent.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        if (!settings.IsEnabled) return 0;
        await OneAtATime.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            var due = await db.OutboxMessages.Where(m => m.SentAt == null && !m.GaveUp).ToListAsync(ct);
            due = [.. due.Where(m => m.NextAttemptAt <= now).OrderBy(m => m.CreatedAt).Take(50)];
            if (due.Count == 0) return 0;

            // Attachments are few (authority notices); loaded for the due messages only, not with every poll's query.
            var ids = due.Select(m => m.Id).ToList();
            var files = (await db.OutboxAttachments.AsNoTracking().Where(a => ids.Contains(a.OutboxMessageId)).ToListAsync(ct))
                .ToLookup(a => a.OutboxMessageId);
            var sent = 0;
            var failed = new HashSet<Guid>();
            using var client = new SmtpClient();
            try
            {
                await client.ConnectAsync(settings.Host!, settings.Port, Tls(settings.StartTls), ct);
                if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, ct);
                foreach (var message in due)
                {
                    try
                    {
                        await client.SendAsync(Mime(message, files[message.Id]), ct);
                        message.SentAt = time.GetUtcNow();
                        message.Attempts++;
                        sent++;
                    }
                    catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
                    {
                        Fail(message, e, now);
                        failed.Add(message.Id);
                        if (!client.IsConnected) break;
                    }
                }

                if (client.IsConnected) await client.DisconnectAsync(true, ct);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or SslHandshakeException or AuthenticationException)
            {
                // The server is unreachable or refused us: every message not yet sent waits for its next attempt.
                foreach (var message in due.Where(m => m.SentAt is null && !failed.Contains(m.Id))) Fail(message, e, now);
            }

            // The SMTP client's socket may have resumed us on a socket thread (ADR 0032); the database write belongs on the pool.
            if (!Thread.CurrentThread.IsThreadPoolThread) await Task.Yield();
            await db.SaveChangesAsync(ct);
            return sent;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private void Fail(OutboxMessage message, Exception e, DateTimeOffset now)
    {
        message.Attempts++;
        message.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
        message.NextAttemptAt = now.AddMinutes(Math.Pow(2, message.Attempts - 1));
        message.GaveUp = message.Attempts >= OutboxMessage.MaxAttempts;
        logger.LogWarning("Sending mail {Id} ({Topic}) failed, attempt {Attempt}: {Error}", message.Id, message.Topic, message.Attempts, message.LastError);
    }

    private MimeMessage Mime(OutboxMessage message, IEnumerable<OutboxAttachment> attachments)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.Sender));
        foreach (var to in message.To.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) mime.To.Add(MailboxAddress.Parse(to));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@adhere";
        var body = new BodyBuilder { TextBody = message.Body };
        foreach (var file in attachments) body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions Tls(string mode) => mode switch
    {
        "always" => SecureSocketOptions.StartTls,
        "never" => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
