using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Adhere.Web.Register;

/// <summary>
/// The register's HTTP caching rules in one place, so that the endpoints and the fast path (ADR 0027) cannot drift
/// apart: which If-None-Match values match an ETag, the Cache-Control value, and the headers CORS exposes.
/// </summary>
internal static class RegisterCaching
{
    public const int DefaultMaxAgeSeconds = 60;

    /// <summary>The headers a script on another origin may read; the CORS policy and the fast path both send these.</summary>
    public static readonly string[] ExposedHeaders = ["ETag", "Retry-After"];

    /// <summary><see cref="ExposedHeaders"/> as the CORS middleware writes them (comma-separated, no spaces).</summary>
    public static readonly string ExposedHeadersValue = string.Join(',', ExposedHeaders);

    public static readonly string DefaultCacheControl = CacheControl(DefaultMaxAgeSeconds);

    public static string CacheControl(int maxAgeSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAgeSeconds}");

    /// <summary>True when the client already holds <paramref name="etag"/>: any listed tag, its weak form, or <c>*</c>.</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            if (value is null) continue;
            foreach (var part in value.Split(','))
            {
                var tag = part.Trim();
                if (tag == etag || tag == "*" || tag == "W/" + etag) return true;
            }
        }

        return false;
    }
}
