using System.Net;
using System.Net.Http.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

public sealed class ConflictsApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Fact]
    public async Task Declare_OwnConflict_IsListedActiveAndEndsOnItsLastDay()
    {
        var provider = await app.CreateProviderAsync();
        var assessor = await app.CreateUserAsync(Role.MbAssessor);
        using var client = await app.ApiClientAsync(assessor);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

        var declared = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { organisationId = provider.Id, reason = "  Worked there until last year. " }), HttpStatusCode.Created);
        var id = declared.GetProperty("id").GetGuid();
        var listed = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/conflicts-of-interest?organisationId={provider.Id}"));
        var ended = await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/conflicts-of-interest/{id}/end", new { lastDay = today.AddDays(-1) }),
            HttpStatusCode.BadRequest);

        Assert.Equal("Worked there until last year.", declared.GetProperty("reason").GetString());
        Assert.Equal(assessor.Email, declared.GetProperty("userEmail").GetString());
        Assert.True(declared.GetProperty("isActive").GetBoolean());
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal("conflict.end-before-start", ended.GetProperty("errorCode").GetString());

        var closed = await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/conflicts-of-interest/{id}/end", new { lastDay = today }));
        Assert.True(closed.GetProperty("isActive").GetBoolean()); // the last day still counts
        app.Time.Advance(TimeSpan.FromDays(1));
        var later = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/conflicts-of-interest/{id}"));
        Assert.False(later.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Declare_ForSomeoneElse_OnlyAnAdministratorMay()
    {
        var provider = await app.CreateProviderAsync();
        var assessor = await app.CreateUserAsync(Role.MbAssessor);
        var colleague = await app.CreateUserAsync(Role.MbAssessor);
        var cspUser = await app.CreateUserAsync(Role.CspEditor, provider);
        using var assessorClient = await app.ApiClientAsync(assessor);
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        using var csp = await app.ApiClientAsync(cspUser);
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await assessorClient.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { userId = colleague.Id.Value, organisationId = provider.Id, reason = "x" }), HttpStatusCode.Forbidden, "conflict.not-yours");
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { userId = cspUser.Id.Value, organisationId = provider.Id, reason = "x" }), HttpStatusCode.BadRequest, "conflict.user-not-staff");
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { organisationId = Guid.NewGuid(), reason = "x" }), HttpStatusCode.NotFound, "organisation.not-found");
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { organisationId = provider.Id, reason = " " }), HttpStatusCode.BadRequest, "conflict.reason-required");
        await HttpAssert.ProblemAsync(await csp.GetAsync("/api/v1/conflicts-of-interest"), HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await app.AuditCountAsync());

        var recorded = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { userId = colleague.Id.Value, organisationId = provider.Id, reason = "Family ties" }), HttpStatusCode.Created);
        Assert.Equal(colleague.Email, recorded.GetProperty("userEmail").GetString());
        await HttpAssert.ProblemAsync(await assessorClient.PostAsJsonAsync($"/api/v1/conflicts-of-interest/{recorded.GetProperty("id").GetGuid()}/end",
            new { lastDay = "2030-01-01" }), HttpStatusCode.Forbidden, "conflict.not-yours");
    }
}
