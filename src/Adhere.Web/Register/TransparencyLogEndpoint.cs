using System.Globalization;
using System.Text.Json;
using Adhere.Core.Register;

namespace Adhere.Web.Register;

/// <summary>The public transparency log (docs/formats/transparency-log.md), for anyone to download and recompute.</summary>
public static class TransparencyLogEndpoint
{
    public static IEndpointRouteBuilder MapTransparencyLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/register/transparency-log.json", TransparencyLogAsync).AllowAnonymous().WithTags("Register").RequireRateLimiting(RegisterApi.RateLimitPolicy);
        return app;
    }

    /// <summary>
    /// The whole log, or with <c>?after=N</c> only the entries after #N. The ETag names the head and the starting point,
    /// so it changes exactly when a new entry is appended; a conditional request for an unchanged log answers 304.
    /// </summary>
    public static async Task<IResult> TransparencyLogAsync(long? after, TransparencyLogQueries log, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(http);
        var from = after ?? 0;
        if (from < 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "after must be 0 or a positive sequence number.");
        }

        var head = await log.HeadAsync(ct);
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"tlog-{head?.Sequence ?? 0}-{head?.Hash[..16] ?? "empty"}-{from}\"");
        http.Response.Headers.CacheControl = "public, max-age=60";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var entries = await log.EntriesAsync(from, ct);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) TransparencyLogDocument.Write(writer, entries);
        return Results.Bytes(buffer.ToArray(), "application/json");
    }
}
