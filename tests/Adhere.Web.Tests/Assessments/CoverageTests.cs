using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Persistence;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task History_FrozenSelectionOfEarlierAdHocAssessment_ShowsInCoverageWhileALaterOneRuns()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var suffix = string.Concat(Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('A' + Convert.ToInt32(c.ToString(), 16))));
        await app.WithSystemAsync(async sp =>
        {
            // Listed as if verified before Adhere, so that ad hoc assessments may follow each other.
            var db = sp.GetRequiredService<AdhereDb>();
            var declaration = await db.Declarations.FirstAsync(d => d.Id == new DeclarationId(s.DeclarationId));
            declaration.RecordImportedVerification($"2026LVL02{suffix}001", ComplianceLevel.Second, Today.AddDays(-30), Today.AddDays(334),
                DeclarationStatus.Verified, app.Time.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var open = new { declarationId = s.DeclarationId, kind = "ad-hoc", adHocReason = "complaint" };
        var earlier = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync("/api/v1/assessments", open), HttpStatusCode.Created);
        var earlierId = AssessmentScenario.IdOf(earlier);
        var organisation = earlier.GetProperty("organisationId").GetGuid();
        var path = $"/api/v1/assessments/{earlierId}/selection";
        var empty = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync(path, new { seed = 8 }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/additions", new { controlKey = "6.1.B", reason = "The complaint is about risk assessment." }));
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/freeze", new { }));
        var later = AssessmentScenario.IdOf(await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync("/api/v1/assessments", open), HttpStatusCode.Created));
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{later}/selection", new { seed = 9 }), HttpStatusCode.Created);

        var coverage = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/organisations/{organisation}/coverage"));
        var history = await app.WithSystemAsync(sp => sp.GetRequiredService<SelectionQueries>().HistoryAsync(organisation, CancellationToken.None));

        Assert.Equal(0, empty.GetProperty("controls").GetArrayLength()); // ad hoc without a topic: the assessor chooses
        var row = coverage.GetProperty("controls").EnumerateArray().Single(r => r.GetProperty("controlKey").GetString() == "6.1.B");
        Assert.Equal("assessor", row.GetProperty("lastReason").GetString());
        Assert.Equal(1, row.GetProperty("examinations").GetInt32());
        var examination = Assert.Single(history);
        Assert.Equal((earlierId, "ad-hoc", "6.1.B", "assessor"), (examination.AssessmentId, examination.AssessmentKind, examination.ControlKey, examination.Reason));
    }
}
