using System.Text;
using Adhere.Core.Catalogue;
using Adhere.Core.Catalogue.Native;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Core.Demo;
using Adhere.Core.Persistence;
using Adhere.Domain.Catalogue;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Catalogue;

public sealed class CatalogueImportTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string Native(string name, string version = "1.0", string extraControls = "", string mappings = "") => $$$"""
        format: adhere-catalogue/1
        code:
          name: "{{{name}}}"
          version: "{{{version}}}"
          owner: Test owner
          status: draft
        sections:
          - id: "5"
            title: Data protection
            sections:
              - id: "5.1"
                title: Agreement
                controls:
                  - id: 5.1.A
                    title: Written agreement
                    statement: The provider signs a written agreement.
                    gdpr: ["Art. 28(3)"]
                    tags: [service-agreement]
                  - id: 5.1.B
                    title: Instructions
                    statement: |
                      The provider follows {{ insert: param, p1 }}.
                      Line two.
                    parameters:
                      - id: p1
                        label: documented instructions
        {{{extraControls}}}
        standards:
          - id: iso-27001-2022
            title: ISO/IEC 27001:2022
            publisher: ISO/IEC
            clauses:
              - ref: A.5.20
                title: Security in supplier agreements (our words)
        mappings:
          - control: 5.1.A
            standard: iso-27001-2022
            clause: A.5.20
            relationship: intersects-with
            rationale: Both ask for a written agreement.
        {{{mappings}}}
        """;

    private Task<ImportReport> ImportAsync(string content, bool dryRun = false, CatalogueFormat format = CatalogueFormat.Auto) =>
        app.WithSystemAsync(sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            return sp.GetRequiredService<ImportCatalogue>().HandleAsync(new ImportCatalogue.Command(new MemoryStream(bytes), bytes.Length, format, dryRun), CancellationToken.None);
        });

    private Task<(int Catalogues, int Controls, int Mappings, int Standards, int Audit)> CountsAsync() =>
        app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            return (await db.Catalogues.CountAsync(), await db.CatalogueControls.CountAsync(), await db.ControlMappings.CountAsync(),
                await db.Standards.CountAsync(), await db.AuditEvents.CountAsync());
        });

    [Fact]
    public async Task Import_NewNativeFile_CreatesVersionWithControlsAndMappings()
    {
        var name = $"Code {Guid.NewGuid():N}";

        var report = await ImportAsync(Native(name));

        Assert.Empty(report.Problems);
        Assert.Equal(ImportAction.Created, report.Action);
        Assert.Equal(2, report.Controls);
        var control = await app.WithSystemAsync(async sp =>
        {
            var queries = sp.GetRequiredService<CatalogueQueries>();
            var found = await queries.FindAsync(name, "1.0", CancellationToken.None);
            return (await queries.GetControlAsync(found.Value.Id, "5.1.B", CancellationToken.None)).Value;
        });
        Assert.Equal("The provider follows [Assignment: documented instructions].\nLine two.", control.Statement);
        Assert.Contains("{{ insert: param, p1 }}", control.StatementSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SameFileTwice_ChangesNothingAndSaysSo()
    {
        var content = Native($"Code {Guid.NewGuid():N}");
        await ImportAsync(content);
        var before = await CountsAsync();

        var again = await ImportAsync(content);

        Assert.Equal(ImportAction.Unchanged, again.Action);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_NewVersion_StoresItsFingerprintInTheHeaderAndTheAuditEntry()
    {
        // A new version's fingerprint is hashed while its rows are written and replaces a placeholder before the commit.
        var name = $"Code {Guid.NewGuid():N}";
        var content = Native(name);
        var expected = CatalogueFingerprint.Current(NativeCatalogueReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(content))).Document!);

        await ImportAsync(content);

        var (hash, changes) = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var header = await db.Catalogues.AsNoTracking().SingleAsync(c => c.Name == name);
            var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "catalogue.imported" && e.ObjectId == header.Id.ToString());
            return (header.ContentHash, audit.Changes);
        });
        Assert.Equal(expected, hash);
        Assert.Contains(expected, changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_StreamLongerThanAnnounced_IsRefusedAndWritesNothing()
    {
        var bytes = Encoding.UTF8.GetBytes(Native($"Code {Guid.NewGuid():N}"));
        var before = await CountsAsync();

        var report = await app.WithSystemAsync(sp => sp.GetRequiredService<ImportCatalogue>().HandleAsync(
            new ImportCatalogue.Command(new MemoryStream(bytes), bytes.Length - 10, CatalogueFormat.Auto, false), CancellationToken.None));

        Assert.Equal("catalogue.too-large", Assert.Single(report.Problems).Code);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_ShorterFileAfterLongerOne_ReadsOnlyItsOwnBytes()
    {
        // Uploads are read into pooled arrays: the second, shorter file may get the first one's array back, and must
        // not see what is left of it past its own end. Its announced length is longer than the stream, too.
        var longer = Native($"Code {Guid.NewGuid():N}", extraControls: """
                  - id: 5.1.C
                    title: A third control that only the longer file has
                    statement: The provider keeps a record of every instruction it was given, with the date.
        """);
        var shorterName = $"Code {Guid.NewGuid():N}";
        var shorter = Encoding.UTF8.GetBytes(Native(shorterName));
        await ImportAsync(longer);

        var report = await app.WithSystemAsync(sp => sp.GetRequiredService<ImportCatalogue>().HandleAsync(
            new ImportCatalogue.Command(new MemoryStream(shorter), shorter.Length + 100, CatalogueFormat.Auto, false), CancellationToken.None));

        Assert.Empty(report.Problems);
        Assert.Equal((ImportAction.Created, shorterName, 2), (report.Action, report.Name, report.Controls));
    }

    [Fact]
    public async Task Import_FailureWhileWritingControls_WritesNothing()
    {
        // The header and the audit entry are saved before the content rows, in the same transaction: a failure on
        // the last control must take them back too. A trigger makes the database refuse that one row.
        var content = Native($"Code {Guid.NewGuid():N}", extraControls: """
                  - id: 5.1.FAIL
                    title: Refused by the database
                    statement: The test's trigger refuses this row.
        """);
        await ExecuteAsync(TestDatabase.ChosenProvider == DatabaseProvider.Postgres
            ? """
              CREATE FUNCTION refuse_control() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW."Key" = '5.1.FAIL' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
              CREATE TRIGGER refuse_control BEFORE INSERT ON "CatalogueControls" FOR EACH ROW EXECUTE FUNCTION refuse_control();
              """
            : """
              CREATE TRIGGER refuse_control BEFORE INSERT ON "CatalogueControls" WHEN NEW."Key" = '5.1.FAIL'
              BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
              """);
        try
        {
            var before = await CountsAsync();

            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ImportAsync(content));

            Assert.Equal(before, await CountsAsync());
        }
        finally
        {
            await ExecuteAsync(TestDatabase.ChosenProvider == DatabaseProvider.Postgres
                ? """DROP TRIGGER refuse_control ON "CatalogueControls"; DROP FUNCTION refuse_control();"""
                : "DROP TRIGGER refuse_control;");
        }
    }

    /// <summary>The basic OSCAL catalog under a title of its own (or <paramref name="title"/>), with <paramref name="change"/> applied to its text.</summary>
    private static (string Title, string Json) BasicCatalog(Func<string, string>? change = null, string? title = null)
    {
        title ??= $"Basic {Guid.NewGuid():N}";
        var json = File.ReadAllText(RepositoryFiles.Shared("oscal/examples/basic-catalog.json"))
            .Replace("Sample Security Catalog *for Demonstration* and Testing", title, StringComparison.Ordinal);
        return (title, change is null ? json : change(json));
    }

    private Task<int> CataloguesNamedAsync(string name) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Catalogues.CountAsync(c => c.Name == name));

    [Fact]
    public async Task Import_NewOscalCatalog_HeaderSavedDuringTheReadHoldsTheDocumentsFields()
    {
        // The header of a new OSCAL version is saved from the title and version alone while the file is read, and
        // completed from the document afterwards (ADR 0037).
        var (title, json) = BasicCatalog();
        var code = OscalCatalogReader.Read(Encoding.UTF8.GetBytes(json)).Document!.Code;

        var report = await ImportAsync(json);

        Assert.Equal(ImportAction.Created, report.Action);
        var header = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Catalogues.AsNoTracking().SingleAsync(c => c.Name == title));
        Assert.Equal((code.Version, code.Owner, code.PublishedOn, code.Description, code.Origin, code.SourceId, code.Status),
            (header.Version, header.Owner, header.PublishedOn, header.Description, header.Origin, header.SourceId, header.Status));
        Assert.Equal((report.Controls, header.ImportedAt), (header.ControlCount, header.UpdatedAt));
        Assert.NotEqual(CatalogueApplier.PendingFingerprint, header.ContentHash);
    }

    [Fact]
    public async Task Import_OscalCatalogRefusedAfterItsHeaderWasSaved_WritesNothingAndLeavesTheContextClean()
    {
        // A control repeated: the file reads, so its header may already be saved, and the validation refuses it.
        var (title, json) = BasicCatalog(j => j.Replace("\"id\": \"s1.1.2\"", "\"id\": \"s1.1.1\"", StringComparison.Ordinal));
        var (_, valid) = BasicCatalog(title: title);
        var before = await CountsAsync();

        var (refused, clean, second) = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var import = sp.GetRequiredService<ImportCatalogue>();
            var bytes = Encoding.UTF8.GetBytes(json);
            var first = await import.HandleAsync(new ImportCatalogue.Command(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Auto, false), CancellationToken.None);
            var clean = db.Database.CurrentTransaction is null && !db.ChangeTracker.Entries<CatalogueVersion>().Any();
            // The same context imports the valid file under the same title and version.
            bytes = Encoding.UTF8.GetBytes(valid);
            var next = await import.HandleAsync(new ImportCatalogue.Command(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Auto, false), CancellationToken.None);
            return (first, clean, next);
        });

        Assert.Equal(ImportAction.Refused, refused.Action);
        Assert.Contains(refused.Problems, p => p.Message.Contains("s1.1.1", StringComparison.Ordinal));
        Assert.True(clean);
        Assert.Equal(ImportAction.Created, second.Action);
        Assert.Equal(1, await CataloguesNamedAsync(title));
        var after = await CountsAsync();
        Assert.Equal((before.Catalogues + 1, before.Audit + 1), (after.Catalogues, after.Audit));
    }

    [Fact]
    public async Task Import_OscalCatalogWhoseTitleIsNotTheOneAtItsStart_StoresOnlyTheTitleItEndsWith()
    {
        // A repeated metadata object: the start announces one title, the file's last metadata (which counts) another.
        // The header saved for the first must go.
        var decoy = $"Decoy {Guid.NewGuid():N}";
        var (title, json) = BasicCatalog(j => j.Replace("\"catalog\": {", $$"""
            "catalog": { "metadata": { "title": "{{decoy}}", "version": "1.1" },
            """, StringComparison.Ordinal));

        var report = await ImportAsync(json);

        Assert.Equal((ImportAction.Created, title), (report.Action, report.Name));
        Assert.Equal((0, 1), (await CataloguesNamedAsync(decoy), await CataloguesNamedAsync(title)));
    }

    [Fact]
    public async Task Import_OscalCatalogInsideTheCallersTransaction_IsUndoneWithIt()
    {
        // Nothing is reserved inside a transaction the caller holds: rolling it back must take the whole import back.
        var (title, json) = BasicCatalog();
        var before = await CountsAsync();

        var report = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            await using var outer = await db.Database.BeginTransactionAsync();
            var bytes = Encoding.UTF8.GetBytes(json);
            var imported = await sp.GetRequiredService<ImportCatalogue>().HandleAsync(
                new ImportCatalogue.Command(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Auto, false), CancellationToken.None);
            await outer.RollbackAsync();
            return imported;
        });

        Assert.Equal(ImportAction.Created, report.Action);
        Assert.Equal(0, await CataloguesNamedAsync(title));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_OscalCatalogDryRun_SavesNoHeader()
    {
        var (title, json) = BasicCatalog();
        var before = await CountsAsync();

        var report = await ImportAsync(json, dryRun: true);

        Assert.Equal((ImportAction.Created, true), (report.Action, report.DryRun));
        Assert.Equal(0, await CataloguesNamedAsync(title));
        Assert.Equal(before, await CountsAsync());
    }

    private Task<int> ExecuteAsync(string sql) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Database.ExecuteSqlRawAsync(sql));

    [Fact]
    public async Task Import_ChangedFile_UpdatesAndReportsTheDifference()
    {
        var name = $"Code {Guid.NewGuid():N}";
        await ImportAsync(Native(name));

        var report = await ImportAsync(Native(name, extraControls: """
                  - id: 5.1.C
                    title: Added later
                    statement: A new control.
        """).Replace("title: Written agreement", "title: Written and signed agreement", StringComparison.Ordinal));

        Assert.Equal(ImportAction.Updated, report.Action);
        Assert.Equal(["5.1.C"], report.Diff!.AddedControls);
        Assert.Equal("5.1.A", Assert.Single(report.Diff.ChangedControls).Key);
        Assert.Equal(["title"], report.Diff.ChangedControls[0].Fields);
    }

    [Fact]
    public async Task Import_DryRun_ReportsButWritesNothing()
    {
        var before = await CountsAsync();

        var standard = $"std-{Guid.NewGuid():N}";

        var report = await ImportAsync(Native($"Code {Guid.NewGuid():N}").Replace("iso-27001-2022", standard, StringComparison.Ordinal), dryRun: true);

        Assert.Equal(ImportAction.Created, report.Action);
        Assert.True(report.DryRun);
        Assert.Contains($"standard {standard} created", string.Join("\n", report.StandardChanges), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_IntoFrozenVersion_IsRefusedAndNothingChanges()
    {
        var name = $"Code {Guid.NewGuid():N}";
        await ImportAsync(Native(name));
        await app.WithSystemAsync(async sp =>
        {
            var found = await sp.GetRequiredService<CatalogueQueries>().FindAsync(name, "1.0", CancellationToken.None);
            return await sp.GetRequiredService<FreezeCatalogue>().HandleAsync(found.Value.Id, CancellationToken.None);
        });
        var before = await CountsAsync();

        var report = await ImportAsync(Native(name).Replace("Written agreement", "Changed", StringComparison.Ordinal));

        Assert.Equal(ImportAction.Refused, report.Action);
        Assert.Equal("catalogue.version-frozen", Assert.Single(report.Problems).Code);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_MalformedYaml_NamesLineAndColumnAndWritesNothing()
    {
        var before = await CountsAsync();

        var report = await ImportAsync("format: adhere-catalogue/1\ncode:\n  name: [unclosed\n  version: 1\n");

        var problem = Assert.Single(report.Problems);
        Assert.Equal("catalogue.malformed-yaml", problem.Code);
        Assert.Matches(@"^line \d+, column \d+$", problem.Location);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_SchemaViolations_ListsEachWithItsPath()
    {
        var content = Native($"Code {Guid.NewGuid():N}")
            .Replace("relationship: intersects-with", "relationship: similar-to", StringComparison.Ordinal)
            .Replace("    title: Instructions\n", "    titel: Instructions\n", StringComparison.Ordinal);

        var report = await ImportAsync(content);

        Assert.Equal(ImportAction.Refused, report.Action);
        Assert.All(report.Problems, p => Assert.Equal("catalogue.schema-violation", p.Code));
        Assert.Contains(report.Problems, p => p.Location.StartsWith("$.mappings[0].relationship", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Location.StartsWith("$.sections[0].sections[0].controls[1]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_DuplicatesAndDanglingReferences_AreAllListedAtOnce()
    {
        var before = await CountsAsync();
        var content = Native($"Code {Guid.NewGuid():N}", extraControls: """
                  - id: 5.1.A
                    title: Duplicate
        """, mappings: """
          - control: 9.9.Z
            standard: iso-27001-2022
            clause: A.5.20
            relationship: subset-of
          - control: 5.1.B
            standard: soc-2
            clause: CC6.1
            relationship: subset-of
          - control: 5.1.B
            standard: iso-27001-2022
            clause: A.99
            relationship: subset-of
        """);

        var report = await ImportAsync(content);

        var codes = report.Problems.Select(p => p.Code).ToList();
        Assert.Contains("catalogue.duplicate-control", codes);
        Assert.Contains("catalogue.mapping-unknown-control", codes);
        Assert.Contains("catalogue.mapping-unknown-standard", codes);
        Assert.Contains("catalogue.mapping-unknown-clause", codes);
        Assert.Contains(report.Problems, p => p.Location.Contains("line", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_OverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var report = await app.WithSystemAsync(sp =>
        {
            var import = new ImportCatalogue(sp.GetRequiredService<CatalogueStore>(), sp.GetRequiredService<CatalogueApplier>(), sp.GetRequiredService<ImportMappings>(),
                new CatalogueSettings { MaxImportBytes = 100 });
            var bytes = new byte[101]; // not even valid YAML: it must not be read
            return import.HandleAsync(new ImportCatalogue.Command(new MemoryStream(bytes), null, CatalogueFormat.Auto, false), CancellationToken.None);
        });

        Assert.Equal("catalogue.too-large", Assert.Single(report.Problems).Code);
    }

    [Fact]
    public async Task DemoCatalogue_ImportsEveryKnownControlId()
    {
        var demo = await app.WithSystemAsync(async sp =>
        {
            await sp.GetRequiredService<DemoSeeder>().ImportDemoCatalogueAsync(CancellationToken.None);
            var queries = sp.GetRequiredService<CatalogueQueries>();
            var found = await queries.FindAsync("EU Cloud CoC v2.11 (demo: structure only)", "2.11", CancellationToken.None);
            return (await queries.GetAsync(found.Value.Id, CancellationToken.None)).Value;
        });

        var keys = Flatten(demo.Sections).SelectMany(s => s.Controls).Select(c => c.Key).ToHashSet();
        foreach (var id in KnownControlIds()) Assert.Contains(id, keys);
        Assert.True(demo.Catalogue.IsDemo);
        Assert.True(demo.Mappings >= 30);
    }

    [Fact]
    public async Task NativeFormat_WriteThenRead_KeepsTheDocument()
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(DemoSeeder.DemoCatalogueResource)!;
        var original = NativeCatalogueReader.Read(stream).Document!;
        var written = new StringWriter();

        NativeCatalogueWriter.Write(original, written);
        var again = NativeCatalogueReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(written.ToString())));

        Assert.Empty(again.Problems);
        Assert.Equal(CatalogueFingerprint.Of(original), CatalogueFingerprint.Of(again.Document!));
    }

    /// <summary>The control IDs DOMAIN.md lists as known from public reports.</summary>
    private static IEnumerable<string> KnownControlIds()
    {
        (string Sub, char Last)[] ranges =
        [
            ("5.1", 'H'), ("5.2", 'A'), ("5.3", 'E'), ("5.4", 'E'), ("5.5", 'F'), ("5.7", 'F'), ("5.8", 'B'), ("5.9", 'B'),
            ("5.11", 'C'), ("5.12", 'D'), ("5.13", 'B'), ("5.14", 'F'), ("6.1", 'C'), ("6.2", 'P'),
        ];
        return ranges.SelectMany(r => Enumerable.Range('A', r.Last - 'A' + 1).Select(c => $"{r.Sub}.{(char)c}"));
    }

    private static IEnumerable<SectionView> Flatten(IEnumerable<SectionView> sections) =>
        sections.SelectMany(s => new[] { s }.Concat(Flatten(s.Sections)));
}
