using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The Monitoring Body's work queue: the console page /console/assessments and GET /api/v1/assessments/queue.</summary>
public sealed class WorkQueueTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    /// <summary>The HTML of one queue section, from its heading to the next section's.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section {id} on the page.");
        var end = html.IndexOf("<section", start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private static JsonElement.ArrayEnumerator Rows(JsonElement queue, string section) => queue.GetProperty(section).EnumerateArray();

    [Fact]
    public async Task QueuePage_SubmittedDeclaration_IsWaitingThenInFactFindingOnceOpenedFromThePage()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        using var page = await app.SignInAsync(s.Assessor);

        var before = await page.Http.GetStringAsync("/console/assessments");
        var opened = await page.PostFormAsync("/console/assessments", $"/console/assessments?handler=Open&declarationId={s.DeclarationId}", []);
        var after = await page.Http.GetStringAsync("/console/assessments");

        Assert.Contains($"/console/declarations/{s.DeclarationId}", Section(before, "waiting"), StringComparison.Ordinal);
        Assert.Contains($"declarationId={s.DeclarationId}", Section(before, "waiting"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var workspace = opened.Headers.Location!.OriginalString;
        Assert.StartsWith("/console/assessments/", workspace, StringComparison.Ordinal);
        Assert.DoesNotContain($"/console/declarations/{s.DeclarationId}", Section(after, "waiting"), StringComparison.Ordinal);
        Assert.Contains(workspace, Section(after, "in-progress"), StringComparison.Ordinal);
        Assert.Contains("fact finding", Section(after, "in-progress"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuePage_OpenAsDecisionMaker_ShowsTheRoleErrorAndOpensNothing()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        using var page = await app.SignInAsync(s.DecisionMaker);

        var html = await page.Http.GetStringAsync("/console/assessments");
        var response = await page.PostFormAsync("/console/assessments", $"/console/assessments?handler=Open&declarationId={s.DeclarationId}", []);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("handler=Open", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("assessment.role-not-allowed", body, StringComparison.Ordinal);
        var queue = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync("/api/v1/assessments/queue"));
        Assert.Contains(Rows(queue, "waitingToBeOpened"), r => r.GetProperty("declarationId").GetGuid() == s.DeclarationId);
    }

    [Fact]
    public async Task QueueApi_OpenedAssessment_ListedInProgressWithItsAssessor()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());

        var queue = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync("/api/v1/assessments/queue"));
        var mine = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync("/api/v1/assessments/queue?mine=true"));
        var othersOnly = await HttpAssert.JsonAsync(await s.DecisionMakerClient.GetAsync("/api/v1/assessments/queue?mine=true"));

        var row = Assert.Single(Rows(queue, "inProgress"), r => r.GetProperty("assessmentId").GetGuid() == id);
        Assert.Equal("fact-finding", row.GetProperty("phase").GetString());
        Assert.Equal(s.Assessor.Email, Assert.Single(row.GetProperty("assessors").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(0, row.GetProperty("daysInPhase").GetInt32());
        Assert.DoesNotContain(Rows(queue, "waitingToBeOpened"), r => r.GetProperty("declarationId").GetGuid() == s.DeclarationId);
        Assert.Contains(Rows(mine, "inProgress"), r => r.GetProperty("assessmentId").GetGuid() == id);
        Assert.DoesNotContain(Rows(othersOnly, "inProgress"), r => r.GetProperty("assessmentId").GetGuid() == id);
        Assert.Equal(0, mine.GetProperty("waitingToBeOpened").GetArrayLength());
    }

    [Fact]
    public async Task QueueApi_PausedAssessment_ListedAsWaitingForTheProviderWithItsDueDate()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        var due = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(5);
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications",
            new { topic = "subprocessors", question = "Which subprocessors host backups?", dueOn = due }));

        var queue = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync("/api/v1/assessments/queue"));

        var row = Assert.Single(Rows(queue, "waitingForProvider"), r => r.GetProperty("assessmentId").GetGuid() == id);
        Assert.Equal(due, DateOnly.Parse(row.GetProperty("earliestDueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, row.GetProperty("overdueClarifications").GetInt32());
    }

    [Theory]
    [InlineData("/console/assessments")]
    [InlineData("/console/assessments/{id}")]
    public async Task ConsolePages_AsProviderEditor_AreDenied(string path)
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.Declarations.Editor);

        var response = await page.GetAsync(path.Replace("{id}", id.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueApi_AsProviderEditor_IsForbidden()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);

        var response = await s.ProviderClient.GetAsync("/api/v1/assessments/queue");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ConsoleNavigation_MbStaff_LinksToTheQueue()
    {
        var user = await app.CreateUserAsync(Role.MbDecisionMaker);
        using var page = await app.SignInAsync(user);

        var html = await page.Http.GetStringAsync("/console");

        Assert.Contains("href=\"/console/assessments\"", html, StringComparison.Ordinal);
    }
}
