using Adhere.Core.Reports.Signing;

namespace Adhere.Web.Reports;

/// <summary>The public keys that verify signed report manifests, as a JWK Set anyone may fetch.</summary>
public static class SigningKeysApi
{
    public const string Path = "/.well-known/adhere-keys.json";

    public static IEndpointRouteBuilder MapSigningKeysEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, PublishedKeysAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Every key, active and retired (so that older reports still verify); public members only.</summary>
    public static async Task<IResult> PublishedKeysAsync(SigningKeyQueries queries, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(http);
        var jwks = await queries.PublishedAsync(ct);
        // Five minutes: a rotated key reaches verifiers quickly, and retired keys never disappear, so staleness is harmless.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Json(jwks, contentType: "application/jwk-set+json");
    }
}
