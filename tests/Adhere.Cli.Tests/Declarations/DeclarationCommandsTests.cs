using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Declarations;
using Adhere.Web.Tests.Declarations;

namespace Adhere.Cli.Tests.Declarations;

public sealed class DeclarationCommandsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("adhere-cli-declaration-");

    public void Dispose() => folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(folder.FullName, name);

    /// <summary>Each installation keeps its evidence in the test's folder, never in the checkout.</summary>
    private Dictionary<string, string?> Evidence(string name) => new() { ["Evidence:StoragePath"] = PathOf(name) };

    private async Task<CliHarness> InstallationWithCatalogueAsync(string code)
    {
        var cli = await CliHarness.CreateMigratedAsync();
        var yaml = PathOf($"catalogue-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(yaml, DeclarationBundleSamples.CatalogueYaml(code), TestContext.Current.CancellationToken);
        await cli.SucceedAsync("catalogue", "import", yaml);
        return cli;
    }

    [Fact]
    public async Task ImportExport_RoundTripThroughTheCli_PrintsTheIdAndWritesTheSameBundle()
    {
        var code = $"Cli Bundle {Guid.NewGuid():N}";
        var ct = TestContext.Current.CancellationToken;
        await using var first = await InstallationWithCatalogueAsync(code);
        await using var second = await InstallationWithCatalogueAsync(code);
        var input = PathOf("input.json");
        await File.WriteAllTextAsync(input, DeclarationBundleSamples.ToJson(DeclarationBundleSamples.Draft(code, "Nimbus Cloud")), ct);

        var imported = await first.RunWithSettingsAsync(Evidence("first"), "declaration", "import", input);
        var exported = await first.RunWithSettingsAsync(Evidence("first"), "declaration", "export", imported.Out.Trim(), "-o", PathOf("first.json"));
        var reimported = await second.RunWithSettingsAsync(Evidence("second"), "declaration", "import", PathOf("first.json"));
        var again = await second.RunWithSettingsAsync(Evidence("second"), "declaration", "export", reimported.Out.Trim(), "-o", PathOf("second.json"));

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(Guid.TryParse(imported.Out.Trim(), out _), imported.ToString());
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.True(reimported.ExitCode == 0, reimported.ToString());
        Assert.True(Guid.TryParse(reimported.Out.Trim(), out _), reimported.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(await File.ReadAllTextAsync(PathOf("first.json"), ct), await File.ReadAllTextAsync(PathOf("second.json"), ct));
    }

    [Fact]
    public async Task Import_BadBundle_ExitsWithTwoListsEveryProblemAndStoresNothing()
    {
        var code = $"Cli Bundle {Guid.NewGuid():N}";
        await using var cli = await InstallationWithCatalogueAsync(code);
        var good = DeclarationBundleSamples.Draft(code, "Broken Cloud");
        var bad = good with
        {
            Declaration = good.Declaration with
            {
                Answers = [.. good.Declaration.Answers!, new BundleAnswer("9.Z", "x", null, null), new BundleAnswer("9.Y", "y", null, null)],
            },
        };
        var input = PathOf("bad.json");
        await File.WriteAllTextAsync(input, DeclarationBundleSamples.ToJson(bad), TestContext.Current.CancellationToken);
        var before = await cli.CountAsync();

        var result = await cli.RunWithSettingsAsync(Evidence("evidence"), "declaration", "import", input);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("$.declaration.answers[1].controlKey: The Code version has no control '9.Z'. (declaration.unknown-control)", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.declaration.answers[2].controlKey: The Code version has no control '9.Y'. (declaration.unknown-control)", result.Error, StringComparison.Ordinal);
        Assert.Contains("(declaration-bundle.invalid)", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.CountAsync());
    }

    [Fact]
    public async Task Export_UnknownDeclaration_ExitsWithTwo()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var result = await cli.RunAsync("declaration", "export", Guid.NewGuid().ToString(), "-o", PathOf("none.json"));

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("(declaration.not-found)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("none.json")));
    }
}
