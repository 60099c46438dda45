using Adhere.Core.Register;
using Adhere.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Adhere.Web.Register;

/// <summary>
/// Answers <c>GET /api/v1/register/verifications/{id}</c> from the register cache before routing, authentication and the
/// rest of the pipeline run (ADR 0027): the busiest public address, asked by tools that check a provider again and again.
/// It sends exactly what the endpoint would: the cached bytes with ETag, Cache-Control, 304 on a matching
/// If-None-Match, the CORS and security headers, and it draws from the same per-client rate limit. Everything else (a
/// miss, an unknown ID, another method or path) goes down the normal pipeline, which fills the cache.
/// </summary>
public sealed class RegisterFastPath(RequestDelegate next, RegisterCache cache, PublicReadBuckets buckets, PublicRateLimitSettings limits)
{
    private const string Prefix = "/api/v1/register/verifications/";

    public Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method)) return next(http);
        var path = request.Path.Value;
        if (path is null || path.Length <= Prefix.Length || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return next(http);
        var id = path.AsSpan(Prefix.Length);
        if (id.Contains('/')) return next(http);
        // The endpoint normalises the same way (trim, upper case); only well-formed IDs are ever cached.
        var key = Uri.UnescapeDataString(id.ToString()).Trim().ToUpperInvariant();
        if (!cache.TryGet(RegisterAnswerKind.Verification, key, out var answer) || answer.StatusCode != StatusCodes.Status200OK) return next(http);
        return SendAsync(http, answer);
    }

    private async Task SendAsync(HttpContext http, CachedRegisterAnswer answer)
    {
        var response = http.Response;
        var headers = response.Headers;
        using var lease = buckets.AttemptAcquire(PublicRateLimit.ClientKey(http.Connection.RemoteIpAddress));
        if (http.Request.Headers.ContainsKey(HeaderNames.Origin))
        {
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlExposeHeaders = RegisterCaching.ExposedHeadersValue;
        }

        SecurityHeaders.Apply(headers);
        if (!lease.IsAcquired)
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            await PublicRateLimit.RejectAsync(http, lease, limits);
            return;
        }

        headers.ETag = answer.ETag;
        headers.CacheControl = RegisterCaching.DefaultCacheControl;
        if (RegisterCaching.Matches(http.Request.Headers.IfNoneMatch, answer.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }
}
