using System.Net;
using System.Net.Http.Headers;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The complaint app with a small evidence limit, so that an oversized file costs a few kilobytes.</summary>
public sealed class SmallUploadsAppFactory : AdhereAppFactory
{
    public const int MaxUploadBytes = 4096;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Complaints:RateLimit:PermitLimit", "1000000");
        builder.UseSetting("Evidence:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary><c>POST /api/v1/complaints</c> as multipart/form-data: the same fields as JSON plus files under the evidence rules, all or nothing.</summary>
public sealed class ComplaintUploadApiTests(SmallUploadsAppFactory app) : IClassFixture<SmallUploadsAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PostAsync(IReadOnlyList<(string Name, byte[] Content)> files, string? email = null)
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in ComplaintScenario.Body(token, email))
        {
            if (value is not null) content.Add(new StringContent(value is bool b ? (b ? "true" : "false") : value.ToString()!), name);
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "attachments", name);
        }

        return await client.PostAsync(new Uri("/api/v1/complaints", UriKind.Relative), content, Ct);
    }

    private Task<int> StoredFilesAsync() => Task.FromResult(Directory.Exists(app.EvidencePath)
        ? Directory.EnumerateFiles(app.EvidencePath, "*", SearchOption.AllDirectories).Count()
        : 0);

    [Fact]
    public async Task Submit_MultipartWithFiles_Returns201AndStoresEachUnderTheEvidenceRules()
    {
        var response = await PostAsync([("contract.pdf", Pdf), ("notes.txt", "What happened, in order.\n"u8.ToArray())], "multipart@example.org");

        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var reference = created.GetProperty("reference").GetString()!;
        var (complaint, attachments) = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var c = await db.Complaints.AsNoTracking().SingleAsync(x => x.Reference == reference, Ct);
            return (c, await db.ComplaintAttachments.AsNoTracking().Where(a => a.ComplaintId == c.Id).OrderBy(a => a.FileName).ToListAsync(Ct));
        });
        Assert.Equal(ComplaintScenario.Conduct, complaint.Conduct);
        Assert.Equal("multipart@example.org", complaint.ComplainantEmail);
        Assert.Equal(["contract.pdf", "notes.txt"], attachments.Select(a => a.FileName));
        Assert.Equal("application/pdf", attachments[0].ContentType);
        Assert.All(attachments, a => Assert.True(File.Exists(Path.Combine(app.EvidencePath, a.Sha256[..2], a.Sha256))));
    }

    public static TheoryData<string, HttpStatusCode, string> BadFiles() => new()
    {
        { "oversized", HttpStatusCode.RequestEntityTooLarge, "document.too-large" },
        { "forbidden", HttpStatusCode.BadRequest, "document.type-not-allowed" },
        { "empty", HttpStatusCode.BadRequest, "document.empty" },
        { "too-many", HttpStatusCode.BadRequest, "complaint.too-many-attachments" },
        { "bad-name", HttpStatusCode.BadRequest, "document.invalid-file-name" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Submit_MultipartWithABadFile_AnswersProblemAndStoresNothing(string kind, HttpStatusCode status, string code)
    {
        IReadOnlyList<(string, byte[])> files = kind switch
        {
            "oversized" => [("contract.pdf", Pdf), ("big.pdf", [.. Pdf, .. new byte[SmallUploadsAppFactory.MaxUploadBytes]])],
            "forbidden" => [("contract.pdf", Pdf), ("invoice.pdf", "<html><script>alert(1)</script></html>"u8.ToArray())],
            "empty" => [("empty.pdf", [])],
            "too-many" => [.. Enumerable.Range(0, 6).Select(i => ($"f{i}.pdf", Pdf))],
            _ => [("../../etc/passwd.pdf", Pdf)],
        };
        var before = await ComplaintScenario.SnapshotAsync(app);
        var filesBefore = await StoredFilesAsync();

        var response = await PostAsync(files);

        await HttpAssert.ProblemAsync(response, status, code);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
        Assert.Equal(filesBefore, await StoredFilesAsync());
    }

    [Fact]
    public async Task Submit_MultipartWithoutFormToken_IsRefusedAndStoresNothing()
    {
        using var client = app.ApiClient(null);
        using var content = new MultipartFormDataContent { { new StringContent(ComplaintScenario.Conduct), "conduct" }, { new StringContent("Acme"), "company" },
            { new StringContent("customer"), "role" }, { new ByteArrayContent(Pdf), "attachments", "contract.pdf" } };
        var before = await ComplaintScenario.SnapshotAsync(app);

        var response = await client.PostAsync(new Uri("/api/v1/complaints", UriKind.Relative), content, Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.form-token-invalid");
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Submit_PlainText_AnswersUnsupportedMediaType()
    {
        using var client = app.ApiClient(null);
        using var content = new StringContent("a complaint");

        var response = await client.PostAsync(new Uri("/api/v1/complaints", UriKind.Relative), content, Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task OpenApi_ComplaintIntake_DocumentsJsonAndMultipartBodies()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));

        var content = json.GetProperty("paths").GetProperty("/api/v1/complaints").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("multipart/form-data", out var multipart));
        Assert.Contains("attachments", multipart.GetRawText(), StringComparison.Ordinal);
    }
}
