using System.Text.Json;
using System.Text.RegularExpressions;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Catalogue;

public sealed partial class CatalogueCommandsTests : IDisposable
{
    private const string Name = "Test Code";

    /// <summary>A small native catalogue: two sections, two controls (one with a parameter), one standard, one mapping.</summary>
    private const string BaseYaml = """
        format: adhere-catalogue/1
        code:
          name: "%NAME%"
          version: "%VERSION%"
          owner: Test owner
          published: 2024-01-15
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
                    statement: "The provider follows {{ insert: param, p1 }}."
                    parameters:
                      - id: p1
                        label: documented instructions
                  # more controls
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
          # more mappings
        """;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("adhere-cli-catalogue-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Import_NewFile_IsCreatedAndListed()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var file = Write("code.yaml", Yaml());

        var import = await cli.RunAsync("catalogue", "import", file);
        var list = await cli.SucceedAsync("catalogue", "list");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains($"Created catalogue: {Name} 1.0 — 2 sections, 2 controls, 1 mapping (read as the native format).", import.Out, StringComparison.Ordinal);
        Assert.Contains("standard iso-27001-2022 created with 1 clause(s)", import.Out, StringComparison.Ordinal);
        Assert.Equal("", import.Error);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+VERSION\s+STATUS\s+CONTROLS\s+FLAGS\s+UPDATED$", lines[0]);
        Assert.Matches($@"^{Name}\s+1\.0\s+draft\s+2\s+-\s+\d{{4}}-\d\d-\d\dT", lines[1]);
    }

    [Fact]
    public async Task Import_SameFileAgain_SaysUnchangedAndChangesNothing()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var file = Write("code.yaml", Yaml());
        await cli.SucceedAsync("catalogue", "import", file);
        var before = await SnapshotAsync(cli);

        var again = await cli.RunAsync("catalogue", "import", file);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"Unchanged catalogue: {Name} 1.0 — 2 sections, 2 controls, 1 mapping", again.Out, StringComparison.Ordinal);
        Assert.Contains("nothing was written", again.Out, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_DryRun_SaysWhatWouldHappenAndWritesNothing()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var before = await SnapshotAsync(cli);

        var dryRun = await cli.RunAsync("catalogue", "import", Write("code.yaml", Yaml()), "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains($"Would create catalogue: {Name} 1.0 — 2 sections, 2 controls, 1 mapping", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was written.", dryRun.Out, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
        Assert.Contains("No catalogues.", before.List, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DryRunOfChangedFile_ShowsTheDiffAndWritesNothing()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("v1.yaml", Yaml()));
        var before = await SnapshotAsync(cli);

        var dryRun = await cli.RunAsync("catalogue", "import", Write("changed.yaml", WithControl(Yaml(), "5.1.C", "Added later")), "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains($"Would update catalogue: {Name} 1.0 — 2 sections, 3 controls, 1 mapping", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("Controls added (1): 5.1.C", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was written.", dryRun.Out, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_ChangedFile_ReportsUpdatedWithTheDiff()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("v1.yaml", Yaml()));
        var auditBefore = (await cli.CountAsync()).AuditEntries;
        var changed = WithMapping(WithControl(Yaml(), "5.1.C", "Added later"), "5.1.B")
            .Replace("title: Written agreement", "title: Written and signed agreement", StringComparison.Ordinal)
            .Replace("title: Agreement", "title: The agreement", StringComparison.Ordinal);

        var update = await cli.RunAsync("catalogue", "import", Write("v1-changed.yaml", changed));

        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains($"Updated catalogue: {Name} 1.0 — 2 sections, 3 controls, 2 mappings", update.Out, StringComparison.Ordinal);
        Assert.Contains("Controls added (1): 5.1.C\n", update.Out, StringComparison.Ordinal);
        Assert.Contains("Controls changed (1):\n  5.1.A: title\n", update.Out, StringComparison.Ordinal);
        Assert.Contains("Sections changed (1):\n  5.1: title\n", update.Out, StringComparison.Ordinal);
        Assert.Contains("Mappings added (1): 5.1.B → iso-27001-2022 A.5.20\n", update.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("removed", update.Out, StringComparison.Ordinal);
        Assert.Equal(auditBefore + 1, (await cli.CountAsync()).AuditEntries);
        Assert.Matches($@"\n{Name}\s+1\.0\s+draft\s+3\s", (await cli.SucceedAsync("catalogue", "list")).Out);
    }

    [Fact]
    public async Task Import_SmallFile_ShowsProgressOnlyWithVerbose()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var quiet = await cli.RunAsync("catalogue", "import", Write("a.yaml", Yaml(name: "Quiet Code")));
        var verbose = await cli.RunAsync("catalogue", "import", Write("b.yaml", Yaml(name: "Verbose Code")), "--verbose");

        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain("Parsed", quiet.Error, StringComparison.Ordinal);
        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Matches(@"(?m)^\[\d+\.\d s\] Parsed 2 section\(s\) and 2 control\(s\)\.$", verbose.Error);
        Assert.Contains("] Done.", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Native_ReimportsAsUnchanged()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("code.yaml", Yaml()));
        var exported = Path.Combine(folder.FullName, "exported.yaml");

        var export = await cli.RunAsync("catalogue", "export", Name, "1.0", "--format", "native", "-o", exported);
        var before = await SnapshotAsync(cli);
        var reimport = await cli.RunAsync("catalogue", "import", exported);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains($"Exported {Name} 1.0 as native YAML to {exported}", export.Out, StringComparison.Ordinal);
        Assert.StartsWith("# Adhere catalogue", await File.ReadAllTextAsync(exported, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(["code.yaml", "exported.yaml"], folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.True(reimport.ExitCode == 0, reimport.ToString());
        Assert.Contains($"Unchanged catalogue: {Name} 1.0", reimport.Out, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Export_NativeWithStandardsDeclaredOutOfMappingOrder_ReimportsAsUnchanged()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var yaml = Yaml()
            .Replace("standards:\n", "standards:\n  - id: soc-2\n    title: SOC 2\n", StringComparison.Ordinal)
            .Replace("  # more mappings", "  - control: 5.1.B\n    standard: soc-2\n    clause: CC6.1\n    relationship: subset-of", StringComparison.Ordinal);
        await cli.SucceedAsync("catalogue", "import", Write("code.yaml", yaml));
        var exported = Path.Combine(folder.FullName, "exported.yaml");
        await cli.SucceedAsync("catalogue", "export", Name, "1.0", "-o", exported);

        var before = await SnapshotAsync(cli);

        // The export lists the standards in the order the mappings use them, not as the file declared them; still the same content.
        var reimport = await cli.RunAsync("catalogue", "import", exported);

        Assert.True(reimport.ExitCode == 0, reimport.ToString());
        Assert.Contains($"Unchanged catalogue: {Name} 1.0 — 2 sections, 2 controls, 2 mappings", reimport.Out, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Export_WithoutOutputOrWithDash_WritesToStandardOutput()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("code.yaml", Yaml()));

        var plain = await cli.RunAsync("catalogue", "export", Name, "1.0");
        var dash = await cli.RunAsync("catalogue", "export", Name.ToUpperInvariant(), "1.0", "-o", "-");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains("format: adhere-catalogue/1\n", plain.Out, StringComparison.Ordinal);
        Assert.Contains("id: 5.1.B", plain.Out, StringComparison.Ordinal);
        Assert.Equal(plain.Out, dash.Out);
        Assert.Equal("", plain.Error);
    }

    [Fact]
    public async Task Export_Oscal_ExportedFileImports()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("code.yaml", Yaml()));
        var catalog = Path.Combine(folder.FullName, "catalog.json");
        var mappings = Path.Combine(folder.FullName, "mappings.json");

        var export = await cli.RunAsync("catalogue", "export", Name, "1.0", "--format", "oscal", "-o", catalog);
        await cli.SucceedAsync("catalogue", "export", Name, "1.0", "--format", "oscal-mapping", "-o", mappings);
        var auditBefore = (await cli.CountAsync()).AuditEntries;
        var reimport = await cli.RunAsync("catalogue", "import", catalog);
        var auditAfter = (await cli.CountAsync()).AuditEntries;
        var again = await cli.RunAsync("catalogue", "import", catalog);
        var restore = await cli.RunAsync("catalogue", "import", mappings);

        Assert.True(export.ExitCode == 0, export.ToString());
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(catalog, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(2, CountControls(json.RootElement.GetProperty("catalog")));
        }

        // An OSCAL catalog carries no status and no mappings; when it updates a stored version, the import keeps those
        // from the stored version, so the catalog exported from this version re-imports as "Unchanged", and so does
        // the mapping collection exported beside it.
        Assert.True(reimport.ExitCode == 0, reimport.ToString());
        Assert.Contains($"Unchanged catalogue: {Name} 1.0", reimport.Out, StringComparison.Ordinal);
        Assert.Equal(auditBefore, auditAfter);
        Assert.Contains($"Unchanged catalogue: {Name} 1.0", again.Out, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains($"Unchanged catalogue: {Name} 1.0", restore.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OscalMapping_ReimportsAsUnchanged()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("code.yaml", Yaml()));
        var exported = Path.Combine(folder.FullName, "mappings.json");
        await cli.SucceedAsync("catalogue", "export", Name, "1.0", "--format", "oscal-mapping", "-o", exported);
        var before = await SnapshotAsync(cli);

        var reimport = await cli.RunAsync("catalogue", "import", exported);

        Assert.True(reimport.ExitCode == 0, reimport.ToString());
        Assert.Contains($"Unchanged catalogue: {Name} 1.0 — 2 sections, 2 controls, 1 mapping (read as an OSCAL mapping collection).", reimport.Out, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Export_UnknownCatalogue_ExitsTwoAndLeavesTheFilesAlone()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var target = Path.Combine(folder.FullName, "missing.yaml");
        var existing = Write("existing.yaml", "keep me");

        var export = await cli.RunAsync("catalogue", "export", "No Such Code", "1.0", "-o", target);
        var over = await cli.RunAsync("catalogue", "export", "No Such Code", "1.0", "-o", existing);
        var toOutput = await cli.RunAsync("catalogue", "export", "No Such Code", "1.0", "--format", "oscal");

        Assert.Equal(2, export.ExitCode);
        Assert.Equal("error: No catalogue 'No Such Code' at version '1.0' was found. (catalogue.not-found)\n", export.Error);
        Assert.Equal(2, over.ExitCode);
        // Neither a new file, nor a temporary one left behind, nor the existing file replaced.
        Assert.Equal(["existing.yaml"], folder.GetFiles().Select(f => f.Name));
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing, TestContext.Current.CancellationToken));
        Assert.Equal(2, toOutput.ExitCode);
        Assert.Equal("", toOutput.Out);
    }

    [Fact]
    public async Task Export_IntoMissingFolder_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("code.yaml", Yaml()));

        var export = await cli.RunAsync("catalogue", "export", Name, "1.0", "-o", Path.Combine(folder.FullName, "nowhere", "x.yaml"));

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("does not exist. (catalogue.output-unwritable)", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_TwoVersions_ListsTheAddedControlAndTheTransition()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("v1.yaml", Yaml()));
        var v2 = WithControl(Yaml(version: "2.0"), "5.1.C", "Split from the instructions") +
            "\ntransitions:\n  - from: \"1.0\"\n    controls:\n      - from: 5.1.B\n        to: 5.1.C\n        note: Split in two.\n";
        await cli.SucceedAsync("catalogue", "import", Write("v2.yaml", v2));

        var diff = await cli.RunAsync("catalogue", "diff", Name, "1.0", "2.0");
        var same = await cli.RunAsync("catalogue", "diff", Name, "1.0", "1.0");

        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains($"{Name} 1.0 (2 controls) → 2.0 (3 controls)", diff.Out, StringComparison.Ordinal);
        Assert.Contains("Controls added (1): 5.1.C\n", diff.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Controls removed", diff.Out, StringComparison.Ordinal);
        Assert.Contains("Transition between the versions (1 row):", diff.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^5\.1\.B\s+5\.1\.C\s+Split in two\.$", diff.Out);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("No differences", same.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_UnknownVersion_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("v1.yaml", Yaml()));

        var diff = await cli.RunAsync("catalogue", "diff", Name, "1.0", "9.9");

        Assert.Equal(2, diff.ExitCode);
        Assert.Contains("(catalogue.not-found)", diff.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freeze_ThenChangedImport_IsRefusedAndNothingChanges()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("v1.yaml", Yaml()));

        var freeze = await cli.RunAsync("catalogue", "freeze", Name, "1.0");
        var before = await SnapshotAsync(cli);
        var change = await cli.RunAsync("catalogue", "import", Write("changed.yaml", WithControl(Yaml(), "5.1.C", "Too late")));
        var again = await cli.RunAsync("catalogue", "freeze", Name, "1.0");

        Assert.True(freeze.ExitCode == 0, freeze.ToString());
        Assert.Contains($"Froze {Name} 1.0", freeze.Out, StringComparison.Ordinal);
        Assert.Matches($@"\n{Name}\s+1\.0\s+draft\s+2\s+frozen\s", before.List);
        Assert.Equal(2, change.ExitCode);
        Assert.Contains("$.code.version: ", change.Error, StringComparison.Ordinal);
        Assert.Contains("(catalogue.version-frozen)", change.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("(catalogue.already-frozen)", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MalformedYaml_ExitsTwoNamingLineAndColumn()
    {
        await using var cli = await WithOneCatalogueAsync();
        var before = await SnapshotAsync(cli);

        var import = await cli.RunAsync("catalogue", "import", Write("bad.yaml", "format: adhere-catalogue/1\ncode:\n  name: [unclosed\n  version: 1\n"));

        Assert.Equal(2, import.ExitCode);
        Assert.Matches(@"^line \d+, column \d+: The file is not valid YAML or JSON.* \(catalogue\.malformed-yaml\)\n", import.Error);
        Assert.EndsWith("was not imported (1 problem); nothing was written.\n", import.Error, StringComparison.Ordinal);
        Assert.Equal("", import.Out);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_SchemaViolation_ExitsTwoNamingTheJsonPath()
    {
        await using var cli = await WithOneCatalogueAsync();
        var before = await SnapshotAsync(cli);
        var yaml = Yaml(name: "Other Code").Replace("relationship: intersects-with", "relationship: similar-to", StringComparison.Ordinal);

        var import = await cli.RunAsync("catalogue", "import", Write("bad.yaml", yaml));

        Assert.Equal(2, import.ExitCode);
        Assert.Matches(@"(?m)^\$\.mappings\[0\]\.relationship \(line \d+\): .+ \(catalogue\.schema-violation\)$", import.Error);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_DuplicateControlAndDanglingMapping_ListsBoth()
    {
        await using var cli = await WithOneCatalogueAsync();
        var before = await SnapshotAsync(cli);
        var yaml = WithMapping(WithControl(Yaml(name: "Other Code"), "5.1.A", "Duplicate"), "9.9.Z");

        var import = await cli.RunAsync("catalogue", "import", Write("bad.yaml", yaml));

        Assert.Equal(2, import.ExitCode);
        Assert.Matches(@"(?m)^\$\.sections\[0\]\.sections\[0\]\.controls\[2\] \(line \d+\): Control '5\.1\.A' appears more than once\. \(catalogue\.duplicate-control\)$", import.Error);
        Assert.Matches(@"(?m)^\$\.mappings\[1\] \(line \d+\): A mapping refers to control '9\.9\.Z', which does not exist\. \(catalogue\.mapping-unknown-control\)$", import.Error);
        Assert.Contains("(2 problems); nothing was written.", import.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_FileOverTheSizeLimit_ExitsTwoWithTooLarge()
    {
        await using var cli = await WithOneCatalogueAsync();
        var before = await SnapshotAsync(cli);
        var limit = new Dictionary<string, string?> { ["Catalogue:MaxImportBytes"] = "200" };

        var import = await cli.RunWithSettingsAsync(limit, "catalogue", "import", Write("big.yaml", Yaml(name: "Other Code")));

        Assert.Equal(2, import.ExitCode);
        Assert.StartsWith("$: The file is larger than the limit", import.Error, StringComparison.Ordinal);
        Assert.Contains("(catalogue.too-large)", import.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_InvalidSizeLimitSetting_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var import = await cli.RunWithSettingsAsync(new Dictionary<string, string?> { ["Catalogue:MaxImportBytes"] = "lots" },
            "catalogue", "import", Write("code.yaml", Yaml()));
        var zero = await cli.RunWithSettingsAsync(new Dictionary<string, string?> { ["Catalogue:MaxImportBytes"] = "0" },
            "catalogue", "import", Write("code.yaml", Yaml()));

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("Catalogue:MaxImportBytes", import.Error, StringComparison.Ordinal);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("must be a positive number", zero.Error, StringComparison.Ordinal);
        Assert.Contains("No catalogues.", (await SnapshotAsync(cli)).List, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFileOrFolder_ExitsTwoWithAClearMessage()
    {
        await using var cli = await WithOneCatalogueAsync();
        var before = await SnapshotAsync(cli);
        var missing = Path.Combine(folder.FullName, "nope.yaml");

        var file = await cli.RunAsync("catalogue", "import", missing);
        var directory = await cli.RunAsync("catalogue", "import", folder.FullName);

        Assert.Equal(2, file.ExitCode);
        Assert.Equal($"error: No file '{missing}' was found. (catalogue.file-not-found)\n", file.Error);
        Assert.Equal(2, directory.ExitCode);
        Assert.Contains("is a folder, not a file. (catalogue.file-is-folder)", directory.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(cli));
    }

    [Fact]
    public async Task Import_NistLowBaselineAsOscal_PrintsEveryControlAndShowsProgress()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var file = SharedFile("oscal", "examples", "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json");
        int expected;
        using (var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)))
        {
            expected = CountControls(json.RootElement.GetProperty("catalog"));
        }

        var import = await cli.RunAsync("catalogue", "import", file, "--format", "oscal");

        Assert.True(import.ExitCode == 0, import.ToString());
        var summary = SummaryLine().Match(import.Out);
        Assert.True(summary.Success, import.Out);
        Assert.Equal("Created", summary.Groups["action"].Value);
        Assert.Equal(expected, int.Parse(summary.Groups["controls"].Value, System.Globalization.CultureInfo.InvariantCulture));
        // Larger than 1 MB, so progress shows without --verbose.
        Assert.Contains("] Parsed ", import.Error, StringComparison.Ordinal);
        Assert.Matches($@"\n.+\s{expected}\s+-\s+\d{{4}}-", (await cli.SucceedAsync("catalogue", "list")).Out);
    }

    /// <summary>Every control of an OSCAL catalog: in groups, at the top level and nested in other controls.</summary>
    private static int CountControls(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p =>
            (p.Name == "controls" && p.Value.ValueKind == JsonValueKind.Array ? p.Value.GetArrayLength() : 0) + CountControls(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(CountControls),
        _ => 0,
    };

    private static string Yaml(string name = Name, string version = "1.0") =>
        BaseYaml.Replace("%NAME%", name, StringComparison.Ordinal).Replace("%VERSION%", version, StringComparison.Ordinal);

    private static string WithControl(string yaml, string key, string title) => yaml.Replace("          # more controls",
        $"          - id: {key}\n            title: {title}\n            statement: {title}.\n          # more controls", StringComparison.Ordinal);

    private static string WithMapping(string yaml, string control) => yaml.Replace("  # more mappings",
        $"  - control: {control}\n    standard: iso-27001-2022\n    clause: A.5.20\n    relationship: subset-of\n  # more mappings", StringComparison.Ordinal);

    private string Write(string fileName, string content)
    {
        var path = Path.Combine(folder.FullName, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A file under /work/shared: the folder beside the checkout (the one holding Adhere.slnx).</summary>
    private static string SharedFile(params string[] parts)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Adhere.slnx"))) root = root.Parent;
        Assert.True(root?.Parent is not null, $"No folder holding Adhere.slnx above {AppContext.BaseDirectory}.");
        return Path.Combine([root.Parent.FullName, "shared", .. parts]);
    }

    private async Task<CliHarness> WithOneCatalogueAsync()
    {
        var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("catalogue", "import", Write("good.yaml", Yaml()));
        return cli;
    }

    /// <summary>What a refused or unchanged import must leave as it was.</summary>
    private sealed record Snapshot(string List, int AuditEntries, int Catalogues, int Controls, int Mappings, int Standards);

    private static async Task<Snapshot> SnapshotAsync(CliHarness cli)
    {
        var list = (await cli.SucceedAsync("catalogue", "list")).Out;
        var audit = (await cli.CountAsync()).AuditEntries;
        return await cli.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var ct = TestContext.Current.CancellationToken;
            return new Snapshot(list, audit, await db.Catalogues.CountAsync(ct), await db.CatalogueControls.CountAsync(ct),
                await db.ControlMappings.CountAsync(ct), await db.Standards.CountAsync(ct));
        });
    }

    [GeneratedRegex(@"^(?<action>Created|Updated|Unchanged) catalogue: .+ — (?<sections>\d+) sections?, (?<controls>\d+) controls?, (?<mappings>\d+) mappings?", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
