namespace Adhere.Cli.Register;

/// <summary>
/// The one list of what a static register export holds: URL templates of the live site, where <c>{id}</c> stands for
/// a Verification-ID, and the rule that turns a URL path into a file of the export. See docs/formats/static-register.md.
/// </summary>
public static class StaticRegisterPlan
{
    public const string IdToken = "{id}";

    /// <summary>The bulk export that lists the entries; fetched first.</summary>
    public const string EntryList = "/api/v1/register/export.json";

    /// <summary>Once per export.</summary>
    public static readonly IReadOnlyList<string> Global =
    [
        "/register",
        EntryList,
        "/api/v1/register/export.csv",
        "/register/transparency-log.json",
        "/.well-known/adhere-keys.json",
        "/register/feed.atom",
    ];

    /// <summary>For every ID an entry answers to: its current one and each former one (replaced after a level change).</summary>
    public static readonly IReadOnlyList<string> PerId =
    [
        "/register/{id}",
        "/register/verify/{id}",
        "/api/v1/register/entries/{id}",
        "/api/v1/register/verifications/{id}",
        // Marks embedded on providers' sites keep working after a level change, so every ID gets one.
        "/register/{id}/badge.svg",
    ];

    /// <summary>For the current ID of every entry.</summary>
    public static readonly IReadOnlyList<string> PerEntry =
    [
        StatusDocument,
    ];

    /// <summary>
    /// The signed status document: left out (with a note) when the server holds no usable signing key and answers 503,
    /// since an installation without keys can still publish its register. Signed documents go stale after 24 hours, so a
    /// copy that carries them should be exported again every day.
    /// </summary>
    public const string StatusDocument = "/register/{id}/status.json";

    /// <summary>For every ID of an entry that has an issued report (the live site serves the current report under each).</summary>
    public static readonly IReadOnlyList<string> PerIdWithReport =
    [
        "/register/{id}/report.pdf",
    ];

    /// <summary>Same-origin paths that exported pages (and style sheets) may reference and that the export then copies.</summary>
    public static readonly IReadOnlyList<string> AssetPrefixes = ["/css/", "/js/", "/lib/", "/img/", "/images/", "/fonts/", "/favicon"];

    public static string Expand(string template, string id)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Replace(IdToken, id, StringComparison.Ordinal);
    }

    /// <summary>
    /// The export-relative file (with <c>/</c>) that holds <paramref name="path"/>: a path whose last segment has an
    /// extension keeps it (<c>/register/X/report.pdf</c>); other API paths get <c>.json</c> appended
    /// (<c>/api/v1/register/entries/X</c> → <c>api/v1/register/entries/X.json</c>); other pages become a folder's
    /// <c>index.html</c> (<c>/register/X</c> → <c>register/X/index.html</c>).
    /// </summary>
    public static string FileFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            || path.AsSpan().IndexOfAny("?#\0") >= 0)
        {
            throw new ArgumentException($"'{path}' is not a plain site path.", nameof(path));
        }

        var trimmed = path.Trim('/');
        if (trimmed.Length == 0) return "index.html";
        var last = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        if (last.Contains('.', StringComparison.Ordinal)) return trimmed;
        return path.StartsWith("/api/", StringComparison.Ordinal) ? trimmed + ".json" : trimmed + "/index.html";
    }
}
