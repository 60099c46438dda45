using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Reports;
using Adhere.Domain.Accounts;
using Adhere.Domain.Reports;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Reports;

/// <summary>The verification report built from a real assessment: structure, facts, drafts, templates and renewals.</summary>
public sealed class ReportBuilderTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static readonly string[] SeedOrder =
        ["1", "2", "2.1", "2.1.1", "3", "3.1", "3.2", "3.3", "3.4", "3.4.1", "3.4.2", "3.5", "4", "4.1", "4.2", "4.3", "4.3.1", "4.3.2", "5", "6"];

    private Task<ReportDocument> BuildAsync(Guid assessment) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<ReportBuilder>().BuildAsync(assessment, CancellationToken.None)).Value);

    private static async Task<(AssessmentScenario S, Guid Assessment, JsonElement Approved)> ApprovedAsync(AdhereAppFactory app)
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));
        return (s, id, approved);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Plain(IEnumerable<Inline> inlines) => string.Concat(inlines.Select(i => i is TextRun t ? t.Text : ""));

    private static string AllText(ReportDocument d) => string.Join("\n", d.Body.Select(b => b switch
    {
        Paragraph p => Plain(p.Inlines),
        BulletList l => string.Join("\n", l.Items.Select(Plain)),
        Table t => string.Join("\n", t.Rows.Select(r => string.Join(" | ", r))),
        Heading h => h.Number + " " + h.Text,
        _ => "",
    }));

    private static List<Block> After<Block>(ReportDocument d, string number) where Block : ReportBlock =>
        [.. d.Body.SkipWhile(b => b is not Heading h || h.Number != number).Skip(1).TakeWhile(b => b is not Heading).OfType<Block>()];

    [Fact]
    public async Task Build_ApprovedAssessment_HasTheSectionsInSeedOrderAndTheCoverFacts()
    {
        var (s, id, approved) = await ApprovedAsync(app);

        var report = await BuildAsync(id);

        Assert.Equal(SeedOrder, report.Body.OfType<Heading>().Select(h => h.Number));
        Assert.IsType<TableOfContents>(report.Body[0]);
        Assert.False(report.Cover.IsDraft);
        Assert.Equal(approved.GetProperty("verificationId").GetString(), report.Cover.VerificationId);
        Assert.Equal(DateOnly.Parse(approved.GetProperty("decision").GetProperty("decidedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture), report.Cover.ApprovedOn);
        Assert.Equal(DateOnly.Parse(approved.GetProperty("decision").GetProperty("validUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture), report.Cover.ValidUntil);
        Assert.Equal(approved.GetProperty("organisationName").GetString(), report.Cover.Company);
        Assert.Equal(approved.GetProperty("decision").GetProperty("decidedAt").GetDateTimeOffset(), report.CreatedAt);
        var validity = Assert.Single(After<Paragraph>(report, "6"));
        Assert.Contains(validity.Inlines, i => i is TotalPagesRun);
        Assert.Contains(report.Cover.VerificationId!, Plain(validity.Inlines), StringComparison.Ordinal);
        Assert.Contains(validity.Inlines, i => i is FootnoteRun { Url: { } url } && url.EndsWith($"/register/{report.Cover.VerificationId}", StringComparison.Ordinal));
        Assert.Contains(ReportBuilder.Date(report.Cover.ValidUntil!.Value), Plain(validity.Inlines), StringComparison.Ordinal);
        _ = s;
    }

    [Fact]
    public async Task Build_ApprovedAssessment_GroupsServicesByCategoryAndExaminesTheFrozenSelection()
    {
        var (s, id, approved) = await ApprovedAsync(app);

        var report = await BuildAsync(id);

        var categories = report.Body.OfType<Heading>().Where(h => h.Number.StartsWith("2.1.", StringComparison.Ordinal)).ToList();
        var services = categories.SelectMany(c => After<BulletList>(report, c.Number).SelectMany(l => l.Items.Select(Plain))).ToList();
        Assert.Contains("Compute", services);
        Assert.Contains("Storage", services);
        var selection = await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/selection"));
        var examined = Assert.Single(After<Table>(report, "4.3.1"));
        Assert.Equal(AssessmentScenario.SelectedControls(selection), examined.Rows.Select(r => r[0]));
        Assert.All(examined.Rows, r => Assert.Equal("Satisfied", r[3]));
        Assert.All(examined.Rows, r => Assert.NotEqual("", r[1]));

        var declaration = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}"));
        var number = declaration.GetProperty("certificates")[0].GetProperty("number").GetString()!;
        Assert.Contains(After<BulletList>(report, "4.1").SelectMany(l => l.Items.Select(Plain)), i => i.Contains(number, StringComparison.Ordinal));
        var level = approved.GetProperty("decision").GetProperty("grantedLevel").GetInt32();
        Assert.Contains($"Level {level}", Plain(After<Paragraph>(report, "5")[0].Inlines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Twice_GivesEqualDocuments()
    {
        var (_, id, _) = await ApprovedAsync(app);

        var first = await BuildAsync(id);
        var second = await BuildAsync(id);

        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal(32, first.DocumentId.Length);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(first.Cover, second.Cover);
        Assert.Equal(MarkdownReportRenderer.Render(first), MarkdownReportRenderer.Render(second));
        Assert.Equal(HtmlReportRenderer.Render(first, 14), HtmlReportRenderer.Render(second, 14));
    }

    [Fact]
    public async Task Build_BeforeApproval_IsADraftWithoutIdOrDates()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();

        var report = await BuildAsync(id);
        var html = await (await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/report?format=html")).Content.ReadAsStringAsync();

        Assert.True(report.Cover.IsDraft);
        Assert.Null(report.Cover.VerificationId);
        Assert.Null(report.Cover.ApprovedOn);
        Assert.Null(report.Cover.ValidUntil);
        Assert.Equal(SeedOrder, report.Body.OfType<Heading>().Select(h => h.Number));
        Assert.Contains("DRAFT", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MarkdownAndHtml_ShowTheSameHeadings()
    {
        var (s, id, _) = await ApprovedAsync(app);
        var report = await BuildAsync(id);

        var md = await TextAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/report?format=md"));
        var html = await TextAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/report?format=html"));
        var pages = (await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/report/issued"))).GetProperty("pageCount").GetInt32();

        foreach (var h in report.Body.OfType<Heading>())
        {
            Assert.Contains($">{h.Number} {h.Text}<", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            Assert.Contains($" {h.Number} {h.Text} {{#{h.Anchor}}}", md, StringComparison.Ordinal);
            Assert.Contains($"id=\"{h.Anchor}\"", html, StringComparison.Ordinal);
            Assert.Contains($"{{#{h.Anchor}}}", md, StringComparison.Ordinal);
        }

        // The issued HTML states the page count of the issued PDF.
        Assert.Contains($"{pages} pages", html, StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/report?format=docx"), HttpStatusCode.BadRequest, "report.format-unknown");
    }

    [Fact]
    public async Task Templates_EditedPassageWithPlaceholder_AppearsInTheReport_AndUnknownPlaceholderChangesNothing()
    {
        var (s, id, _) = await ApprovedAsync(app);
        var declaration = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}"));
        var code = declaration.GetProperty("summary").GetProperty("codeName").GetString()!;
        var marker = $"Edited {Guid.NewGuid():N}";

        var refused = await s.AdministratorClient.PutAsJsonAsync("/api/v1/report-templates/assessment-intro", new { code, text = $"{marker} {{companyName}} {{nope}}" });
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, "report-template.unknown-placeholder");
        var listed = await HttpAssert.JsonAsync(await s.AdministratorClient.GetAsync($"/api/v1/report-templates?code={Uri.EscapeDataString(code)}&language=en"));
        var intro = listed.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "assessment-intro");
        Assert.False(intro.GetProperty("isEdited").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await s.AssessorClient.PutAsJsonAsync("/api/v1/report-templates/assessment-intro", new { code, text = marker })).StatusCode);

        await HttpAssert.JsonAsync(await s.AdministratorClient.PutAsJsonAsync("/api/v1/report-templates/assessment-intro", new { code, text = $"{marker} for {{company}}." }));
        var report = await BuildAsync(id);
        await HttpAssert.JsonAsync(await s.AdministratorClient.DeleteAsync($"/api/v1/report-templates/assessment-intro?code={Uri.EscapeDataString(code)}"));
        var reset = await BuildAsync(id);

        Assert.Equal($"{marker} for {report.Cover.Company}.", Plain(After<Paragraph>(report, "4")[0].Inlines));
        Assert.DoesNotContain(marker, AllText(reset), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Renewal_ConfirmsNoMaterialChangeAndComparesServices()
    {
        var (s, _, _) = await ApprovedAsync(app);
        var renewal = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await s.ProviderClient.PostAsync($"/api/v1/declarations/{s.DeclarationId}/renewal", null), HttpStatusCode.Created));
        await HttpAssert.JsonAsync(await s.ProviderClient.PutAsJsonAsync($"/api/v1/declarations/{renewal}/renewal-statement", new { noMaterialChange = true }));
        await HttpAssert.JsonAsync(await s.ProviderClient.PostAsync($"/api/v1/declarations/{renewal}/submit", null));
        var id = await s.ReadyForDecisionAsync(renewal);
        await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));

        var report = await BuildAsync(id);

        var confirmation = ReportTemplateDefaults.Find("renewal-confirmation")!.Text.Replace("{company}", report.Cover.Company, StringComparison.Ordinal);
        Assert.Contains(After<Paragraph>(report, "4.1"), p => Plain(p.Inlines) == confirmation);
        var comparison = After<Table>(report, "4.1").Single(t => t.Headers.Contains("Previous verification"));
        Assert.Contains(comparison.Rows, r => r[0] == "Compute" && r[2] == "Declared" && r[3] == "Declared");
    }

    [Fact]
    public async Task DeclarationReport_OwnProviderReadsIt_OtherProviderGetsNotFound()
    {
        var (s, _, approved) = await ApprovedAsync(app);
        var stranger = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync()));

        var own = await TextAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/report?format=md"));
        var foreign = await stranger.GetAsync($"/api/v1/declarations/{s.DeclarationId}/report");

        Assert.Contains(approved.GetProperty("verificationId").GetString()!, own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
