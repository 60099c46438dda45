using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Documents;

public sealed class DocumentsApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n%%EOF\n");

    private async Task<(TestUser User, HttpClient Client)> UserAsync(Role role)
    {
        var org = await app.CreateProviderAsync();
        var user = await app.CreateUserAsync(role, org);
        return (user, await app.ApiClientAsync(user));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = body };
        request.Headers.Add("X-File-Name", Uri.EscapeDataString(fileName));
        return client.SendAsync(request);
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private string StoredPath(string sha) => Path.Combine(app.EvidencePath, sha[..2], sha);

    private Task<int> RowsWithHashAsync(string sha) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Documents.CountAsync(d => d.Sha256 == sha));

    private int StoredFiles() =>
        Directory.Exists(app.EvidencePath) ? Directory.EnumerateFiles(app.EvidencePath, "*", SearchOption.AllDirectories).Count() : 0;

    [Fact]
    public async Task Upload_Pdf_StoresContentAddressedAndAudits()
    {
        var (user, client) = await UserAsync(Role.CspEditor);
        using var _ = client;
        var content = Pdf(Guid.NewGuid().ToString());

        var created = await HttpAssert.JsonAsync(await UploadAsync(client, "Policy 2026.pdf", content), HttpStatusCode.Created);

        Assert.Equal("Policy 2026.pdf", created.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", created.GetProperty("contentType").GetString());
        Assert.Equal(content.Length, created.GetProperty("length").GetInt64());
        Assert.Equal(Sha256(content), created.GetProperty("sha256").GetString());
        Assert.Equal(user.OrganisationId.Value, created.GetProperty("organisationId").GetGuid());
        Assert.Equal(content, await File.ReadAllBytesAsync(StoredPath(Sha256(content))));
        var id = created.GetProperty("id").GetGuid().ToString();
        var audited = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents
            .Where(e => e.ObjectType == "document" && e.ObjectId == id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["document.uploaded"], audited);
    }

    [Fact]
    public async Task Upload_SameContentTwice_StoredOnceWithTwoDocuments()
    {
        var (_, client) = await UserAsync(Role.CspEditor);
        using var _ = client;
        var content = Pdf(Guid.NewGuid().ToString());

        await HttpAssert.JsonAsync(await UploadAsync(client, "a.pdf", content), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await UploadAsync(client, "b.pdf", content), HttpStatusCode.Created);

        var sha = Sha256(content);
        Assert.Equal(2, await RowsWithHashAsync(sha));
        Assert.Single(Directory.GetFiles(Path.Combine(app.EvidencePath, sha[..2]), sha));
    }

    [Fact]
    public async Task Download_OwnDocument_IsAttachmentWithNosniffAndSandbox()
    {
        var (_, client) = await UserAsync(Role.CspEditor);
        using var _ = client;
        var content = Pdf(Guid.NewGuid().ToString());
        var created = await HttpAssert.JsonAsync(await UploadAsync(client, "report.pdf", content), HttpStatusCode.Created);

        var response = await client.GetAsync($"/api/v1/documents/{created.GetProperty("id").GetGuid()}/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("report.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_OverLimit_Answers413NamingTheLimitAndStoresNothing()
    {
        var (_, client) = await UserAsync(Role.CspEditor);
        using var _ = client;
        var limit = app.Services.GetRequiredService<EvidenceSettings>().MaxUploadBytes;
        var content = new byte[limit + 1];
        Pdf("big").CopyTo(content, 0);
        var files = StoredFiles();

        var response = await UploadAsync(client, "big.pdf", content);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "document.too-large");
        Assert.Contains("25 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsWithHashAsync(Sha256(content)));
        Assert.Equal(files, StoredFiles());
    }

    [Fact]
    public async Task Upload_Empty_Answers400()
    {
        var (_, client) = await UserAsync(Role.CspEditor);
        using var _ = client;

        await HttpAssert.ProblemAsync(await UploadAsync(client, "empty.pdf", []), HttpStatusCode.BadRequest, "document.empty");
    }

    [Theory]
    [InlineData("report.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("setup.pdf", "MZ\u0090\0\u0003\0\0\0")]
    [InlineData("tool.exe", "MZ\u0090\0\u0003\0\0\0")]
    [InlineData("notes.txt", "%PDF-1.7 disguised as text")]
    public async Task Upload_DisallowedOrDisguised_Answers400AndStoresNothing(string fileName, string text)
    {
        var (_, client) = await UserAsync(Role.CspEditor);
        using var _ = client;
        var content = Encoding.Latin1.GetBytes(text + Guid.NewGuid());
        var files = StoredFiles();

        await HttpAssert.ProblemAsync(await UploadAsync(client, fileName, content), HttpStatusCode.BadRequest, "document.type-not-allowed");

        Assert.Equal(0, await RowsWithHashAsync(Sha256(content)));
        Assert.Equal(files, StoredFiles());
    }

    [Theory]
    [InlineData("../etc/passwd.pdf")]
    [InlineData("dir/report.pdf")]
    [InlineData("dir\\report.pdf")]
    public async Task Upload_PathInFileName_Answers400(string fileName)
    {
        var (_, client) = await UserAsync(Role.CspEditor);
        using var _ = client;

        await HttpAssert.ProblemAsync(await UploadAsync(client, fileName, Pdf("path")), HttpStatusCode.BadRequest, "document.invalid-file-name");
    }

    [Fact]
    public async Task Upload_AsCspViewer_Answers403()
    {
        var (_, client) = await UserAsync(Role.CspViewer);
        using var _ = client;

        var response = await UploadAsync(client, "report.pdf", Pdf("viewer"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListAndDownload_OtherOrganisationsDocument_NotVisible()
    {
        var (_, owner) = await UserAsync(Role.CspEditor);
        var (_, other) = await UserAsync(Role.CspEditor);
        using var a = owner;
        using var b = other;
        var name = $"secret-{Guid.NewGuid():N}.pdf";
        var created = await HttpAssert.JsonAsync(await UploadAsync(owner, name, Pdf(name)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var list = await other.GetStringAsync("/api/v1/documents");
        Assert.DoesNotContain(name, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/documents/{id}/content")).StatusCode);
        Assert.Contains(name, await owner.GetStringAsync("/api/v1/documents"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_AsMbAdmin_RequiresOrganisationAndStoresForIt()
    {
        var org = await app.CreateProviderAsync();
        var admin = await app.CreateUserAsync(Role.MbAdministrator);
        using var client = await app.ApiClientAsync(admin);

        await HttpAssert.ProblemAsync(await UploadAsync(client, "r.pdf", Pdf("mb")), HttpStatusCode.BadRequest, "document.organisation-required");
        var body = new ByteArrayContent(Pdf(Guid.NewGuid().ToString()));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/documents?organisationId={org.Id}") { Content = body };
        request.Headers.Add("X-File-Name", "r.pdf");
        var created = await HttpAssert.JsonAsync(await client.SendAsync(request), HttpStatusCode.Created);
        Assert.Equal(org.Id, created.GetProperty("organisationId").GetGuid());
    }
}
