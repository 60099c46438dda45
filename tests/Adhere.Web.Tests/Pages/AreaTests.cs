using System.Net;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Pages;

public sealed class AreaTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/register")]
    [InlineData("/account/signin")]
    public async Task PublicPages_RenderForAnyone(string path)
    {
        using var browser = app.AnonymousPageClient();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#main\"", html, StringComparison.Ordinal); // skip link for keyboard users
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/portal")]
    [InlineData("/account/tokens")]
    public async Task ProtectedPages_SendAnonymousToSignIn(string path)
    {
        using var browser = app.AnonymousPageClient();

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspEditor_SeesPortalButNotConsole()
    {
        var org = await app.CreateProviderAsync();
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));

        var portal = await session.GetAsync("/portal");
        var profile = await session.GetAsync("/portal/organisation");
        var console = await session.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.Contains(org.Name, await portal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Save profile", await profile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/account/denied", console.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspViewer_ReadsProfileButCannotSaveIt()
    {
        var org = await app.CreateProviderAsync();
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspViewer, org));

        var profile = await session.GetAsync("/portal/organisation");
        var post = await session.PostFormAsync("/account/tokens", "/portal/organisation?handler=Profile", new() { ["Profile.Name"] = "Hijacked" });

        Assert.DoesNotContain("Save profile", await profile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/account/denied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var after = await app.WithSystemAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Core.Organisations.OrganisationQueries>(sp).GetAsync(org.Id, CancellationToken.None));
        Assert.Equal(org.Name, after.Value.Name);
    }

    [Fact]
    public async Task CspEditor_SavesOwnProfile_AndItIsAudited()
    {
        var org = await app.CreateProviderAsync();
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));
        var before = await app.AuditCountAsync();

        var post = await session.PostFormAsync("/portal/organisation", "/portal/organisation?handler=Profile", new()
        {
            ["Profile.Name"] = org.Name,
            ["Profile.Website"] = "https://cloud.example",
            ["Profile.PrivacyContactEmail"] = "dpo@cloud.example",
        });
        var page = await session.Http.GetStringAsync("/portal/organisation");

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("dpo@cloud.example", page, StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.AuditCountAsync());
    }

    [Fact]
    public async Task CspEditor_SavingInvalidWebsite_ShowsErrorAndKeepsProfile()
    {
        var org = await app.CreateProviderAsync();
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));

        var post = await session.PostFormAsync("/portal/organisation", "/portal/organisation?handler=Profile", new()
        {
            ["Profile.Name"] = org.Name,
            ["Profile.Website"] = "javascript:alert(1)",
        });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("absolute http or https address", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mb-admin", "/console/users", HttpStatusCode.OK)]
    [InlineData("mb-admin", "/console/audit", HttpStatusCode.OK)]
    [InlineData("mb-assessor", "/console", HttpStatusCode.OK)]
    [InlineData("mb-assessor", "/console/organisations", HttpStatusCode.OK)]
    [InlineData("mb-assessor", "/console/users", HttpStatusCode.Redirect)]
    [InlineData("mb-decision-maker", "/console/audit", HttpStatusCode.Redirect)]
    [InlineData("mb-admin", "/portal", HttpStatusCode.Redirect)]
    public async Task ConsolePages_FollowRoles(string roleName, string path, HttpStatusCode expected)
    {
        Assert.True(Role.TryParse(roleName, out var role));
        using var session = await app.SignInAsync(await app.CreateUserAsync(role!));

        var response = await session.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Admin_InvitesFromConsole_AndSeesTheLinkOnce()
    {
        var org = await app.CreateProviderAsync();
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var email = $"page-{Guid.NewGuid():N}@csp.example";

        var response = await session.PostFormAsync("/console/users", "/console/users", new()
        {
            ["Email"] = email,
            ["Role"] = "csp-viewer",
            ["OrganisationId"] = org.Id.ToString(),
        });
        var shown = await session.Http.GetStringAsync("/console/users");
        var again = await session.Http.GetStringAsync("/console/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/accept-invitation?token=", shown, StringComparison.Ordinal);
        Assert.Contains(email, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("accept-invitation?token=", again, StringComparison.Ordinal);
        Assert.Contains(email, again, StringComparison.Ordinal); // the list is not filtered by the invited role
    }

    [Fact]
    public async Task Admin_InviteWithCspRoleAndNoOrganisation_ShowsError()
    {
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));

        var response = await session.PostFormAsync("/console/users", "/console/users", new() { ["Email"] = "a@b.example", ["Role"] = "csp-editor" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name its organisation", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_ShowsNotFoundPage()
    {
        using var browser = app.AnonymousPageClient();

        var response = await browser.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
