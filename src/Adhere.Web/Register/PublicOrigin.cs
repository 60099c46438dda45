namespace Adhere.Web.Register;

/// <summary>
/// The address the public register is reached at, for links that leave the page: the feed, the embed snippet. The
/// setting <c>Register:PublicBaseUrl</c> wins (a static copy is fetched from a loopback host whose address must not leak
/// into the files, and a proxy may hide the public host); without it, the request's own scheme, host and path base.
/// </summary>
public static class PublicOrigin
{
    public const string Setting = "Register:PublicBaseUrl";

    /// <summary>The origin without a trailing slash, such as <c>https://register.example.org</c>.</summary>
    public static string For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()[Setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured) is { } uri
                ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
                : throw new InvalidOperationException($"{Setting} must be an absolute http or https URL; it is '{configured}'.");
        }

        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }

    /// <summary>An absolute http(s) URL without query or fragment, or null.</summary>
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;
}
