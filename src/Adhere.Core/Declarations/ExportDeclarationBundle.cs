using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Services;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>What an export wrote.</summary>
public sealed record BundleExportSummary(Guid DeclarationId, string Organisation, string Code, int Services, int Documents, int Answers, int Certificates, int Verifications);

/// <summary>
/// Writes a declaration as a bundle (docs/formats/declaration-bundle.md) that imports into an empty database. The
/// output is deterministic: no database IDs and no time of the export; keys follow position (<c>svc-1</c>,
/// <c>doc-1</c>, <c>cert-1</c>); services in the declaration's order, answers in catalogue order, agreements by kind
/// and file name, certificates by standard, number and dates, verifications by approval date; documents in the order
/// they are first referred to. So export, import elsewhere, export again gives the same text.
/// </summary>
public sealed class ExportDeclarationBundle(AdhereDb db, DeclarationAccess access, CatalogueOutlines outlines, DocumentStore store)
{
    public async Task<Result<BundleExportSummary>> HandleAsync(Guid id, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == declaration.OrganisationId, ct);
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException($"Catalogue {declaration.CatalogueId} is missing.");

        // Services, in the declaration's order.
        var serviceIds = declaration.Services.Select(s => s.ServiceId).ToList();
        var rows = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var services = declaration.Services.OrderBy(s => s.Position).Where(s => rows.ContainsKey(s.ServiceId)).Select(s => rows[s.ServiceId]).ToList();
        var serviceKeys = services.Select((s, i) => (s.Id, Key: $"svc-{i + 1}")).ToDictionary(x => x.Id.Value, x => x.Key);

        // Categories the services use, in the Code's list order.
        var codeKey = ServiceCategory.Normalize(declaration.CodeName);
        var list = await db.ServiceCategories.AsNoTracking().Where(c => c.NormalizedCodeName == codeKey).ToListAsync(ct);
        var used = services.Select(s => s.Category).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var categories = used
            .OrderBy(c => list.Find(l => l.NormalizedName == ServiceCategory.Normalize(c))?.Position ?? int.MaxValue)
            .ThenBy(c => c, StringComparer.Ordinal)
            .ToList();

        // Documents, keyed in the order they are first referred to.
        var documentIds = new List<Guid>();
        string? DocumentKey(Guid? documentId)
        {
            if (documentId is not { } d) return null;
            var index = documentIds.IndexOf(d);
            if (index < 0)
            {
                documentIds.Add(d);
                index = documentIds.Count - 1;
            }

            return $"doc-{index + 1}";
        }

        var allDocumentIds = declaration.Agreements.Select(a => a.DocumentId)
            .Concat(declaration.Answers.SelectMany(a => a.DocumentIds))
            .Concat(declaration.Certificates.Select(c => c.AuditReportDocumentId).OfType<Guid>())
            .Select(d => new DocumentId(d))
            .ToList();
        var verifications = await db.VerificationRecords.AsNoTracking().Where(v => v.DeclarationId == declaration.Id).ToListAsync(ct);
        allDocumentIds.AddRange(verifications.Select(v => v.ReportDocumentId).OfType<Guid>().Select(d => new DocumentId(d)));
        var documentRows = await db.Documents.AsNoTracking().Where(d => allDocumentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id.Value, ct);
        string FileNameOf(Guid d) => documentRows.TryGetValue(d, out var row) ? row.FileName : string.Empty;
        string ShaOf(Guid d) => documentRows.TryGetValue(d, out var row) ? row.Sha256 : string.Empty;

        var agreements = declaration.Agreements
            .OrderBy(a => a.Kind).ThenBy(a => FileNameOf(a.DocumentId), StringComparer.Ordinal).ThenBy(a => ShaOf(a.DocumentId), StringComparer.Ordinal)
            .Select(a => new BundleAgreement(DocumentKey(a.DocumentId)!, DeclarationQueries.KindName(a.Kind)))
            .ToList();

        var order = outline.AllControls.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var answers = declaration.Answers
            .OrderBy(a => order.GetValueOrDefault(a.ControlKey, int.MaxValue)).ThenBy(a => a.ControlKey, StringComparer.Ordinal)
            .Select(a => new BundleAnswer(a.ControlKey, a.Statement, a.Measures, [.. a.DocumentIds.Select(d => DocumentKey(d)!)]))
            .ToList();

        var certificates = declaration.Certificates
            .OrderBy(c => c.StandardKey, StringComparer.Ordinal).ThenBy(c => c.Number, StringComparer.Ordinal)
            .ThenBy(c => c.IssuedOn).ThenBy(c => c.ExpiresOn).ThenBy(c => c.CertificationBody, StringComparer.Ordinal)
            .Select((c, i) => new BundleCertificate(
                $"cert-{i + 1}", c.StandardKey, c.StandardVersion, c.Number, c.CertificationBody, c.AccreditationBody, c.ScopeStatement,
                [.. c.CoveredServiceIds.Where(serviceKeys.ContainsKey).Select(s => serviceKeys[s])],
                DeclarationBundleFormat.Date(c.IssuedOn), DeclarationBundleFormat.Date(c.ExpiresOn),
                DocumentKey(c.AuditReportDocumentId), [.. c.ClaimedControls]))
            .ToList();

        var history = verifications
            .OrderBy(v => v.ApprovedOn).ThenBy(v => v.ValidUntil).ThenBy(v => v.VerificationId, StringComparer.Ordinal)
            .Select(v => new BundleVerification(v.VerificationId, (int)v.Level, DeclarationBundleFormat.Date(v.ApprovedOn), DeclarationBundleFormat.Date(v.ValidUntil),
                DocumentKey(v.ReportDocumentId)))
            .ToList();

        var documents = new List<BundleDocument>();
        foreach (var (documentId, i) in documentIds.Select((d, i) => (d, i)))
        {
            var row = documentRows.GetValueOrDefault(documentId) ?? throw new InvalidOperationException($"Document {documentId} of declaration {declaration.Id} is missing.");
            await using var content = store.Open(row.Sha256) ?? throw new InvalidOperationException($"The content of document {row.Id} ({row.Sha256}) is missing from the evidence store.");
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct);
            documents.Add(new BundleDocument($"doc-{i + 1}", row.FileName, row.Sha256, Convert.ToBase64String(buffer.GetBuffer(), 0, checked((int)buffer.Length))));
        }

        var bundle = new DeclarationBundle(
            DeclarationBundleFormat.FormatName,
            new BundleOrganisation(organisation.Name, organisation.Address, organisation.Website, organisation.PrivacyContactEmail),
            categories,
            [.. services.Select(s => new BundleService(serviceKeys[s.Id.Value], s.Name, s.Description, s.Category, s.Family,
                s.Status == ServiceStatus.Retired ? "retired" : "active"))],
            new BundleDeclaration(
                new BundleCode(declaration.CodeName, declaration.CodeVersion),
                [.. declaration.Modules],
                declaration.Kind == DeclarationKind.Renewal ? "renewal" : "initial",
                DeclarationBundleFormat.StatusName(declaration.Status),
                declaration.Title,
                (int?)declaration.RequestedLevel,
                declaration.ContactName is null && declaration.ContactEmail is null ? null : new BundleContact(declaration.ContactName, declaration.ContactEmail),
                [.. services.Select(s => serviceKeys[s.Id.Value])],
                agreements,
                answers,
                certificates,
                history),
            documents);

        await DeclarationBundleFormat.WriteAsync(output, bundle, ct);
        await output.WriteAsync("\n"u8.ToArray(), ct);
        return new BundleExportSummary(declaration.Id.Value, organisation.Name, $"{declaration.CodeName} {declaration.CodeVersion}",
            services.Count, documents.Count, answers.Count, certificates.Count, history.Count);
    }
}
