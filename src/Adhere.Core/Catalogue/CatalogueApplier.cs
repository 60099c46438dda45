using System.Globalization;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

/// <summary>
/// The write side shared by every import: decides between created, updated and unchanged, refuses a frozen
/// version, and writes the version, its standards and the audit entry in one transaction.
/// </summary>
public sealed class CatalogueApplier(AdhereDb db, CatalogueStore store, TimeProvider time)
{
    /// <summary>
    /// Stores a validated document as a new version, or as new content of its unfrozen version. A caller that has
    /// already looked the version up (to complete the document from it) passes what it found as
    /// <paramref name="known"/>, so that it is not read twice.
    /// </summary>
    /// <param name="prepared">Work already started on the document (<see cref="PreparedContent"/>), used when it fits.</param>
    public async Task<ImportReport> ApplyAsync(CatalogueDocument document, string formatName, bool dryRun, IProgress<string>? progress,
        CancellationToken ct, KnownVersion? known = null, PreparedContent? prepared = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var existing = known is { } k ? k.Stored?.Header : await store.FindAsync(document.Code.Name, document.Code.Version, ct);
        var standardChanges = (await store.MergeStandardsAsync(document.Standards, apply: false, ct)).Changes;
        CatalogueDiff? diff = null;
        ImportAction action;
        var fingerprint = "";
        if (existing is null) action = ImportAction.Created;
        else
        {
            fingerprint = prepared is not null && prepared.IsFor(document) ? await prepared.FingerprintAsync() : CatalogueFingerprint.Current(document);
            var stored = known?.Stored?.Document ?? await store.LoadAsync(existing, ct);
            diff = CatalogueDiff.Compare(stored, document);
            // Unchanged when the file is the one imported last, or when it says the same in another order or format
            // (an export of this version, for instance): standards are compared separately, clause by clause. A version
            // stored before the fingerprint's second scheme holds a fingerprint of the first: Matches tries both.
            var same = existing.ContentHash == fingerprint || diff.IsEmpty || CatalogueFingerprint.Matches(existing.ContentHash, document, fingerprint);
            action = same && standardChanges.Count == 0 ? ImportAction.Unchanged : ImportAction.Updated;
            if (action == ImportAction.Updated && existing.FrozenAt is not null)
            {
                return ImportReport.Refused(formatName, [new CatalogueProblem("$.code.version", "catalogue.version-frozen",
                    $"{existing.Name} {existing.Version} is in use by declarations and cannot change; import the changes as a new version.")],
                    existing.Name, existing.Version);
            }
        }

        var report = new ImportReport(action, dryRun, formatName, document.Code.Name.Trim(), document.Code.Version.Trim(),
            document.Sections.Count, document.Controls.Count, document.Mappings.Count, diff, standardChanges, []);
        if (dryRun || action == ImportAction.Unchanged) return report;

        progress?.Report($"Writing {document.Controls.Count} control(s) and {document.Mappings.Count} mapping(s).");
        // A new version's header may have been saved already, in the transaction the reservation holds (ADR 0037).
        var reserved = existing is null ? known?.Reserved : null;
        await using var unit = reserved is null ? await db.BeginUnitAsync(ct) : null;
        var now = time.GetUtcNow();
        var merge = await store.MergeStandardsAsync(document.Standards, apply: true, ct);
        CatalogueVersion header;
        if (existing is null)
        {
            // A new version's fingerprint is only stored, so it is hashed on another thread while the rows are written
            // (ADR 0036): the header goes in first with a placeholder, which the same transaction replaces.
            // A caller without work prepared for this document (the demo seed, a mapping import) gets it started here.
            using var own = prepared is not null && prepared.IsFor(document) ? null : PreparedContent.Start(document);
            var work = own ?? prepared!;
            if (reserved is null)
            {
                header = store.AddVersion(document, PendingFingerprint, now);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                header = reserved.Header;
                CatalogueStore.CompleteVersion(header, document, PendingFingerprint, now);
                // New standards and clauses must be saved before the rows that refer to them; the header can wait.
                if (document.Standards.Count > 0) await db.SaveChangesAsync(ct);
            }

            await store.WriteContentAsync(header.Id, document, merge.NewClauses, ct, work.Columns);
            header.ContentHash = await work.FingerprintAsync();
            Record(header, action, formatName, document);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await store.ReplaceContentAsync(existing, document, fingerprint, now, ct);
            header = existing;
            Record(header, action, formatName, document);
            // The header, the standards and the audit entry first: the content rows refer to the header.
            await db.SaveChangesAsync(ct);
            await store.WriteContentAsync(header.Id, document, merge.NewClauses, ct, prepared is not null && prepared.HasControlsOf(document) ? prepared.Columns : null);
        }

        if (reserved is null) await unit!.CommitAsync(ct);
        else await reserved.CommitAsync(ct);
        progress?.Report("Done.");
        return report;
    }

    /// <summary>
    /// Looks up a catalogue version by the name and version a file announces before it is read, and when there is none,
    /// opens the import's transaction and saves a header for it (ADR 0037): on another thread, while the file is read,
    /// so that the importing thread finds the header written. Only the name and version are known yet; the applier
    /// completes the header from the document. The caller disposes the reservation it gets, which rolls it back unless
    /// the import committed. Nothing is reserved inside a transaction the caller already holds, since disposing could
    /// not undo the header there.
    /// </summary>
    public async Task<VersionLookup> LookUpOrReserveAsync(string name, string version, CancellationToken ct)
    {
        var existing = await store.FindAsync(name, version, ct);
        if (existing is not null || db.Database.CurrentTransaction is not null) return new VersionLookup(existing, null);
        var unit = await db.BeginUnitAsync(ct);
        var header = store.AddVersion(Placeholder(name, version), PendingFingerprint, time.GetUtcNow());
        var reservation = new ReservedVersion(db, unit, header);
        try
        {
            await db.SaveChangesAsync(ct);
            return new VersionLookup(null, reservation);
        }
        catch
        {
            await reservation.DisposeAsync();
            throw;
        }
    }

    private static CatalogueDocument Placeholder(string name, string version) =>
        new(new CodeInfo(name, version, null, null, null, CatalogueStatus.Draft, null, false, string.Empty, null), [], [], [], [], [], []);

    /// <summary>What a new version's header holds until its fingerprint is ready; never committed.</summary>
    internal const string PendingFingerprint = "pending";

    private void Record(CatalogueVersion header, ImportAction action, string formatName, CatalogueDocument document) =>
        db.Record(action == ImportAction.Created ? "catalogue.imported" : "catalogue.updated", "catalogue", header.Id.ToString(), null,
            new AuditChanges()
                .Added("name", header.Name)
                .Added("version", header.Version)
                .Added("format", formatName)
                .Added("controls", document.Controls.Count.ToString(CultureInfo.InvariantCulture))
                .Added("mappings", document.Mappings.Count.ToString(CultureInfo.InvariantCulture))
                .Added("fingerprint", header.ContentHash));

}

/// <summary>A stored catalogue version and its document, loaded once and passed along.</summary>
public sealed record StoredVersion(CatalogueVersion Header, CatalogueDocument Document);

/// <summary>
/// The result of a look-up already made: the stored version, or null when there is none; for a new version, the
/// header already saved for it (<see cref="CatalogueApplier.LookUpOrReserveAsync"/>), if any.
/// </summary>
public readonly record struct KnownVersion(StoredVersion? Stored, ReservedVersion? Reserved = null);

/// <summary>What <see cref="CatalogueApplier.LookUpOrReserveAsync"/> found: a stored version, or a reservation for a new one.</summary>
public sealed record VersionLookup(CatalogueVersion? Existing, ReservedVersion? Reserved);

/// <summary>
/// The open transaction of an import and the header it saved for a new version (ADR 0037). Disposing rolls both back
/// and makes the context forget the header, unless <see cref="CommitAsync"/> ran.
/// </summary>
public sealed class ReservedVersion : IAsyncDisposable
{
    private readonly AdhereDb db;
    private readonly UnitOfWork unit;
    private bool committed;
    private bool disposed;

    internal ReservedVersion(AdhereDb db, UnitOfWork unit, CatalogueVersion header)
    {
        this.db = db;
        this.unit = unit;
        Header = header;
    }

    public CatalogueVersion Header { get; }

    public async Task CommitAsync(CancellationToken ct)
    {
        await unit.CommitAsync(ct);
        committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        await unit.DisposeAsync();
        // Rolled back: what the context tracks for the header no longer exists.
        if (!committed) db.Entry(Header).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
    }
}
