using Adhere.BrowserTests.Infrastructure;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Account;

/// <summary>API tokens on /account/tokens: the secret is shown once, and a revoked token says so.</summary>
public sealed class TokensTests(AdhereServer server, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task CreateToken_ThenReopenAndRevoke_SecretShownOnceAndStatusRevoked()
    {
        var org = await server.App.CreateProviderAsync();
        var user = await server.App.CreateUserAsync(Role.CspEditor, org);
        var name = $"ci-{Guid.NewGuid():N}"[..12];
        await using var context = await chromium.NewContextAsync(server);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, user.Email, AdhereAppFactory.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = (await page.GetByTestId("new-token").InnerTextAsync()).Trim();
        Assert.StartsWith(ApiToken.SecretPrefix, secret, StringComparison.Ordinal);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("active");

        // Reopen with a GET: the create handler answers its POST with the page itself, so Reload would post again.
        await page.GotoAsync("/account/tokens");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("new-token")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The token is revoked.");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("revoked");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }
}
