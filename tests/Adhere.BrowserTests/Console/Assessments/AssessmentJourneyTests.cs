using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Adhere.BrowserTests.Infrastructure;
using Adhere.Core.Catalogue;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Console.Assessments;

/// <summary>
/// An assessor takes a submitted declaration from the work queue through fact finding, the control selection and the
/// findings to the decision; a decision maker approves it and the workspace shows the Verification-ID.
/// </summary>
public sealed partial class AssessmentJourneyTests(AdhereServer server, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Assessment_FromQueueToApproval_WorkspaceShowsTheVerificationId()
    {
        var code = await SubmittedDeclarationAsync();
        var assessor = await server.App.CreateUserAsync(Role.MbAssessor);
        var decisionMaker = await server.App.CreateUserAsync(Role.MbDecisionMaker);
        await using var assessorContext = await chromium.NewContextAsync(server);
        await using var decisionContext = await chromium.NewContextAsync(server);
        var page = await assessorContext.NewPageAsync();
        await Journeys.SignInAsync(page, assessor.Email, AdhereAppFactory.Password);

        await page.GotoAsync("/console/assessments");
        var waiting = page.GetByRole(AriaRole.Region, new() { Name = "Waiting to be opened" }).GetByRole(AriaRole.Row).Filter(new() { HasText = code });
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Open assessment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Workspace());
        var workspace = page.Url;

        await SettleFactFindingAsync(page);
        var selected = await DrawAndFreezeAsync(page);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Complete fact finding" }));
        await Expect(page.Locator("dl.facts").First).ToContainTextAsync("in-depth review");
        await RecordFindingsAsync(page, selected);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send to decision" }));
        await Expect(page.Locator("dl.facts").First).ToContainTextAsync("decision pending");

        var decider = await decisionContext.NewPageAsync();
        await Journeys.SignInAsync(decider, decisionMaker.Email, AdhereAppFactory.Password);
        await decider.GotoAsync(workspace);
        await Expect(decider.Locator("select[name=grantedLevel]")).ToHaveValueAsync(ProposedLevel());
        await SubmitAsync(decider, decider.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }));

        await Expect(decider.Locator("#decision")).ToContainTextAsync("approved");
        var decided = decider.Locator("#decision dl.facts");
        var proposed = await decided.Locator("dt", new() { HasText = "Proposed level" }).Locator("xpath=following-sibling::dd[1]").InnerTextAsync();
        await Expect(decided.Locator("dt", new() { HasText = "Granted level" }).Locator("xpath=following-sibling::dd[1]")).ToHaveTextAsync(proposed);
        var verification = VerificationIdOf(decider);
        await Expect(verification).ToHaveTextAsync(VerificationId());
        await page.ReloadAsync();
        await Expect(VerificationIdOf(page)).ToHaveTextAsync(await verification.InnerTextAsync());
    }

    /// <summary>The Verification-ID in the workspace's header facts (the declaration overview further down lists it again).</summary>
    private static ILocator VerificationIdOf(IPage page) =>
        page.Locator("dl.facts").First.Locator("dt", new() { HasText = "Verification-ID" }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>Confirms every checklist item and accepts every certificate review, one form at a time as the page reloads.</summary>
    private static async Task SettleFactFindingAsync(IPage page)
    {
        var section = page.Locator("#fact-finding");
        var checklist = section.Locator("form").Filter(new() { Has = page.Locator("select[name=status]") });
        var items = await checklist.CountAsync();
        Assert.True(items > 0, "The workspace offers no checklist form.");
        for (var i = 0; i < items; i++)
        {
            var form = checklist.Nth(i);
            await form.Locator("select[name=status]").SelectOptionAsync("confirmed");
            await SubmitAsync(page, form.GetByRole(AriaRole.Button));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("checklist item is recorded");
        }

        var reviews = section.Locator("form").Filter(new() { Has = page.Locator("select[name=verdict]") });
        var certificates = await reviews.CountAsync();
        for (var i = 0; i < certificates; i++)
        {
            var form = reviews.Nth(i);
            await form.Locator("select[name=verdict]").SelectOptionAsync("accepted");
            await SubmitAsync(page, form.GetByRole(AriaRole.Button));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("certificate review is recorded");
        }
    }

    /// <summary>Draws with a fixed seed, freezes, and returns the selected control keys as the table lists them.</summary>
    private static async Task<IReadOnlyList<string>> DrawAndFreezeAsync(IPage page)
    {
        var section = page.Locator("#selection");
        await section.Locator("input[name=seed]").FillAsync("42");
        await SubmitAsync(page, section.GetByRole(AriaRole.Button, new() { Name = "Draw the selection" }));
        var rows = section.GetByRole(AriaRole.Table, new() { Name = "Selected controls" }).Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(section.Locator("code").First).ToHaveTextAsync("42");
        var keys = (await rows.Locator("th").AllInnerTextsAsync()).Select(t => t.Trim().Split(' ')[0]).ToList();
        Assert.NotEmpty(keys);

        await SubmitAsync(page, section.GetByRole(AriaRole.Button, new() { Name = "Freeze the selection" }));
        await Expect(section).ToContainTextAsync("frozen on ");
        await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Freeze the selection" })).ToHaveCountAsync(0);
        return keys;
    }

    /// <summary>Records a satisfied finding for each selected control, watching the list of controls still without one shrink.</summary>
    private static async Task RecordFindingsAsync(IPage page, IReadOnlyList<string> selected)
    {
        var section = page.Locator("#findings");
        var missing = section.Locator("ul.without-finding li");
        await Expect(missing).ToHaveCountAsync(selected.Count);
        for (var done = 0; done < selected.Count; done++)
        {
            var form = section.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Record the finding" }) });
            await form.Locator("select[name=controlKey]").SelectOptionAsync(selected[done]);
            await form.Locator("select[name=result]").SelectOptionAsync("satisfied");
            await form.Locator("textarea[name=samples]").FillAsync("Policy register");
            await SubmitAsync(page, form.GetByRole(AriaRole.Button, new() { Name = "Record the finding" }));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("finding is recorded");
            await Expect(missing).ToHaveCountAsync(selected.Count - done - 1);
        }

        await Expect(section).ToContainTextAsync("Every selected control has a finding.");
    }

    /// <summary>
    /// Clicks a submit button and waits for the page the post redirects to: every form posts back to the same address, so
    /// the URL cannot tell the pages apart; a mark left on the old document can.
    /// </summary>
    private static async Task SubmitAsync(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.adhereOldPage = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.adhereOldPage !== true && document.readyState === 'complete'");
    }

    /// <summary>
    /// A provider's declaration of <see cref="DeclarationScenario"/>'s catalogue, every control answered, with a service
    /// agreement and a certificate, submitted through the API of the running server; returns the Code's name.
    /// </summary>
    private async Task<string> SubmittedDeclarationAsync()
    {
        var app = server.App;
        var code = $"Journey Code {Guid.NewGuid():N}";
        var category = await app.WithSystemAsync(async sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(DeclarationScenario.Yaml(code));
            await sp.GetRequiredService<ImportCatalogue>().HandleAsync(new(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Native, false), CancellationToken.None);
            return (await sp.GetRequiredService<AddServiceCategory>().HandleAsync(new($"Code {Guid.NewGuid():N}", $"Cat {Guid.NewGuid():N}"), CancellationToken.None)).Value.Name;
        });
        var editor = await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync());
        var (_, secret) = await app.CreateTokenAsync(editor);
        // The factory's own clients talk to its in-memory test server; this host listens on a real port.
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var services = new List<Guid>();
        foreach (var name in new[] { "Compute", "Storage" })
        {
            services.Add((await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/services", new { name, category }), HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var id = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/declarations",
            new { code, version = "1.0", services, requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example" }), HttpStatusCode.Created));
        using var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n%%EOF\n"));
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = pdf };
        upload.Headers.Add("X-File-Name", "dpa.pdf");
        var agreement = (await HttpAssert.JsonAsync(await client.SendAsync(upload), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await HttpAssert.JsonAsync(await client.PutAsJsonAsync($"/api/v1/declarations/{id}",
            new { requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example", agreements = new[] { new { documentId = agreement, kind = "service-agreement" } } }));
        foreach (var key in DeclarationScenario.ControlKeys)
        {
            await HttpAssert.JsonAsync(await client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/{key}",
                new { statement = $"We do {key} like this.", measures = "Reviewed yearly." }));
        }

        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", new
        {
            standard = DeclarationScenario.Iso27001, standardVersion = "2022", number = $"CERT-{Guid.NewGuid():N}"[..16],
            certificationBody = "Example Certification GmbH", accreditationBody = "DAkkS",
            scopeStatement = "Compute and storage services operated from EU data centres.", coveredServices = services,
            issuedOn = today.AddDays(-100), expiresOn = today.AddDays(800), auditReportDocumentId = agreement,
        }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await client.PostAsync($"/api/v1/declarations/{id}/submit", null));
        return code;
    }

    [GeneratedRegex("/console/assessments/[0-9a-f-]{36}$")]
    private static partial Regex Workspace();

    [GeneratedRegex("^[1-3]$")]
    private static partial Regex ProposedLevel();

    [GeneratedRegex("^\\s*[0-9]{4}LVL[0-9]{2}[A-Z]+[0-9]{3,}\\s*$")]
    private static partial Regex VerificationId();
}
