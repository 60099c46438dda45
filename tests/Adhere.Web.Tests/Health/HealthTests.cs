using System.Net;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Health;

public sealed class HealthTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    [Fact]
    public async Task Healthz_Always_AnswersAlive()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/healthz"));

        Assert.Equal("alive", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_OnMigratedDatabase_AnswersReady()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/readyz"));

        Assert.Equal("ready", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/organisations/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/users", out _));
        Assert.True(paths.TryGetProperty("/api/v1/audit", out _));
        Assert.True(paths.TryGetProperty("/api/v1/declarations/{id}/answers/{controlKey}", out _));
    }

    [Fact]
    public async Task OpenApi_TypedIds_AreDescribedAsTheStringsTheApiSends()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var schemas = json.GetProperty("components").GetProperty("schemas");
        var serviceId = schemas.GetProperty("ServiceScopeResult").GetProperty("properties").GetProperty("serviceId");
        if (serviceId.TryGetProperty("$ref", out var reference)) serviceId = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        Assert.Equal("string", serviceId.GetProperty("type").GetString());
        Assert.Equal("uuid", serviceId.GetProperty("format").GetString());
    }

    [Fact]
    public async Task UnknownApiRoute_AnswersProblemDetails()
    {
        using var client = app.ApiClient(null);

        var response = await client.GetAsync("/api/v1/no-such-thing");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
