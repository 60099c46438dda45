using System.Net;
using System.Net.Http.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Accounts;

public sealed class UsersApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private async Task<HttpClient> AdminAsync() => await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));

    [Fact]
    public async Task Invite_CspEditor_CreatesInvitedUserWithOneTimeLink()
    {
        using var admin = await AdminAsync();
        var org = await app.CreateProviderAsync();
        var email = $"new-{Guid.NewGuid():N}@csp.example";

        var json = await HttpAssert.JsonAsync(
            await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "csp-editor", organisation = org.Id.ToString() }), HttpStatusCode.Created);

        Assert.Equal("invited", json.GetProperty("user").GetProperty("status").GetString());
        Assert.Equal(org.Name, json.GetProperty("user").GetProperty("organisationName").GetString());
        Assert.StartsWith("/account/accept-invitation?token=", json.GetProperty("invitationPath").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ThenAccept_LetsTheUserSignIn()
    {
        using var admin = await AdminAsync();
        var org = await app.CreateProviderAsync();
        var email = $"accept-{Guid.NewGuid():N}@csp.example";
        var invite = await HttpAssert.JsonAsync(
            await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "csp-viewer", organisation = org.Name }), HttpStatusCode.Created);
        var link = invite.GetProperty("invitationPath").GetString()!;
        using var browser = app.AnonymousPageClient();

        var accepted = await browser.PostFormAsync(link, link, new() { ["Password"] = "Brand-New-Pass-77", ["Confirm"] = "Brand-New-Pass-77" });
        var reused = await browser.Http.GetStringAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("not valid", reused, StringComparison.Ordinal);
        var user = new TestUser(new UserId(invite.GetProperty("user").GetProperty("id").GetGuid()), email, Role.CspViewer, new(org.Id));
        using var signedIn = await app.SignInAsync(user, "Brand-New-Pass-77");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public async Task Accept_WithWeakPassword_ShowsPolicyAndKeepsInvitation()
    {
        using var admin = await AdminAsync();
        var email = $"weak-{Guid.NewGuid():N}@mb.example";
        var invite = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "mb-assessor" }), HttpStatusCode.Created);
        var link = invite.GetProperty("invitationPath").GetString()!;
        using var browser = app.AnonymousPageClient();

        var response = await browser.PostFormAsync(link, link, new() { ["Password"] = "short", ["Confirm"] = "short" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 12 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Choose a password", await browser.Http.GetStringAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_WithUnknownRole_Answers400AndCreatesNothing()
    {
        using var admin = await AdminAsync();
        var email = $"x-{Guid.NewGuid():N}@csp.example";
        var before = await app.AuditCountAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "superuser" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "account.unknown-role");
        await AssertNoUserAsync(admin, email);
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Invite_CspRoleWithoutOrganisation_Answers400AndCreatesNothing()
    {
        using var admin = await AdminAsync();
        var email = $"x-{Guid.NewGuid():N}@csp.example";

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "csp-editor" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "account.organisation-required");
        await AssertNoUserAsync(admin, email);
    }

    [Fact]
    public async Task Invite_CspRoleIntoMonitoringBody_Answers400()
    {
        using var admin = await AdminAsync();
        var mb = await app.MonitoringBodyAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = $"x-{Guid.NewGuid():N}@a.example", role = "csp-viewer", organisation = mb.Id.ToString() });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "account.organisation-kind-mismatch");
    }

    [Fact]
    public async Task Invite_DuplicateEmailInOtherCase_Answers409AndCreatesNothing()
    {
        using var admin = await AdminAsync();
        var existing = await app.CreateUserAsync(Role.MbAssessor);
        var before = await app.AuditCountAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = existing.Email.ToUpperInvariant(), role = "mb-assessor" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "account.duplicate-email");
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("Name <a@b.example>")]
    public async Task Invite_WithInvalidEmail_Answers400(string email)
    {
        using var admin = await AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, role = "mb-assessor" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "account.invalid-email");
    }

    [Theory]
    [InlineData("mb-assessor")]
    [InlineData("mb-decision-maker")]
    [InlineData("csp-editor")]
    public async Task UsersApi_ForNonAdministrators_Answers403(string roleName)
    {
        Assert.True(Role.TryParse(roleName, out var role));
        var org = role!.IsMonitoringBodyRole ? null : await app.CreateProviderAsync();
        using var client = await app.ApiClientAsync(await app.CreateUserAsync(role, org));

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/v1/users", new { email = "z@z.example", role = "mb-admin" }), HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task Disable_ThenEnable_ChangesStatusAndSignIn()
    {
        using var admin = await AdminAsync();
        var org = await app.CreateProviderAsync();
        var user = await app.CreateUserAsync(Role.CspEditor, org);
        using var session = await app.SignInAsync(user);

        var disabled = await HttpAssert.JsonAsync(await admin.PostAsync($"/api/v1/users/{user.Id}/disable", null));
        var sessionAfterDisable = await session.GetAsync("/portal");
        await HttpAssert.ProblemAsync(await admin.PostAsync($"/api/v1/users/{user.Id}/disable", null), HttpStatusCode.Conflict, "account.already-disabled");
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInAsync(user));
        var enabled = await HttpAssert.JsonAsync(await admin.PostAsync($"/api/v1/users/{user.Id}/enable", null));

        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Redirect, sessionAfterDisable.StatusCode);
        Assert.Contains("/account/signin", sessionAfterDisable.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("active", enabled.GetProperty("status").GetString());
        using var again = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public async Task Disable_Self_Answers409()
    {
        var adminUser = await app.CreateUserAsync(Role.MbAdministrator);
        using var admin = await app.ApiClientAsync(adminUser);

        await HttpAssert.ProblemAsync(await admin.PostAsync($"/api/v1/users/{adminUser.Id}/disable", null), HttpStatusCode.Conflict, "account.cannot-disable-self");
    }

    [Fact]
    public async Task Get_UnknownUser_Answers404()
    {
        using var admin = await AdminAsync();

        await HttpAssert.ProblemAsync(await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "account.user-not-found");
    }

    private static async Task AssertNoUserAsync(HttpClient admin, string email)
    {
        var users = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/v1/users?q={Uri.EscapeDataString(email)}"));
        Assert.Empty(users.EnumerateArray());
    }
}
