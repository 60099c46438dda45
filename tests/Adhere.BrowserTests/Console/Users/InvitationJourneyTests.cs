using System.Text.RegularExpressions;
using Adhere.BrowserTests.Infrastructure;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Console.Users;

/// <summary>An MB administrator invites a CSP editor in the console; the invitee accepts and reaches the portal.</summary>
public sealed partial class InvitationJourneyTests(AdhereServer server, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task InviteUser_AdminInvitesCspEditor_InviteeSetsPasswordAndSeesPortal()
    {
        var org = await server.App.CreateProviderAsync();
        var admin = await server.App.CreateUserAsync(Role.MbAdministrator);
        var inviteeEmail = $"invitee-{Guid.NewGuid():N}@test.example";
        await using var adminContext = await chromium.NewContextAsync(server);
        await using var inviteeContext = await chromium.NewContextAsync(server);

        var link = await InviteAsync(await adminContext.NewPageAsync(), admin, Role.CspEditor, org.Name, inviteeEmail, screenshot: true);
        var portal = await AcceptAndSignInAsync(await inviteeContext.NewPageAsync(), link, inviteeEmail);

        Assert.StartsWith(new Uri(server.BaseAddress, "/account/accept-invitation?token=").ToString(), link, StringComparison.Ordinal);
        await Expect(portal).ToHaveURLAsync(PortalHome());
        await Expect(portal.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(org.Name);
        await Expect(portal.GetByRole(AriaRole.Navigation, new() { Name = "Portal" })).ToBeVisibleAsync();
        await Expect(portal.GetByRole(AriaRole.Link, new() { Name = "MB console" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task InvitationJourney_UnderContentSecurityPolicy_NoViolationsAndStylesheetApplied()
    {
        var org = await server.App.CreateProviderAsync();
        var admin = await server.App.CreateUserAsync(Role.MbAdministrator);
        var inviteeEmail = $"invitee-{Guid.NewGuid():N}@test.example";
        await using var adminContext = await chromium.NewContextAsync(server);
        await using var inviteeContext = await chromium.NewContextAsync(server);
        var problems = new List<string>();
        var stylesheets = new List<string>();
        foreach (var context in new[] { adminContext, inviteeContext })
        {
            context.Console += (_, message) => { lock (problems) problems.Add($"console {message.Type}: {message.Text}"); };
            context.WebError += (_, error) => { lock (problems) problems.Add($"page error: {error.Error}"); };
            context.Response += (_, response) =>
            {
                if (response.Url.Contains("/css/site.css", StringComparison.Ordinal)) lock (stylesheets) stylesheets.Add($"{response.Status} {response.Url}");
            };
        }

        var adminPage = await adminContext.NewPageAsync();
        await InviteAsync(adminPage, admin, Role.CspEditor, org.Name, inviteeEmail, screenshot: false);
        var headerOnConsole = await HeaderBackgroundAsync(adminPage);
        var link = await adminPage.GetByTestId("invitation-link").InnerTextAsync();
        var portal = await AcceptAndSignInAsync(await inviteeContext.NewPageAsync(), link, inviteeEmail);
        var headerOnPortal = await HeaderBackgroundAsync(portal);

        // Chromium's wording moved from "Refused to …" to "… violates the following Content Security Policy directive".
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                             || p.Contains("Refused", StringComparison.OrdinalIgnoreCase)
                                             || p.Contains("violates", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(problems, p => p.StartsWith("page error", StringComparison.Ordinal));
        Assert.NotEmpty(stylesheets);
        Assert.All(stylesheets, s => Assert.StartsWith("200 ", s, StringComparison.Ordinal));
        // --ink in site.css; without the stylesheet the header would be transparent.
        Assert.Equal("rgb(29, 36, 51)", headerOnConsole);
        Assert.Equal("rgb(29, 36, 51)", headerOnPortal);
    }

    /// <summary>Signs in as <paramref name="admin"/>, opens Users from the console menu, invites, and returns the link shown.</summary>
    private static async Task<string> InviteAsync(IPage page, TestUser admin, Role role, string organisation, string email, bool screenshot)
    {
        await Journeys.SignInAsync(page, admin.Email, AdhereAppFactory.Password);
        await Expect(page).ToHaveURLAsync(ConsoleHome());

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UsersPage());
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }) });
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel(RoleLabel()).SelectOptionAsync(new SelectOptionValue { Label = role.DisplayName });
        await form.GetByLabel("Organisation (for CSP roles)").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await form.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();

        var link = page.GetByTestId("invitation-link");
        await Expect(link).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync(organisation);
        if (screenshot)
        {
            var file = Path.Combine(AppContext.BaseDirectory, "screenshots", "console-users.png");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        }

        return (await link.InnerTextAsync()).Trim();
    }

    /// <summary>Opens the invitation, chooses the password, signs in and returns the page it lands on.</summary>
    private static async Task<IPage> AcceptAndSignInAsync(IPage page, string link, string email)
    {
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(email);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(AdhereAppFactory.Password);
        await page.GetByLabel("Repeat the password", new() { Exact = true }).FillAsync(AdhereAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password is set. Sign in to continue.");

        await Journeys.SignInAsync(page, email, AdhereAppFactory.Password);
        return page;
    }

    private static Task<string> HeaderBackgroundAsync(IPage page) =>
        page.Locator("header.site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    // A select inside its label takes the selected option into its accessible name ("Role MB administrator").
    [GeneratedRegex("^Role")]
    private static partial Regex RoleLabel();

    [GeneratedRegex("/console$")]
    private static partial Regex ConsoleHome();

    [GeneratedRegex("/console/users$")]
    private static partial Regex UsersPage();

    [GeneratedRegex("/portal$")]
    private static partial Regex PortalHome();
}
