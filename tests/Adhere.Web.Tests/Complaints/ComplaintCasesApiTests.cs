using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Complaints;

public sealed class ComplaintCasesApiTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> FileAsync(string? email = "case@example.org") =>
        (await ComplaintScenario.FileAsync(app, email)).GetProperty("reference").GetString()!;

    private async Task<HttpClient> ClientAsync(Role role) => await app.ApiClientAsync(await app.CreateUserAsync(role));

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, string reference, object body) =>
        client.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", body, Ct);

    [Fact]
    public async Task Case_AsDecisionMaker_ShowsConductComplainantAndHistory()
    {
        var reference = await FileAsync();
        using var client = await ClientAsync(Role.MbDecisionMaker);

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/{reference}", Ct));

        Assert.Equal(reference, json.GetProperty("summary").GetProperty("reference").GetString());
        Assert.Equal("received", json.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(ComplaintScenario.Conduct, json.GetProperty("conduct").GetString());
        Assert.Equal("case@example.org", json.GetProperty("complainant").GetProperty("email").GetString());
        Assert.Equal("customer", json.GetProperty("complainant").GetProperty("role").GetString());
        var step = Assert.Single(json.GetProperty("history").EnumerateArray());
        Assert.Equal("complaint.received", step.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Case_AsMbAdministrator_WithholdsTheComplainant()
    {
        var reference = await FileAsync("withheld@example.org");
        using var client = await ClientAsync(Role.MbAdministrator);

        var response = await client.GetAsync($"/api/v1/complaints/{reference}", Ct);
        var json = await HttpAssert.JsonAsync(response);

        Assert.Equal(JsonValueKind.Null, json.GetProperty("complainant").ValueKind);
        Assert.DoesNotContain("withheld@example.org", json.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public async Task ListAndCase_AsProvider_AreForbiddenAndLeakNothing(string roleName)
    {
        var reference = await FileAsync("hidden@example.org");
        Assert.True(Role.TryParse(roleName, out var role));
        var organisation = await app.CreateProviderAsync();
        using var client = await app.ApiClientAsync(await app.CreateUserAsync(role, organisation));

        var list = await client.GetAsync("/api/v1/complaints", Ct);
        var single = await client.GetAsync($"/api/v1/complaints/{reference}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, single.StatusCode);
        Assert.DoesNotContain("hidden@example.org", await single.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_ThroughInvestigationToClosed_RecordEachStepWithReasons()
    {
        var reference = await FileAsync();
        using var assessor = await ClientAsync(Role.MbAssessor);
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);

        await HttpAssert.JsonAsync(await StepAsync(assessor, reference, new { trigger = "start-admissibility-check" }));
        await HttpAssert.JsonAsync(await StepAsync(assessor, reference, new { trigger = "admit" }));
        var decided = await HttpAssert.JsonAsync(await StepAsync(decisionMaker, reference,
            new { trigger = "decide", finding = "founded", reasons = "The retention statement was not followed." }));
        var closed = await HttpAssert.JsonAsync(await StepAsync(decisionMaker, reference, new { trigger = "close" }));

        Assert.Equal("decided", decided.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("founded", decided.GetProperty("finding").GetString());
        Assert.Equal("closed", closed.GetProperty("summary").GetProperty("status").GetString());
        var history = closed.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["complaint.received", "complaint.start-admissibility-check", "complaint.admit", "complaint.decide", "complaint.close"],
            history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("investigation", history[3].GetProperty("from").GetString());
        Assert.Equal("decided", history[3].GetProperty("to").GetString());
        Assert.Equal("The retention statement was not followed.", history[3].GetProperty("reasons").GetString());
    }

    [Fact]
    public async Task Step_DismissWithoutReasons_IsRefusedAndChangesNothing()
    {
        var reference = await FileAsync();
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);
        await HttpAssert.JsonAsync(await StepAsync(decisionMaker, reference, new { trigger = "start-admissibility-check" }));
        var before = await ComplaintScenario.SnapshotAsync(app);

        var response = await StepAsync(decisionMaker, reference, new { trigger = "dismiss", dismissalReason = "outside-scope" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.reason-required");
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Theory]
    [InlineData("escalate", null, null, "complaint.trigger-invalid")]
    [InlineData("dismiss", "because", null, "complaint.dismissal-reason-invalid")]
    [InlineData("decide", null, "guilty", "complaint.finding-invalid")]
    public async Task Step_UnknownNames_AnswerBadRequest(string trigger, string? dismissalReason, string? finding, string code)
    {
        var reference = await FileAsync();
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);

        var response = await StepAsync(decisionMaker, reference, new { trigger, dismissalReason, finding, reasons = "Some reasons." });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Step_AssessorDismissing_IsRefusedByTheLifecycle()
    {
        var reference = await FileAsync();
        using var assessor = await ClientAsync(Role.MbAssessor);
        await HttpAssert.JsonAsync(await StepAsync(assessor, reference, new { trigger = "start-admissibility-check" }));

        var response = await StepAsync(assessor, reference, new { trigger = "dismiss", dismissalReason = "outside-scope", reasons = "Not ours." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Case_UnknownReference_AnswersNotFound()
    {
        using var client = await ClientAsync(Role.MbAssessor);

        var response = await client.GetAsync("/api/v1/complaints/C-1999-000001", Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "complaint.not-found");
    }

    [Fact]
    public async Task List_Overdue_ShowsOnlyComplaintsPastTheirAcknowledgementTarget()
    {
        var old = await FileAsync();
        app.Time.Advance(TimeSpan.FromDays(10)); // past five working days
        var fresh = await FileAsync();
        using var client = await ClientAsync(Role.MbAssessor);

        var overdue = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/complaints?overdue=true", Ct));
        var all = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/complaints?status=received", Ct));

        var overdueReferences = overdue.EnumerateArray().Select(c => c.GetProperty("reference").GetString()).ToList();
        Assert.Contains(old, overdueReferences);
        Assert.DoesNotContain(fresh, overdueReferences);
        Assert.True(overdue.EnumerateArray().First(c => c.GetProperty("reference").GetString() == old).GetProperty("acknowledgementOverdue").GetBoolean());
        var allReferences = all.EnumerateArray().Select(c => c.GetProperty("reference").GetString()).ToList();
        Assert.True(allReferences.IndexOf(old) < allReferences.IndexOf(fresh), "the longest waiting complaint comes first");
    }

    [Fact]
    public async Task List_OpenAndAll_OpenKeepsDecidedCasesAndAllAddsClosedOnes()
    {
        var decided = await FileAsync();
        var closed = await FileAsync();
        using var assessor = await ClientAsync(Role.MbAssessor);
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);
        foreach (var reference in new[] { decided, closed })
        {
            await HttpAssert.JsonAsync(await StepAsync(assessor, reference, new { trigger = "start-admissibility-check" }));
            await HttpAssert.JsonAsync(await StepAsync(assessor, reference, new { trigger = "admit" }));
            await HttpAssert.JsonAsync(await StepAsync(decisionMaker, reference, new { trigger = "decide", finding = "unfounded", reasons = "Nothing in the record supports it." }));
        }

        await HttpAssert.JsonAsync(await StepAsync(decisionMaker, closed, new { trigger = "close" }));

        async Task<List<string?>> ReferencesAsync(string query) =>
            [.. (await HttpAssert.JsonAsync(await assessor.GetAsync($"/api/v1/complaints?{query}", Ct))).EnumerateArray().Select(c => c.GetProperty("reference").GetString())];
        var open = await ReferencesAsync("status=open");
        var all = await ReferencesAsync("status=ALL");
        var unfiltered = await ReferencesAsync("limit=200");

        Assert.Contains(decided, open);
        Assert.DoesNotContain(closed, open);
        Assert.Contains(decided, all);
        Assert.Contains(closed, all);
        Assert.Equal(unfiltered, all);
    }

    [Theory]
    [InlineData("status=pending", "complaint.status-invalid")]
    [InlineData("limit=0", "complaint.limit-invalid")]
    [InlineData("limit=100000", "complaint.limit-invalid")]
    public async Task List_BadFilter_AnswersBadRequest(string query, string code)
    {
        using var client = await ClientAsync(Role.MbAssessor);

        var response = await client.GetAsync($"/api/v1/complaints?{query}", Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, code);
    }
}
