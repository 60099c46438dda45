using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Services;

public sealed class ServicesApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    /// <summary>A category of its own Code, so that tests never share category names.</summary>
    private Task<string> CategoryAsync() =>
        app.WithSystemAsync(async sp =>
        {
            var name = $"Category {Guid.NewGuid():N}";
            var added = await sp.GetRequiredService<AddServiceCategory>().HandleAsync(new($"Code {Guid.NewGuid():N}", name), CancellationToken.None);
            return added.Value.Name;
        });

    private async Task<(TestUser User, HttpClient Client)> EditorAsync()
    {
        var org = await app.CreateProviderAsync();
        var user = await app.CreateUserAsync(Role.CspEditor, org);
        return (user, await app.ApiClientAsync(user));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body) =>
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/services", body), HttpStatusCode.Created);

    private Task<List<string>> AuditActionsAsync(Guid serviceId) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.ObjectType == "service" && e.ObjectId == serviceId.ToString())
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Create_AsCspEditor_AddsServiceToOwnOrganisationAndAudits()
    {
        var (editor, client) = await EditorAsync();
        using var _ = client;
        var category = await CategoryAsync();

        var created = await CreateAsync(client, new { name = "  Acme Compute ", description = "VMs", category = category.ToUpperInvariant(), family = "Core" });

        Assert.Equal("Acme Compute", created.GetProperty("name").GetString());
        Assert.Equal(category, created.GetProperty("category").GetString()); // stored as the list spells it
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(editor.OrganisationId.Value, created.GetProperty("organisationId").GetGuid());
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(["service.created"], await AuditActionsAsync(id));
        var fetched = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/services/{id}"));
        Assert.Equal("VMs", fetched.GetProperty("description").GetString());
    }

    [Fact]
    public async Task List_AsCspEditor_ShowsOnlyOwnServices()
    {
        var (_, client) = await EditorAsync();
        var (_, other) = await EditorAsync();
        using var own = client;
        using var foreign = other;
        var mine = $"Mine {Guid.NewGuid():N}";
        var theirs = $"Theirs {Guid.NewGuid():N}";
        await CreateAsync(own, new { name = mine });
        var created = await CreateAsync(foreign, new { name = theirs });

        var list = await HttpAssert.JsonAsync(await own.GetAsync("/api/v1/services"));
        var get = await own.GetAsync($"/api/v1/services/{created.GetProperty("id").GetGuid()}");

        Assert.Equal([mine], list.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList());
        await HttpAssert.ProblemAsync(get, HttpStatusCode.NotFound, "service.not-found");
    }

    [Fact]
    public async Task List_AsMbStaffWithOrganisation_ShowsThatProvidersServices()
    {
        var (editor, client) = await EditorAsync();
        using var _ = client;
        var name = $"Listed {Guid.NewGuid():N}";
        await CreateAsync(client, new { name });
        using var assessor = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));

        var list = await HttpAssert.JsonAsync(await assessor.GetAsync($"/api/v1/services?organisationId={editor.OrganisationId}"));

        Assert.Equal([name], list.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList());
    }

    [Fact]
    public async Task Create_AsMbAdmin_AddsToNamedProvider()
    {
        var org = await app.CreateProviderAsync();
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));

        var created = await CreateAsync(admin, new { organisationId = org.Id, name = "Added by the MB" });
        var withoutOrg = await admin.PostAsJsonAsync("/api/v1/services", new { name = "Nobody's" });

        Assert.Equal(org.Id, created.GetProperty("organisationId").GetGuid());
        await HttpAssert.ProblemAsync(withoutOrg, HttpStatusCode.BadRequest, "service.organisation-required");
    }

    [Fact]
    public async Task Create_AsCspEditorForAnotherOrganisation_Answers404AndCreatesNothing()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        var foreign = await app.CreateProviderAsync();
        var before = await app.AuditCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/services", new { organisationId = foreign.Id, name = "Planted" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "organisation.not-found");
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Create_DuplicateNameIgnoringCase_Answers409AndCreatesNothing()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        await CreateAsync(client, new { name = "Acme Storage" });
        var before = await app.AuditCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/services", new { name = "ACME storage " });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "service.duplicate-name");
        var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/services"));
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Create_SameNameInAnotherOrganisation_IsAllowed()
    {
        var (_, first) = await EditorAsync();
        var (_, second) = await EditorAsync();
        using var a = first;
        using var b = second;

        await CreateAsync(a, new { name = "Shared Name" });
        await CreateAsync(b, new { name = "Shared Name" });
    }

    [Fact]
    public async Task Create_UnknownCategory_Answers400AndCreatesNothing()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        var before = await app.AuditCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/services", new { name = "Acme Other", category = $"No such {Guid.NewGuid():N}" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "service.unknown-category");
        Assert.Equal(0, (await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/services"))).GetArrayLength());
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Create_WithoutName_Answers400()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;

        await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/services", new { name = " " }), HttpStatusCode.BadRequest, "service.name-required");
    }

    [Fact]
    public async Task Writes_AsCspViewer_Answer403AndChangeNothing()
    {
        var (editor, client) = await EditorAsync();
        using var _ = client;
        var created = await CreateAsync(client, new { name = "Viewed" });
        var id = created.GetProperty("id").GetGuid();
        using var viewer = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspViewer, await OrgAsync(editor)));
        var before = await app.AuditCountAsync();

        var create = await viewer.PostAsJsonAsync("/api/v1/services", new { name = "By a viewer" });
        var update = await viewer.PutAsJsonAsync($"/api/v1/services/{id}", new { name = "Renamed by a viewer" });
        var retire = await viewer.PostAsync($"/api/v1/services/{id}/retire", null);
        var read = await HttpAssert.JsonAsync(await viewer.GetAsync($"/api/v1/services/{id}"));

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retire.StatusCode);
        Assert.Equal("Viewed", read.GetProperty("name").GetString());
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Update_ChangesFieldsAndAudits()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        var category = await CategoryAsync();
        var id = (await CreateAsync(client, new { name = "Before", description = "Old" })).GetProperty("id").GetGuid();

        var updated = await HttpAssert.JsonAsync(await client.PutAsJsonAsync($"/api/v1/services/{id}",
            new { name = "After", description = "New", category, family = "Family A" }));

        Assert.Equal("After", updated.GetProperty("name").GetString());
        Assert.Equal("New", updated.GetProperty("description").GetString());
        Assert.Equal(category, updated.GetProperty("category").GetString());
        Assert.Equal("Family A", updated.GetProperty("family").GetString());
        Assert.Equal(["service.created", "service.updated"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Update_ToNameOfAnotherOwnService_Answers409AndKeepsName()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        await CreateAsync(client, new { name = "First" });
        var id = (await CreateAsync(client, new { name = "Second" })).GetProperty("id").GetGuid();

        var response = await client.PutAsJsonAsync($"/api/v1/services/{id}", new { name = "first" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "service.duplicate-name");
        Assert.Equal("Second", (await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/services/{id}"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Retire_ThenRetireAgain_Answers409ThenReactivates()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        var id = (await CreateAsync(client, new { name = "Short-lived" })).GetProperty("id").GetGuid();

        var retired = await HttpAssert.JsonAsync(await client.PostAsync($"/api/v1/services/{id}/retire", null));
        var again = await client.PostAsync($"/api/v1/services/{id}/retire", null);
        var reactivated = await HttpAssert.JsonAsync(await client.PostAsync($"/api/v1/services/{id}/reactivate", null));

        Assert.Equal("retired", retired.GetProperty("status").GetString());
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, retired.GetProperty("retiredAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMilliseconds(1));
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "service.already-retired");
        Assert.Equal("active", reactivated.GetProperty("status").GetString());
        Assert.Equal(["service.created", "service.retired", "service.reactivated"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Categories_MbAdminAddsListsAndRemoves()
    {
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var code = $"Code {Guid.NewGuid():N}";

        var first = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/service-categories", new { code, name = "Storage" }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/service-categories", new { code, name = "Computing" }), HttpStatusCode.Created);
        var duplicate = await admin.PostAsJsonAsync("/api/v1/service-categories", new { code = code.ToUpperInvariant(), name = "storage" });
        var removed = await admin.DeleteAsync($"/api/v1/service-categories/{first.GetProperty("id").GetGuid()}");
        var list = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/v1/service-categories?code={Uri.EscapeDataString(code)}"));

        await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.Conflict, "service-category.duplicate-name");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(["Computing"], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList());
    }

    [Fact]
    public async Task RemoveCategory_InUse_Answers409AndKeepsIt()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var code = $"Code {Guid.NewGuid():N}";
        var name = $"Used {Guid.NewGuid():N}";
        var category = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/service-categories", new { code, name }), HttpStatusCode.Created);
        await CreateAsync(client, new { name = "Categorised", category = name });

        var response = await admin.DeleteAsync($"/api/v1/service-categories/{category.GetProperty("id").GetGuid()}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "service-category.in-use");
        var list = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/v1/service-categories?code={Uri.EscapeDataString(code)}"));
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task AddCategory_AsCspEditor_Answers403()
    {
        var (_, client) = await EditorAsync();
        using var _ = client;

        var response = await client.PostAsJsonAsync("/api/v1/service-categories", new { code = "Any", name = "Mine" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<Core.Organisations.OrganisationDetails> OrgAsync(TestUser user) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<Core.Organisations.OrganisationQueries>()
            .GetAsync(user.OrganisationId.Value, CancellationToken.None)).Value);
}
