using System.Globalization;
using System.Net;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>
/// The app with a small public rate limit (<paramref name="permits"/> per <paramref name="windowSeconds"/>), where a test
/// names the client's address in the <c>X-Test-Client</c> header (the test server has no real remote address).
/// </summary>
public abstract class RateLimitedAppFactory(int permits, int windowSeconds) : AdhereAppFactory
{
    public const string ClientHeader = "X-Test-Client";

    /// <summary>An anonymous client that appears to come from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address, string? token = null)
    {
        var client = ApiClient(token);
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Register:RateLimit:PermitLimit", permits.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Register:RateLimit:WindowSeconds", windowSeconds.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddressFromHeader()));
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        // Runs first, before the app's rate limiter partitions by address.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate inner) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
                return inner(context);
            });
            next(app);
        };
    }
}

/// <summary>Three requests a minute: one step of the bucket takes 20 s, longer than any test here.</summary>
public sealed class ThreeAMinuteAppFactory() : RateLimitedAppFactory(3, 60);

/// <summary>Two requests per two seconds, one back each second: for the one test that waits for the window to pass.</summary>
public sealed class ShortWindowAppFactory() : RateLimitedAppFactory(2, 2);

public sealed class RateLimitTests(ThreeAMinuteAppFactory app) : IClassFixture<ThreeAMinuteAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int lastNetwork;

    /// <summary>Each test's own client address (an IPv6 /64 of its own), so that tests do not spend each other's budget.</summary>
    private static string NewAddress() => $"2001:db8:0:{Interlocked.Increment(ref lastNetwork):x}::1";

    [Fact]
    public async Task RegisterApi_OverTheLimit_Answers429ProblemWithRetryAfter()
    {
        using var client = app.ClientFrom(NewAddress());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(new Uri("/api/v1/register/entries", UriKind.Relative), Ct);
            statuses.Add(ok.StatusCode);
        }

        using var limited = await client.GetAsync(new Uri("/api/v1/register/entries", UriKind.Relative), Ct);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var problem = await HttpAssert.JsonAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("register.rate-limited", problem.GetProperty("errorCode").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.Equal(0, retryAfter.Milliseconds);
    }

    [Fact]
    public async Task PublicSurfaces_ShareOneBudgetPerClient_AndOtherClientsKeepTheirs()
    {
        var address = NewAddress();
        using var client = app.ClientFrom(address);
        using var other = app.ClientFrom(NewAddress());
        using var sameNetwork = app.ClientFrom(address.Replace("::1", "::2", StringComparison.Ordinal));

        using var page = await client.GetAsync(new Uri("/register", UriKind.Relative), Ct);
        using var feed = await client.GetAsync(new Uri("/register/feed.atom", UriKind.Relative), Ct);
        using var log = await client.GetAsync(new Uri("/register/transparency-log.json", UriKind.Relative), Ct);
        using var pageLimited = await client.GetAsync(new Uri("/register", UriKind.Relative), Ct);
        using var reportLimited = await client.GetAsync(new Uri("/register/2026LVL02ADHERE999/report.pdf", UriKind.Relative), Ct);
        using var verifyLimited = await client.PostAsync(new Uri("/api/v1/reports/verify", UriKind.Relative), new ByteArrayContent([1, 2, 3]), Ct);
        using var neighbourLimited = await sameNetwork.GetAsync(new Uri("/register/feed.atom", UriKind.Relative), Ct);
        using var otherOk = await other.GetAsync(new Uri("/register/feed.atom", UriKind.Relative), Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { page.StatusCode, feed.StatusCode, log.StatusCode });
        Assert.Equal(HttpStatusCode.TooManyRequests, pageLimited.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, reportLimited.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, verifyLimited.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, neighbourLimited.StatusCode); // one IPv6 /64 is one client
        Assert.Equal(HttpStatusCode.OK, otherOk.StatusCode);
        Assert.True(pageLimited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Verification_CachedAndUncached_DrawFromOneBudget()
    {
        var s = await RegisterScenario.ListedAsync(app);
        using var client = app.ClientFrom(NewAddress());
        var path = new Uri($"/api/v1/register/verifications/{s.VerificationId}", UriKind.Relative);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(path, Ct); // the first fills the cache, the others are answered from it
            statuses.Add(ok.StatusCode);
        }

        using var limited = await client.GetAsync(path, Ct);

        Assert.All(statuses, st => Assert.Equal(HttpStatusCode.OK, st));
        var problem = await HttpAssert.JsonAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("register.rate-limited", problem.GetProperty("errorCode").GetString());
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("no-store", limited.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task SignedInApi_OutsideThePublicSurfaces_IsNotLimited()
    {
        var address = NewAddress();
        var (_, token) = await app.CreateTokenAsync(await app.CreateUserAsync(Role.MbAdministrator));
        using var signedIn = app.ClientFrom(address, token);
        for (var i = 0; i < 4; i++)
        {
            using var _ = await signedIn.GetAsync(new Uri("/api/v1/register/entries", UriKind.Relative), Ct);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await signedIn.GetAsync(new Uri("/api/v1/organisations", UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}

public sealed class RateLimitWindowTests(ShortWindowAppFactory app) : IClassFixture<ShortWindowAppFactory>
{
    [Fact]
    public async Task RegisterApi_AfterRetryAfterHasPassed_AnswersAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.ClientFrom("198.51.100.7");
        var path = new Uri("/api/v1/register/export.json", UriKind.Relative);
        HttpResponseMessage? limited = null;
        // The bucket refills one request a second in real time (rate limiters take no TimeProvider), so a slow machine
        // may get a request more through before the first 429.
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await client.GetAsync(path, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }

        Assert.NotNull(limited);
        var wait = limited.Headers.RetryAfter!.Delta!.Value;
        limited.Dispose();
        Assert.InRange(wait.TotalSeconds, 1, 2);

        await Task.Delay(wait + TimeSpan.FromMilliseconds(300), ct);
        using var again = await client.GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
