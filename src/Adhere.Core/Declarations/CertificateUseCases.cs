using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>Checks what a certificate refers to: a known standard, declared services, the organisation's documents, catalogue controls.</summary>
public sealed class CertificateInputCheck(AdhereDb db, DeclarationAccess access, CatalogueOutlines outlines)
{
    /// <summary>The claims a new certificate of <paramref name="standardKey"/> starts with: the controls the catalogue maps to it.</summary>
    public async Task<IReadOnlyList<string>> DefaultClaimsAsync(Declaration declaration, string? standardKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException("The declaration's catalogue is missing.");
        var keys = outline.ControlsFor(declaration.Modules).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return [.. CertificateCheck.DefaultClaims((standardKey ?? string.Empty).Trim(), outline.Mappings).Where(keys.Contains)];
    }

    public async Task<Result<Done>> CheckAsync(Declaration declaration, CertificateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(input);
        var standard = (input.StandardKey ?? string.Empty).Trim();
        if (standard.Length > 0 && !await db.Standards.AnyAsync(s => s.Key == standard, ct)) return DeclarationErrors.UnknownStandard(standard);
        var inScope = declaration.Services.Select(s => s.ServiceId.Value).ToHashSet();
        var outside = (input.CoveredServices ?? []).FirstOrDefault(s => !inScope.Contains(s));
        if (outside != Guid.Empty) return DeclarationErrors.CertificateServiceNotDeclared(outside.ToString());
        if (input.AuditReportDocumentId is { } report)
        {
            var exists = await access.DocumentsExistAsync(declaration.OrganisationId, [report], ct);
            if (exists.IsError) return exists.Error!;
        }

        if (input.ClaimedControls is { } claims)
        {
            var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException("The declaration's catalogue is missing.");
            var keys = outline.ControlsFor(declaration.Modules).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var unknown = claims.Select(c => c.Trim()).Where(c => c.Length > 0 && !keys.Contains(c)).Distinct().ToList();
            if (unknown.Count > 0) return DeclarationErrors.UnknownControls(unknown);
        }

        return Done.Value;
    }
}

/// <summary>Adds a certificate to a draft and runs its checks at once.</summary>
public sealed class AddCertificate(AdhereDb db, DeclarationAccess access, CertificateInputCheck inputs, DeclarationEvidence evidence, TimeProvider time)
{
    public async Task<Result<CertificateView>> HandleAsync(Guid declarationId, CertificateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var declaration = await access.LoadAsync(declarationId, ct);
        if (declaration is null) return DeclarationErrors.NotFound(declarationId.ToString());
        var editable = declaration.EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var valid = await inputs.CheckAsync(declaration, input, ct);
        if (valid.IsError) return valid.Error!;

        var created = Certificate.Create(declaration.Id, declaration.OrganisationId, input, await inputs.DefaultClaimsAsync(declaration, input.StandardKey, ct));
        if (created.IsError) return created.Error!;
        var certificate = created.Value;
        declaration.AddCertificate(certificate, time.GetUtcNow());
        await evidence.RefreshChecksAsync(declaration, ct);
        db.Record("certificate.added", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Added("certificate", certificate.Id.ToString())
            .Added("standard", certificate.StandardKey)
            .Added("number", certificate.Number)
            .Added("expiresOn", certificate.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
        return DeclarationQueries.CertificateViewOf(certificate);
    }
}

/// <summary>Replaces a draft certificate's fields and reruns its checks.</summary>
public sealed class UpdateCertificate(AdhereDb db, DeclarationAccess access, CertificateInputCheck inputs, DeclarationEvidence evidence)
{
    public async Task<Result<CertificateView>> HandleAsync(Guid declarationId, Guid certificateId, CertificateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var declaration = await access.LoadAsync(declarationId, ct);
        if (declaration is null) return DeclarationErrors.NotFound(declarationId.ToString());
        var certificate = declaration.Certificates.FirstOrDefault(c => c.Id == new CertificateId(certificateId));
        if (certificate is null) return DeclarationErrors.CertificateNotFound(certificateId.ToString());
        var editable = declaration.EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var valid = await inputs.CheckAsync(declaration, input, ct);
        if (valid.IsError) return valid.Error!;

        var before = certificate.ToFacts();
        var changed = certificate.Change(input, input.ClaimedControls is null && before.StandardKey == input.StandardKey?.Trim()
            ? before.ClaimedControls
            : await inputs.DefaultClaimsAsync(declaration, input.StandardKey, ct));
        if (changed.IsError) return changed.Error!;
        await evidence.RefreshChecksAsync(declaration, ct);
        var iso = System.Globalization.CultureInfo.InvariantCulture;
        db.Record("certificate.updated", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Set("certificate", null, certificate.Id.ToString())
            .Set("standard", before.StandardKey, certificate.StandardKey)
            .Set("number", before.Number, certificate.Number)
            .Set("issuedOn", before.IssuedOn.ToString("yyyy-MM-dd", iso), certificate.IssuedOn.ToString("yyyy-MM-dd", iso))
            .Set("expiresOn", before.ExpiresOn.ToString("yyyy-MM-dd", iso), certificate.ExpiresOn.ToString("yyyy-MM-dd", iso))
            .Set("claimedControls", string.Join(", ", before.ClaimedControls), string.Join(", ", certificate.ClaimedControls)));
        await db.SaveChangesAsync(ct);
        return DeclarationQueries.CertificateViewOf(certificate);
    }
}

/// <summary>Removes a certificate from a draft.</summary>
public sealed class RemoveCertificate(AdhereDb db, DeclarationAccess access, TimeProvider time)
{
    public async Task<Result<Done>> HandleAsync(Guid declarationId, Guid certificateId, CancellationToken ct)
    {
        var declaration = await access.LoadAsync(declarationId, ct);
        if (declaration is null) return DeclarationErrors.NotFound(declarationId.ToString());
        var certificate = declaration.Certificates.FirstOrDefault(c => c.Id == new CertificateId(certificateId));
        if (certificate is null) return DeclarationErrors.CertificateNotFound(certificateId.ToString());
        var removed = declaration.RemoveCertificate(certificate.Id, time.GetUtcNow());
        if (removed.IsError) return removed.Error!;
        db.Certificates.Remove(certificate);
        db.Record("certificate.removed", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Set("certificate", certificate.Id.ToString(), null)
            .Set("number", certificate.Number, null));
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}

/// <summary>
/// The provider reports a change to a certificate that a verified declaration relies on. The declaration is flagged
/// for the Monitoring Body's review; the notice shows in the console until an MB member marks it reviewed.
/// </summary>
public sealed class ReportCertificateChange(AdhereDb db, DeclarationAccess access, Outbox outbox, MailSettings mail, TimeProvider time)
{
    public sealed record Command(Guid DeclarationId, Guid CertificateId, string? Kind, string? Description, DateOnly? NewExpiresOn, Guid? DocumentId);

    public async Task<Result<Guid>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var declaration = await access.LoadAsync(command.DeclarationId, ct);
        if (declaration is null) return DeclarationErrors.NotFound(command.DeclarationId.ToString());
        var certificate = declaration.Certificates.FirstOrDefault(c => c.Id == new CertificateId(command.CertificateId));
        if (certificate is null) return DeclarationErrors.CertificateNotFound(command.CertificateId.ToString());
        if (DeclarationLifecycle.Listing(declaration.Status) == RegisterListing.NotListed) return DeclarationErrors.NotVerified(declaration.Status.ToString());
        var kind = (command.Kind ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "RENEWED" => CertificateChangeKind.Renewed,
            "SCOPE-CHANGED" => CertificateChangeKind.ScopeChanged,
            "WITHDRAWN" => CertificateChangeKind.Withdrawn,
            _ => (CertificateChangeKind?)null,
        };
        if (kind is null) return DeclarationErrors.NoticeKindInvalid();
        if (command.DocumentId is { } document)
        {
            var exists = await access.DocumentsExistAsync(declaration.OrganisationId, [document], ct);
            if (exists.IsError) return exists.Error!;
        }

        var now = time.GetUtcNow();
        var notice = CertificateNotice.Report(certificate, kind.Value, command.Description, command.NewExpiresOn, command.DocumentId, db.Caller.ActorName, now);
        if (notice.IsError) return notice.Error!;
        db.CertificateNotices.Add(notice.Value);
        declaration.FlagForReview(now);
        db.Record("certificate.change-reported", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Added("certificate", certificate.Number)
            .Added("kind", DeclarationQueries.NoticeKindName(kind.Value))
            .Added("description", notice.Value.Description));
        var provider = await db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var what = kind switch
        {
            CertificateChangeKind.Renewed => "has been renewed",
            CertificateChangeKind.ScopeChanged => "has a changed scope",
            _ => "has been withdrawn",
        };
        outbox.Enqueue(await outbox.MonitoringBodyRecipientsAsync(ct), "certificate.change-reported",
            $"Certificate change reported by {provider}: {certificate.StandardKey} {certificate.Number}",
            $"""
            {provider} reports that certificate {certificate.Number} ({certificate.StandardKey}) {what}.

            Declaration: {declaration.Title ?? declaration.CodeName + " " + declaration.CodeVersion}{(declaration.VerificationId is null ? "" : $" ({declaration.VerificationId})")}
            Reported by: {db.Caller.ActorName}

            {notice.Value.Description}

            The declaration is flagged for review until the notice is marked reviewed:
            {mail.Link($"/console/declarations/{declaration.Id}")}
            Open notices: {mail.Link("/console/certificate-notices")}
            """);
        await db.SaveChangesAsync(ct);
        return notice.Value.Id;
    }
}

/// <summary>An MB member marks a certificate change notice reviewed; the declaration's flag clears when no notice is left open.</summary>
public sealed class ReviewCertificateNotice(AdhereDb db, TimeProvider time)
{
    public async Task<Result<Done>> HandleAsync(Guid noticeId, string? note, CancellationToken ct)
    {
        var notice = await db.CertificateNotices.FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null) return DeclarationErrors.NoticeNotFound(noticeId.ToString());
        var reviewed = notice.MarkReviewed(db.Caller.ActorName, note, time.GetUtcNow());
        if (reviewed.IsError) return reviewed.Error!;
        var declaration = await db.Declarations.FirstAsync(d => d.Id == notice.DeclarationId, ct);
        var othersOpen = await db.CertificateNotices.AnyAsync(n => n.DeclarationId == notice.DeclarationId && n.Id != notice.Id && n.ReviewedAt == null, ct);
        if (!othersOpen) declaration.ClearReviewFlag();
        db.Record("certificate.notice-reviewed", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Added("notice", notice.Id.ToString())
            .Added("note", notice.ReviewNote));
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}
