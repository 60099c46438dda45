using System.Text;
using Adhere.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Accessibility;

/// <summary>
/// Every page a visitor can reach without signing in, in each state that changes its markup, passes axe-core's
/// WCAG 2.1 A and AA rules. A failure lists each violation's rule, impact, element and advice.
/// </summary>
[Collection(PublicSiteGroup.Name)]
public sealed class PublicPagesAxeTests(PublicSite site)
{
    public static TheoryData<string> PublicPages =>
    [
        "home", "register", "register with results", "register without results", "register filter error",
        "entry", "entry expired", "entry unknown", "verify valid", "verify expired", "verify suspended", "verify revoked",
        "verify unknown", "verify malformed", "report check", "report check rejected", "catalogues", "catalogue",
        "catalogue control", "catalogue search", "sign in", "sign in refused", "not found", "error", "denied",
        "complaint form", "complaint form refused", "complaint status", "complaint status unknown",
        "complaint answer", "complaint answer refused", "complaint answer unknown",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_CheckedByAxe_HasNoWcag21AaViolations(string name)
    {
        var page = await site.PageAsync();
        var data = await site.DataAsync();

        if (name.StartsWith("complaint answer", StringComparison.Ordinal) && name != "complaint answer unknown")
        {
            await OpenAnswerAsync(page, name, await site.ComplaintAnswerKeyAsync());
        }
        else
        {
            await OpenAsync(page, name, data);
        }

        await Axe.AssertNoViolationsAsync(page, name);
        Assert.Empty(site.ForeignRequests);
    }

    [Fact]
    public async Task Axe_OnMarkupWithKnownFaults_NamesEachFaultWithoutTheNetwork()
    {
        var page = await site.PageAsync();
        await page.GotoAsync("/");

        // No lang, an image without a text alternative, a field without a label: three rules that must fire.
        await page.SetContentAsync("<html><head><title>Faulty</title></head><body><main><h1>Faulty</h1><img src=\"data:,\"><input type=\"text\"></main></body></html>");
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => Axe.AssertNoViolationsAsync(page, "faulty markup"));

        Assert.Contains("- html-has-lang [serious]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- image-alt [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- label [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at img: <img src=\"data:,\">", failure.Message, StringComparison.Ordinal);
        Assert.Empty(site.ForeignRequests);
    }

    /// <summary>Brings the page into the named state and checks it is that state, so that axe examines what it should.</summary>
    private static async Task OpenAsync(IPage page, string name, PublicSiteData data)
    {
        var valid = data.Valid.VerificationId;
        switch (name)
        {
            case "home": await GotoAsync(page, "/", 200); break;
            case "register": await GotoAsync(page, "/register", 200); break;
            case "register with results":
                await GotoAsync(page, $"/register?q={Uri.EscapeDataString(data.Valid.Company)}", 200);
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = valid })).ToBeVisibleAsync();
                break;
            case "register without results":
                await GotoAsync(page, $"/register?q=nothing-{Guid.NewGuid():N}", 200);
                await Expect(page.GetByText("No entry matches.")).ToBeVisibleAsync();
                break;
            case "register filter error":
                await GotoAsync(page, "/register?level=9", 400);
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            case "entry": await GotoAsync(page, $"/register/{valid}", 200); break;
            case "entry expired": await GotoAsync(page, $"/register/{data.ExpiredId}", 200); break;
            case "entry unknown": await GotoAsync(page, "/register/2020LVL02NOWHERE999", 404); break;
            case "verify valid":
                await GotoAsync(page, $"/register/verify/{valid}", 200);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("valid");
                break;
            case "verify expired": await VerifyAsync(page, data.ExpiredId, "expired"); break;
            case "verify suspended": await VerifyAsync(page, data.SuspendedId, "suspended"); break;
            case "verify revoked": await VerifyAsync(page, data.RevokedId, "revoked"); break;
            case "verify unknown": await GotoAsync(page, "/register/verify/2020LVL02NOWHERE999", 404); break;
            case "verify malformed": await GotoAsync(page, $"/register/verify/{Uri.EscapeDataString("<i>x</i>")}", 400); break;
            case "report check": await GotoAsync(page, "/reports/verify", 200); break;
            case "report check rejected":
                await GotoAsync(page, "/reports/verify", 200);
                await page.GetByLabel("Report (PDF)").SetInputFilesAsync(new FilePayload
                {
                    Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Not a report at all."),
                });
                await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).Or(page.GetByRole(AriaRole.Alert))).ToBeVisibleAsync();
                break;
            case "catalogues": await GotoAsync(page, "/catalogues", 200); break;
            case "catalogue": await GotoAsync(page, $"/catalogues/{data.CatalogueId}", 200); break;
            case "catalogue control": await GotoAsync(page, $"/catalogues/{data.CatalogueId}/controls/{data.ControlKey}", 200); break;
            case "catalogue search":
                await GotoAsync(page, "/catalogues/search?q=data", 200);
                await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
                break;
            case "sign in": await GotoAsync(page, "/account/signin", 200); break;
            case "sign in refused":
                await GotoAsync(page, "/account/signin", 200);
                await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("nobody@test.example");
                await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
                await page.GetByLabel("Password", new() { Exact = true }).PressAsync("Enter");
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            case "complaint form": await GotoAsync(page, "/complaints/new", 200); break;
            case "complaint form refused":
                // Sent at once and empty: refused (too fast, among others), with the error summary shown.
                await GotoAsync(page, "/complaints/new", 200);
                await page.GetByRole(AriaRole.Button, new() { Name = "Send the complaint" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
                break;
            case "complaint status": await GotoAsync(page, "/complaints/status", 200); break;
            case "complaint status unknown": await GotoAsync(page, "/complaints/status?ref=C-2099-000001&key=guess", 404); break;
            case "complaint answer unknown": await GotoAsync(page, $"/complaints/answer/caq_{new string('A', 43)}", 404); break;
            case "not found": await GotoAsync(page, "/no/such/page", 404); break;
            case "error": await GotoAsync(page, "/error", 200); break;
            case "denied": await GotoAsync(page, "/account/denied", 403); break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "No such page in the list.");
        }
    }

    /// <summary>The complainant's answer page behind a real link: as opened, and refused when sent empty and at once.</summary>
    private static async Task OpenAnswerAsync(IPage page, string name, string key)
    {
        await GotoAsync(page, $"/complaints/answer/{key}", 200);
        if (name != "complaint answer refused") return;
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static async Task VerifyAsync(IPage page, string id, string status)
    {
        await GotoAsync(page, $"/register/verify/{id}", 200);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync($"{id}: {status} since");
    }

    private static async Task GotoAsync(IPage page, string path, int status)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
    }
}
