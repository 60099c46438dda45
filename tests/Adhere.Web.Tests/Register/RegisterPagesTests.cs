using System.Net;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Register;

/// <summary>The public register pages, read without signing in: search, entry and verification.</summary>
public sealed class RegisterPagesTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var page = app.AnonymousPageClient();
        using var response = await page.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Search_ByCompany_ListsTheEntryWithALinkToIt()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        var (status, html) = await GetAsync($"/register?q={Uri.EscapeDataString(listed.Company)}&status=valid&level={listed.Level}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<a href=\"/register/{listed.VerificationId}\">{listed.VerificationId}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{listed.Company}</th>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"q\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithMarkupInTheQuery_NeverReflectsItRaw()
    {
        var (status, html) = await GetAsync($"/register?q={Uri.EscapeDataString("<script>alert('x')</script>' OR 1=1 --")}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("No entry matches.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithTooLargeInput_AnswersBadRequestWithTheReason()
    {
        var (status, html) = await GetAsync($"/register?q={new string('x', 201)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 200 characters", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_AfterALevelChange_ShowsTheCurrentAndFormerIdsAndTheReport()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();

        var (status, html) = await GetAsync($"/register/{listed.VerificationId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<dt>Verification-ID</dt><dd>{newId}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Former Verification-IDs</dt><dd>{listed.VerificationId}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/register/{newId}/report.pdf\"", html, StringComparison.Ordinal);
        Assert.Contains(listed.Service, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FormerId_AnswersValidAndNamesTheCurrentId()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();

        var (status, html) = await GetAsync($"/register/verify/{listed.VerificationId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"{listed.VerificationId}: valid", html, StringComparison.Ordinal);
        Assert.Contains($"replaced by <strong>{newId}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryAndVerify_UnknownOrMalformedId_AnswerNotFoundOrBadRequest()
    {
        var unknown = await GetAsync("/register/2020LVL02NOWHERE999");
        var malformed = await GetAsync($"/register/verify/{Uri.EscapeDataString("<i>x</i>")}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("no entry with the Verification-ID 2020LVL02NOWHERE999", unknown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.DoesNotContain("<i>x</i>", malformed.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPdf_NextToTheEntryPages_StillRoutesToTheIssuedReport()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        using var page = app.AnonymousPageClient();
        using var response = await page.GetAsync($"/register/{listed.VerificationId}/report.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Verify_AfterTheValidityEnds_SaysExpiredSinceTheDayAfter()
    {
        await using var own = new AdhereAppFactory();
        await own.InitializeAsync();
        var listed = await RegisterScenario.ListedAsync(own);
        await RegisterScenario.ExpireAllAsync(own);

        using var page = own.AnonymousPageClient();
        using var response = await page.GetAsync($"/register/verify/{listed.VerificationId}");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches($"{listed.VerificationId}: expired since [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}", html);
    }
}
