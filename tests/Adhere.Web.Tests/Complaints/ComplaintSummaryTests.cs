using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Complaints;

public sealed class ComplaintSummaryTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Year => app.Time.GetUtcNow().UtcDateTime.Year.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpClient> ClientAsync(Role role) => await app.ApiClientAsync(await app.CreateUserAsync(role));

    private static async Task StepAsync(HttpClient client, string reference, object body) =>
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", body, Ct));

    private async Task<string> FileAsync() => (await ComplaintScenario.FileAsync(app, "summary@example.org")).GetProperty("reference").GetString()!;

    private async Task<Dictionary<string, string>> CsvAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/api/v1/complaints/summary/{Year}.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("year,figure,key,value", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[1] + (p[2].Length == 0 ? string.Empty : "/" + p[2]), p => p[3]);
    }

    private static int Figure(JsonElement json, string name) => json.GetProperty(name).GetInt32();

    [Fact]
    public async Task Summary_AfterCasesMove_CountsEachOutcome()
    {
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);
        var before = await HttpAssert.JsonAsync(await decisionMaker.GetAsync($"/api/v1/complaints/summary/{Year}", Ct));
        var dismissed = await FileAsync();
        var founded = await FileAsync();
        await FileAsync(); // stays received
        await StepAsync(decisionMaker, dismissed, new { trigger = "start-admissibility-check" });
        await StepAsync(decisionMaker, dismissed, new { trigger = "dismiss", dismissalReason = "outside-scope", reasons = "Not covered by the Code." });
        await StepAsync(decisionMaker, founded, new { trigger = "start-admissibility-check" });
        await StepAsync(decisionMaker, founded, new { trigger = "admit" });
        await StepAsync(decisionMaker, founded, new { trigger = "decide", finding = "founded", reasons = "The statement was not kept." });

        var after = await HttpAssert.JsonAsync(await decisionMaker.GetAsync($"/api/v1/complaints/summary/{Year}", Ct));

        Assert.Equal(3, Figure(after, "received") - Figure(before, "received"));
        Assert.Equal(1, Figure(after, "admissible") - Figure(before, "admissible"));
        Assert.Equal(1, Figure(after, "dismissed") - Figure(before, "dismissed"));
        Assert.Equal(1, Figure(after, "founded") - Figure(before, "founded"));
        Assert.Equal(0, Figure(after, "unfounded") - Figure(before, "unfounded"));
        Assert.Equal(1, Figure(after, "stillOpen") - Figure(before, "stillOpen"));
        Assert.True(after.GetProperty("medianDaysToAcknowledge").GetDouble() >= 0);
        var csv = await CsvAsync(decisionMaker);
        Assert.Equal(after.GetProperty("received").GetInt32().ToString(CultureInfo.InvariantCulture), csv["received"]);
        Assert.Equal(after.GetProperty("founded").GetInt32().ToString(CultureInfo.InvariantCulture), csv["founded"]);
        Assert.Equal(Figure(after, "dismissed").ToString(CultureInfo.InvariantCulture), csv["dismissed-by-reason/outside-scope"]);
        Assert.Equal(12, csv.Keys.Count(k => k.StartsWith("received-by-month/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("abcd")]
    [InlineData("20266")]
    [InlineData("-2026")]
    public async Task Summary_YearOutOfRange_AnswersBadRequest(string year)
    {
        using var client = await ClientAsync(Role.MbAdministrator);

        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/v1/complaints/summary/{year}", Ct), HttpStatusCode.BadRequest, "complaint.summary-year-invalid");
        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/v1/complaints/summary/{year}.csv", Ct), HttpStatusCode.BadRequest, "complaint.summary-year-invalid");
    }

    [Fact]
    public async Task Summary_NextYear_AnswersBadRequest()
    {
        using var client = await ClientAsync(Role.MbAdministrator);
        var next = (int.Parse(Year, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

        await HttpAssert.ProblemAsync(await client.GetAsync($"/api/v1/complaints/summary/{next}", Ct), HttpStatusCode.BadRequest, "complaint.summary-year-invalid");
    }

    [Fact]
    public async Task Summary_AsProvider_IsForbidden()
    {
        var organisation = await app.CreateProviderAsync();
        using var client = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspEditor, organisation));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/complaints/summary/{Year}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/complaints/summary/{Year}.csv", Ct)).StatusCode);
    }

    [Fact]
    public async Task SummaryPage_AsMbStaff_ShowsFiguresChartsAndTheCsvLink()
    {
        await FileAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));
        using var api = await ClientAsync(Role.MbAdministrator);
        var figures = await HttpAssert.JsonAsync(await api.GetAsync($"/api/v1/complaints/summary/{Year}", Ct));

        var response = await page.GetAsync($"/console/complaints/summary?year={Year}");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<td data-figure=\"received\">{Figure(figures, "received")}</td>", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "chart-outcomes", "chart-months", "chart-measures" })
        {
            Assert.Contains($"id=\"{chart}\" role=\"img\" aria-labelledby=\"{chart}-title {chart}-desc\"", html, StringComparison.Ordinal);
        }

        Assert.Contains($"data-label=\"Received\" data-value=\"{Figure(figures, "received")}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/complaints/summary/{Year}.csv\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummaryPage_BadYear_ShowsTheReason()
    {
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var html = await (await page.GetAsync("/console/complaints/summary?year=1850")).Content.ReadAsStringAsync(Ct);

        Assert.Contains("complaint.summary-year-invalid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }
}

public sealed class ComplaintYearSummaryCsvTests
{
    [Fact]
    public void ToCsv_KeyWithCommaAndQuote_QuotesTheCell()
    {
        var figures = new Adhere.Domain.Complaints.ComplaintYearFigures(2026, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), 1, [], [], 1, 0, [], 1, 0, 0, 0,
            [new("fine, \"large\"", 2), new("reprimand", 1)], null, null, 0, 0);

        var lines = Adhere.Core.Complaints.ComplaintYearSummary.ToCsv(figures).Split('\n');

        Assert.Contains("2026,measures-by-kind,\"fine, \"\"large\"\"\",2", lines);
        Assert.Contains("2026,measures-by-kind,reprimand,1", lines);
    }
}
