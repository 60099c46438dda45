using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Register;

/// <summary>The open register API, read anonymously: search and filters, entries, verification, exports, caching and CORS.</summary>
public sealed class RegisterApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = app.ApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request, Ct);
    }

    private async Task<JsonElement> JsonAsync(string path) => await HttpAssert.JsonAsync(await GetAsync(path));

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("verificationId").GetString()!)];

    [Fact]
    public async Task Search_ByCompanyServiceOrId_FindsTheEntryIgnoringCase()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        var byCompany = await JsonAsync($"/api/v1/register/entries?q={Uri.EscapeDataString(listed.Company.ToLowerInvariant())}");
        var byService = await JsonAsync($"/api/v1/register/entries?q={Uri.EscapeDataString(listed.Service.ToUpperInvariant())}");
        var byId = await JsonAsync($"/api/v1/register/entries?q={listed.VerificationId.ToLowerInvariant()}");

        Assert.Equal([listed.VerificationId], Ids(byCompany));
        Assert.Equal([listed.VerificationId], Ids(byService));
        Assert.Equal([listed.VerificationId], Ids(byId));
        var entry = byCompany.GetProperty("entries")[0];
        Assert.Equal(listed.Company, entry.GetProperty("company").GetString());
        Assert.Equal("valid", entry.GetProperty("status").GetString());
        Assert.Contains(entry.GetProperty("services").EnumerateArray(), s => s.GetProperty("name").GetString() == listed.Service);
        Assert.Equal(1, byCompany.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_WithCategoryLevelAndStatusFilters_NarrowsTheResults()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var other = listed.Level == 1 ? 2 : 1;
        var q = Uri.EscapeDataString(listed.Company);

        var inCategory = await JsonAsync($"/api/v1/register/entries?category={Uri.EscapeDataString(listed.Category.ToLowerInvariant())}");
        var atLevel = await JsonAsync($"/api/v1/register/entries?q={q}&level={listed.Level}");
        var atOtherLevel = await JsonAsync($"/api/v1/register/entries?q={q}&level={other}");
        var valid = await JsonAsync($"/api/v1/register/entries?q={q}&status=valid");
        var suspended = await JsonAsync($"/api/v1/register/entries?q={q}&status=suspended");

        Assert.Equal([listed.VerificationId], Ids(inCategory));
        Assert.Equal([listed.VerificationId], Ids(atLevel));
        Assert.Empty(Ids(atOtherLevel));
        Assert.Equal([listed.VerificationId], Ids(valid));
        Assert.Empty(Ids(suspended));
    }

    [Fact]
    public async Task Search_WithBadFilters_AnswersProblemDetails()
    {
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries?pageSize=101"), HttpStatusCode.BadRequest, "register.page-size");
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries?pageSize=0"), HttpStatusCode.BadRequest, "register.page-size");
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries?page=0"), HttpStatusCode.BadRequest, "register.page-invalid");
        await HttpAssert.ProblemAsync(await GetAsync($"/api/v1/register/entries?q={new string('a', 201)}"), HttpStatusCode.BadRequest, "register.query-too-long");
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries?level=4"), HttpStatusCode.BadRequest, "register.level-invalid");
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries?status=pending"), HttpStatusCode.BadRequest, "register.status-invalid");
        await HttpAssert.ProblemAsync(await GetAsync($"/api/v1/register/entries?category=none-{Guid.NewGuid():N}"), HttpStatusCode.BadRequest, "register.category-unknown");
    }

    [Fact]
    public async Task Search_Paging_ReturnsBoundedPagesWithTheTotal()
    {
        var company = $"Paged {Guid.NewGuid():N}";
        var first = await RegisterScenario.ListedAsync(app, company: company + " A");
        var second = await RegisterScenario.ListedAsync(app, company: company + " B");

        var page1 = await JsonAsync($"/api/v1/register/entries?q={Uri.EscapeDataString(company)}&pageSize=1");
        var page2 = await JsonAsync($"/api/v1/register/entries?q={Uri.EscapeDataString(company)}&pageSize=1&page=2");

        Assert.Equal([first.VerificationId], Ids(page1));
        Assert.Equal([second.VerificationId], Ids(page2));
        Assert.Equal(2, page1.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\"; DROP TABLE Declarations; --")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Search_WithMetacharacters_MatchesLiterallyAndNeverFails(string q)
    {
        await RegisterScenario.ListedAsync(app);

        var page = await JsonAsync($"/api/v1/register/entries?q={Uri.EscapeDataString(q)}");

        Assert.Empty(Ids(page));
    }

    [Fact]
    public async Task Entry_UnknownOrMalformedId_AnswersNotFoundOrBadRequest()
    {
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries/2020LVL02NOWHERE999"), HttpStatusCode.NotFound, "register.not-found");
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/entries/not-an-id"), HttpStatusCode.BadRequest, "register.id-malformed");
        await HttpAssert.ProblemAsync(await GetAsync($"/api/v1/register/verifications/{Uri.EscapeDataString("<b>x</b>")}"), HttpStatusCode.BadRequest,
            "register.id-malformed");
        await HttpAssert.ProblemAsync(await GetAsync("/api/v1/register/verifications/2020LVL09NOWHERE999"), HttpStatusCode.BadRequest, "register.id-malformed");
    }

    [Fact]
    public async Task Entry_AfterALevelChange_ResolvesTheFormerIdToTheSameEntry()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();

        var byOld = await JsonAsync($"/api/v1/register/entries/{listed.VerificationId}");
        var byNew = await JsonAsync($"/api/v1/register/entries/{newId}");
        var verification = await JsonAsync($"/api/v1/register/verifications/{listed.VerificationId}");

        Assert.Equal(newId, byOld.GetProperty("verificationId").GetString());
        Assert.Equal(byNew.GetRawText(), byOld.GetRawText());
        Assert.Equal([listed.VerificationId], byOld.GetProperty("formerIds").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal(listed.VerificationId, verification.GetProperty("requestedId").GetString());
        Assert.Equal(newId, verification.GetProperty("verificationId").GetString());
        Assert.Equal("valid", verification.GetProperty("status").GetString());
        var reports = byOld.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(2, reports.Count);
        Assert.Equal($"/register/{newId}/report.pdf", reports[0].GetProperty("url").GetString());
        Assert.Equal(listed.Company, byOld.GetProperty("company").GetString());
        Assert.Contains(byOld.GetProperty("categories").EnumerateArray(), c => c.GetProperty("category").GetString() == listed.Category);
    }

    [Fact]
    public async Task ReportPdf_EarlierReportByHash_ServesItButNeverAnotherEntrysReport()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();
        var stranger = await RegisterScenario.ListedAsync(app);
        var reports = (await JsonAsync($"/api/v1/register/entries/{newId}")).GetProperty("reports").EnumerateArray().ToList();
        var strangers = (await JsonAsync($"/api/v1/register/entries/{stranger.VerificationId}")).GetProperty("reports").EnumerateArray().Single();
        var earlier = reports[1];
        using var client = app.ApiClient(null);

        var hash = earlier.GetProperty("sha256").GetString();
        using var served = await client.GetAsync(earlier.GetProperty("url").GetString(), Ct);
        using var byQuery = await client.GetAsync($"/register/{newId}/report.pdf?sha256={hash}", Ct);
        using var foreign = await client.GetAsync($"/register/{newId}/report.pdf?sha256={strangers.GetProperty("sha256").GetString()}", Ct);
        using var foreignByPath = await client.GetAsync($"/register/{newId}/reports/{strangers.GetProperty("sha256").GetString()}.pdf", Ct);
        using var malformed = await client.GetAsync($"/register/{newId}/report.pdf?sha256=abc", Ct);
        using var malformedByPath = await client.GetAsync($"/register/{newId}/reports/abc.pdf", Ct);

        Assert.Equal($"/register/{newId}/reports/{hash}.pdf", earlier.GetProperty("url").GetString());
        Assert.False(earlier.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var bytes = await served.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Equal(bytes, await byQuery.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(listed.VerificationId, earlier.GetProperty("verificationId").GetString());
        await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound, "report.not-in-entry");
        await HttpAssert.ProblemAsync(foreignByPath, HttpStatusCode.NotFound, "report.not-in-entry");
        await HttpAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest, "report.hash-malformed");
        await HttpAssert.ProblemAsync(malformedByPath, HttpStatusCode.BadRequest, "report.hash-malformed");
    }

    [Fact]
    public async Task VerifyReport_AfterALevelChange_TheEarlierReportIsAuthenticButReplaced()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();
        var reports = (await JsonAsync($"/api/v1/register/entries/{newId}")).GetProperty("reports").EnumerateArray().ToList();
        using var client = app.ApiClient(null);

        var checks = new List<JsonElement>();
        foreach (var report in reports)
        {
            using var content = new ByteArrayContent(await client.GetByteArrayAsync(report.GetProperty("url").GetString(), Ct));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            checks.Add(await HttpAssert.JsonAsync(await client.PostAsync("/api/v1/reports/verify", content, Ct)));
        }

        Assert.Equal([true, false], checks.Select(c => c.GetProperty("current").GetBoolean()));
        Assert.Equal([newId, listed.VerificationId], checks.Select(c => c.GetProperty("verificationId").GetString()));
        Assert.All(checks, c => Assert.Equal("valid", c.GetProperty("status").GetString()));
        Assert.EndsWith("A later report has replaced it.", checks[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("replaced", checks[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_Anytime_CarriesETagCacheControlAndAnswers304()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var path = $"/api/v1/register/verifications/{listed.VerificationId}";

        using var first = await GetAsync(path);
        var etag = first.Headers.ETag;
        using var again = await GetAsync(path, h => h.IfNoneMatch.Add(etag!));
        using var stale = await GetAsync(path, h => h.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Always_DescribesTheRegisterApi()
    {
        var json = await JsonAsync("/openapi/v1.json");

        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/register/entries", "/api/v1/register/entries/{verificationId}", "/api/v1/register/verifications/{verificationId}",
                     "/api/v1/register/export.json", "/api/v1/register/export.csv" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.Equal("Register", item.GetProperty("get").GetProperty("tags")[0].GetString());
        }
    }

    [Fact]
    public async Task Entries_FromAnotherOrigin_AllowsAnyOrigin()
    {
        using var response = await GetAsync("/api/v1/register/entries", h => h.Add("Origin", "https://customer.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task OtherApi_FromAnotherOrigin_DoesNotAllowIt()
    {
        using var response = await GetAsync("/api/v1/declarations", h => h.Add("Origin", "https://customer.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ExportCsv_WithAwkwardCompanyName_QuotesAndDefusesTheCell()
    {
        var name = $"=HYPERLINK(\"x\"), Evil {Guid.NewGuid():N}";
        var listed = await RegisterScenario.ListedAsync(app, company: name);

        using var response = await GetAsync("/api/v1/register/export.csv");
        var csv = await response.Content.ReadAsStringAsync(Ct);
        var json = await JsonAsync("/api/v1/register/export.json");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("verificationId,company,level,status,", csv, StringComparison.Ordinal);
        var line = csv.Split("\r\n").Single(l => l.StartsWith(listed.VerificationId, StringComparison.Ordinal));
        Assert.Contains($",\"'{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",", line, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains(json.EnumerateArray(), e => e.GetProperty("company").GetString() == name);
    }

    [Fact]
    public async Task Verification_AfterTheValidityEnds_SaysExpiredSinceTheDayAfter()
    {
        await using var own = new AdhereAppFactory();
        await own.InitializeAsync();
        var listed = await RegisterScenario.ListedAsync(own);
        await RegisterScenario.ExpireAllAsync(own);

        using var client = own.ApiClient(null);
        var verification = await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/register/verifications/{listed.VerificationId}", UriKind.Relative), Ct));
        var entry = await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/register/entries/{listed.VerificationId}", UriKind.Relative), Ct));
        var expired = await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/register/entries?status=expired&q={listed.VerificationId}", UriKind.Relative), Ct));

        Assert.Equal("expired", verification.GetProperty("status").GetString());
        var validUntil = DateOnly.Parse(entry.GetProperty("validUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(validUntil.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), verification.GetProperty("since").GetString());
        Assert.Equal([listed.VerificationId], Ids(expired));
    }
}
