using Adhere.Core.Catalogue.Native;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Catalogue;

/// <summary>
/// Freezes a catalogue version: from then on its content cannot change. Declarations call this when they first
/// refer to a version (issue 4); an MB administrator may also freeze a version by hand before publishing it.
/// </summary>
public sealed class FreezeCatalogue(AdhereDb db, TimeProvider time)
{
    public async Task<Result<Done>> HandleAsync(Guid id, CancellationToken ct)
    {
        var header = await db.Catalogues.FirstOrDefaultAsync(c => c.Id == new CatalogueId(id), ct);
        if (header is null) return CatalogueErrors.NotFound(id.ToString());
        if (header.FrozenAt is not null) return CatalogueErrors.AlreadyFrozen();
        header.FrozenAt = time.GetUtcNow();
        db.Record("catalogue.frozen", "catalogue", header.Id.ToString(), null, new AuditChanges().Set("frozen", "no", "yes"));
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}

/// <summary>The export formats: our native YAML, an OSCAL catalog, or an OSCAL mapping collection of its mappings.</summary>
public enum ExportFormat
{
    Native,
    Oscal,
    OscalMapping,
}

/// <summary>Writes a stored catalogue version in one of the <see cref="ExportFormat"/>s.</summary>
public sealed class ExportCatalogue(CatalogueStore store, TimeProvider time)
{
    public async Task<Result<Done>> HandleAsync(string name, string version, ExportFormat format, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = await store.FindAsync(name, version, ct);
        if (header is null) return CatalogueErrors.NotFound(name, version);
        var document = await store.LoadAsync(header, ct);
        switch (format)
        {
            case ExportFormat.Oscal:
                Oscal.OscalCatalogWriter.Write(document, output, time);
                break;
            case ExportFormat.OscalMapping:
                // An OSCAL mapping collection needs at least one mapping.
                if (document.Mappings.Count == 0) return CatalogueErrors.NoMappings(header.Name, header.Version);
                Oscal.OscalMappingWriter.Write(document, output, time);
                break;
            default:
                await using (var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true))
                {
                    NativeCatalogueWriter.Write(document, writer);
                }

                break;
        }

        return Done.Value;
    }
}

/// <summary>Compares two stored versions of the same Code, with the transition between them when one was imported.</summary>
public sealed class DiffCatalogues(CatalogueStore store)
{
    public sealed record Comparison(CatalogueSummary From, CatalogueSummary To, CatalogueDiff Diff, IReadOnlyList<TransitionRow> Transition);

    public async Task<Result<Comparison>> HandleAsync(string name, string fromVersion, string toVersion, CancellationToken ct)
    {
        var from = await store.FindAsync(name, fromVersion, ct);
        if (from is null) return CatalogueErrors.NotFound(name, fromVersion);
        var to = await store.FindAsync(name, toVersion, ct);
        if (to is null) return CatalogueErrors.NotFound(name, toVersion);
        var before = await store.LoadAsync(from, ct);
        var after = await store.LoadAsync(to, ct);
        var transition = after.Transitions.FirstOrDefault(t => t.FromVersion == from.Version)?.Controls
            ?? before.Transitions.FirstOrDefault(t => t.FromVersion == to.Version)?.Controls
            ?? [];
        return new Comparison(CatalogueQueries.Summary(from), CatalogueQueries.Summary(to), CatalogueDiff.Compare(before, after), transition);
    }
}
