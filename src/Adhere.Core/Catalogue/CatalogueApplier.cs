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
        await using var unit = await db.BeginUnitAsync(ct);
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
            header = store.AddVersion(document, PendingFingerprint, now);
            await db.SaveChangesAsync(ct);
            await store.WriteContentAsync(header.Id, document, merge.NewClauses, ct, await work.ColumnsAsync());
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
            await store.WriteContentAsync(header.Id, document, merge.NewClauses, ct, prepared is not null && prepared.HasControlsOf(document) ? await prepared.ColumnsAsync() : null);
        }

        await unit.CommitAsync(ct);
        progress?.Report("Done.");
        return report;
    }

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

/// <summary>The result of a look-up already made: the stored version, or null when there is none.</summary>
public readonly record struct KnownVersion(StoredVersion? Stored);
