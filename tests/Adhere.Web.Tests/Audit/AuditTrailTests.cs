using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Audit;

public sealed class AuditTrailTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Fact]
    public async Task StateChange_AppendsEventWithActorObjectAndChanges()
    {
        var admin = await app.CreateUserAsync(Role.MbAdministrator);
        using var client = await app.ApiClientAsync(admin);
        var name = $"Audited {Guid.NewGuid():N}";

        var created = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/organisations", new { name, kind = "csp" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var page = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/audit?objectType=organisation&objectId={id}"));

        var entry = Assert.Single(page.GetProperty("entries").EnumerateArray());
        Assert.Equal("organisation.created", entry.GetProperty("action").GetString());
        Assert.Equal(admin.Email, entry.GetProperty("actorName").GetString());
        Assert.StartsWith("token:", entry.GetProperty("actorId").GetString(), StringComparison.Ordinal);
        Assert.Contains(name, entry.GetProperty("changes").GetString(), StringComparison.Ordinal);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, entry.GetProperty("occurredAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Search_FiltersByActionPrefixAndPagesNewestFirst()
    {
        var admin = await app.CreateUserAsync(Role.MbAdministrator);
        using var client = await app.ApiClientAsync(admin);
        var org = await app.CreateProviderAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/organisations/{org.Id}", new { name = $"{org.Name} v{i}" })).StatusCode);
        }

        var first = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/audit?action=organisation.&organisationId={org.Id}&pageSize=2"));
        var next = first.GetProperty("nextBefore").GetInt64();
        var second = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/audit?action=organisation.&organisationId={org.Id}&pageSize=2&before={next}"));

        var actions = first.GetProperty("entries").EnumerateArray().Concat(second.GetProperty("entries").EnumerateArray())
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["organisation.profile-updated", "organisation.profile-updated", "organisation.profile-updated", "organisation.created"], actions);
        Assert.Equal(JsonValueKindNull, second.GetProperty("nextBefore").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Search_WithBadPageSize_Answers400()
    {
        using var client = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/audit?pageSize=0"), HttpStatusCode.BadRequest, "audit.page-size-out-of-range");
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/audit?from=yesterday"), HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task Audit_ForAssessor_IsForbidden()
    {
        using var client = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task ConsolePage_ShowsEntriesAndVerifiesTheChain()
    {
        var admin = await app.CreateUserAsync(Role.MbAdministrator);
        await app.CreateProviderAsync("Visible In Audit Ltd");
        using var session = await app.SignInAsync(admin);

        var html = await session.Http.GetStringAsync("/console/audit?action=organisation.created");
        var verified = await session.PostFormAsync("/console/audit", "/console/audit?handler=Verify", []);

        Assert.Contains("Visible In Audit Ltd", html, StringComparison.Ordinal);
        Assert.Contains("The chain is intact", await verified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Each test tampers with its own database the way someone with database access could.</summary>
public sealed class AuditTamperingTests
{
    private static async Task<(AdhereAppFactory App, HttpClient Admin)> ChainOfAsync(int extraEvents)
    {
        var app = new AdhereAppFactory();
        await app.InitializeAsync();
        var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        for (var i = 0; i < extraEvents; i++) await app.CreateProviderAsync();
        return (app, admin);
    }

    private static async Task<System.Text.Json.JsonElement> VerifyAsync(HttpClient admin) =>
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/audit/verify"));

    private static Task<int> SqlAsync(AdhereAppFactory app, string sql) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Database.ExecuteSqlRawAsync(sql));

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        var (app, admin) = await ChainOfAsync(3);
        await using var _ = app;
        using var __ = admin;

        var result = await VerifyAsync(admin);

        Assert.True(result.GetProperty("isIntact").GetBoolean());
        Assert.True(result.GetProperty("verifiedCount").GetInt64() >= 6);
        Assert.Equal(64, result.GetProperty("headHash").GetString()!.Length);
    }

    [Fact]
    public async Task Verify_EditedEntry_NamesIt()
    {
        var (app, admin) = await ChainOfAsync(3);
        await using var _ = app;
        using var __ = admin;

        await SqlAsync(app, "UPDATE \"AuditEvents\" SET \"ActorName\" = 'someone-else@example.org' WHERE \"Sequence\" = 4");

        var result = await VerifyAsync(admin);
        Assert.False(result.GetProperty("isIntact").GetBoolean());
        Assert.Equal(4, result.GetProperty("brokenAtSequence").GetInt64());
        Assert.Contains("altered", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedEntry_NamesTheGap()
    {
        var (app, admin) = await ChainOfAsync(3);
        await using var _ = app;
        using var __ = admin;

        await SqlAsync(app, "DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 3");

        var result = await VerifyAsync(admin);
        Assert.False(result.GetProperty("isIntact").GetBoolean());
        Assert.Equal(4, result.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task Verify_DeletedLastEntryThenRenumbered_IsStillIntactButHeadChanges()
    {
        // Truncating the tail leaves a valid shorter chain: only a head hash kept elsewhere reveals it.
        var (app, admin) = await ChainOfAsync(2);
        await using var _ = app;
        using var __ = admin;
        var head = (await VerifyAsync(admin)).GetProperty("headHash").GetString();

        await SqlAsync(app, "DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = (SELECT MAX(\"Sequence\") FROM \"AuditEvents\")");

        var result = await VerifyAsync(admin);
        Assert.True(result.GetProperty("isIntact").GetBoolean());
        Assert.NotEqual(head, result.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task Verify_InsertedEntryWithValidOwnHash_NamesTheNextLink()
    {
        var (app, admin) = await ChainOfAsync(3);
        await using var _ = app;
        using var __ = admin;
        var first = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 1));
        var forged = AuditEvent.Chain(1, first.Hash, new AuditEntry("user:forged", "forger@example.org", "user.added", "user", "x", null, AuditChanges.None), first.OccurredAt);

        await SqlAsync(app, "DROP INDEX \"IX_AuditEvents_PreviousHash\"");
        await SqlAsync(app, "UPDATE \"AuditEvents\" SET \"Sequence\" = \"Sequence\" + 100000 WHERE \"Sequence\" >= 2");
        await SqlAsync(app, "UPDATE \"AuditEvents\" SET \"Sequence\" = \"Sequence\" - 99999 WHERE \"Sequence\" > 100000");
        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            db.AuditEvents.Add(forged);
            await db.SaveChangesAsync();
        });

        var result = await VerifyAsync(admin);
        Assert.False(result.GetProperty("isIntact").GetBoolean());
        Assert.Equal(3, result.GetProperty("brokenAtSequence").GetInt64());
        Assert.Contains("does not link", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SwappedEntries_NamesTheFirstMovedOne()
    {
        var (app, admin) = await ChainOfAsync(3);
        await using var _ = app;
        using var __ = admin;

        await SqlAsync(app, "UPDATE \"AuditEvents\" SET \"Sequence\" = 999999 WHERE \"Sequence\" = 2");
        await SqlAsync(app, "UPDATE \"AuditEvents\" SET \"Sequence\" = 2 WHERE \"Sequence\" = 3");
        await SqlAsync(app, "UPDATE \"AuditEvents\" SET \"Sequence\" = 3 WHERE \"Sequence\" = 999999");

        var result = await VerifyAsync(admin);
        Assert.False(result.GetProperty("isIntact").GetBoolean());
        Assert.Equal(2, result.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task ConcurrentWriters_NeverForkTheChain()
    {
        var (app, admin) = await ChainOfAsync(0);
        await using var _ = app;
        using var __ = admin;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.CreateProviderAsync()));

        var result = await VerifyAsync(admin);
        Assert.True(result.GetProperty("isIntact").GetBoolean(), result.GetRawText());
        Assert.True(result.GetProperty("verifiedCount").GetInt64() >= 10);
    }
}
