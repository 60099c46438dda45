using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Adhere.Core.Register;
using Adhere.Web.Register;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>
/// The verification answer given at the front door (ADR 0032), over real Kestrel on a loopback port: the same bytes
/// and headers as the endpoint, with no HttpContext made for it; and what the door leaves to the pipeline.
/// </summary>
public sealed class RegisterFrontDoorTests : IAsyncLifetime
{
    private readonly AdhereAppFactory app = new();
    private readonly HostingRequests hosted = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        app.ClientOptions.BaseAddress = address;
        hosted.Port = address.Port;
    }

    public async ValueTask DisposeAsync()
    {
        hosted.Dispose();
        await app.DisposeAsync();
    }

    private Task<HttpResponseMessage> GetAsync(string id, string? ifNoneMatch = null) => VerificationRequests.GetAsync(app, id, ifNoneMatch);

    private Task<HttpResponseMessage> CachedAsync(string id) => VerificationRequests.CachedAsync(app, id);

    [Fact]
    public async Task Verification_CachedOverKestrel_AnsweredAtTheDoorAsTheEndpointAnswers()
    {
        var s = await RegisterScenario.ListedAsync(app);
        var path = $"/api/v1/register/verifications/{s.VerificationId}";
        using var first = await CachedAsync(s.VerificationId);
        var seenBefore = hosted.Count(path);

        using var second = await GetAsync(s.VerificationId);

        Assert.IsType<Adhere.Web.Infrastructure.FrontDoorServer>(app.Services.GetRequiredService<IServer>());
        Assert.True(seenBefore > 0, "the first answer came from the endpoint, through the hosting layer");
        Assert.Equal(seenBefore, hosted.Count(path));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
        foreach (var name in VerificationRequests.ComparedHeaders.Append("Content-Type").Append("Content-Length"))
        {
            Assert.Equal(VerificationRequests.Header(first, name), VerificationRequests.Header(second, name));
        }

        Assert.Equal("*", VerificationRequests.Header(second, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Verification_CachedWithItsETagOverKestrel_Answers304AtTheDoor()
    {
        var s = await RegisterScenario.ListedAsync(app);
        var path = $"/api/v1/register/verifications/{s.VerificationId}";
        using var first = await CachedAsync(s.VerificationId);
        var etag = first.Headers.ETag!.Tag;
        var seenBefore = hosted.Count(path);

        using var again = await GetAsync(s.VerificationId, etag);
        using var changed = await GetAsync(s.VerificationId, "\"other\"");

        Assert.Equal(seenBefore, hosted.Count(path));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag!.Tag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task Requests_NotCachedVerifications_GoThroughTheHostingLayer()
    {
        var s = await RegisterScenario.ListedAsync(app);
        using var client = app.ApiClient(null);

        using var unknown = await client.GetAsync("/api/v1/register/verifications/2026LVL02NOWHERE999", Ct);
        using var entry = await client.GetAsync($"/api/v1/register/entries/{s.VerificationId}", Ct);
        using var page = await client.GetAsync("/register", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1, hosted.Count("/api/v1/register/verifications/2026LVL02NOWHERE999"));
        Assert.Equal(1, hosted.Count($"/api/v1/register/entries/{s.VerificationId}"));
        Assert.Equal(1, hosted.Count("/register"));
    }

    [Fact]
    public async Task Match_OtherSchemeMethodPathOrSpentBudget_LeavesTheRequestToThePipeline()
    {
        var s = await RegisterScenario.ListedAsync(app);
        using var warm = await CachedAsync(s.VerificationId);
        // The app's own budget is huge in tests; a door with a budget of three over the same cache shows where it ends.
        const int limit = 3;
        using var buckets = new PublicReadBuckets(new PublicRateLimitSettings(limit, 60));
        var door = new RegisterFrontDoorAnswer(app.Services.GetRequiredService<RegisterCache>(), buckets, new(false, false, ForwardedHeaders: false));
        var behindProxy = new RegisterFrontDoorAnswer(app.Services.GetRequiredService<RegisterCache>(), buckets, new(false, false, ForwardedHeaders: true));
        var path = $"/api/v1/register/verifications/{s.VerificationId}";

        FeatureCollection Request(string method, string requestPath, string scheme, string client, string? forwardedFor)
        {
            var features = new FeatureCollection();
            var request = new HttpRequestFeature { Method = method, Path = requestPath, Scheme = scheme };
            if (forwardedFor is not null) request.Headers["X-Forwarded-For"] = forwardedFor;
            features.Set<IHttpRequestFeature>(request);
            features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Parse(client) });
            return features;
        }

        object? Match(string method, string requestPath, string scheme = "http", string client = "192.0.2.61") =>
            door.Match(Request(method, requestPath, scheme, client, null));

        var matched = 0;
        while (matched <= limit && Match("GET", path) is not null) matched++;

        Assert.Equal(limit, matched);
        Assert.NotNull(Match("GET", path, client: "192.0.2.62"));
        Assert.Null(Match("GET", path, scheme: "https", client: "192.0.2.63"));
        Assert.Null(Match("HEAD", path, client: "192.0.2.63"));
        Assert.Null(Match("GET", path + "/more", client: "192.0.2.63"));
        Assert.Null(Match("GET", "/api/v1/register/verifications/2026LVL02NOWHERE999", client: "192.0.2.63"));
        // Behind a proxy whose headers the pipeline honours, the door leaves forwarded requests to it (the real client's budget).
        Assert.Null(behindProxy.Match(Request("GET", path, "http", "192.0.2.64", "198.51.100.7")));
        Assert.NotNull(behindProxy.Match(Request("GET", path, "http", "192.0.2.64", null)));
        Assert.NotNull(door.Match(Request("GET", path, "http", "192.0.2.65", "198.51.100.7")));
    }

    /// <summary>Counts the requests the hosting layer began on this test's port, by path.</summary>
    private sealed class HostingRequests : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentQueue<string> paths = new();
        private readonly List<IDisposable> subscriptions = [];
        private readonly IDisposable all;

        public HostingRequests() => all = DiagnosticListener.AllListeners.Subscribe(this);

        public int Port { get; set; }

        public int Count(string path) => paths.Count(p => p == path);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name != "Microsoft.AspNetCore") return;
            lock (subscriptions) subscriptions.Add(value.Subscribe(this, name => name.StartsWith("Microsoft.AspNetCore.Hosting.HttpRequestIn", StringComparison.Ordinal)));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key.EndsWith(".Start", StringComparison.Ordinal) && value.Value is HttpContext http && http.Connection.LocalPort == Port)
            {
                paths.Enqueue(http.Request.Path.Value ?? string.Empty);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            all.Dispose();
            lock (subscriptions) subscriptions.ForEach(s => s.Dispose());
        }
    }
}
