using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Adhere.Web.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

/// <summary>Topics, the ad-hoc assessment opened from a complaint, and conflicts of interest in complaint handling.</summary>
public sealed class ComplaintHandlingApiTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> FileAsync(string? verificationId, string email = "handled@example.org")
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        var created = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints",
            ComplaintScenario.Body(token, email, verificationId: verificationId), Ct), HttpStatusCode.Created);
        return created.GetProperty("reference").GetString()!;
    }

    private static async Task StepAsync(HttpClient client, string reference, string trigger) =>
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", new { trigger }, Ct));

    private static async Task InvestigateAsync(HttpClient client, string reference)
    {
        await StepAsync(client, reference, "start-admissibility-check");
        await StepAsync(client, reference, "admit");
    }

    private static Task<HttpResponseMessage> TagAsync(HttpClient client, string reference, params string[] topics) =>
        client.PutAsJsonAsync($"/api/v1/complaints/{reference}/topics", new { topics }, Ct);

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, string reference) =>
        client.PostAsync(new Uri($"/api/v1/complaints/{reference}/assessment", UriKind.Relative), null, Ct);

    private Task<string> SnapshotAsync() => app.WithSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AdhereDb>();
        var complaints = string.Join(";", await db.Complaints.AsNoTracking().OrderBy(c => c.Reference)
            .Select(c => c.Reference + "/" + c.Status + "/" + c.StatusChangedAt.ToUnixTimeMilliseconds()).ToListAsync(Ct));
        var topics = string.Join(";", (await db.Complaints.AsNoTracking().OrderBy(c => c.Reference).ToListAsync(Ct)).Select(c => string.Join(",", c.Topics)));
        return $"{complaints}|{topics}|{await db.Assessments.CountAsync(Ct)}|{await db.ComplaintAssessments.CountAsync(Ct)}|{await db.AuditEvents.CountAsync(Ct)}";
    });

    private async Task<HttpClient> ClientAsync(Role role) => await app.ApiClientAsync(await app.CreateUserAsync(role));

    [Fact]
    public async Task OpenAssessment_FromTaggedComplaint_LinksBothWaysAndSelectsTheTopics()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var reference = await FileAsync(listed.VerificationId);
        var assessor = await app.CreateUserAsync(Role.MbAssessor);
        using var client = await app.ApiClientAsync(assessor);
        await InvestigateAsync(client, reference);

        var tagged = await HttpAssert.JsonAsync(await TagAsync(client, reference, "breaches", " Breaches ", "transfers"));
        var opened = await HttpAssert.JsonAsync(await OpenAsync(client, reference), HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetGuid();
        var again = await OpenAsync(client, reference);
        var complaint = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/{reference}", Ct));
        var selection = await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 7 }, Ct), HttpStatusCode.Created);
        using var pages = await app.SignInAsync(assessor);
        var assessmentPage = await (await pages.GetAsync($"/console/assessments/{id}")).Content.ReadAsStringAsync(Ct);
        var complaintPage = await (await pages.GetAsync($"/console/complaints/{reference}")).Content.ReadAsStringAsync(Ct);

        Assert.Equal(["breaches", "transfers"], tagged.GetProperty("handling").GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ad-hoc", opened.GetProperty("kind").GetString());
        Assert.Equal("complaint", opened.GetProperty("adHocReason").GetString());
        Assert.Equal(listed.Assessment.DeclarationId, opened.GetProperty("declarationId").GetGuid());
        Assert.Contains(assessor.Id.Value, opened.GetProperty("assessors").EnumerateArray().Select(a => a.GetGuid()));
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "complaint.assessment-running");
        var link = Assert.Single(complaint.GetProperty("handling").GetProperty("assessments").EnumerateArray());
        Assert.Equal(id, link.GetProperty("assessmentId").GetGuid());
        Assert.Contains(complaint.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "complaint.assessment-opened");
        Assert.Contains("breaches", selection.GetProperty("activeTopics").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("transfers", selection.GetProperty("activeTopics").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains($"href=\"/console/complaints/{reference}\"", assessmentPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console/assessments/{id}\"", complaintPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAssessment_ComplaintNamingAFormerVerificationId_AssessesTheEntrysCurrentDeclaration()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var reference = await FileAsync(listed.VerificationId);
        var current = await listed.ChangeLevelAsync();
        using var client = await ClientAsync(Role.MbAssessor);
        await InvestigateAsync(client, reference);
        await HttpAssert.JsonAsync(await TagAsync(client, reference, "breaches"));

        var opened = await HttpAssert.JsonAsync(await OpenAsync(client, reference), HttpStatusCode.Created);

        Assert.NotEqual(listed.VerificationId, current);
        Assert.Equal(current, opened.GetProperty("verificationId").GetString());
        Assert.Equal("ad-hoc", opened.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task OpenAssessment_WhenItCannot_AnswersATypedErrorAndChangesNothing()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        using var assessor = await ClientAsync(Role.MbAssessor);
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);
        var typed = await FileAsync(null);
        await InvestigateAsync(assessor, typed);
        await HttpAssert.JsonAsync(await TagAsync(assessor, typed, "breaches"));
        var received = await FileAsync(listed.VerificationId);
        var untagged = await FileAsync(listed.VerificationId);
        await InvestigateAsync(assessor, untagged);
        var withdrawn = await FileAsync(listed.VerificationId);
        await InvestigateAsync(assessor, withdrawn);
        await HttpAssert.JsonAsync(await TagAsync(assessor, withdrawn, "breaches"));
        var before = await SnapshotAsync();

        await HttpAssert.ProblemAsync(await OpenAsync(assessor, typed), HttpStatusCode.Conflict, "complaint.no-register-entry");
        await HttpAssert.ProblemAsync(await OpenAsync(assessor, received), HttpStatusCode.Conflict, "complaint.not-under-investigation");
        await HttpAssert.ProblemAsync(await OpenAsync(assessor, untagged), HttpStatusCode.Conflict, "complaint.topics-required");
        await HttpAssert.ProblemAsync(await OpenAsync(decisionMaker, withdrawn), HttpStatusCode.Forbidden, "assessment.role-not-allowed");
        await HttpAssert.ProblemAsync(await OpenAsync(assessor, "C-1999-000001"), HttpStatusCode.NotFound, "complaint.not-found");
        Assert.Equal(before, await SnapshotAsync());

        await listed.WithdrawAsync();
        var afterWithdrawal = await SnapshotAsync();
        await HttpAssert.ProblemAsync(await OpenAsync(assessor, withdrawn), HttpStatusCode.Conflict, "complaint.declaration-not-listed");
        Assert.Equal(afterWithdrawal, await SnapshotAsync());
    }

    [Fact]
    public async Task Topics_BadTagsWrongRoleOrEndedCase_AreRefusedAndChangeNothing()
    {
        var reference = await FileAsync(null);
        var dismissed = await FileAsync(null);
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);
        using var administrator = await ClientAsync(Role.MbAdministrator);
        await StepAsync(decisionMaker, dismissed, "start-admissibility-check");
        await HttpAssert.JsonAsync(await decisionMaker.PostAsJsonAsync($"/api/v1/complaints/{dismissed}/steps",
            new { trigger = "dismiss", dismissalReason = "outside-scope", reasons = "Not about the Code." }, Ct));
        var before = await SnapshotAsync();

        await HttpAssert.ProblemAsync(await TagAsync(decisionMaker, reference, new string('x', 101)), HttpStatusCode.BadRequest, "complaint.topic-invalid");
        await HttpAssert.ProblemAsync(await TagAsync(decisionMaker, reference, "  "), HttpStatusCode.BadRequest, "complaint.topic-invalid");
        await HttpAssert.ProblemAsync(await TagAsync(decisionMaker, reference, [.. Enumerable.Range(0, 21).Select(i => $"topic-{i}")]),
            HttpStatusCode.BadRequest, "complaint.too-many-topics");
        await HttpAssert.ProblemAsync(await TagAsync(administrator, reference, "breaches"), HttpStatusCode.Forbidden, "complaint.role-not-allowed");
        await HttpAssert.ProblemAsync(await TagAsync(decisionMaker, dismissed, "breaches"), HttpStatusCode.Conflict, "complaint.not-open");
        Assert.Equal(before, await SnapshotAsync());

        var cleared = await HttpAssert.JsonAsync(await TagAsync(decisionMaker, reference));
        Assert.Empty(cleared.GetProperty("handling").GetProperty("topics").EnumerateArray());
    }

    [Fact]
    public async Task ConflictOfInterest_TowardsTheProvider_RefusesEveryStepAndHidesTheCase()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var reference = await FileAsync(listed.VerificationId, "conflicted-case@example.org");
        var conflicted = await app.CreateUserAsync(Role.MbAssessor);
        using var client = await app.ApiClientAsync(conflicted);
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { organisationId = listed.Assessment.Declarations.Editor.OrganisationId.Value, reason = "Advised them last year." }, Ct), HttpStatusCode.Created);
        var before = await SnapshotAsync();

        var step = await client.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", new { trigger = "start-admissibility-check" }, Ct);
        var tag = await TagAsync(client, reference, "breaches");
        var open = await OpenAsync(client, reference);
        var view = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/{reference}", Ct));
        using var pages = await app.SignInAsync(conflicted);
        var page = await (await pages.GetAsync($"/console/complaints/{reference}")).Content.ReadAsStringAsync(Ct);

        await HttpAssert.ProblemAsync(step, HttpStatusCode.Forbidden, "complaint.conflict-of-interest");
        await HttpAssert.ProblemAsync(tag, HttpStatusCode.Forbidden, "complaint.conflict-of-interest");
        await HttpAssert.ProblemAsync(open, HttpStatusCode.Forbidden, "complaint.conflict-of-interest");
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(view.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("complainant").ValueKind);
        Assert.Contains("Advised them last year.", view.GetProperty("handling").GetProperty("conflictOfInterest").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("conflicted-case@example.org", view.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("You may not handle this complaint", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Start the admissibility check", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Save the topics", page, StringComparison.Ordinal);
        Assert.DoesNotContain("conflicted-case@example.org", page, StringComparison.Ordinal);

        using var colleague = await ClientAsync(Role.MbAssessor);
        await StepAsync(colleague, reference, "start-admissibility-check");
    }
}
