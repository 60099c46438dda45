using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Adhere.Core.Demo;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Catalogue;

public sealed class CatalogueApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static readonly SemaphoreSlim DemoOnce = new(1, 1);

    private static string Yaml(string name) => $"""
        format: adhere-catalogue/1
        code:
          name: "{name}"
          version: "1.0"
        sections:
          - id: "1"
            title: General
            controls:
              - id: 1.A
                title: First control
                statement: Providers keep a register of processing.
                tags: [records]
        """;

    private async Task<Guid> DemoIdAsync()
    {
        await DemoOnce.WaitAsync();
        try
        {
            using var client = app.ApiClient(null);
            var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/catalogues"));
            var demo = list.EnumerateArray().FirstOrDefault(c => c.GetProperty("isDemo").GetBoolean());
            if (demo.ValueKind != System.Text.Json.JsonValueKind.Undefined) return demo.GetProperty("id").GetGuid();
            await app.WithSystemAsync(sp => sp.GetRequiredService<DemoSeeder>().ImportDemoCatalogueAsync(CancellationToken.None));
            list = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/catalogues"));
            return list.EnumerateArray().First(c => c.GetProperty("isDemo").GetBoolean()).GetProperty("id").GetGuid();
        }
        finally
        {
            DemoOnce.Release();
        }
    }

    private static ByteArrayContent Body(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        return content;
    }

    [Fact]
    public async Task Read_Anonymously_ShowsCatalogueControlAndMappings()
    {
        var id = await DemoIdAsync();
        using var client = app.ApiClient(null);

        var catalogue = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/catalogues/{id}"));
        var control = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/catalogues/{id}/controls/5.3.A"));
        var hits = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/catalogues/search?q=subprocessor&catalogueId={id}"));

        Assert.Equal("2.11", catalogue.GetProperty("catalogue").GetProperty("version").GetString());
        Assert.Equal("5.3", control.GetProperty("sectionKey").GetString());
        Assert.NotEqual(0, control.GetProperty("mappings").GetArrayLength());
        Assert.Contains(hits.EnumerateArray(), h => h.GetProperty("key").GetString()!.StartsWith("5.3.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetControl_Unknown_Answers404()
    {
        var id = await DemoIdAsync();
        using var client = app.ApiClient(null);

        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/v1/catalogues/{id}/controls/9.9.Z"), HttpStatusCode.NotFound, "catalogue.control-not-found");
        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/v1/catalogues/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "catalogue.not-found");
    }

    [Fact]
    public async Task Import_AsAdministrator_DryRunThenImportThenUnchanged()
    {
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var yaml = Yaml($"Api Code {Guid.NewGuid():N}");

        var dry = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/catalogues/import?dryRun=true", Body(yaml)));
        var real = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/catalogues/import", Body(yaml)));
        var again = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/catalogues/import", Body(yaml)));

        Assert.Equal("Created", dry.GetProperty("action").GetString());
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal("Created", real.GetProperty("action").GetString());
        Assert.Equal("Unchanged", again.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Import_InvalidFile_Answers400WithEveryProblem()
    {
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var yaml = Yaml($"Bad {Guid.NewGuid():N}") + """

              - id: 1.A
                title: Duplicate
        mappings:
          - control: 7.7
            standard: nowhere
            clause: x
            relationship: equal-to
        """;

        var response = await admin.PostAsync("/api/v1/catalogues/import", Body(yaml));

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("catalogue.invalid", json.GetProperty("errorCode").GetString());
        var codes = json.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("catalogue.duplicate-control", codes);
        Assert.Contains("catalogue.mapping-unknown-control", codes);
        Assert.Contains("catalogue.mapping-unknown-standard", codes);
    }

    [Fact]
    public async Task Import_ByNonAdministrator_IsRefused()
    {
        using var assessor = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));
        using var anonymous = app.ApiClient(null);

        await HttpAssert.ProblemAsync(await assessor.PostAsync("/api/v1/catalogues/import", Body(Yaml("x"))), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await anonymous.PostAsync("/api/v1/catalogues/import", Body(Yaml("x"))), HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task Export_NativeThenImport_IsUnchanged()
    {
        var id = await DemoIdAsync();
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));

        var exported = await admin.GetAsync($"/api/v1/catalogues/{id}/export?format=native");
        var yaml = await exported.Content.ReadAsStringAsync();
        var again = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/catalogues/import", Body(yaml)));

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("Unchanged", again.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Export_UnknownFormat_Answers400()
    {
        var id = await DemoIdAsync();
        using var client = app.ApiClient(null);

        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/v1/catalogues/{id}/export?format=pdf"), HttpStatusCode.BadRequest, "catalogue.unknown-export-format");
    }

    [Fact]
    public async Task Freeze_ThenChangedImport_IsRefused()
    {
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var name = $"Frozen {Guid.NewGuid():N}";
        var created = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/catalogues/import", Body(Yaml(name))));
        var list = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/catalogues"));
        var id = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/catalogues/{id}/freeze", null)).StatusCode);
        var changed = await admin.PostAsync("/api/v1/catalogues/import", Body(Yaml(name).Replace("First control", "Renamed", StringComparison.Ordinal)));

        Assert.Equal("Created", created.GetProperty("action").GetString());
        var json = await HttpAssert.JsonAsync(changed, HttpStatusCode.BadRequest);
        Assert.Equal("catalogue.version-frozen", json.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task PublicPages_RenderCatalogueControlAndSearch()
    {
        var id = await DemoIdAsync();
        using var browser = app.AnonymousPageClient();

        var list = await browser.Http.GetStringAsync("/catalogues");
        var details = await browser.Http.GetStringAsync($"/catalogues/{id}");
        var control = await browser.Http.GetStringAsync($"/catalogues/{id}/controls/5.1.A");
        var search = await browser.Http.GetStringAsync($"/catalogues/search?q=breach");

        Assert.Contains("EU Cloud CoC v2.11 (demo: structure only)", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        Assert.Contains("6.2.P", details, StringComparison.Ordinal);
        Assert.Contains("Mappings to standards", control, StringComparison.Ordinal);
        Assert.Contains("5.12.", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleUpload_PreviewThenConfirm_ImportsTheFile()
    {
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var name = $"Uploaded {Guid.NewGuid():N}";
        var token = await session.AntiforgeryTokenAsync("/console/catalogues");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("auto"), "format" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Yaml(name))), "upload", "catalogue.yaml" },
        };

        var preview = await session.Http.PostAsync("/console/catalogues?handler=Preview", form);
        var html = await preview.Content.ReadAsStringAsync();
        var listedBefore = await session.Http.GetStringAsync("/catalogues");
        var uploadId = System.Text.RegularExpressions.Regex.Match(html, "name=\"uploadId\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        var confirm = await session.PostFormAsync("/console/catalogues", "/console/catalogues?handler=Confirm", new() { ["uploadId"] = uploadId, ["format"] = "auto" });

        Assert.Contains("Would create a new version", html, StringComparison.Ordinal);
        Assert.DoesNotContain(name, listedBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Contains(name, await session.Http.GetStringAsync("/catalogues"), StringComparison.Ordinal);
    }
}
