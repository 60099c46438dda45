using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

public sealed class CoverageTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    /// <summary>An opened assessment whose selection is drawn with <paramref name="seed"/>; frozen when asked.</summary>
    private async Task<(AssessmentScenario Scenario, Guid Organisation, List<string> Selected)> SelectedAsync(long seed, bool freeze)
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var opened = await s.OpenAsync();
        var id = AssessmentScenario.IdOf(opened);
        var selection = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed }), HttpStatusCode.Created);
        if (freeze) await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection/freeze", new { }));
        return (s, opened.GetProperty("organisationId").GetGuid(),
            [.. selection.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("controlKey").GetString()!)]);
    }

    [Fact]
    public async Task Coverage_AfterFrozenSelection_ShowsItsControlsAsExaminedToday()
    {
        var (s, organisation, selected) = await SelectedAsync(21, freeze: true);

        var coverage = await HttpAssert.JsonAsync(await s.DecisionMakerClient.GetAsync($"/api/v1/organisations/{organisation}/coverage"));

        var rows = coverage.GetProperty("controls").EnumerateArray().ToDictionary(r => r.GetProperty("controlKey").GetString()!);
        Assert.Equal(DeclarationScenario.ControlKeys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var key in selected)
        {
            Assert.Equal(Today, DateOnly.Parse(rows[key].GetProperty("lastExamined").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("covered", rows[key].GetProperty("status").GetString());
            Assert.Equal(Today.Year + 3, rows[key].GetProperty("dueYear").GetInt32());
        }

        foreach (var key in DeclarationScenario.ControlKeys.Except(selected))
        {
            Assert.Equal(JsonValueKind.Null, rows[key].GetProperty("lastExamined").ValueKind);
        }
    }

    [Fact]
    public async Task Coverage_SelectionNotFrozen_CountsNothing()
    {
        var (s, organisation, _) = await SelectedAsync(22, freeze: false);

        var coverage = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/organisations/{organisation}/coverage"));

        Assert.All(coverage.GetProperty("controls").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("lastExamined").ValueKind));
    }

    [Fact]
    public async Task CoverageSvg_AfterFrozenSelection_IsAnSvgWithAnExaminedCellPerSelectedControl()
    {
        var (s, organisation, selected) = await SelectedAsync(23, freeze: true);

        var response = await s.AssessorClient.GetAsync($"/api/v1/organisations/{organisation}/coverage.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var examined = svg.Descendants(ns + "g")
            .Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("examined") == true)
            .Select(g => (string?)g.Attribute("data-control"))
            .ToList();
        Assert.Equal(selected.Order(StringComparer.Ordinal), examined.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Coverage_UnknownOrganisation_NotFound()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);

        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync($"/api/v1/organisations/{Guid.NewGuid()}/coverage"), HttpStatusCode.NotFound, "organisation.not-found");
        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync($"/api/v1/organisations/{Guid.NewGuid()}/coverage.svg"), HttpStatusCode.NotFound, "organisation.not-found");
    }

    [Fact]
    public async Task CoveragePage_ForStaff_ShowsHeatMapAndTable()
    {
        var (s, organisation, selected) = await SelectedAsync(24, freeze: true);
        using var session = await app.SignInAsync(s.DecisionMaker);

        var response = await session.GetAsync($"/console/organisations/{organisation}/coverage");
        var html = await response.Content.ReadAsStringAsync();
        var details = await (await session.GetAsync($"/console/organisations/{organisation}")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{selected[0]}</th>", html, StringComparison.Ordinal);
        Assert.Contains($"/console/organisations/{organisation}/coverage", details, StringComparison.Ordinal);
    }
}
