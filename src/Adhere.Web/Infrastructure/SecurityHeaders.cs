namespace Adhere.Web.Infrastructure;

/// <summary>Headers every response carries: no inline script or style, no framing, no MIME sniffing, no referrer leaks.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context.Response.Headers);
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>Sets the headers on a response that is about to start (also for responses written before this middleware runs).</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        // A download sets its own, stricter policy (sandbox, nothing loads); every other response gets the default.
        if (headers.ContentSecurityPolicy.Count == 0) headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }
}
