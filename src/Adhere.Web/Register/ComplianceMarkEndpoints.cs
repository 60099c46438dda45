using Adhere.Core.Register;
using Adhere.Core.Register.Mark;
using Adhere.Core.Register.Status;
using Adhere.Web.Infrastructure;

namespace Adhere.Web.Register;

/// <summary>
/// What a listed provider links to from its own website: the compliance mark of an entry as SVG, and its signed status
/// document for tools that check offline. Both are anonymous, drawn from the entry's current status, and found by the
/// current or a former Verification-ID.
/// </summary>
public static class ComplianceMarkEndpoints
{
    public static IEndpointRouteBuilder MapComplianceMark(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var register = app.MapGroup("/register/{verificationId}").WithTags("Register").AllowAnonymous().RequireCors(RegisterApi.CorsPolicy)
            .RequireRateLimiting(RegisterApi.RateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);
        register.MapGet("/badge.svg", BadgeAsync).WithName("GetComplianceMark")
            .Produces<string>(StatusCodes.Status200OK, ComplianceMark.ContentType).Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        register.MapGet("/status.json", StatusAsync).WithName("GetSignedStatus")
            .Produces<SignedStatusJson>(StatusCodes.Status200OK, SignedStatusDocument.ContentType).Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// The compliance mark (SVG) of the entry: level, Verification-ID and validity, in a colour, symbol and words of its own
    /// for each status (valid, expired, suspended, revoked, withdrawn). Cached for five minutes.
    /// </summary>
    public static async Task<IResult> BadgeAsync(string verificationId, RegisterQueries register, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(http);
        var answer = await register.VerificationAsync(verificationId, ct);
        if (answer.IsError) return answer.Error!.ToProblem();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Embeddable(http, ComplianceMark.ContentSecurityPolicy);
        return RegisterApi.Cached(http, ComplianceMark.DrawUtf8(answer.Value, today), ComplianceMark.ContentType, MarkMaxAge);
    }

    /// <summary>
    /// The entry's status as a signed JWS (flattened JSON serialisation, ES256), verifiable with the keys at
    /// <c>/.well-known/adhere-keys.json</c>; stale 24 hours after issue (docs/formats/status-document.md). 503 with
    /// <c>register.status-unsigned</c> when the server holds no usable signing key.
    /// </summary>
    public static async Task<IResult> StatusAsync(string verificationId, IssueStatusDocument issue, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(http);
        var signed = await issue.HandleAsync(verificationId, ct);
        if (signed.IsError)
        {
            return signed.Error!.Code == StatusDocumentErrors.UnsignedCode
                ? TypedResults.Problem(ErrorHttp.Describe(signed.Error.Code, signed.Error.Message, StatusCodes.Status503ServiceUnavailable))
                : signed.Error.ToProblem();
        }

        // Never cached beyond the document's own expiry, so that no cache hands out a stale statement.
        var left = signed.Value.Document.ExpiresAt - time.GetUtcNow();
        var maxAge = (int)Math.Clamp(left.TotalSeconds, 0, MarkMaxAge);
        Embeddable(http, "default-src 'none'; frame-ancestors 'none'; sandbox");
        return RegisterApi.Cached(http, signed.Value.ToFlattenedJson(), SignedStatusDocument.ContentType, maxAge);
    }

    private const int MarkMaxAge = 300;

    // Other websites show the mark in an <img>: allow that explicitly, even where a site demands CORP (COEP).
    private static void Embeddable(HttpContext http, string policy)
    {
        http.Response.Headers.ContentSecurityPolicy = policy;
        http.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
    }
}

/// <summary>The JWS flattened JSON serialisation of a status document, as OpenAPI describes it.</summary>
/// <param name="Protected">base64url of the header <c>{"alg":"ES256","kid":…,"typ":"adhere-status+json"}</c>.</param>
/// <param name="Payload">base64url of the status document (docs/formats/status-document.md).</param>
/// <param name="Signature">base64url of the ES256 signature (r‖s, 64 bytes).</param>
public sealed record SignedStatusJson(string Protected, string Payload, string Signature);
