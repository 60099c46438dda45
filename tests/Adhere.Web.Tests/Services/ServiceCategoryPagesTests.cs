using System.Net;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Services;

public sealed class ServiceCategoryPagesTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Fact]
    public async Task MbAdmin_AddsAndRemovesCategoryOfACode()
    {
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var code = $"Code {Guid.NewGuid():N}";
        var path = $"/console/catalogues/categories?code={Uri.EscapeDataString(code)}";

        var added = await session.PostFormAsync(path, $"/console/catalogues/categories?handler=Add&code={Uri.EscapeDataString(code)}",
            new() { ["Name"] = "Quantum Computing" });
        var listed = await session.Http.GetStringAsync(path);
        var id = (await app.WithSystemAsync(sp => sp.GetRequiredService<ServiceCategoryQueries>().ListAsync(code, CancellationToken.None))).Single().Id;
        var removed = await session.PostFormAsync(path, $"/console/catalogues/categories?handler=Remove&id={id}&code={Uri.EscapeDataString(code)}", []);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Quantum Computing", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await app.WithSystemAsync(sp => sp.GetRequiredService<ServiceCategoryQueries>().ListAsync(code, CancellationToken.None)));
    }

    [Fact]
    public async Task MbAssessor_IsSentToDenied()
    {
        using var session = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var response = await session.GetAsync("/console/catalogues/categories");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
