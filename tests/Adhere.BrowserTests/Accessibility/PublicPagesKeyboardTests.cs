using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Adhere.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Accessibility;

/// <summary>
/// The public pages work with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows; no mouse, no click): the skip
/// link comes first, focus is always visible, follows the page and never gets stuck.
/// </summary>
[Collection(PublicSiteGroup.Name)]
public sealed partial class PublicPagesKeyboardTests(PublicSite site)
{
    [Fact]
    public async Task Register_WithKeyboardOnly_SearchesFiltersAndOpensAnEntryItsVerificationAndReport()
    {
        var page = await site.PageAsync();
        var data = await site.DataAsync();
        var id = data.Valid.VerificationId;
        await page.GotoAsync("/register");

        await page.Keyboard.PressAsync("Tab");
        var skip = await Journeys.AssertFocusVisibleAsync(page);
        Assert.Equal("a: Skip to content", skip.Description);
        var box = await page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }).BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0, Width: > 0 }, "The focused skip link should be on screen.");
        await page.Keyboard.PressAsync("Enter");
        Assert.StartsWith("main#main", await Journeys.FocusedAsync(page), StringComparison.Ordinal);

        await Journeys.TabVisiblyToAsync(page, "input#q[q]");
        await page.Keyboard.TypeAsync(data.Valid.Company);
        await Journeys.TabVisiblyToAsync(page, "select#level", limit: 2);
        for (var i = 0; i < data.Valid.Level; i++) await page.Keyboard.PressAsync("ArrowDown"); // past "Any level"
        await Expect(page.Locator("#level")).ToHaveValueAsync(data.Valid.Level.ToString(CultureInfo.InvariantCulture));
        await Journeys.TabVisiblyToAsync(page, "button: Search", limit: 2);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/register\\?q=[^&]+&category=&level={data.Valid.Level}&status=$"));

        await Journeys.TabVisiblyToAsync(page, $"a: {id}");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/register/{id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(data.Valid.Company);

        await Journeys.TabVisiblyToAsync(page, "a: Verify this ID");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/register/verify/{id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{id}: valid since [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$"));

        await page.GotoAsync($"/register/{id}");
        await Journeys.TabVisiblyToAsync(page, "a: Current report (PDF");
        var report = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Url.EndsWith($"/register/{id}/report.pdf", StringComparison.Ordinal));
        Assert.Equal(200, report.Status);
        Assert.Equal("application/pdf", (await report.HeaderValueAsync("content-type"))?.Split(';')[0]);
    }

    [Fact]
    public async Task Verify_WithKeyboardOnly_OpensTheCurrentEntry()
    {
        var page = await site.PageAsync();
        var id = (await site.DataAsync()).Valid.VerificationId;
        await page.GotoAsync($"/register/verify/{id}");

        await Journeys.TabVisiblyToAsync(page, $"a: {id}");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"/register/{id}$"));
    }

    [Fact]
    public async Task ReportCheck_WithKeyboardOnly_ChoosesAFileAndSubmitsIt()
    {
        var page = await site.PageAsync();
        await page.GotoAsync("/reports/verify");

        await Journeys.TabVisiblyToAsync(page, "input#file[file]");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Not a report.") });
        await Journeys.TabVisiblyToAsync(page, "button: Check", limit: 1);
        var response = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");

        Assert.True(response.Status is 200 or 400, $"The check answered {response.Status}.");
        await Expect(page.GetByRole(AriaRole.Alert).Or(page.GetByRole(AriaRole.Heading, new() { Name = "Not a report of ours" }))).ToBeVisibleAsync();
    }

    public static TheoryData<string> Pages => ["home", "register with results", "entry", "verify", "report check", "catalogue", "catalogue control", "sign in"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PublicPage_TabbedThroughAndBack_ReachesEveryControlVisiblyAndNeverTrapsFocus(string name)
    {
        var page = await site.PageAsync();
        var data = await site.DataAsync();
        var id = data.Valid.VerificationId;
        await page.GotoAsync(name switch
        {
            "home" => "/",
            "register with results" => $"/register?q={Uri.EscapeDataString(data.Valid.Company)}",
            "entry" => $"/register/{id}",
            "verify" => $"/register/verify/{id}",
            "report check" => "/reports/verify",
            "catalogue" => $"/catalogues/{data.CatalogueId}",
            "catalogue control" => $"/catalogues/{data.CatalogueId}/controls/{data.ControlKey}",
            "sign in" => "/account/signin",
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such page in the list."),
        });
        var controls = await Journeys.TabThroughAsync(page);

        Assert.Equal("a: Skip to content", controls[0]);
    }
}
