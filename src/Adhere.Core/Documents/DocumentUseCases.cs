using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Documents;

/// <summary>An evidence document as pages and the API show it (never its storage path).</summary>
public sealed record DocumentDetails(Guid Id, Guid OrganisationId, string OrganisationName, string FileName, string ContentType,
    long Length, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>
/// Stores an uploaded file. Checks run before anything is kept: the name, then the size (reading at most the limit
/// plus one byte), emptiness and the sniffed type; on any error the temporary copy is deleted and no row is written.
/// A CSP member uploads to its own organisation; MB administrators name the provider.
/// </summary>
public sealed class UploadDocument(AdhereDb db, DocumentStore store, EvidenceSettings settings, DocumentQueries queries, TimeProvider time)
{
    public sealed record Command(Guid? OrganisationId, string? FileName, Stream Content);

    public async Task<Result<DocumentDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var name = EvidenceDocument.CheckFileName(command.FileName);
        if (name.IsError) return name.Error!;
        var owner = await OwnerAsync(command.OrganisationId, ct);
        if (owner.IsError) return owner.Error!;

        await using var incoming = await store.ReceiveAsync(command.Content, settings.MaxUploadBytes, FileSniffer.HeadLength, ct);
        if (incoming.Length == 0) return DocumentErrors.Empty();
        if (incoming.Length > settings.MaxUploadBytes) return DocumentErrors.TooLarge(settings.MaxUploadBytes);
        var type = FileSniffer.Check(incoming.Head, name.Value);
        if (type.IsError) return type.Error!;

        var created = EvidenceDocument.Create(owner.Value, name.Value, type.Value.ContentType, incoming.Length, incoming.Sha256,
            db.Caller.ActorName, time.GetUtcNow());
        if (created.IsError) return created.Error!;
        var document = created.Value;

        // The file goes into place before the row: a row never points at missing content. Should the save fail, the
        // orphan is harmless (content-addressed, and a later upload of the same bytes reuses it).
        await store.CommitAsync(incoming);
        db.Documents.Add(document);
        db.Record("document.uploaded", "document", document.Id.ToString(), document.OrganisationId, new AuditChanges()
            .Added("fileName", document.FileName)
            .Added("contentType", document.ContentType)
            .Added("sha256", document.Sha256));
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(document.Id.Value, ct);
    }

    private async Task<Result<OrganisationId>> OwnerAsync(Guid? requested, CancellationToken ct)
    {
        if (!db.Caller.SeesAllOrganisations)
        {
            var own = db.Caller.OrganisationId ?? throw new InvalidOperationException("A caller without an organisation cannot upload documents.");
            if (requested is { } other && other != own.Value) return OrganisationErrors.NotFound(other.ToString());
            return own;
        }

        if (requested is not { } id) return DocumentErrors.OrganisationRequired();
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == new OrganisationId(id), ct);
        if (org is null) return OrganisationErrors.NotFound(id.ToString());
        return org.IsMonitoringBody ? DocumentErrors.OrganisationNotProvider() : org.Id;
    }
}

/// <summary>Reads document metadata; the tenancy filter limits a CSP member to its own organisation's.</summary>
public sealed class DocumentQueries(AdhereDb db)
{
    /// <summary>Visible documents, optionally of one organisation, newest first.</summary>
    public async Task<IReadOnlyList<DocumentDetails>> ListAsync(Guid? organisationId, CancellationToken ct)
    {
        var documents = db.Documents.AsNoTracking();
        if (organisationId is { } id) documents = documents.Where(d => d.OrganisationId == new OrganisationId(id));
        var rows = await Project(documents).ToListAsync(ct);
        return rows.OrderByDescending(d => d.UploadedAt).ThenBy(d => d.FileName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<Result<DocumentDetails>> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await Project(db.Documents.AsNoTracking().Where(d => d.Id == new DocumentId(id))).FirstOrDefaultAsync(ct);
        return row is null ? DocumentErrors.NotFound(id.ToString()) : row;
    }

    private IQueryable<DocumentDetails> Project(IQueryable<EvidenceDocument> documents) =>
        from d in documents
        join o in db.Organisations on d.OrganisationId equals o.Id
        select new DocumentDetails(d.Id.Value, o.Id.Value, o.Name, d.FileName, d.ContentType, d.Length, d.Sha256, d.UploadedAt, d.UploadedBy);
}

/// <summary>Opens a visible document's content for download; another organisation's document is not found.</summary>
public sealed class OpenDocument(AdhereDb db, DocumentStore store)
{
    public sealed record Download(Stream Content, string FileName, string ContentType, long Length);

    public async Task<Result<Download>> HandleAsync(Guid id, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == new DocumentId(id), ct);
        if (document is null) return DocumentErrors.NotFound(id.ToString());
        var content = store.Open(document.Sha256)
            ?? throw new InvalidOperationException($"The content of document {document.Id} ({document.Sha256}) is missing from the evidence store.");
        return new Download(content, document.FileName, document.ContentType, document.Length);
    }
}
