using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Accounts;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Accounts;

public sealed class ApiTokenTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Fact]
    public async Task Request_WithoutToken_Answers401Required()
    {
        using var client = app.ApiClient(null);

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task Request_WithUnknownToken_Answers401Invalid()
    {
        using var client = app.ApiClient("adh_not-a-real-token");

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.token-invalid");
    }

    [Fact]
    public async Task Request_WithValidToken_ActsAsItsOwner()
    {
        var org = await app.CreateProviderAsync();
        var user = await app.CreateUserAsync(Role.CspViewer, org);
        using var client = await app.ApiClientAsync(user);

        var me = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/me"));

        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(org.Id, me.GetProperty("organisationId").GetGuid());
        Assert.False(me.GetProperty("monitoringBody").GetBoolean());
    }

    [Fact]
    public async Task Request_AfterExpiry_Answers401Expired()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        var (_, secret) = await app.CreateTokenAsync(user, days: 1);
        using var client = app.ApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        app.Time.Advance(TimeSpan.FromDays(1));

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.token-expired");
    }

    [Fact]
    public async Task Request_AfterRevocation_Answers401Revoked()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        var (id, secret) = await app.CreateTokenAsync(user);
        using var client = app.ApiClient(secret);
        using var other = await app.ApiClientAsync(user);

        var revoke = await other.DeleteAsync($"/api/v1/me/tokens/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.token-revoked");
        await HttpAssert.ProblemAsync(await other.DeleteAsync($"/api/v1/me/tokens/{id}"), HttpStatusCode.Conflict, "token.already-revoked");
    }

    [Fact]
    public async Task Request_WhenOwnerDisabled_Answers401AccountDisabled()
    {
        var admin = await app.CreateUserAsync(Role.MbAdministrator);
        var org = await app.CreateProviderAsync();
        var user = await app.CreateUserAsync(Role.CspEditor, org);
        using var client = await app.ApiClientAsync(user);
        using var adminClient = await app.ApiClientAsync(admin);

        Assert.Equal(HttpStatusCode.OK, (await adminClient.PostAsync($"/api/v1/users/{user.Id}/disable", null)).StatusCode);

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.account-disabled");
    }

    [Fact]
    public async Task CreateToken_ReturnsSecretOnceAndStoresOnlyItsHash()
    {
        var user = await app.CreateUserAsync(Role.MbDecisionMaker);
        using var client = await app.ApiClientAsync(user);

        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "nightly export", expiresInDays = 10 }), HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var listed = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/me/tokens"));

        Assert.StartsWith("adh_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(listed.EnumerateArray(), t => t.GetProperty("name").GetString() == "nightly export" && t.GetProperty("role").GetString() == "mb-decision-maker");
        var stored = await app.WithSystemAsync(sp => Task.FromResult(sp.GetRequiredService<Core.Persistence.AdhereDb>().ApiTokens.Single(t => t.Name == "nightly export")));
        Assert.Equal(ApiToken.HashSecret(secret), stored.SecretHash);
    }

    [Fact]
    public async Task CreateToken_WithRoleNotHeld_Answers403AndCreatesNothing()
    {
        var org = await app.CreateProviderAsync();
        var user = await app.CreateUserAsync(Role.CspViewer, org);
        using var client = await app.ApiClientAsync(user);
        var before = await app.AuditCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "escalate", role = "csp-editor" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, "token.role-not-held");
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    public async Task CreateToken_WithLifetimeOutOfRange_Answers400(int days)
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        using var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "x", expiresInDays = days });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "token.lifetime-out-of-range");
    }

    [Fact]
    public async Task CreateToken_WithMalformedJson_Answers400Malformed()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        using var client = await app.ApiClientAsync(user);

        var response = await client.PostAsync("/api/v1/me/tokens", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task RevokeToken_OfAnotherUser_Answers404AndLeavesItWorking()
    {
        var owner = await app.CreateUserAsync(Role.MbAssessor);
        var (id, secret) = await app.CreateTokenAsync(owner);
        var other = await app.CreateUserAsync(Role.MbAdministrator);
        using var otherClient = await app.ApiClientAsync(other);

        await HttpAssert.ProblemAsync(await otherClient.DeleteAsync($"/api/v1/me/tokens/{id}"), HttpStatusCode.NotFound, "token.not-found");

        using var ownerClient = app.ApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Request_WhenRoleChangedAway_TokenStopsWorking()
    {
        var user = await app.CreateUserAsync(Role.MbAssessor);
        using var client = await app.ApiClientAsync(user);
        await app.WithSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AdhereUser>>();
            var account = await users.FindByIdAsync(user.Id.ToString());
            await users.RemoveFromRoleAsync(account!, Role.MbAssessor.Name);
            await users.AddToRoleAsync(account!, Role.MbDecisionMaker.Name);
        });

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "auth.token-role-withdrawn");
    }
}
