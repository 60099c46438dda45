using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The assessment steps up to the decision, through the API: assignment, fact finding, clarifications, findings.</summary>
public sealed class AssessmentStepsApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    /// <summary>Settles every checklist item and certificate review of a freshly opened assessment.</summary>
    internal static Task SettleFactFindingAsync(AssessmentScenario s, Guid id, JsonElement opened) => AssessmentScenario.SettleFactFindingAsync(s, id, opened);

    [Fact]
    public async Task AssignDecisionMaker_WhoIsAnAssessor_IsRefusedForFourEyes()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await s.AdministratorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/decision-maker", new { userId = s.Assessor.Id.Value }),
            HttpStatusCode.BadRequest, "assessment.user-not-decision-maker");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/decision-maker", new { userId = s.DecisionMaker.Id.Value }),
            HttpStatusCode.Forbidden, "assessment.role-not-allowed");
        Assert.Equal(before, await app.AuditCountAsync());

        var assigned = await HttpAssert.JsonAsync(await s.AdministratorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/decision-maker", new { userId = s.DecisionMaker.Id.Value }));
        Assert.Equal(s.DecisionMaker.Id.Value, assigned.GetProperty("decisionMaker").GetGuid());
        Assert.Equal(before + 1, await app.AuditCountAsync());
    }

    [Fact]
    public async Task AssignAssessor_WithAConflictOfInterest_IsRefusedAndNothingChanges()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        var second = await app.CreateUserAsync(Role.MbAssessor);
        using var secondClient = await app.ApiClientAsync(second);
        await HttpAssert.JsonAsync(await secondClient.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { organisationId = s.Declarations.Editor.OrganisationId.Value, reason = "Consulted for them last year." }), HttpStatusCode.Created);
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await s.AdministratorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/assessors", new { userId = second.Id.Value }),
            HttpStatusCode.Forbidden, "assessment.conflict-of-interest");
        await HttpAssert.ProblemAsync(await s.AdministratorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/assessors", new { userId = s.Assessor.Id.Value }),
            HttpStatusCode.Conflict, "assessment.already-assigned");

        var after = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}"));
        Assert.Single(after.GetProperty("assessors").EnumerateArray());
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task CompleteFactFinding_WithOpenItems_ListsThemAllThenMovesOnceSettled()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        var open = opened.GetProperty("openChecklistItems").GetArrayLength();

        var refused = await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null);
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, "assessment.fact-finding-incomplete");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(open, problem.GetProperty("problems").GetArrayLength());

        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/checklist/answers-complete", new { status = "issue" }),
            HttpStatusCode.BadRequest, "assessment.note-required");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/checklist/made-up", new { status = "confirmed" }),
            HttpStatusCode.BadRequest, "fact-finding.item-invalid");
        var review = opened.GetProperty("certificateReviews")[0].GetProperty("certificateId").GetGuid();
        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/certificate-reviews/{review}", new { verdict = "rejected" }),
            HttpStatusCode.BadRequest, "assessment.note-required");
        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PutAsJsonAsync($"/api/v1/assessments/{id}/checklist/answers-complete", new { status = "confirmed" }),
            HttpStatusCode.Forbidden, "assessment.role-not-allowed");

        await SettleFactFindingAsync(s, id, opened);
        var moved = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null));

        Assert.Equal("in-depth-review", moved.GetProperty("phase").GetString());
        Assert.Equal(0, moved.GetProperty("openChecklistItems").GetArrayLength());
        Assert.Contains(moved.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "complete-fact-finding");
    }

    [Fact]
    public async Task RequestClarification_PausesTheAssessmentMailsTheProviderAndResumesOnlyOnceClosed()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        var question = $"Which subprocessors host backups? {Guid.NewGuid():N}";

        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications",
            new { controlKey = "5.1.A", question, dueOn = Day(Today.AddDays(-1)) }), HttpStatusCode.BadRequest, "clarification.due-in-past");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications",
            new { controlKey = "9.9.Z", question }), HttpStatusCode.BadRequest, "clarification.unknown-control");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications",
            new { question }), HttpStatusCode.BadRequest, "clarification.subject-required");
        var asked = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications",
            new { controlKey = "5.1.A", question }));
        var second = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications",
            new { topic = "subprocessors", question = "Please send the current list.", dueOn = Day(Today.AddDays(5)) }));

        Assert.Equal("fact-finding-awaiting-clarification", asked.GetProperty("phase").GetString());
        Assert.Equal("ClarificationRequested", asked.GetProperty("declarationStatus").GetString());
        var request = asked.GetProperty("clarifications")[0];
        Assert.Equal(Day(Today.AddDays(14)), request.GetProperty("dueOn").GetString());
        Assert.Equal(2, second.GetProperty("clarifications").GetArrayLength());
        var mail = await app.WaitForMailAsync(m => m.MessageParts[0].BodyData.Contains(question, StringComparison.Ordinal));
        Assert.Contains(mail.ToAddresses, a => string.Equals(a.Address, s.Declarations.Editor.Email, StringComparison.OrdinalIgnoreCase));

        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/resume", null),
            HttpStatusCode.BadRequest, "assessment.clarifications-open");
        foreach (var c in second.GetProperty("clarifications").EnumerateArray())
        {
            await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/clarifications/{c.GetProperty("id").GetGuid()}/close",
                new { note = "Settled in a call." }));
        }

        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync(
            $"/api/v1/assessments/{id}/clarifications/{request.GetProperty("id").GetGuid()}/close", new { note = "Again." }),
            HttpStatusCode.Conflict, "clarification.closed");
        var resumed = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/resume", null));
        Assert.Equal("fact-finding", resumed.GetProperty("phase").GetString());
        Assert.Equal("UnderAssessment", resumed.GetProperty("declarationStatus").GetString());
        Assert.Equal(2, resumed.GetProperty("deadlines").GetProperty("met").GetInt32());
        Assert.True(resumed.GetProperty("deadlines").GetProperty("everyDeadlineMet").GetBoolean());
    }

    [Fact]
    public async Task RecordFindings_DuringInDepthReview_AreKeptAndReplaced()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);

        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/5.1.A", new { result = "satisfied" }),
            HttpStatusCode.Conflict, "assessment.phase-not-allowed");
        await SettleFactFindingAsync(s, id, opened);
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null));

        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/5.1.A", new { result = "not-satisfied" }),
            HttpStatusCode.BadRequest, "assessment.note-required");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/5.1.A", new { result = "great" }),
            HttpStatusCode.BadRequest, "finding.result-invalid");
        await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/5.1.A",
            new { result = "observation", notes = "The policy is older than a year.", samplesConsulted = new[] { "Policy v3" } }));
        var replaced = await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/5.1.A",
            new { result = "satisfied", samplesConsulted = new[] { "Policy v4" } }));
        var narrative = await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/narratives/subprocessors",
            new { text = "The provider keeps a public list of subprocessors and gives 30 days' notice of changes." }));

        var finding = Assert.Single(replaced.GetProperty("controlFindings").EnumerateArray());
        Assert.Equal("Satisfied", finding.GetProperty("result").GetString());
        Assert.Equal("Policy v4", finding.GetProperty("samplesConsulted")[0].GetString());
        Assert.Equal("Subprocessors", Assert.Single(narrative.GetProperty("narrativeFindings").EnumerateArray()).GetProperty("topic").GetString());
        await HttpAssert.ProblemAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/narratives/gossip", new { text = "x" }),
            HttpStatusCode.BadRequest, "finding.topic-invalid");
    }

    [Fact]
    public async Task SendToDecision_WithoutAFrozenSelection_IsRefused()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/send-to-decision", null),
            HttpStatusCode.Conflict, "assessment.phase-not-allowed");
        await SettleFactFindingAsync(s, id, opened);
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null));
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/send-to-decision", null),
            HttpStatusCode.Conflict, "assessment.selection-not-frozen");
        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }),
            HttpStatusCode.Conflict, "assessment.phase-not-allowed");

        Assert.Equal(before, await app.AuditCountAsync());
        var unchanged = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}"));
        Assert.Equal("in-depth-review", unchanged.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Steps_ByTheProvider_AreForbidden()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());
        await HttpAssert.ProblemAsync(await s.ProviderClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync($"/api/v1/assessments/{id}"), HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
