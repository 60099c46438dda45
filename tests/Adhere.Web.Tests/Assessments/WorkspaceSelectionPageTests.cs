using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The Selection section of the assessment workspace, and the findings aid that follows from a frozen selection.</summary>
public sealed partial class WorkspaceSelectionPageTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string Workspace(Guid id) => $"/console/assessments/{id}";

    private static string Selection(Guid id) => $"/api/v1/assessments/{id}/selection";

    private async Task<(AssessmentScenario Scenario, Guid Assessment)> OpenedAsync()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        return (s, AssessmentScenario.IdOf(await s.OpenAsync()));
    }

    private static async Task<JsonElement> DrawAsync(AssessmentScenario s, Guid id, long seed) =>
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync(Selection(id), new { seed }), HttpStatusCode.Created);

    private static async Task<JsonElement> GetSelectionAsync(AssessmentScenario s, Guid id) =>
        await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync(Selection(id)));

    private static List<(string Key, bool ByHand, string? Reason)> Rows(JsonElement selection) =>
        [.. selection.GetProperty("controls").EnumerateArray().Select(c =>
            (c.GetProperty("controlKey").GetString()!, c.GetProperty("addedByAssessor").GetBoolean(), c.GetProperty("adjustmentReason").GetString()))];

    /// <summary>The rows of the selected-controls table, as their header cells' text.</summary>
    private static List<string> SelectedRowsOnPage(string html)
    {
        var table = SelectedTable().Match(html);
        Assert.True(table.Success, "The page shows no table of selected controls.");
        return [.. RowHeader().Matches(table.Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim()))];
    }

    [Fact]
    public async Task PostSelect_WithSeed_ShowsTheDrawnControlsWithTitlesAndReasons()
    {
        var (s, id) = await OpenedAsync();
        using var page = await app.SignInAsync(s.Assessor);
        var before = await page.Http.GetStringAsync(Workspace(id));

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=Select", new() { ["seed"] = "42" });
        var html = await page.Http.GetStringAsync(Workspace(id));

        Assert.Contains("Draw the selection", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{Workspace(id)}#selection", response.Headers.Location!.OriginalString);
        var selection = await GetSelectionAsync(s, id);
        Assert.Equal(42, selection.GetProperty("seed").GetInt64());
        var keys = Rows(selection).Select(r => r.Key).ToList();
        var shown = SelectedRowsOnPage(html);
        Assert.Equal(keys, shown.Select(r => r.Split(' ')[0]).ToList());
        Assert.All(shown, r => Assert.True(r.Length > r.Split(' ')[0].Length, $"Row \"{r}\" carries no control title."));
        Assert.Contains("<code>42</code>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(selection.GetProperty("summary").GetString()!), html, StringComparison.Ordinal);
        Assert.Contains("handler=FreezeSelection", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Draw the selection", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAddControl_WithReason_AddsTheControlMarkedAsAddedByHand()
    {
        var (s, id) = await OpenedAsync();
        var selected = Rows(await DrawAsync(s, id, 5)).Select(r => r.Key).ToList();
        var extra = DeclarationScenario.ControlKeys.First(k => !selected.Contains(k));
        var reason = $"The complaint names it {Guid.NewGuid():N}";
        using var page = await app.SignInAsync(s.Assessor);

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=AddControl", new() { ["controlKey"] = extra, ["reason"] = reason });
        var html = await page.Http.GetStringAsync(Workspace(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains((extra, true, reason), Rows(await GetSelectionAsync(s, id)));
        Assert.Contains(extra, SelectedRowsOnPage(html).Select(r => r.Split(' ')[0]));
        Assert.Contains($"yes: {reason}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRemoveControl_BreakingTheMinimum_ShowsTheErrorCodeAndChangesNothing()
    {
        var (s, id) = await OpenedAsync();
        var drawn = Rows(await DrawAsync(s, id, 11));
        using var page = await app.SignInAsync(s.Assessor);
        var audit = await app.AuditCountAsync();

        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=RemoveControl",
            new() { ["controlKey"] = drawn[0].Key, ["reason"] = "Not needed" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("selection.removal-breaks-minimum", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        var after = await GetSelectionAsync(s, id);
        Assert.Equal(drawn, Rows(after));
        Assert.Equal(0, after.GetProperty("removed").GetArrayLength());
        Assert.Equal(audit, await app.AuditCountAsync());
    }

    [Fact]
    public async Task PostAddControl_AfterFreezing_RefusedAsFrozenAndNothingChanges()
    {
        var (s, id) = await OpenedAsync();
        var drawn = Rows(await DrawAsync(s, id, 3));
        var unselected = DeclarationScenario.ControlKeys.First(k => drawn.All(r => r.Key != k));
        using var page = await app.SignInAsync(s.Assessor);

        var frozen = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=FreezeSelection", []);
        var shown = await page.Http.GetStringAsync(Workspace(id));
        var audit = await app.AuditCountAsync();
        var response = await page.PostFormAsync(Workspace(id), $"{Workspace(id)}?handler=AddControl", new() { ["controlKey"] = unselected, ["reason"] = "Late idea" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, frozen.StatusCode);
        Assert.Contains("frozen on ", shown, StringComparison.Ordinal);
        Assert.Contains($"by {s.Assessor.Email}", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=AddControl", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=FreezeSelection", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("selection.frozen", html, StringComparison.Ordinal);
        var after = await GetSelectionAsync(s, id);
        Assert.True(after.GetProperty("isFrozen").GetBoolean());
        Assert.Equal(drawn, Rows(after));
        Assert.Equal(audit, await app.AuditCountAsync());
    }

    [Fact]
    public async Task GetFindings_FrozenSelection_ListsSelectedControlsWithoutFindingAndOffersOnlySelectedOnes()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        await AssessmentStepsApiTests.SettleFactFindingAsync(s, id, opened);
        await DrawAsync(s, id, 42);
        var frozen = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"{Selection(id)}/freeze", null));
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null));
        var selected = AssessmentScenario.SelectedControls(frozen);
        await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/{selected[0]}",
            new { result = "satisfied", samplesConsulted = new[] { "Policy register" } }));
        using var page = await app.SignInAsync(s.Assessor);

        var html = await page.Http.GetStringAsync(Workspace(id));

        var list = WithoutFinding().Match(html);
        Assert.True(list.Success, "The findings section does not list the controls still without a finding.");
        var missing = ListItem().Matches(list.Value).Select(m => m.Groups[1].Value.Split(' ')[0]).ToList();
        Assert.Equal(selected.Skip(1).ToList(), missing);
        var form = FindingForm().Match(html);
        Assert.True(form.Success, "The page offers no control finding form.");
        var options = OptionValue().Matches(form.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(selected.ToList(), options);
    }

    [GeneratedRegex("<caption[^>]*>Selected controls</caption>.*?</table>", RegexOptions.Singleline)]
    private static partial Regex SelectedTable();

    [GeneratedRegex("<th scope=\"row\">(.*?)</th>", RegexOptions.Singleline)]
    private static partial Regex RowHeader();

    [GeneratedRegex("<ul class=\"without-finding\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex WithoutFinding();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ListItem();

    [GeneratedRegex("handler=ControlFinding[^>]*>\\s*<label>Control\\s*<select name=\"controlKey\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex FindingForm();

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();
}
