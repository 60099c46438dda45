using System.Text.Json;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;

namespace Adhere.Bench;

/// <summary>The in-memory operations compared: the reference parse, and the import path without a database.</summary>
internal static class Operations
{
    /// <summary>The reference: what any importer of this file must at least do.</summary>
    public static JsonValueKind Parse(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes.AsMemory());
        return document.RootElement.ValueKind;
    }

    /// <summary>What an import does before it touches the database: read the OSCAL catalog and validate it.</summary>
    public static CatalogueDocument Read(byte[] bytes)
    {
        var result = OscalCatalogReader.Read(bytes.AsMemory());
        if (!result.Succeeded) throw Refused(result.Problems);
        var problems = CatalogueValidator.Validate(result.Document);
        return problems.Count == 0 ? result.Document : throw Refused(problems);
    }

    public static InvalidOperationException Refused(IReadOnlyList<CatalogueProblem> problems) =>
        new($"The catalogue was refused, so the benchmark would not measure an import: {string.Join("; ", problems.Take(3).Select(p => $"{p.Location} {p.Code}"))}");
}
