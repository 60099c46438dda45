using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Adhere.Core.Reports;
using Adhere.Core.Reports.Frozen;
using Adhere.Core.Reports.Signing;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Reports;

/// <summary>
/// The report issued on approval: rendered once, stored with its hash, signed, served as stored to staff, the provider
/// and the public, and checkable by anyone. The class's app holds a signing key; tests of the unsigned path start their own.
/// </summary>
public sealed class IssuedReportTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task EnsureKeyAsync(AdhereAppFactory app)
    {
        var created = await app.WithSystemAsync(sp => sp.GetRequiredService<CreateSigningKey>().HandleAsync(Ct));
        Assert.True(!created.IsError || created.Error!.Code == "signing.key-exists", created.IsError ? created.Error!.Message : "");
    }

    /// <summary>An approved assessment; returns the scenario and the assessment's ID.</summary>
    private static async Task<(AssessmentScenario Scenario, Guid Assessment, JsonElement Approved)> ApprovedAsync(AdhereAppFactory app)
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));
        return (s, id, approved);
    }

    private static async Task<byte[]> PdfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task<JsonElement> VerifyAsync(AdhereAppFactory app, byte[] file, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = app.ApiClient(null);
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return await HttpAssert.JsonAsync(await client.PostAsync(new Uri("/api/v1/reports/verify", UriKind.Relative), content, Ct), expected);
    }

    [Fact]
    public async Task Approve_WithASigningKey_IssuesTheReportOnceHashedAndSigned()
    {
        await EnsureKeyAsync(app);
        var (s, id, approved) = await ApprovedAsync(app);

        var issued = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(new Uri($"/api/v1/assessments/{id}/report/issued", UriKind.Relative), Ct));
        var pdf = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");

        Assert.Equal(approved.GetProperty("verificationId").GetString(), issued.GetProperty("verificationId").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), issued.GetProperty("sha256").GetString());
        Assert.Equal(pdf.Length, issued.GetProperty("sizeBytes").GetInt32());
        Assert.True(issued.GetProperty("isSigned").GetBoolean());
        Assert.True(issued.GetProperty("pageCount").GetInt32() > 3);
        var jwks = await app.WithSystemAsync(sp => sp.GetRequiredService<SigningKeyQueries>().PublishedAsync(Ct));
        var manifest = ManifestVerifier.VerifyReportFile(pdf, issued.GetProperty("manifest").GetString()!, jwks);
        Assert.False(manifest.IsError, manifest.IsError ? manifest.Error!.Message : "");
        Assert.Equal(issued.GetProperty("verificationId").GetString(), manifest.Value.VerificationId);
        Assert.Equal(approved.GetProperty("decision").GetProperty("grantedLevel").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), manifest.Value.Level);
        Assert.Equal(s.DeclarationId, manifest.Value.DeclarationId);
    }

    [Fact]
    public async Task Report_AfterApproval_ServesTheStoredBytesEvenWhenTheWordingChanges()
    {
        await EnsureKeyAsync(app);
        var (s, id, _) = await ApprovedAsync(app);
        var before = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");
        var html = await s.AssessorClient.GetStringAsync(new Uri($"/api/v1/assessments/{id}/report", UriKind.Relative), Ct);
        var codeName = (await app.WithSystemAsync(sp => sp.GetRequiredService<ReportBuilder>().BuildAsync(id, Ct))).Value.Cover.CodeName;
        var admin = s.AdministratorClient;
        var marker = $"Wording changed after approval {Guid.NewGuid():N}.";
        var code = codeName[..codeName.LastIndexOf(' ')];

        await HttpAssert.JsonAsync(await admin.PutAsJsonAsync(new Uri("/api/v1/report-templates/assessment-intro", UriKind.Relative), new { code, text = marker }, Ct));
        try
        {
            var rebuilt = await app.WithSystemAsync(sp => sp.GetRequiredService<ReportBuilder>().BuildAsync(id, Ct));
            Assert.Contains(marker, HtmlReportRenderer.Render(rebuilt.Value), StringComparison.Ordinal);

            Assert.Equal(before, await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf"));
            var after = await s.AssessorClient.GetStringAsync(new Uri($"/api/v1/assessments/{id}/report", UriKind.Relative), Ct);
            Assert.Equal(html, after);
            Assert.DoesNotContain(marker, after, StringComparison.Ordinal);
        }
        finally
        {
            await admin.DeleteAsync(new Uri($"/api/v1/report-templates/assessment-intro?code={Uri.EscapeDataString(code)}", UriKind.Relative), Ct);
        }
    }

    [Fact]
    public async Task Rerender_OfAnApprovedAssessment_EqualsTheIssuedBytes()
    {
        await EnsureKeyAsync(app);
        var (s, id, _) = await ApprovedAsync(app);
        var issued = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");

        var document = await app.WithSystemAsync(sp => sp.GetRequiredService<ReportBuilder>().BuildAsync(id, Ct));

        Assert.Equal(issued, PdfReportRenderer.Render(document.Value));
    }

    [Fact]
    public async Task RegisterReportPdf_Anonymous_ServesTheIssuedBytesWithAnETag()
    {
        await EnsureKeyAsync(app);
        var (s, id, approved) = await ApprovedAsync(app);
        var verificationId = approved.GetProperty("verificationId").GetString()!;
        var issued = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");
        using var anonymous = app.ApiClient(null);

        using var response = await anonymous.GetAsync(new Uri($"/register/{verificationId}/report.pdf", UriKind.Relative), Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri($"/register/{verificationId.ToLowerInvariant()}/report.pdf", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var conditional = await anonymous.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(issued, bytes);
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", response.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
    }

    [Fact]
    public async Task RegisterReportPdf_UnknownId_IsANotFoundProblem()
    {
        using var anonymous = app.ApiClient(null);

        var problem = await HttpAssert.JsonAsync(await anonymous.GetAsync(new Uri("/register/2020LVL02NOPE999/report.pdf", UriKind.Relative), Ct), HttpStatusCode.NotFound);

        Assert.Equal("report.verification-unknown", problem.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task DeclarationReport_Provider_GetsItsIssuedReportAndNotAnothers()
    {
        await EnsureKeyAsync(app);
        var (s, id, _) = await ApprovedAsync(app);
        var other = await AssessmentScenario.SubmittedAsync(app);
        var issued = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");

        var own = await PdfAsync(s.ProviderClient, $"/api/v1/declarations/{s.DeclarationId}/report?format=pdf");
        var facts = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync(new Uri($"/api/v1/declarations/{s.DeclarationId}/report/issued", UriKind.Relative), Ct));
        using var foreign = await other.ProviderClient.GetAsync(new Uri($"/api/v1/declarations/{s.DeclarationId}/report?format=pdf", UriKind.Relative), Ct);
        using var foreignFacts = await other.ProviderClient.GetAsync(new Uri($"/api/v1/declarations/{s.DeclarationId}/report/issued", UriKind.Relative), Ct);
        using var staffOnly = await s.ProviderClient.GetAsync(new Uri($"/api/v1/assessments/{id}/report/issued", UriKind.Relative), Ct);

        Assert.Equal(issued, own);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(own)), facts.GetProperty("sha256").GetString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignFacts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staffOnly.StatusCode);
    }

    [Fact]
    public async Task AssessmentReport_Pdf_BeforeApproval_IsADraftAndNotIssued()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();

        var draft = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");
        var issued = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(new Uri($"/api/v1/assessments/{id}/report/issued", UriKind.Relative), Ct),
            HttpStatusCode.NotFound);
        using var provider = await s.ProviderClient.GetAsync(new Uri($"/api/v1/declarations/{s.DeclarationId}/report?format=pdf", UriKind.Relative), Ct);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(draft, 0, 5), StringComparison.Ordinal);
        Assert.Null(ReportVerifier.ClaimedVerificationId(draft));
        Assert.Equal("report.not-issued", issued.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.NotFound, provider.StatusCode);
    }

    [Fact]
    public async Task AssessmentReport_UnknownFormat_IsAProblem()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();

        var problem = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(new Uri($"/api/v1/assessments/{id}/report?format=docx", UriKind.Relative), Ct),
            HttpStatusCode.BadRequest);

        Assert.Equal("report.format-unknown", problem.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Verify_TheIssuedPdf_IsAuthenticAndValid()
    {
        await EnsureKeyAsync(app);
        var (s, id, approved) = await ApprovedAsync(app);
        var pdf = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");

        var check = await VerifyAsync(app, pdf);

        Assert.Equal("authentic", check.GetProperty("outcome").GetString());
        Assert.Equal(approved.GetProperty("verificationId").GetString(), check.GetProperty("verificationId").GetString());
        Assert.Equal("valid", check.GetProperty("status").GetString());
        Assert.True(check.GetProperty("current").GetBoolean());
        Assert.Equal(approved.GetProperty("organisationName").GetString(), check.GetProperty("company").GetString());
    }

    [Fact]
    public async Task Verify_ATamperedPdf_IsAlteredAndNamesTheClaimedId()
    {
        await EnsureKeyAsync(app);
        var (s, id, approved) = await ApprovedAsync(app);
        var pdf = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");
        var tampered = (byte[])pdf.Clone();
        // One byte inside the body: what a forger changing a level or a date would do at the least.
        tampered[tampered.Length / 2] ^= 0x01;

        var check = await VerifyAsync(app, tampered);

        Assert.Equal("altered", check.GetProperty("outcome").GetString());
        Assert.Equal(approved.GetProperty("verificationId").GetString(), check.GetProperty("verificationId").GetString());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("level").ValueKind);
    }

    [Fact]
    public async Task Verify_APdfWeNeverIssued_IsUnknown()
    {
        var check = await VerifyAsync(app, System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n% some other document\n%%EOF\n"));

        Assert.Equal("unknown", check.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("verificationId").ValueKind);
    }

    [Theory]
    [InlineData("", "report.empty")]
    [InlineData("PK\u0003\u0004 a zip file", "report.not-pdf")]
    public async Task Verify_NotAPdf_IsABadRequestWithACode(string body, string code)
    {
        var problem = await VerifyAsync(app, System.Text.Encoding.Latin1.GetBytes(body), HttpStatusCode.BadRequest);

        Assert.Equal(code, problem.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Verify_AFileOverTheLimit_IsRefusedBeforeReading()
    {
        var problem = await VerifyAsync(app, new byte[ReportVerifier.MaxBytes + 1], HttpStatusCode.BadRequest);

        Assert.Equal("report.too-large", problem.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task VerifyPage_UploadOfTheIssuedPdf_SaysAuthentic()
    {
        await EnsureKeyAsync(app);
        var (s, id, approved) = await ApprovedAsync(app);
        var pdf = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");
        using var page = app.AnonymousPageClient();
        var token = await page.AntiforgeryTokenAsync("/reports/verify");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "report.pdf");

        using var response = await page.Http.PostAsync(new Uri("/reports/verify", UriKind.Relative), form, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Authentic", html, StringComparison.Ordinal);
        Assert.Contains(approved.GetProperty("verificationId").GetString()!, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPage_UploadOfANonPdf_ShowsTheErrorAndKeepsTheForm()
    {
        using var page = app.AnonymousPageClient();
        var token = await page.AntiforgeryTokenAsync("/reports/verify");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent("hello"u8.ToArray()), "file", "notes.txt");

        using var response = await page.Http.PostAsync(new Uri("/reports/verify", UriKind.Relative), form, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a PDF", html, StringComparison.Ordinal);
        Assert.Contains("type=\"file\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleReportPage_AfterApproval_ShowsTheIssuedFactsAndDownloadsTheStoredPdf()
    {
        await EnsureKeyAsync(app);
        var (s, id, _) = await ApprovedAsync(app);
        var issued = await PdfAsync(s.AssessorClient, $"/api/v1/assessments/{id}/report?format=pdf");
        using var page = await app.SignInAsync(s.Assessor);

        var html = await page.Http.GetStringAsync(new Uri($"/console/assessments/{id}/report", UriKind.Relative), Ct);
        using var download = await page.GetAsync($"/console/assessments/{id}/report?handler=Download&format=pdf");

        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(issued)), html, StringComparison.Ordinal);
        Assert.Contains("signed with key", html, StringComparison.Ordinal);
        Assert.Equal(issued, await download.Content.ReadAsByteArrayAsync(Ct));
    }
}

/// <summary>An installation without a signing key: approval still issues the report, and it is signed once a key exists.</summary>
public sealed class UnsignedReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Approve_WithoutAKey_IssuesUnsignedThenSignPendingSignsIt()
    {
        await using var app = new AdhereAppFactory();
        await app.InitializeAsync();
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));
        using var client = app.ApiClient(null);
        var pdf = await s.AssessorClient.GetByteArrayAsync(new Uri($"/api/v1/assessments/{id}/report?format=pdf", UriKind.Relative), Ct);
        using var content = new ByteArrayContent(pdf);

        var before = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(new Uri($"/api/v1/assessments/{id}/report/issued", UriKind.Relative), Ct));
        var pendingCheck = await HttpAssert.JsonAsync(await client.PostAsync(new Uri("/api/v1/reports/verify", UriKind.Relative), content, Ct));
        await app.WithSystemAsync(sp => sp.GetRequiredService<CreateSigningKey>().HandleAsync(Ct));
        var signed = await app.WithSystemAsync(sp => sp.GetRequiredService<SignPendingReports>().HandleAsync(Ct));
        var after = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(new Uri($"/api/v1/assessments/{id}/report/issued", UriKind.Relative), Ct));
        using var again = new ByteArrayContent(pdf);
        var signedCheck = await HttpAssert.JsonAsync(await client.PostAsync(new Uri("/api/v1/reports/verify", UriKind.Relative), again, Ct));

        Assert.False(before.GetProperty("isSigned").GetBoolean());
        Assert.Equal("authentic-unsigned", pendingCheck.GetProperty("outcome").GetString());
        Assert.Equal(1, signed.Value);
        Assert.True(after.GetProperty("isSigned").GetBoolean());
        Assert.Equal(before.GetProperty("sha256").GetString(), after.GetProperty("sha256").GetString());
        Assert.Equal("authentic", signedCheck.GetProperty("outcome").GetString());
    }
}
