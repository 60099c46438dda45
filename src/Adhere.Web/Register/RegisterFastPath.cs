using System.Buffers;
using Adhere.Core.Register;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Adhere.Web.Register;

/// <summary>
/// Answers <c>GET /api/v1/register/verifications/{id}</c> from the register cache before routing, authentication and the
/// rest of the pipeline run (ADR 0027): the busiest public address, asked by tools that check a provider again and again.
/// It sends exactly what the endpoint would: the cached bytes with ETag, Cache-Control, 304 on a matching
/// If-None-Match, the CORS and security headers, and it draws from the same per-client rate limit. Everything else (a
/// miss, an unknown ID, another method or path) goes down the normal pipeline, which fills the cache.
/// Over Kestrel the same answer is given even earlier, by <see cref="RegisterFrontDoorAnswer"/> (ADR 0032); this
/// middleware serves the requests that reach the pipeline anyway (HTTPS, where HSTS must be added, and the test server).
/// </summary>
public sealed class RegisterFastPath(RequestDelegate next, RegisterCache cache, PublicReadBuckets buckets, PublicRateLimitSettings limits)
{
    public Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (!RegisterVerificationAnswer.TryFind(request.Method, request.Path.Value, cache, out var answer)) return next(http);
        return SendAsync(http, answer);
    }

    private async Task SendAsync(HttpContext http, CachedRegisterAnswer answer)
    {
        var response = http.Response;
        using var lease = buckets.AttemptAcquire(PublicRateLimit.ClientKey(http.Connection.RemoteIpAddress));
        if (!lease.IsAcquired)
        {
            RegisterVerificationAnswer.ApplyCommonHeaders(http.Request.Headers, response.Headers);
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            await PublicRateLimit.RejectAsync(http, lease, limits);
            return;
        }

        var status = RegisterVerificationAnswer.ApplyHeaders(http.Request.Headers, response.Headers, answer);
        response.StatusCode = status;
        if (status == StatusCodes.Status304NotModified) return;
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }
}

/// <summary>
/// What the verification endpoint sends for a cached ID, shared by <see cref="RegisterFastPath"/> and
/// <see cref="RegisterFrontDoorAnswer"/> so that neither can drift from the other (the endpoint itself is compared with
/// both in the tests).
/// </summary>
internal static class RegisterVerificationAnswer
{
    private const string Prefix = "/api/v1/register/verifications/";

    /// <summary>True when this is a GET of a verification whose 200 answer is cached.</summary>
    public static bool TryFind(string method, string? path, RegisterCache cache, out CachedRegisterAnswer answer)
    {
        answer = null!;
        if (!HttpMethods.IsGet(method)) return false;
        if (path is null || path.Length <= Prefix.Length || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var id = path.AsSpan(Prefix.Length);
        if (id.Contains('/')) return false;
        // The endpoint normalises the same way (trim, upper case); only well-formed IDs are ever cached.
        var key = Uri.UnescapeDataString(id.ToString()).Trim().ToUpperInvariant();
        return cache.TryGet(RegisterAnswerKind.Verification, key, out answer) && answer.StatusCode == StatusCodes.Status200OK;
    }

    /// <summary>The CORS and security headers, which every answer carries (a 429 included).</summary>
    public static void ApplyCommonHeaders(IHeaderDictionary request, IHeaderDictionary response)
    {
        if (request.ContainsKey(HeaderNames.Origin))
        {
            response.AccessControlAllowOrigin = "*";
            response.AccessControlExposeHeaders = RegisterCaching.ExposedHeadersValue;
        }

        SecurityHeaders.Apply(response);
    }

    /// <summary>Sets every header of the answer and returns its status: 304 when the client holds it already, else 200.</summary>
    public static int ApplyHeaders(IHeaderDictionary request, IHeaderDictionary response, CachedRegisterAnswer answer)
    {
        ApplyCommonHeaders(request, response);
        response.ETag = answer.ETag;
        response.CacheControl = RegisterCaching.DefaultCacheControl;
        if (RegisterCaching.Matches(request.IfNoneMatch, answer.ETag)) return StatusCodes.Status304NotModified;
        response.ContentType = answer.ContentType;
        return StatusCodes.Status200OK;
    }
}

/// <summary>
/// The verification answer given by the front door (<see cref="IFrontDoorAnswer"/>), before ASP.NET Core's hosting layer builds an
/// HttpContext (ADR 0032). It answers only plain-HTTP requests that carry no forwarded headers the pipeline would
/// honour: over HTTPS the pipeline adds HSTS, and behind a proxy it takes the client's address from the headers, so
/// those go on to <see cref="RegisterFastPath"/>. When the client's budget is spent it passes too, and the pipeline
/// answers 429.
/// </summary>
public sealed class RegisterFrontDoorAnswer(RegisterCache cache, PublicReadBuckets buckets, FrontDoorMode mode) : IFrontDoorAnswer
{
    public object? Match(IFeatureCollection features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var request = features.Get<IHttpRequestFeature>();
        if (request is null || !string.Equals(request.Scheme, "http", StringComparison.Ordinal) || mode.IsForwarded(request.Headers)) return null;
        if (!RegisterVerificationAnswer.TryFind(request.Method, request.Path, cache, out var answer)) return null;
        using var lease = buckets.AttemptAcquire(PublicRateLimit.ClientKey(features.Get<IHttpConnectionFeature>()?.RemoteIpAddress));
        return lease.IsAcquired ? answer : null;
    }

    public void Write(IFeatureCollection features, object match)
    {
        ArgumentNullException.ThrowIfNull(features);
        var answer = (CachedRegisterAnswer)match;
        var request = features.GetRequiredFeature<IHttpRequestFeature>();
        var response = features.GetRequiredFeature<IHttpResponseFeature>();
        var status = RegisterVerificationAnswer.ApplyHeaders(request.Headers, response.Headers, answer);
        response.StatusCode = status;
        if (status == StatusCodes.Status304NotModified) return;
        response.Headers.ContentLength = answer.Body.Length;
        // A few hundred bytes: they go into the connection's buffer, which Kestrel flushes when the request ends.
        features.GetRequiredFeature<IHttpResponseBodyFeature>().Writer.Write(answer.Body);
    }
}
