using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Adhere.Web.Infrastructure;

namespace Adhere.Web.Register;

/// <summary>
/// The rate limit of the public surfaces, from <c>Register:RateLimit</c>: each client address may make
/// <c>PermitLimit</c> requests (default 300) per <c>WindowSeconds</c> (default 60), with bursts up to the whole limit.
/// </summary>
public sealed record PublicRateLimitSettings(int PermitLimit, int WindowSeconds)
{
    public const int MaxWindowSeconds = 86_400;

    public static PublicRateLimitSettings Default { get; } = new(300, 60);

    /// <exception cref="InvalidOperationException">A setting is out of range: a configuration error, reported at start-up.</exception>
    public static PublicRateLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Register:RateLimit");
        var settings = new PublicRateLimitSettings(section.GetValue("PermitLimit", Default.PermitLimit), section.GetValue("WindowSeconds", Default.WindowSeconds));
        if (settings.PermitLimit < 1) throw new InvalidOperationException("Register:RateLimit:PermitLimit must be 1 or more.");
        if (settings.WindowSeconds is < 1 or > MaxWindowSeconds)
        {
            throw new InvalidOperationException($"Register:RateLimit:WindowSeconds must be between 1 and {MaxWindowSeconds}.");
        }

        return settings;
    }

    /// <summary>
    /// A token bucket per client (ADR 0017) holding <see cref="PermitLimit"/> tokens, refilled in up to ten even steps
    /// per window, so a rejected client is told to come back after one step rather than a whole window.
    /// </summary>
    public TokenBucketRateLimiterOptions BucketOptions()
    {
        var steps = Math.Min(10, PermitLimit);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = PermitLimit,
            TokensPerPeriod = PermitLimit / steps,
            ReplenishmentPeriod = TimeSpan.FromSeconds(WindowSeconds) / steps,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}

/// <summary>
/// Limits anonymous reads of the register and the report check per client address: the policy
/// <see cref="RegisterApi.RateLimitPolicy"/>, which an endpoint joins with <c>RequireRateLimiting</c>. Endpoints
/// outside it (the signed-in API and pages) are not limited.
/// </summary>
public static class PublicRateLimit
{
    public const string ErrorCode = "register.rate-limited";

    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services, PublicRateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var buckets = new PublicReadBuckets(settings);
        services.AddSingleton(settings);
        services.AddSingleton(buckets);
        return services.AddRateLimiter(o =>
        {
            // The middleware keeps one limiter per client; each hands over to the shared buckets, which the register's
            // fast path (RegisterFastPath) draws from too, so a client has one budget whichever way it is served.
            o.AddPolicy(RegisterApi.RateLimitPolicy, http =>
            {
                var client = ClientKey(http.Connection.RemoteIpAddress);
                return RateLimitPartition.Get(client, key => new SharedBucketLimiter(buckets, key));
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, settings);
        });
    }

    /// <summary>
    /// The partition of a client: its IPv4 address, or the /64 network of an IPv6 address (one subscriber usually holds
    /// a whole /64, so single addresses would be free to rotate). Behind a reverse proxy this is the proxy unless the
    /// forwarded headers are processed (README, Configuration).
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Answers 429 with <c>Retry-After</c> and a ProblemDetails (<see cref="ErrorCode"/>).</summary>
    public static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, PublicRateLimitSettings settings)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(settings.WindowSeconds);
        var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, PublicRateLimitSettings.MaxWindowSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var problem = ErrorHttp.Describe(ErrorCode,
            $"Too many requests from your address to the public register; try again in {seconds} second{(seconds == 1 ? "" : "s")}.",
            StatusCodes.Status429TooManyRequests);
        await Results.Problem(problem).ExecuteAsync(http);
    }
}

/// <summary>The token buckets of the public surfaces, one per client key, shared by the rate-limiting middleware and the register's fast path.</summary>
public sealed class PublicReadBuckets : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public PublicReadBuckets(PublicRateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bucket = settings.BucketOptions();
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }

    public RateLimitLease AttemptAcquire(string client, int permits = 1) => limiter.AttemptAcquire(client, permits);

    public ValueTask<RateLimitLease> AcquireAsync(string client, int permits, CancellationToken ct) => limiter.AcquireAsync(client, permits, ct);

    public RateLimiterStatistics? GetStatistics(string client) => limiter.GetStatistics(client);

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// The rate-limiting middleware's limiter for one client: it owns nothing and draws from <see cref="PublicReadBuckets"/>.
/// It reports itself idle after a minute without requests, so the middleware may drop it; the bucket lives on.
/// </summary>
internal sealed class SharedBucketLimiter(PublicReadBuckets buckets, string client) : RateLimiter
{
    private long lastUsed = Environment.TickCount64;

    public override TimeSpan? IdleDuration
    {
        get
        {
            var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref lastUsed));
            return idle > TimeSpan.FromMinutes(1) ? idle : null;
        }
    }

    public override RateLimiterStatistics? GetStatistics() => buckets.GetStatistics(client);

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Volatile.Write(ref lastUsed, Environment.TickCount64);
        return buckets.AttemptAcquire(client, permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Volatile.Write(ref lastUsed, Environment.TickCount64);
        return buckets.AcquireAsync(client, permitCount, cancellationToken);
    }
}
