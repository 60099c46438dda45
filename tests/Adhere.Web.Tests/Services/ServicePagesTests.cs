using System.Net;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Services;

public sealed class ServicePagesTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private Task<string> CategoryAsync() =>
        app.WithSystemAsync(async sp =>
        {
            var added = await sp.GetRequiredService<AddServiceCategory>()
                .HandleAsync(new($"Code {Guid.NewGuid():N}", $"Category {Guid.NewGuid():N}"), CancellationToken.None);
            return added.Value.Name;
        });

    private Task<ServiceDetails> ServiceAsync(Guid organisationId, string name, string? category = null) =>
        app.WithSystemAsync(async sp =>
            (await sp.GetRequiredService<CreateService>().HandleAsync(new(organisationId, name, null, category, null), CancellationToken.None)).Value);

    [Fact]
    public async Task CspEditor_AddsService_AndSeesItGroupedUnderItsCategory()
    {
        var org = await app.CreateProviderAsync();
        var category = await CategoryAsync();
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));

        var post = await session.PostFormAsync("/portal/services", "/portal/services", new()
        {
            ["Form.Name"] = "Portal Compute",
            ["Form.Description"] = "Added through the portal",
            ["Form.Category"] = category,
        });
        var page = await session.Http.GetStringAsync("/portal/services");

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains($"{category} <span class=\"count\">(1)</span>", page, StringComparison.Ordinal);
        Assert.Contains("Portal Compute", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspEditor_AddingDuplicate_ShowsErrorOnForm()
    {
        var org = await app.CreateProviderAsync();
        await ServiceAsync(org.Id, "Taken Name");
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));

        var post = await session.PostFormAsync("/portal/services", "/portal/services", new() { ["Form.Name"] = "taken name" });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("already has a service named", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspEditor_EditsAndRetiresService()
    {
        var org = await app.CreateProviderAsync();
        var service = await ServiceAsync(org.Id, "Before Edit");
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));
        var path = $"/portal/services/{service.Id}";

        var saved = await session.PostFormAsync(path, $"{path}?handler=Update", new() { ["Form.Name"] = "After Edit", ["Form.Family"] = "Family B" });
        var retired = await session.PostFormAsync(path, $"{path}?handler=Retire", []);
        var page = await session.Http.GetStringAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Contains("After Edit", page, StringComparison.Ordinal);
        Assert.Contains("Family B", page, StringComparison.Ordinal);
        Assert.Contains("Reactivate this service", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspViewer_ReadsServicesButCannotChangeThem()
    {
        var org = await app.CreateProviderAsync();
        var service = await ServiceAsync(org.Id, "Read Only Service");
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.CspViewer, org));
        var path = $"/portal/services/{service.Id}";

        var list = await session.Http.GetStringAsync("/portal/services");
        var details = await session.Http.GetStringAsync(path);
        var post = await session.PostFormAsync("/account/tokens", $"{path}?handler=Retire", []);

        Assert.Contains("Read Only Service", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Add service", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Retire this service", details, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/account/denied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var after = await app.WithSystemAsync(sp => sp.GetRequiredService<ServiceQueries>().GetAsync(service.Id, CancellationToken.None));
        Assert.Equal("active", after.Value.Status);
    }

    [Fact]
    public async Task ConsoleOrganisationPage_ListsTheProvidersServicesOnly()
    {
        var org = await app.CreateProviderAsync();
        var other = await app.CreateProviderAsync();
        var mine = await ServiceAsync(org.Id, $"Listed {Guid.NewGuid():N}");
        var theirs = await ServiceAsync(other.Id, $"Elsewhere {Guid.NewGuid():N}");
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var page = await session.Http.GetStringAsync($"/console/organisations/{org.Id}");

        Assert.Contains(mine.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Name, page, StringComparison.Ordinal);
    }
}
