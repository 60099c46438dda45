using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Adhere.BrowserTests.Infrastructure;
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
        var verification = decider.Locator("dt", new() { HasText = "Verification-ID" }).Locator("xpath=following-sibling::dd[1]");
        await Expect(verification).ToHaveTextAsync(VerificationId());
        await page.ReloadAsync();
        await Expect(page.Locator("dt", new() { HasText = "Verification-ID" }).Locator("xpath=following-sibling::dd[1]"))
            .ToHaveTextAsync(await verification.InnerTextAsync());
    }

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

    /// <summary>A provider's declaration, every control answered, with a service agreement and a certificate, submitted; returns its Code's name.</summary>
    private async Task<string> SubmittedDeclarationAsync()
    {
        var s = await DeclarationScenario.CreateAsync(server.App);
        var category = await server.App.WithSystemAsync(async sp =>
            (await sp.GetRequiredService<AddServiceCategory>().HandleAsync(new($"Code {Guid.NewGuid():N}", $"Cat {Guid.NewGuid():N}"), CancellationToken.None)).Value.Name);
        foreach (var (service, name) in new[] { (s.ServiceA, "Compute"), (s.ServiceB, "Storage") })
        {
            await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/services/{service}", new { name, category }));
        }

        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var agreement = await s.UploadAsync("dpa.pdf");
        await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}", new
        {
            requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example",
            agreements = new[] { new { documentId = agreement, kind = "service-agreement" } },
        }));
        await s.AnswerAllAsync(id);
        await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate(auditReport: agreement)), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null));
        return s.Code;
    }

    [GeneratedRegex("/console/assessments/[0-9a-f-]{36}$")]
    private static partial Regex Workspace();

    [GeneratedRegex("^[1-3]$")]
    private static partial Regex ProposedLevel();

    [GeneratedRegex("^\\s*[0-9]{4}LVL[0-9]{2}[A-Z]+[0-9]{3,}\\s*$")]
    private static partial Regex VerificationId();
}
