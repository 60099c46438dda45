using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Mail;

/// <summary>Queues e-mails in the current unit of work; the caller's save writes them with its change.</summary>
public sealed class Outbox(AdhereDb db, MailSettings settings, TimeProvider time)
{
    /// <summary>Queues a message to <paramref name="to"/> with optional <paramref name="attachments"/>; returns it, or null when there is no recipient.</summary>
    public OutboxMessage? Enqueue(IEnumerable<string> to, string topic, string subject, string body, IReadOnlyList<MailAttachment>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        var recipients = to.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0) return null;
        var now = time.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            To = string.Join(",", recipients),
            Topic = topic,
            Subject = subject,
            Body = body,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        foreach (var attachment in attachments ?? [])
        {
            db.OutboxAttachments.Add(new OutboxAttachment
            {
                Id = Guid.NewGuid(),
                OutboxMessageId = message.Id,
                FileName = attachment.FileName,
                ContentType = attachment.ContentType,
                Content = attachment.Content,
            });
        }

        return message;
    }

    /// <summary>Where notices for the Monitoring Body go: the configured address, else its active administrators and assessors.</summary>
    public async Task<IReadOnlyList<string>> MonitoringBodyRecipientsAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(settings.MonitoringBodyAddress)) return [settings.MonitoringBodyAddress.Trim()];
        var mb = await db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.MonitoringBody).Select(o => o.Id).ToListAsync(ct);
        var roles = new[] { RoleIds.For(Role.MbAdministrator), RoleIds.For(Role.MbAssessor) };
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           where roles.Contains(ur.RoleId) && u.DisabledAt == null && mb.Contains(u.OrganisationId)
                           select u.Email).ToListAsync(ct);
        return [.. users.OfType<string>().Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The active editors of a provider: who is told about its declarations.</summary>
    public async Task<IReadOnlyList<string>> ProviderEditorsAsync(OrganisationId organisation, CancellationToken ct)
    {
        var editor = RoleIds.For(Role.CspEditor);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           where ur.RoleId == editor && u.DisabledAt == null && u.OrganisationId == organisation
                           select u.Email).ToListAsync(ct);
        return [.. users.OfType<string>().Order(StringComparer.OrdinalIgnoreCase)];
    }
}
