using System.Text;
using System.Text.Json;
using Adhere.Core.Catalogue;
using Adhere.Core.Demo;
using Adhere.Core.Persistence;
using Adhere.Domain.Catalogue;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Catalogue;

/// <summary>Whole-pipeline checks on a real database: real files in, exports out, and back in elsewhere.</summary>
public sealed class CatalogueRoundTripTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static Task<ImportReport> ImportAsync(AdhereAppFactory target, byte[] bytes, CatalogueFormat format = CatalogueFormat.Auto) =>
        target.WithSystemAsync(sp => sp.GetRequiredService<ImportCatalogue>()
            .HandleAsync(new ImportCatalogue.Command(new MemoryStream(bytes), bytes.Length, format, false), CancellationToken.None));

    private static Task<byte[]> ExportAsync(AdhereAppFactory source, string name, string version, ExportFormat format) =>
        source.WithSystemAsync(async sp =>
        {
            using var buffer = new MemoryStream();
            var result = await sp.GetRequiredService<ExportCatalogue>().HandleAsync(name, version, format, buffer, CancellationToken.None);
            Assert.False(result.IsError, result.Error?.Message);
            return buffer.ToArray();
        });

    private static Task<CatalogueDocument> StoredAsync(AdhereAppFactory source, string name, string version) =>
        source.WithSystemAsync(async sp =>
        {
            var store = sp.GetRequiredService<CatalogueStore>();
            return await store.LoadAsync((await store.FindAsync(name, version, CancellationToken.None))!, CancellationToken.None);
        });

    /// <summary>Counts groups and controls (nested ones included) by walking the OSCAL JSON directly.</summary>
    private static (int Groups, int Controls) Count(JsonElement catalog)
    {
        int groups = 0, controls = 0;
        void Controls(JsonElement parent)
        {
            if (!parent.TryGetProperty("controls", out var list)) return;
            foreach (var c in list.EnumerateArray())
            {
                controls++;
                Controls(c);
            }
        }

        void Groups(JsonElement parent)
        {
            if (!parent.TryGetProperty("groups", out var list)) return;
            foreach (var g in list.EnumerateArray())
            {
                groups++;
                Controls(g);
                Groups(g);
            }
        }

        Groups(catalog);
        Controls(catalog);
        return (groups, controls);
    }

    [Theory]
    [InlineData("oscal/examples/basic-catalog.json")]
    [InlineData("oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json")]
    public async Task Import_RealNistFile_StoresEveryGroupAndControl(string file)
    {
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.Shared(file));
        using var json = JsonDocument.Parse(bytes);
        var catalog = json.RootElement.GetProperty("catalog");
        var (groups, controls) = Count(catalog);
        var title = catalog.GetProperty("metadata").GetProperty("title").GetString()!;
        var version = catalog.GetProperty("metadata").GetProperty("version").GetString()!;

        var report = await ImportAsync(app, bytes, CatalogueFormat.Oscal);

        Assert.Empty(report.Problems);
        Assert.Equal(title, report.Name);
        Assert.Equal(version, report.Version);
        var stored = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var header = await sp.GetRequiredService<CatalogueStore>().FindAsync(title, version, CancellationToken.None);
            return (Sections: await db.CatalogueSections.CountAsync(s => s.CatalogueId == header!.Id),
                Controls: await db.CatalogueControls.CountAsync(c => c.CatalogueId == header!.Id));
        });
        Assert.Equal(groups, stored.Sections);
        Assert.Equal(controls, stored.Controls);
        Assert.Equal(ImportAction.Unchanged, (await ImportAsync(app, bytes)).Action);
    }

    [Fact]
    public async Task OursToOscalToOurs_KeepsIdsTitlesStatementsAndMappings()
    {
        await app.WithSystemAsync(sp => sp.GetRequiredService<DemoSeeder>().ImportDemoCatalogueAsync(CancellationToken.None));
        const string name = "EU Cloud CoC v2.11 (demo: structure only)";
        var original = await StoredAsync(app, name, "2.11");
        var catalog = await ExportAsync(app, name, "2.11", ExportFormat.Oscal);
        var mappings = await ExportAsync(app, name, "2.11", ExportFormat.OscalMapping);

        await using var elsewhere = new AdhereAppFactory();
        await elsewhere.InitializeAsync();
        var first = await ImportAsync(elsewhere, catalog);
        var second = await ImportAsync(elsewhere, mappings);
        var copy = await StoredAsync(elsewhere, name, "2.11");

        Assert.Empty(first.Problems);
        Assert.Empty(second.Problems);
        Assert.Equal(ImportAction.Updated, second.Action);
        Assert.Equal(original.Controls.Select(c => (c.Key, c.SectionKey, c.Title, c.Statement, c.Guidance)),
            copy.Controls.Select(c => (c.Key, c.SectionKey, c.Title, c.Statement, c.Guidance)));
        Assert.Equal(original.Controls.Select(c => string.Join('|', c.GdprReferences.Concat(c.Tags))), copy.Controls.Select(c => string.Join('|', c.GdprReferences.Concat(c.Tags))));
        Assert.Equal(original.Sections.Select(s => (s.Key, s.ParentKey, s.Title)), copy.Sections.Select(s => (s.Key, s.ParentKey, s.Title)));
        Assert.Equal(Mappings(original), Mappings(copy));
        // The catalog again: its version is found (looked up while the file is read) and lends it the mappings.
        Assert.Equal(ImportAction.Unchanged, (await ImportAsync(elsewhere, catalog)).Action);
        Assert.Equal(Mappings(original), Mappings(await StoredAsync(elsewhere, name, "2.11")));
    }

    private static IEnumerable<string> Mappings(CatalogueDocument d) =>
        d.Mappings.Select(m => $"{m.ControlKey}|{m.StandardKey}|{m.ClauseRef}|{m.Relationship}|{m.Rationale}|{m.IsDemo}").Order(StringComparer.Ordinal);

    [Fact]
    public async Task Import_MalformedOscalJson_NamesLineAndColumnAndWritesNothing()
    {
        var before = await app.AuditCountAsync();

        var report = await ImportAsync(app, Encoding.UTF8.GetBytes("{\n  \"catalog\": {\n    \"uuid\": \"x\",\n    \"metadata\": { \"title\": \"T\" \n"), CatalogueFormat.Oscal);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("catalogue.malformed-json", problem.Code);
        Assert.Matches(@"^line \d+, column \d+$", problem.Location);
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Import_NativeFileAsOscal_IsRefusedWithAClearMessage()
    {
        var report = await ImportAsync(app, Encoding.UTF8.GetBytes("format: adhere-catalogue/1\ncode: { name: x, version: '1' }\n"), CatalogueFormat.Oscal);

        Assert.Equal("catalogue.not-oscal", Assert.Single(report.Problems).Code);
    }

    [Fact]
    public async Task Import_MappingsForUnknownCatalogue_AreRefusedAndNothingChanges()
    {
        await app.WithSystemAsync(sp => sp.GetRequiredService<DemoSeeder>().ImportDemoCatalogueAsync(CancellationToken.None));
        var mappings = Encoding.UTF8.GetString(await ExportAsync(app, "EU Cloud CoC v2.11 (demo: structure only)", "2.11", ExportFormat.OscalMapping))
            .Replace("urn:adhere:catalogue:EU", "urn:adhere:catalogue:NO", StringComparison.Ordinal);
        var before = await app.AuditCountAsync();

        var report = await ImportAsync(app, Encoding.UTF8.GetBytes(mappings));

        Assert.Equal("catalogue.mapping-unknown-source", Assert.Single(report.Problems).Code);
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Diff_TwoVersionsWithTransition_ListsChangesAndTheTransition()
    {
        var name = $"Versioned {Guid.NewGuid():N}";
        string Yaml(string version, string controls, string transitions = "") => $"""
            format: adhere-catalogue/1
            code:
              name: "{name}"
              version: "{version}"
            sections:
              - id: "5"
                title: Data protection
                controls:
            {controls}
            {transitions}
            """;
        await ImportAsync(app, Encoding.UTF8.GetBytes(Yaml("1.0", "      - { id: 5.1, title: Old agreement }\n      - { id: 5.2, title: Kept }")));
        await ImportAsync(app, Encoding.UTF8.GetBytes(Yaml("2.0", "      - { id: 5.1.A, title: New agreement }\n      - { id: 5.2, title: Kept and renamed }",
            "transitions:\n  - from: \"1.0\"\n    controls:\n      - { from: \"5.1\", to: 5.1.A, note: split }")));

        var comparison = await app.WithSystemAsync(sp => sp.GetRequiredService<DiffCatalogues>().HandleAsync(name, "1.0", "2.0", CancellationToken.None));

        Assert.Equal(["5.1.A"], comparison.Value.Diff.AddedControls);
        Assert.Equal(["5.1"], comparison.Value.Diff.RemovedControls);
        Assert.Equal("5.2", Assert.Single(comparison.Value.Diff.ChangedControls).Key);
        Assert.Equal(new TransitionRow("5.1", "5.1.A", "split"), Assert.Single(comparison.Value.Transition));
    }
}
