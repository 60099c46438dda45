using System.Net;
using Adhere.Core.Accounts;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Security;

public sealed class SecurityTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/api/v1/me")]
    [InlineData("/healthz")]
    public async Task AnyResponse_CarriesSecurityHeaders(string path)
    {
        using var client = app.ApiClient(null);

        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRejected()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        using var browser = app.AnonymousPageClient();

        var response = await browser.Http.PostAsync("/account/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = AdhereAppFactory.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("adhere.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsNeutralMessage()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        using var browser = app.AnonymousPageClient();

        var response = await browser.PostFormAsync("/account/signin", "/account/signin", new() { ["Email"] = user.Email, ["Password"] = "Wrong-Password-1" });
        var unknown = await browser.PostFormAsync("/account/signin", "/account/signin", new() { ["Email"] = "nobody@nowhere.example", ["Password"] = "Wrong-Password-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("e-mail address or password is not correct", html, StringComparison.Ordinal);
        Assert.Contains("e-mail address or password is not correct", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_LocksTheAccountEvenForTheRightPassword()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        using var browser = app.AnonymousPageClient();
        for (var i = 0; i < 5; i++)
        {
            await browser.PostFormAsync("/account/signin", "/account/signin", new() { ["Email"] = user.Email, ["Password"] = $"Wrong-Password-{i}" });
        }

        var locked = await browser.PostFormAsync("/account/signin", "/account/signin", new() { ["Email"] = user.Email, ["Password"] = AdhereAppFactory.Password });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var lockoutEnd = await app.WithSystemAsync(async sp =>
            (await sp.GetRequiredService<UserManager<AdhereUser>>().FindByEmailAsync(user.Email))!.LockoutEnd);
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Api_IgnoresTheSignInCookie()
    {
        var user = await app.CreateUserAsync(Role.MbAdministrator);
        using var session = await app.SignInAsync(user);

        var response = await session.GetAsync("/api/v1/me");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "auth.required");
    }
}
