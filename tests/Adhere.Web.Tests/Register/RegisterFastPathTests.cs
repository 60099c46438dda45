using System.Net;
using Adhere.Core.Register;
using Adhere.Web.Register;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>The verification answer served from the cache before the pipeline: the same bytes and headers as the endpoint.</summary>
public sealed class RegisterFastPathTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> GetAsync(string id, string? ifNoneMatch = null) => VerificationRequests.GetAsync(app, id, ifNoneMatch);

    private Task<HttpResponseMessage> CachedAsync(string id) => VerificationRequests.CachedAsync(app, id);

    [Fact]
    public async Task Verification_CachedAnswer_SameStatusHeadersAndBodyAsTheEndpoint()
    {
        var s = await RegisterScenario.ListedAsync(app);

        using var first = await CachedAsync(s.VerificationId);
        using var second = await GetAsync(s.VerificationId.ToLowerInvariant());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), second.Content.Headers.ContentType?.ToString());
        Assert.Equal(first.Content.Headers.ContentLength, second.Content.Headers.ContentLength);
        foreach (var name in VerificationRequests.ComparedHeaders) Assert.Equal(VerificationRequests.Header(first, name), VerificationRequests.Header(second, name));
        Assert.Equal("*", VerificationRequests.Header(second, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Verification_CachedAnswerWithItsETag_Answers304()
    {
        var s = await RegisterScenario.ListedAsync(app);
        using var first = await CachedAsync(s.VerificationId);
        var etag = first.Headers.ETag!.Tag;

        using var again = await GetAsync(s.VerificationId, etag);
        using var weak = await GetAsync(s.VerificationId, "\"other\", W/" + etag);
        using var changed = await GetAsync(s.VerificationId, "\"other\"");

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag!.Tag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_CachedId_AnswersWithoutThePipelineAndPassesEverythingElseOn()
    {
        var s = await RegisterScenario.ListedAsync(app);
        using var warm = await CachedAsync(s.VerificationId);
        var passedOn = new List<string>();
        var middleware = new RegisterFastPath(context =>
            {
                passedOn.Add(context.Request.Method + " " + context.Request.Path);
                return Task.CompletedTask;
            }, app.Services.GetRequiredService<RegisterCache>(), app.Services.GetRequiredService<PublicReadBuckets>(),
            app.Services.GetRequiredService<PublicRateLimitSettings>());

        async Task<DefaultHttpContext> InvokeAsync(string method, string path)
        {
            var context = new DefaultHttpContext { RequestServices = app.Services };
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.44");
            context.Response.Body = new MemoryStream();
            await middleware.InvokeAsync(context);
            return context;
        }

        var served = await InvokeAsync("GET", $"/api/v1/register/verifications/{s.VerificationId}");
        for (var attempt = 0; passedOn.Count > 0 && attempt < 20; attempt++)
        {
            // The poller dropped the answer after all; fill the cache again and retry.
            passedOn.Clear();
            using var again = await CachedAsync(s.VerificationId);
            served = await InvokeAsync("GET", $"/api/v1/register/verifications/{s.VerificationId}");
        }

        Assert.Empty(passedOn);
        await InvokeAsync("POST", $"/api/v1/register/verifications/{s.VerificationId}");
        await InvokeAsync("GET", "/api/v1/register/verifications/2026LVL02NOWHERE999");
        await InvokeAsync("GET", $"/api/v1/register/verifications/{s.VerificationId}/more");
        await InvokeAsync("GET", $"/api/v1/register/entries/{s.VerificationId}");

        Assert.Equal(StatusCodes.Status200OK, served.Response.StatusCode);
        Assert.Equal(await warm.Content.ReadAsByteArrayAsync(Ct), ((MemoryStream)served.Response.Body).ToArray());
        Assert.Equal(
        [
            $"POST /api/v1/register/verifications/{s.VerificationId}", "GET /api/v1/register/verifications/2026LVL02NOWHERE999",
            $"GET /api/v1/register/verifications/{s.VerificationId}/more", $"GET /api/v1/register/entries/{s.VerificationId}",
        ], passedOn);
    }
}
