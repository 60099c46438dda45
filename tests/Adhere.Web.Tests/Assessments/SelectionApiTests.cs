using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Assessments.Selection;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

public sealed class SelectionApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static readonly string[] Reasons = ["attention", "rotation", "weak-evidence", "random", "assessor"];

    private async Task<(AssessmentScenario Scenario, Guid Assessment)> OpenedAsync()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        return (s, AssessmentScenario.IdOf(await s.OpenAsync()));
    }

    private static List<(string Key, string Reason, string Explanation)> Rows(JsonElement selection) =>
        [.. selection.GetProperty("controls").EnumerateArray()
            .Select(c => (c.GetProperty("controlKey").GetString()!, c.GetProperty("reason").GetString()!, c.GetProperty("explanation").GetString()!))];

    private static string Subsection(string key) => key[..key.LastIndexOf('.')];

    [Fact]
    public async Task Select_SameSeedAfterRedraw_GivesTheSameRows()
    {
        var (s, id) = await OpenedAsync();

        var first = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 42 }), HttpStatusCode.Created);
        var other = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 7 }));
        var again = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 42 }));
        var fetched = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/selection"));

        Assert.Equal(7, other.GetProperty("seed").GetInt64());
        Assert.Equal(42, again.GetProperty("seed").GetInt64());
        Assert.Equal(Rows(first), Rows(again));
        Assert.Equal(Rows(again), Rows(fetched));
        Assert.Contains("seed 42", fetched.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_Initial_MeetsTheMinimumShareAndOnePerSubsection()
    {
        var (s, id) = await OpenedAsync();

        var selection = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { }), HttpStatusCode.Created);

        var rows = Rows(selection);
        Assert.Equal("initial", selection.GetProperty("kind").GetString());
        Assert.True(rows.Count >= selection.GetProperty("minimumCount").GetInt32());
        Assert.Equal(2, selection.GetProperty("minimumCount").GetInt32()); // 30 % of 4 controls, rounded up
        Assert.Equal(["5.1", "6.1"], rows.Select(r => Subsection(r.Key)).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Contains(r.Reason, Reasons));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Explanation)));
        Assert.Equal(rows.Count, selection.GetProperty("counts").GetProperty("selected").GetInt32());
        Assert.False(selection.GetProperty("isFrozen").GetBoolean());
    }

    [Fact]
    public async Task Adjust_AddThenRemoveWithReasons_RecordsRowsRemovalsAndAdjustmentsInOrder()
    {
        var (s, id) = await OpenedAsync();
        var made = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 5 }), HttpStatusCode.Created);
        var selected = Rows(made).Select(r => r.Key).ToList();
        var extra = DeclarationScenario.ControlKeys.First(k => !selected.Contains(k));
        var sibling = selected.Single(k => Subsection(k) == Subsection(extra));
        var before = await app.AuditCountAsync();

        var added = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection/additions",
            new { controlKey = extra, reason = "The complaint mentions it." }));
        var removed = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection/removals",
            new { controlKey = sibling, reason = "Examined with the added control." }));

        var row = added.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("controlKey").GetString() == extra);
        Assert.Equal("assessor", row.GetProperty("reason").GetString());
        Assert.True(row.GetProperty("addedByAssessor").GetBoolean());
        Assert.Equal("The complaint mentions it.", row.GetProperty("adjustmentReason").GetString());
        Assert.DoesNotContain(Rows(removed), r => r.Key == sibling);
        var gone = Assert.Single(removed.GetProperty("removed").EnumerateArray());
        Assert.Equal(sibling, gone.GetProperty("controlKey").GetString());
        Assert.Equal("Examined with the added control.", gone.GetProperty("removalReason").GetString());
        Assert.Equal(
            [("added", extra), ("removed", sibling)],
            removed.GetProperty("adjustments").EnumerateArray().Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("controlKey").GetString())).ToList());
        Assert.Equal(before + 2, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Adjust_BadInput_RefusedWithStableCodesAndNothingChanges()
    {
        var (s, id) = await OpenedAsync();
        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/selection"), HttpStatusCode.NotFound, "selection.not-found");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection/freeze", new { }), HttpStatusCode.NotFound, "selection.not-found");
        var made = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 11 }), HttpStatusCode.Created);
        var selected = Rows(made);
        var unselected = DeclarationScenario.ControlKeys.First(k => selected.All(r => r.Key != k));
        var before = await app.AuditCountAsync();
        var path = $"/api/v1/assessments/{id}/selection";

        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/removals", new { controlKey = selected[0].Key, reason = "Not needed" }),
            HttpStatusCode.Conflict, "selection.removal-breaks-minimum");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/additions", new { controlKey = unselected, reason = " " }),
            HttpStatusCode.BadRequest, "selection.reason-required");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/additions", new { controlKey = "9.9.Z", reason = "Why not" }),
            HttpStatusCode.BadRequest, "selection.unknown-control");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/additions", new { controlKey = selected[0].Key, reason = "Twice" }),
            HttpStatusCode.Conflict, "selection.already-selected");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/removals", new { controlKey = unselected, reason = "Gone" }),
            HttpStatusCode.Conflict, "selection.not-selected");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync(path, new { topics = new[] { "breaches" } }),
            HttpStatusCode.BadRequest, "selection.topics-only-ad-hoc");

        var after = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(path));
        Assert.Equal(selected, Rows(after));
        Assert.Equal(0, after.GetProperty("adjustments").GetArrayLength());
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Freeze_ThenAnyChange_RefusedAndStateAndAuditUnchanged()
    {
        var (s, id) = await OpenedAsync();
        var path = $"/api/v1/assessments/{id}/selection";
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync(path, new { seed = 3 }), HttpStatusCode.Created);

        var frozen = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/freeze", new { }));
        var before = await app.AuditCountAsync();
        var unselected = DeclarationScenario.ControlKeys.First(k => Rows(frozen).All(r => r.Key != k));
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/additions", new { controlKey = unselected, reason = "Late idea" }),
            HttpStatusCode.Conflict, "selection.frozen");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/removals", new { controlKey = Rows(frozen)[0].Key, reason = "Late idea" }),
            HttpStatusCode.Conflict, "selection.frozen");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync(path, new { seed = 4 }), HttpStatusCode.Conflict, "selection.frozen");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/freeze", new { }), HttpStatusCode.Conflict, "selection.frozen");

        var after = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(path));
        Assert.True(frozen.GetProperty("isFrozen").GetBoolean());
        Assert.Equal(s.Assessor.Id.Value, frozen.GetProperty("frozenBy").GetGuid());
        Assert.Equal(Rows(frozen), Rows(after));
        Assert.Equal(3, after.GetProperty("seed").GetInt64());
        Assert.Equal(before, await app.AuditCountAsync());
        var keys = await app.WithSystemAsync(sp => sp.GetRequiredService<SelectionQueries>().FrozenControlsAsync(new AssessmentId(id), CancellationToken.None));
        Assert.Equal(Rows(after).Select(r => r.Key).ToList(), keys);
    }

    [Fact]
    public async Task FrozenControls_BeforeFreezing_IsNull()
    {
        var (s, id) = await OpenedAsync();
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { }), HttpStatusCode.Created);

        var keys = await app.WithSystemAsync(sp => sp.GetRequiredService<SelectionQueries>().FrozenControlsAsync(new AssessmentId(id), CancellationToken.None));

        Assert.Null(keys);
    }

    [Fact]
    public async Task Select_ByUnassignedAssessorOrOtherRole_RefusedWithoutAudit()
    {
        var (s, id) = await OpenedAsync();
        using var stranger = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));
        var path = $"/api/v1/assessments/{id}/selection";
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await stranger.PostAsJsonAsync(path, new { seed = 1 }), HttpStatusCode.Forbidden, "assessment.not-assigned");
        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PostAsJsonAsync(path, new { seed = 1 }), HttpStatusCode.Forbidden, "assessment.role-not-allowed");
        await HttpAssert.ProblemAsync(await s.AdministratorClient.PostAsJsonAsync(path, new { seed = 1 }), HttpStatusCode.Forbidden, "assessment.role-not-allowed");
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync(path, new { seed = 1 }), HttpStatusCode.Created);
        var made = await app.AuditCountAsync();
        await HttpAssert.ProblemAsync(await stranger.PostAsJsonAsync($"{path}/freeze", new { }), HttpStatusCode.Forbidden, "assessment.not-assigned");
        await HttpAssert.ProblemAsync(await stranger.PostAsJsonAsync($"{path}/additions", new { controlKey = "5.1.A", reason = "x" }),
            HttpStatusCode.Forbidden, "assessment.not-assigned");

        Assert.Equal(before + 1, made);
        Assert.Equal(made, await app.AuditCountAsync());
        await HttpAssert.JsonAsync(await s.DecisionMakerClient.GetAsync(path)); // MB staff may read it
    }

    [Fact]
    public async Task AllEndpoints_ForProviderUser_Forbidden()
    {
        var (s, id) = await OpenedAsync();
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 9 }), HttpStatusCode.Created);
        var organisation = (await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}"))).GetProperty("organisationId").GetGuid();
        var path = $"/api/v1/assessments/{id}/selection";
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync(path), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.PostAsJsonAsync(path, new { seed = 1 }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.PostAsJsonAsync($"{path}/additions", new { controlKey = "5.1.A", reason = "x" }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.PostAsJsonAsync($"{path}/removals", new { controlKey = "5.1.A", reason = "x" }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.PostAsJsonAsync($"{path}/freeze", new { }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync($"/api/v1/organisations/{organisation}/coverage"), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync($"/api/v1/organisations/{organisation}/coverage.svg"), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync("/api/v1/attention-topics"), HttpStatusCode.Forbidden, "auth.forbidden");

        Assert.Equal(before, await app.AuditCountAsync());
    }
}
