using System.Text.RegularExpressions;
using Adhere.BrowserTests.Infrastructure;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Pages;

/// <summary>The layout and sign-in work without a mouse: skip link first, then the header, then the form.</summary>
public sealed partial class KeyboardJourneyTests(AdhereServer server, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task SignIn_WithKeyboardOnly_SkipLinkComesFirstAndViewerReachesPortal()
    {
        var org = await server.App.CreateProviderAsync();
        var viewer = await server.App.CreateUserAsync(Role.CspViewer, org);
        await using var context = await chromium.NewContextAsync(server);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("a: Skip to content", await Journeys.FocusedAsync(page));
        var skipLink = await page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }).BoundingBoxAsync();
        Assert.True(skipLink is { X: >= 0, Y: >= 0 }, "The focused skip link should be on screen.");

        await page.Keyboard.PressAsync("Enter");
        Assert.StartsWith("main#main", await Journeys.FocusedAsync(page), StringComparison.Ordinal);

        // From main, one step back is the last header control: for a visitor, "Sign in".
        await Journeys.TabToAsync(page, "a: Sign in", key: "Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(SignInPage());
        Assert.StartsWith("input#Email", await Journeys.FocusedAsync(page), StringComparison.Ordinal); // autofocus

        await page.Keyboard.TypeAsync(viewer.Email);
        await page.Keyboard.PressAsync("Tab");
        Assert.StartsWith("input#Password", await Journeys.FocusedAsync(page), StringComparison.Ordinal);
        await page.Keyboard.TypeAsync(AdhereAppFactory.Password);
        await Journeys.TabToAsync(page, "button: Sign in", limit: 1);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(PortalHome());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(org.Name);
        await Expect(page.Locator("header .who")).ToHaveTextAsync(viewer.Email);
    }

    [GeneratedRegex("/account/signin(\\?|$)")]
    private static partial Regex SignInPage();

    [GeneratedRegex("/portal$")]
    private static partial Regex PortalHome();
}
