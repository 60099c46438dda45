using System.Globalization;
using Adhere.Core.Complaints.Measures;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Complaints;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.AuthorityNotices;

/// <summary>
/// Writes the notice of a suspension or revocation to the authority competent for the declaration's Code: the PDF, the
/// notice row and, when an authority is configured, an outbox message with the PDF attached. Runs inside the measure's
/// unit, so that the measure never exists without its notice. The caller saves.
/// </summary>
public sealed class AuthorityNoticeWriter(AdhereDb db, ComplaintMeasureSettings settings, Outbox outbox, TimeProvider time)
{
    public const string Topic = "complaint.authority-notice";

    public async Task<AuthorityNotice> WriteAsync(Complaint complaint, ComplaintMeasure measure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(measure);
        var declaration = await db.Declarations.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == measure.DeclarationId)
            .Select(d => new { d.CodeName, d.Title, d.OrganisationId }).FirstAsync(ct);
        var company = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var body = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind == OrganisationKind.MonitoringBody)
            .Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "The Monitoring Body";
        var authority = settings.AuthorityFor(declaration.CodeName);
        var effect = MeasureCatalogue.EffectName(measure.Effect);
        var pdf = AuthorityNoticePdf.Render(new AuthorityNoticeContent(body, authority?.Name, declaration.CodeName, measure.Name, effect, company,
            measure.VerificationId, complaint.Reference, measure.ImposedAt, measure.Reasons, declaration.Title));
        var fileName = $"notice-{complaint.Reference}-{measure.VerificationId}-{effect}.pdf";

        var date = measure.ImposedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var message = authority is null ? null : outbox.Enqueue([authority.Email], Topic,
            $"{body}: {measure.Name} of {measure.VerificationId} ({company}), complaint {complaint.Reference}",
            $"""
            Dear {authority.Name},

            On {date} {body} imposed the measure "{measure.Name}" ({effect}) on {company}, whose adherence to the Code "{declaration.CodeName}" is listed under the Verification-ID {measure.VerificationId}. The measure was decided on complaint {complaint.Reference}; the public register shows it from that day.

            Reasons:
            {measure.Reasons}

            The attached PDF states the notice for your records.
            """, [new MailAttachment(fileName, "application/pdf", pdf)]);

        var notice = new AuthorityNotice
        {
            Id = Guid.NewGuid(),
            ComplaintId = complaint.Id,
            MeasureId = measure.Id,
            CreatedAt = time.GetUtcNow(),
            CodeName = declaration.CodeName,
            AuthorityName = authority?.Name,
            AuthorityEmail = authority?.Email,
            OutboxMessageId = message?.Id,
            FileName = fileName,
            Pdf = pdf,
        };
        db.AuthorityNotices.Add(notice);
        db.Record("complaint.authority-notice", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("notice", notice.Id.ToString())
            .Added("measure", measure.Id.ToString())
            .Added("authority", authority is null ? "no recipient configured" : $"{authority.Name} <{authority.Email}>"));
        return notice;
    }
}
