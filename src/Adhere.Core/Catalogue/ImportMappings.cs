using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

/// <summary>
/// Imports an OSCAL mapping collection into the catalogue version it maps from: the mappings to each standard in
/// the file replace that version's mappings to the same standard; other mappings stay. The result goes through the
/// same validation and write path as a catalogue import, so it is all-or-nothing, idempotent and refused when frozen.
/// </summary>
public sealed class ImportMappings(CatalogueStore store, CatalogueApplier applier)
{
    private const string Format = "oscal-mapping";

    public async Task<ImportReport> HandleAsync(Stream content, bool dryRun, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var read = OscalMappingReader.Read(content);
        if (!read.Succeeded) return ImportReport.Refused(Format, read.Problems);
        if (read.Mappings.Count == 0)
        {
            return ImportReport.Refused(Format, [new CatalogueProblem("$.mapping-collection.mappings", "catalogue.mapping-empty", "The mapping collection holds no mappings.")]);
        }

        var sources = read.Mappings.Select(m => m.Source).DistinctBy(s => (s.Name, s.Version, s.Href)).ToList();
        var problems = new List<CatalogueProblem>();
        foreach (var foreign in sources.Where(s => !s.IsAdhere))
        {
            problems.Add(new CatalogueProblem("$.mapping-collection.mappings", "catalogue.mapping-unknown-source",
                $"The source '{foreign.Title ?? foreign.Href}' is not a catalogue of this installation; its href must be urn:adhere:catalogue:<name>:<version>."));
        }

        if (sources.Count > 1 && problems.Count == 0)
        {
            problems.Add(new CatalogueProblem("$.mapping-collection.mappings", "catalogue.mapping-several-sources",
                "The mapping collection maps from more than one catalogue; import one file per catalogue version."));
        }

        if (problems.Count > 0) return ImportReport.Refused(Format, problems);

        var source = sources[0];
        var header = await store.FindAsync(source.Name!, source.Version!, ct);
        if (header is null)
        {
            return ImportReport.Refused(Format, [new CatalogueProblem("$.mapping-collection.mappings[0].source-resource", "catalogue.mapping-unknown-source",
                $"No catalogue '{source.Name}' at version '{source.Version}' exists; import the catalogue first.")]);
        }

        var stored = await store.LoadAsync(header, ct);
        var fileStandards = read.Mappings.Select(m => m.Standard).GroupBy(s => s.Key).Select(g => g.First()).ToList();
        var replaced = fileStandards.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var standards = stored.Standards.Where(s => !replaced.Contains(s.Key))
            .Concat(fileStandards.Select(f => Merge(f, stored.Standards.FirstOrDefault(s => s.Key == f.Key))))
            .ToList();
        var mappings = stored.Mappings.Where(m => !replaced.Contains(m.StandardKey)).Concat(read.Mappings.SelectMany(m => m.Mappings)).ToList();
        var document = stored with { Standards = standards, Mappings = mappings };
        progress?.Report($"Read {read.Mappings.Sum(m => m.Mappings.Count)} mapping(s) to {fileStandards.Count} standard(s) for {header.Name} {header.Version}.");

        var invalid = CatalogueValidator.Validate(document);
        if (invalid.Count > 0) return ImportReport.Refused(Format, invalid, header.Name, header.Version);
        return await applier.ApplyAsync(document, Format, dryRun, progress, ct, new KnownVersion(new StoredVersion(header, stored)));
    }

    /// <summary>The file's standard with every clause the installation already knows for it, so no clause is lost.</summary>
    private static StandardDraft Merge(StandardDraft file, StandardDraft? stored)
    {
        if (stored is null) return file;
        var clauses = file.Clauses.Concat(stored.Clauses.Where(c => file.Clauses.All(f => f.Ref != c.Ref))).ToList();
        return file with { Clauses = clauses };
    }
}
