using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Adhere.Cli;
using Adhere.Cli.Register;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary><c>adhere register export</c> against a database with listed entries: what a static mirror of the register holds.</summary>
public sealed class StaticRegisterExportTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("adhere-static-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private sealed record Run(int ExitCode, string Out, string Error);

    private static Task<Run> ExportAsync(AdhereAppFactory factory, params string[] args) => ExportWithBaseAsync(factory, "http://localhost", args);

    /// <param name="publicBaseUrl">The Register:PublicBaseUrl setting; the live test site answers as http://localhost.</param>
    private static async Task<Run> ExportWithBaseAsync(AdhereAppFactory factory, string? publicBaseUrl, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = factory.Database.ProviderName,
            ["ConnectionStrings:Adhere"] = factory.Database.ConnectionString,
            ["Evidence:StoragePath"] = factory.EvidencePath,
            ["Signing:KeyPassword"] = "test-signing-key-password",
            ["Register:PublicBaseUrl"] = publicBaseUrl,
        };
        var exit = await AdhereCli.RunAsync(["register", "export", .. args], stdout, stderr, settings, factory.Time, Ct);
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    private static string Collapse(string html) => Regex.Replace(html, @"\s+", " ");

    private static string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    [Fact]
    public async Task Export_BaseUrl_IsRequiredAndUsedForTheAbsoluteLinks()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var dir = Path.Combine(root, "public");

        var missing = await ExportWithBaseAsync(app, null, dir);
        var written = await ExportWithBaseAsync(app, null, dir, "--base-url", "https://register.example.org");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cli.base-url-required", missing.Error, StringComparison.Ordinal);
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.Contains($"https://register.example.org/register/{listed.VerificationId}/badge.svg", Read(dir, $"register/{listed.VerificationId}/index.html"),
            StringComparison.Ordinal);
        Assert.Contains($"href=\"https://register.example.org/register/{listed.VerificationId}\"", Read(dir, "register/feed.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", Read(dir, "register/feed.atom"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ListedEntry_WritesPagesJsonCsvReportAndAManifestThatMatches()
    {
        // A signing key, so that the signed status documents are part of the copy; creating it twice is refused harmlessly.
        await app.WithSystemAsync(sp => sp.GetRequiredService<Adhere.Core.Reports.Signing.CreateSigningKey>().HandleAsync(Ct));
        var listed = await RegisterScenario.ListedAsync(app);
        var id = listed.VerificationId;
        var dir = Path.Combine(root, "site");

        var run = await ExportAsync(app, dir);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"\[\d+ of \d+\] /register -> register/index\.html", run.Out);
        Assert.Matches(@"Exported \d+ register entries: \d+ files, \d+ bytes", run.Out);

        var entryPage = Read(dir, $"register/{id}/index.html");
        Assert.Contains($"<h1>{listed.Company}</h1>", entryPage, StringComparison.Ordinal);
        Assert.Contains($"<dt>Verification-ID</dt><dd>{id}</dd>", entryPage, StringComparison.Ordinal);
        Assert.Contains($"<dd>Level {listed.Level}</dd>", entryPage, StringComparison.Ordinal);
        Assert.Contains("Static copy of the public register, generated at", entryPage, StringComparison.Ordinal);

        var index = Read(dir, "register/index.html");
        Assert.Contains($"<a href=\"/register/{id}\">{id}</a>", index, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", index, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", index, StringComparison.Ordinal);

        using var verification = JsonDocument.Parse(Read(dir, $"api/v1/register/verifications/{id}.json"));
        Assert.Equal("valid", verification.RootElement.GetProperty("status").GetString());
        using var entry = JsonDocument.Parse(Read(dir, $"api/v1/register/entries/{id}.json"));
        Assert.Equal(listed.Company, entry.RootElement.GetProperty("company").GetString());
        Assert.Contains(Read(dir, "api/v1/register/export.csv").Split("\r\n"), l => l.StartsWith($"{id},{listed.Company},{listed.Level},valid,", StringComparison.Ordinal));
        using var all = JsonDocument.Parse(Read(dir, "api/v1/register/export.json"));
        Assert.Contains(all.RootElement.EnumerateArray(), e => e.GetProperty("verificationId").GetString() == id);

        var pdf = await File.ReadAllBytesAsync(Path.Combine(dir, "register", id, "report.pdf"), Ct);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.True(File.Exists(Path.Combine(dir, "css", "site.css")));
        Assert.Contains("try_files $uri $uri.json =404;", Read(dir, StaticRegisterExporter.NginxFile), StringComparison.Ordinal);
        using (var log = JsonDocument.Parse(Read(dir, "register/transparency-log.json"))) Assert.Equal(JsonValueKind.Object, log.RootElement.ValueKind);
        using (var keys = JsonDocument.Parse(Read(dir, ".well-known/adhere-keys.json"))) Assert.Equal(JsonValueKind.Object, keys.RootElement.ValueKind);

        var badge = System.Xml.Linq.XDocument.Parse(Read(dir, $"register/{id}/badge.svg"));
        Assert.Contains(id, badge.Root!.Value, StringComparison.Ordinal);
        var feed = System.Xml.Linq.XDocument.Parse(Read(dir, "register/feed.atom"));
        Assert.Contains(feed.Root!.Descendants(), e => e.Name.LocalName == "title" && e.Value.Contains(id, StringComparison.Ordinal));
        var published = System.Text.Json.JsonSerializer.Deserialize<Adhere.Core.Reports.Signing.JsonWebKeySet>(Read(dir, ".well-known/adhere-keys.json"))!;
        var status = Adhere.Core.Register.Status.StatusDocumentVerifier.Verify(Read(dir, $"register/{id}/status.json"), published, app.Time.GetUtcNow());
        Assert.False(status.IsError, status.IsError ? status.Error!.Message : "");

        // Every planned URL of the entry is a file (the templates switched on after a merge are checked here too).
        foreach (var template in StaticRegisterPlan.Global.Concat(StaticRegisterPlan.PerId).Concat(StaticRegisterPlan.PerEntry).Concat(StaticRegisterPlan.PerIdWithReport))
        {
            var file = StaticRegisterPlan.FileFor(StaticRegisterPlan.Expand(template, id));
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{template} was not exported as {file}");
        }

        // The manifest names every file but itself, with its size and hash.
        using var manifest = JsonDocument.Parse(Read(dir, StaticRegisterExporter.ManifestFile));
        var listedFiles = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        var onDisk = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/')).Where(f => f != StaticRegisterExporter.ManifestFile).Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, listedFiles.Select(f => f.GetProperty("path").GetString()));
        foreach (var f in listedFiles)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(dir, f.GetProperty("path").GetString()!), Ct);
            Assert.Equal(f.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(f.GetProperty("bytes").GetInt64(), bytes.LongLength);
        }

        Assert.Empty(Directory.EnumerateDirectories(root, ".*"));
    }

    [Fact]
    public async Task Export_EntryPage_IsTheLiveSitesPageApartFromTheNote()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var dir = Path.Combine(root, "site");
        Assert.Equal(0, (await ExportAsync(app, dir)).ExitCode);

        using var page = app.AnonymousPageClient();
        using var response = await page.GetAsync($"/register/{listed.VerificationId}");
        var live = await response.Content.ReadAsStringAsync(Ct);
        var exported = Regex.Replace(Read(dir, $"register/{listed.VerificationId}/index.html"), @"<p class=""notice static-copy""[^<]*</p>", "");

        Assert.Equal(Collapse(live), Collapse(exported));
    }

    [Fact]
    public async Task Export_TwiceFromTheSameDatabase_WritesTheSameFilesApartFromTheNote()
    {
        await RegisterScenario.ListedAsync(app);
        Assert.Equal(0, (await ExportAsync(app, Path.Combine(root, "a"))).ExitCode);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await ExportAsync(app, Path.Combine(root, "b"))).ExitCode);

        static Dictionary<string, string> Files(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != StaticRegisterExporter.ManifestFile)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Regex.Replace(File.ReadAllText(f), "generated at [0-9: -]+UTC", ""));
        var a = Files(Path.Combine(root, "a"));
        var b = Files(Path.Combine(root, "b"));

        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        // Signed status documents differ by nature: they state when they were issued, and ES256 signatures are randomised.
        Assert.All(a.Where(f => !f.Key.EndsWith("status.json", StringComparison.Ordinal)), f => Assert.True(f.Value == b[f.Key], $"{f.Key} differs"));
    }

    [Fact]
    public async Task Export_AfterALevelChange_TheOldIdStillResolves()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();
        var dir = Path.Combine(root, "site");

        Assert.Equal(0, (await ExportAsync(app, dir)).ExitCode);

        Assert.Contains($"<dt>Verification-ID</dt><dd>{newId}</dd>", Read(dir, $"register/{listed.VerificationId}/index.html"), StringComparison.Ordinal);
        Assert.Contains(newId, Read(dir, $"register/verify/{listed.VerificationId}/index.html"), StringComparison.Ordinal);
        using var old = JsonDocument.Parse(Read(dir, $"api/v1/register/verifications/{listed.VerificationId}.json"));
        Assert.Equal(listed.VerificationId, old.RootElement.GetProperty("requestedId").GetString());
        Assert.Equal(newId, old.RootElement.GetProperty("verificationId").GetString());
        Assert.True(File.Exists(Path.Combine(dir, "register", listed.VerificationId, "report.pdf")));
        Assert.True(File.Exists(Path.Combine(dir, "register", newId, "index.html")));
    }

    [Fact]
    public async Task Export_AfterALevelChange_HoldsTheEarlierReportWhereTheEntryPageLinksIt()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();
        var dir = Path.Combine(root, "site");

        Assert.Equal(0, (await ExportAsync(app, dir)).ExitCode);

        using var entry = JsonDocument.Parse(Read(dir, $"api/v1/register/entries/{newId}.json"));
        var earlier = entry.RootElement.GetProperty("reports").EnumerateArray().Single(r => !r.GetProperty("current").GetBoolean());
        var url = earlier.GetProperty("url").GetString()!;
        Assert.Contains($"href=\"{url}\"", Read(dir, $"register/{newId}/index.html"), StringComparison.Ordinal);
        var file = Path.Combine(dir, url.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        Assert.Equal(earlier.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.NotEqual(bytes, await File.ReadAllBytesAsync(Path.Combine(dir, "register", newId, "report.pdf"), Ct));
    }

    [Fact]
    public async Task Export_ExistingDirectory_FailsWithoutForceAndIsReplacedWithForce()
    {
        await RegisterScenario.ListedAsync(app);
        var dir = Path.Combine(root, "site");
        Directory.CreateDirectory(dir);
        var marker = Path.Combine(dir, "keep.txt");
        await File.WriteAllTextAsync(marker, "mine", Ct);

        var refused = await ExportAsync(app, dir);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("(cli.export-exists)", refused.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(marker));
        Assert.Single(Directory.EnumerateFileSystemEntries(root));

        var forced = await ExportAsync(app, dir, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.False(File.Exists(marker));
        Assert.True(File.Exists(Path.Combine(dir, "register", "index.html")));
        Assert.Single(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public async Task Export_BadPath_FailsNamingTheProblem()
    {
        var file = Path.Combine(root, "a-file");
        await File.WriteAllTextAsync(file, "x", Ct);

        var noParent = await ExportAsync(app, Path.Combine(root, "missing", "site"));
        var isFile = await ExportAsync(app, file, "--force");

        Assert.Equal(2, noParent.ExitCode);
        Assert.Contains("parent folder", noParent.Error, StringComparison.Ordinal);
        Assert.Contains("(cli.export-path-invalid)", noParent.Error, StringComparison.Ordinal);
        Assert.Equal(2, isFile.ExitCode);
        Assert.Contains("it is a file. (cli.export-path-invalid)", isFile.Error, StringComparison.Ordinal);
        Assert.Equal("x", await File.ReadAllTextAsync(file, Ct));
    }

    [Fact]
    public async Task Export_ExpiredEntry_ShowsItAsExpired()
    {
        await using var own = new AdhereAppFactory();
        await own.InitializeAsync();
        var listed = await RegisterScenario.ListedAsync(own);
        await RegisterScenario.ExpireAllAsync(own);
        var dir = Path.Combine(root, "site");

        Assert.Equal(0, (await ExportAsync(own, dir)).ExitCode);

        using var verification = JsonDocument.Parse(Read(dir, $"api/v1/register/verifications/{listed.VerificationId}.json"));
        Assert.Equal("expired", verification.RootElement.GetProperty("status").GetString());
        Assert.Matches($"{listed.VerificationId}: expired since", Read(dir, $"register/verify/{listed.VerificationId}/index.html"));
        Assert.Contains($"<th scope=\"row\">{listed.Company}</th>", Read(dir, "register/index.html"), StringComparison.Ordinal);
    }
}
