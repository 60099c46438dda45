using System.Globalization;
using System.Threading.RateLimiting;
using Adhere.Web.Infrastructure;
using Adhere.Web.Register;
using Microsoft.AspNetCore.RateLimiting;

namespace Adhere.Web.Complaints;

/// <summary>
/// A stricter per-client limit for filing complaints: <c>Complaints:RateLimit:PermitLimit</c> submissions (default 5)
/// per <c>Complaints:RateLimit:WindowSeconds</c> (default 3600), a token bucket per client address as for the public
/// register (ADR 0017). Only POSTs count against it; reading the form counts against the public read limit.
/// </summary>
public static class ComplaintRateLimit
{
    public const string Policy = "complaints-submit";

    public const string ErrorCode = "complaint.rate-limited";

    public static PublicRateLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Complaints:RateLimit");
        var settings = new PublicRateLimitSettings(section.GetValue("PermitLimit", 5), section.GetValue("WindowSeconds", 3600));
        if (settings.PermitLimit < 1) throw new InvalidOperationException("Complaints:RateLimit:PermitLimit must be 1 or more.");
        if (settings.WindowSeconds is < 1 or > PublicRateLimitSettings.MaxWindowSeconds)
        {
            throw new InvalidOperationException($"Complaints:RateLimit:WindowSeconds must be between 1 and {PublicRateLimitSettings.MaxWindowSeconds}.");
        }

        return settings;
    }

    /// <summary>Adds the policy; call after <see cref="PublicRateLimit.AddPublicRateLimit"/>, whose rejection handler it extends.</summary>
    public static IServiceCollection AddComplaintRateLimit(this IServiceCollection services, PublicRateLimitSettings submit, PublicRateLimitSettings read)
    {
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(read);
        var submitBucket = submit.BucketOptions();
        var readBucket = read.BucketOptions();
        return services.Configure<RateLimiterOptions>(o =>
        {
            o.AddPolicy(Policy, http =>
            {
                var client = PublicRateLimit.ClientKey(http.Connection.RemoteIpAddress);
                return HttpMethods.IsPost(http.Request.Method)
                    ? RateLimitPartition.GetTokenBucketLimiter("submit:" + client, _ => submitBucket)
                    : RateLimitPartition.GetTokenBucketLimiter("read:" + client, _ => readBucket);
            });
            var inner = o.OnRejected;
            o.OnRejected = (context, ct) =>
            {
                var http = context.HttpContext;
                var ours = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy && HttpMethods.IsPost(http.Request.Method);
                if (ours) return RejectAsync(http, context.Lease, submit);
                return inner?.Invoke(context, ct) ?? ValueTask.CompletedTask;
            };
        });
    }

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, PublicRateLimitSettings settings)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(settings.WindowSeconds);
        var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, PublicRateLimitSettings.MaxWindowSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        // Pages get the status page (an empty 429 is re-executed there); the API a ProblemDetails.
        if (!http.Request.Path.StartsWithSegments("/api")) return;
        var minutes = (int)Math.Ceiling(seconds / 60d);
        var problem = ErrorHttp.Describe(ErrorCode,
            $"Too many complaints from your address; try again in {minutes} minute{(minutes == 1 ? "" : "s")}, or write to the Monitoring Body directly.",
            StatusCodes.Status429TooManyRequests);
        await Results.Problem(problem).ExecuteAsync(http);
    }
}
