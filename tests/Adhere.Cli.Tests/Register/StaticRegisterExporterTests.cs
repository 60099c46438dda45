using System.Net;
using System.Text;
using Adhere.Cli.Register;

namespace Adhere.Cli.Tests.Register;

public sealed class StaticRegisterExporterTests : IDisposable
{
    private const string Id = "2026LVL02ADHERE001";
    private const string FormerId = "2026LVL01ADHERE001";
    private readonly string directory = Directory.CreateTempSubdirectory("adhere-static-unit-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A site that answers every planned URL, except <paramref name="failing"/>, with 500.</summary>
    private sealed class FakeSite(string? failing) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Asked.Add(path);
            var body = path switch
            {
                _ when path == failing => null,
                StaticRegisterPlan.EntryList => $$"""[{"verificationId":"{{Id}}"}]""",
                $"/api/v1/register/entries/{Id}" => $$"""{"verificationId":"{{Id}}","formerIds":["{{FormerId}}"],"reports":[{"url":"/register/{{Id}}/report.pdf"}]}""",
                "/register" => """<html><head><link rel="stylesheet" href="/css/site.css?v=abc" /><a href="/account/signin">x</a></head></html>""",
                "/css/site.css" => "body { background: url('/img/bg.png'); }",
                _ => "{}",
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) });
        }
    }

    private static async Task<(StaticRegisterExporter.Summary Summary, FakeSite Site, string Progress)> ExportAsync(string directory, string? failing = null)
    {
        var site = new FakeSite(failing);
        using var http = new HttpClient(site) { BaseAddress = new Uri("http://127.0.0.1:1/") };
        using var progress = new StringWriter();
        var summary = await new StaticRegisterExporter(http, progress).WriteAsync(directory, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken);
        return (summary, site, progress.ToString());
    }

    [Fact]
    public async Task WriteAsync_EntryWithAFormerIdAndAReport_FetchesEveryPlannedUrlAndTheAssets()
    {
        var (summary, site, progress) = await ExportAsync(directory);

        foreach (var id in new[] { Id, FormerId })
        {
            Assert.True(File.Exists(Path.Combine(directory, "register", id, "index.html")));
            Assert.True(File.Exists(Path.Combine(directory, "register", "verify", id, "index.html")));
            Assert.True(File.Exists(Path.Combine(directory, "api", "v1", "register", "verifications", id + ".json")));
            Assert.True(File.Exists(Path.Combine(directory, "register", id, "report.pdf")));
        }

        Assert.True(File.Exists(Path.Combine(directory, "css", "site.css")));
        Assert.True(File.Exists(Path.Combine(directory, "img", "bg.png")));
        Assert.DoesNotContain("/account/signin", site.Asked);
        Assert.Equal(site.Asked.Count, site.Asked.Distinct().Count()); // each URL fetched once
        Assert.Equal(1, summary.Entries);
        Assert.Equal(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count(), summary.Files);
        Assert.Matches(@"\[1 of \d+\] /register -> register/index\.html", progress);
        Assert.Contains($"[{site.Asked.Count} of {site.Asked.Count}] /img/bg.png -> img/bg.png", progress, StringComparison.Ordinal); // the list grows as pages name assets
    }

    [Fact]
    public async Task WriteAsync_APlannedUrlFails_ThrowsNamingIt()
    {
        var failing = $"/register/verify/{FormerId}";

        var error = await Assert.ThrowsAsync<StaticExportFetchException>(() => ExportAsync(directory, failing));

        Assert.Contains($"{failing} answered 500", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/register", "register/index.html")]
    [InlineData("/register/2026LVL02ADHERE001", "register/2026LVL02ADHERE001/index.html")]
    [InlineData("/register/verify/2026LVL02ADHERE001", "register/verify/2026LVL02ADHERE001/index.html")]
    [InlineData("/register/2026LVL02ADHERE001/report.pdf", "register/2026LVL02ADHERE001/report.pdf")]
    [InlineData("/api/v1/register/entries/2026LVL02ADHERE001", "api/v1/register/entries/2026LVL02ADHERE001.json")]
    [InlineData("/api/v1/register/export.csv", "api/v1/register/export.csv")]
    [InlineData("/.well-known/adhere-keys.json", ".well-known/adhere-keys.json")]
    public void FileFor_LivePath_IsTheDocumentedFile(string path, string file) => Assert.Equal(file, StaticRegisterPlan.FileFor(path));

    [Theory]
    [InlineData("/register/../../etc/passwd")]
    [InlineData("register")]
    [InlineData("/css/site.css?v=1")]
    public void FileFor_PathThatIsNoPlainSitePath_Throws(string path) => Assert.Throws<ArgumentException>(() => StaticRegisterPlan.FileFor(path));
}
