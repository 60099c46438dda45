using System.Net;
using System.Text.Json;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The assessment workspace /console/assessments/{id}: what each role sees, and its forms calling the assessment steps.</summary>
public sealed class AssessmentWorkspacePageTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string Workspace(Guid id) => $"/console/assessments/{id}";

    private static JsonElement Item(JsonElement assessment, string item) =>
        assessment.GetProperty("checklist").EnumerateArray().Single(i => i.GetProperty("item").GetString() == item);

    private static async Task<JsonElement> GetAsync(AssessmentScenario s, Guid id) =>
        await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}"));

    [Fact]
    public async Task Get_OpenedAssessment_ShowsHeaderChecklistAndSelectionDrawForm()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.GetAsync(Workspace(id));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(opened.GetProperty("organisationName").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains("answers complete", html, StringComparison.Ordinal);
        Assert.Contains("service agreement present", html, StringComparison.Ordinal);
        Assert.Contains("handler=Checklist", html, StringComparison.Ordinal);
        Assert.Contains("Complete fact finding", html, StringComparison.Ordinal);
        Assert.Contains($"/console/organisations/{opened.GetProperty("organisationId").GetGuid()}/coverage", html, StringComparison.Ordinal);
        Assert.Contains(s.Assessor.Email, html, StringComparison.Ordinal);
        Assert.Contains("Draw the selection", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AsDecisionMaker_ShowsNoAssessorForms()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.DecisionMaker);

        var html = await page.Http.GetStringAsync(Workspace(id));

        Assert.Contains("answers complete", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Checklist", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=CompleteFactFinding", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Approve", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=AssignAssessor", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownAssessment_ReturnsNotFound()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.GetAsync(Workspace(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostChecklist_Confirmed_RecordsTheItemAndRedirects()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=Checklist",
            new() { ["item"] = "answers-complete", ["status"] = "confirmed", ["note"] = "All answered." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{Workspace(id)}#fact-finding", response.Headers.Location!.OriginalString);
        var item = Item(await GetAsync(s, id), "AnswersComplete");
        Assert.Equal("Confirmed", item.GetProperty("status").GetString());
        Assert.Equal("All answered.", item.GetProperty("note").GetString());
    }

    [Fact]
    public async Task PostChecklist_IssueWithoutNote_ShowsTheErrorAndChangesNothing()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.Assessor);
        var audit = await app.AuditCountAsync();

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=Checklist",
            new() { ["item"] = "answers-complete", ["status"] = "issue", ["note"] = " " });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("assessment.note-required", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Equal("Open", Item(await GetAsync(s, id), "AnswersComplete").GetProperty("status").GetString());
        Assert.Equal(audit, await app.AuditCountAsync());
    }

    [Fact]
    public async Task PostCompleteFactFinding_WithItemsOpen_ListsThemWithoutMoving()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=CompleteFactFinding", []);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Error code:", html, StringComparison.Ordinal);
        Assert.Equal("fact-finding", (await GetAsync(s, id)).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task PostCompleteFactFinding_Settled_MovesToInDepthReviewAndShowsFindingForms()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        await AssessmentStepsApiTests.SettleFactFindingAsync(s, id, opened);
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=CompleteFactFinding", []);
        var html = await page.Http.GetStringAsync(Workspace(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("in-depth-review", (await GetAsync(s, id)).GetProperty("phase").GetString());
        Assert.Contains("handler=ControlFinding", html, StringComparison.Ordinal);
        Assert.Contains("handler=Narrative", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Checklist", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostControlFinding_WithSamples_RecordsOneSamplePerLine()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        await AssessmentStepsApiTests.SettleFactFindingAsync(s, id, opened);
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null));
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=ControlFinding", new()
        {
            ["controlKey"] = "5.1.A", ["result"] = "observation", ["notes"] = "Agreement template is dated.", ["samples"] = "DPA v3\r\n\r\nTicket 42\n",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var finding = Assert.Single((await GetAsync(s, id)).GetProperty("controlFindings").EnumerateArray());
        Assert.Equal("Observation", finding.GetProperty("result").GetString());
        Assert.Equal(["DPA v3", "Ticket 42"], finding.GetProperty("samplesConsulted").EnumerateArray().Select(x => x.GetString()).ToArray());
    }

    [Fact]
    public async Task PostAsk_TopicQuestion_PausesTheAssessmentAndListsTheQuestion()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.Assessor);
        var question = $"Where are backups kept? {Guid.NewGuid():N}";

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=Ask",
            new() { ["about"] = "topic", ["controlKey"] = "ignored", ["topic"] = "backups", ["question"] = question });
        var html = await page.Http.GetStringAsync(Workspace(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("fact-finding-awaiting-clarification", (await GetAsync(s, id)).GetProperty("phase").GetString());
        Assert.Contains(question, html, StringComparison.Ordinal);
        Assert.Contains("handler=CloseClarification", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAssignDecisionMaker_AsAdministrator_AssignsAndNamesThem()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        using var page = await app.SignInAsync(s.Administrator);

        var form = await page.Http.GetStringAsync(Workspace(id));
        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=AssignDecisionMaker", new() { ["userId"] = s.DecisionMaker.Id.Value.ToString() });

        Assert.Contains("handler=AssignAssessor", form, StringComparison.Ordinal);
        Assert.Contains("handler=Cancel", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(s.DecisionMaker.Id.Value, (await GetAsync(s, id)).GetProperty("decisionMaker").GetGuid());
    }

    [Fact]
    public async Task ConsoleDeclaration_Submitted_OffersOpeningAndThenLinksTheAssessment()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        using var page = await app.SignInAsync(s.Assessor);

        var before = await page.Http.GetStringAsync($"/console/declarations/{s.DeclarationId}");
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        var after = await page.Http.GetStringAsync($"/console/declarations/{s.DeclarationId}");

        Assert.Contains("Open assessment", before, StringComparison.Ordinal);
        Assert.Contains(Workspace(id), after, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Open", after, StringComparison.Ordinal);
    }
}
