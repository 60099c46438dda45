using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adhere.Core.Register;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Adhere.Web.Register;

/// <summary>
/// The open API of the public register: search, one entry, the status of an ID, and bulk exports in JSON and CSV. No
/// account needed; every answer carries an ETag (the hash of its bytes) and may be cached for a minute, and any origin
/// may read it.
/// </summary>
public static class RegisterApi
{
    public const string CorsPolicy = "register-read";

    /// <summary>The per-client rate limit of the public surfaces (<see cref="PublicRateLimit"/>); public endpoints join it with RequireRateLimiting.</summary>
    public const string RateLimitPolicy = "public-read";

    /// <summary>Maps the group under <paramref name="api"/>; anonymous although the API group requires sign-in.</summary>
    public static RouteGroupBuilder MapRegisterApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var register = api.MapGroup("/register").WithTags("Register").AllowAnonymous().RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);
        register.MapGet("/entries", SearchAsync).Produces<RegisterPage>().ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status304NotModified);
        register.MapGet("/entries/{verificationId}", EntryAsync).Produces<RegisterEntry>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).Produces(StatusCodes.Status304NotModified);
        register.MapGet("/verifications/{verificationId}", VerificationAsync).Produces<RegisterVerification>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).Produces(StatusCodes.Status304NotModified);
        register.MapGet("/export.json", ExportJsonAsync).Produces<IReadOnlyList<RegisterEntrySummary>>().Produces(StatusCodes.Status304NotModified);
        register.MapGet("/export.csv", ExportCsvAsync).Produces<string>(StatusCodes.Status200OK, "text/csv").Produces(StatusCodes.Status304NotModified);
        return api;
    }

    /// <summary>Searches the register by company, service name or Verification-ID, filtered by category, level (1–3) and status.</summary>
    /// <param name="q">Part of a company name, a service name or a Verification-ID; at most 200 characters.</param>
    /// <param name="status">valid, expired, suspended, revoked or withdrawn.</param>
    /// <param name="pageSize">1–100, default 20.</param>
    public static async Task<IResult> SearchAsync(string? q, string? category, string? level, string? status, int? page, int? pageSize,
        RegisterCache cache, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(http);
        var search = new RegisterQueries.Search(q, category, level, status, page, pageSize);
        var key = RegisterQueries.SearchKey(search);
        if (key is not null && cache.TryGet(RegisterAnswerKind.Search, key, out var hit)) return Send(http, hit);
        var generation = cache.Generation;
        var found = await Queries(http).SearchAsync(search, ct);
        if (found.IsError) return found.Error!.ToProblem();
        return Remember(http, cache, RegisterAnswerKind.Search, key, generation, found.Value);
    }

    /// <summary>An entry by its current or a former Verification-ID: company, services by category, level, validity, status and reports.</summary>
    public static async Task<IResult> EntryAsync(string verificationId, RegisterCache cache, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(http);
        var key = Normalized(verificationId);
        if (cache.TryGet(RegisterAnswerKind.Entry, key, out var hit)) return Send(http, hit);
        var generation = cache.Generation;
        var entry = await Queries(http).EntryAsync(verificationId, ct);
        return entry.IsError ? Failed(cache, RegisterAnswerKind.Entry, key, generation, entry.Error!)
            : Remember(http, cache, RegisterAnswerKind.Entry, key, generation, entry.Value);
    }

    /// <summary>Whether adherence under an ID is valid now, expired, suspended, revoked or withdrawn, and since when.</summary>
    public static async Task<IResult> VerificationAsync(string verificationId, RegisterCache cache, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(http);
        // The hot path of the register: a hit costs a dictionary look-up, no database and no serialisation.
        var key = Normalized(verificationId);
        if (cache.TryGet(RegisterAnswerKind.Verification, key, out var hit)) return Send(http, hit);
        var generation = cache.Generation;
        var answer = await Queries(http).VerificationAsync(verificationId, ct);
        return answer.IsError ? Failed(cache, RegisterAnswerKind.Verification, key, generation, answer.Error!)
            : Remember(http, cache, RegisterAnswerKind.Verification, key, generation, answer.Value);
    }

    // Only well-formed IDs are ever stored (see Failed and Remember), so looking up any text is safe.
    private static string Normalized(string? verificationId) => (verificationId ?? string.Empty).Trim().ToUpperInvariant();

    // Resolved on a miss only: a hit needs no database context.
    private static RegisterQueries Queries(HttpContext http) => http.RequestServices.GetRequiredService<RegisterQueries>();

    private static IResult Remember<T>(HttpContext http, RegisterCache cache, RegisterAnswerKind kind, string? key, long generation, T value)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var answer = new CachedRegisterAnswer(bytes, ETagOf(bytes), StatusCodes.Status200OK, JsonContentType);
        if (key is not null && (kind == RegisterAnswerKind.Search || RegisterQueries.NormalizeId(key) is not null)) cache.Set(kind, key, generation, answer);
        return Send(http, answer);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Failed(RegisterCache cache, RegisterAnswerKind kind, string key, long generation, Adhere.Domain.Common.Error error)
    {
        // An unknown but well-formed ID is remembered (in the small part for misses); a malformed one never is.
        if (error is Adhere.Domain.Common.NotFoundError) cache.Set(kind, key, generation, new CachedRegisterAnswer([], string.Empty, StatusCodes.Status404NotFound, JsonContentType));
        return error.ToProblem();
    }

    private static IResult Send(HttpContext http, CachedRegisterAnswer answer) =>
        answer.StatusCode == StatusCodes.Status200OK ? Cached(http, answer.Body, answer.ETag, answer.ContentType)
            : RegisterErrors.NotFound(Normalized(http.Request.RouteValues["verificationId"] as string)).ToProblem();

    /// <summary>The whole register as a JSON array of entries.</summary>
    public static async Task<IResult> ExportJsonAsync(RegisterQueries register, HttpContext http, CancellationToken ct) =>
        Json(http, await register.ExportAsync(ct));

    /// <summary>The whole register as CSV (RFC 4180, a header row; cells that a spreadsheet would read as a formula are quoted with ').</summary>
    public static async Task<IResult> ExportCsvAsync(RegisterQueries register, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bytes = Encoding.UTF8.GetBytes(RegisterCsv.Write(await register.ExportAsync(ct)));
        return Cached(http, bytes, "text/csv; charset=utf-8");
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    private static IResult Json<T>(HttpContext http, T value)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Cached(http, JsonSerializer.SerializeToUtf8Bytes(value, options), JsonContentType);
    }

    private static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"";

    /// <summary>Sets ETag and Cache-Control (<paramref name="maxAgeSeconds"/>) and answers 304 when the client already holds these bytes.</summary>
    internal static IResult Cached(HttpContext http, byte[] bytes, string contentType, int maxAgeSeconds = RegisterCaching.DefaultMaxAgeSeconds) =>
        Cached(http, bytes, ETagOf(bytes), contentType, maxAgeSeconds);

    private static IResult Cached(HttpContext http, byte[] bytes, string etag, string contentType, int maxAgeSeconds = RegisterCaching.DefaultMaxAgeSeconds)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = maxAgeSeconds == RegisterCaching.DefaultMaxAgeSeconds ? RegisterCaching.DefaultCacheControl : RegisterCaching.CacheControl(maxAgeSeconds);
        return RegisterCaching.Matches(http.Request.Headers.IfNoneMatch, etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(bytes, contentType);
    }
}

/// <summary>The register as CSV: RFC 4180 quoting, and a leading ' on cells a spreadsheet would take for a formula.</summary>
public static class RegisterCsv
{
    public static readonly string[] Header = ["verificationId", "company", "level", "status", "since", "approvedOn", "validUntil", "services", "categories"];

    public static string Write(IEnumerable<RegisterEntrySummary> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var e in entries)
        {
            Line(csv, [e.VerificationId, e.Company, e.Level.ToString(CultureInfo.InvariantCulture), e.Status, Day(e.Since), Day(e.ApprovedOn), Day(e.ValidUntil),
                string.Join("; ", e.Services.Select(s => s.Name)),
                string.Join("; ", e.Services.Select(s => s.Category).OfType<string>().Distinct(StringComparer.Ordinal))]);
        }

        return csv.ToString();
    }

    /// <summary>One cell: defused against formula injection, then quoted when it holds a comma, quote or line break.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
