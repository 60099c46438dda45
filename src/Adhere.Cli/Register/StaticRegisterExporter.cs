using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Adhere.Cli.Register;

/// <summary>A planned URL did not answer 2xx; the export stops and leaves the target untouched.</summary>
public sealed class StaticExportFetchException(string message) : Exception(message);

/// <summary>
/// Fetches every URL of <see cref="StaticRegisterPlan"/> from a running Adhere site and writes the answers, byte for
/// byte, into a folder, with an example nginx configuration and a manifest of SHA-256 hashes.
/// </summary>
public sealed partial class StaticRegisterExporter(HttpClient http, TextWriter progress)
{
    public const string ManifestFile = "manifest.json";
    public const string NginxFile = "nginx.conf.example";
    public const string ManifestFormat = "adhere-static-register/1";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly Dictionary<string, byte[]> fetched = new(StringComparer.Ordinal);

    /// <summary>What was written: file count and total size, the manifest included.</summary>
    public sealed record Summary(int Files, long Bytes, int Entries);

    private sealed record ManifestEntry(string Path, string? Url, long Bytes, string Sha256);

    private sealed record Manifest(string Format, DateTimeOffset GeneratedAt, int Entries, IReadOnlyList<ManifestEntry> Files);

    public async Task<Summary> WriteAsync(string directory, DateTimeOffset generatedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var ids = await EntryIdsAsync(ct);
        var queue = new List<string>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        void Plan(string url)
        {
            if (planned.Add(url)) queue.Add(url);
        }

        foreach (var url in StaticRegisterPlan.Global) Plan(url);
        foreach (var (current, all, hasReport, earlier) in ids)
        {
            foreach (var url in earlier) Plan(url);
            foreach (var id in all)
            {
                foreach (var template in StaticRegisterPlan.PerId) Plan(StaticRegisterPlan.Expand(template, id));
                if (hasReport)
                {
                    foreach (var template in StaticRegisterPlan.PerIdWithReport) Plan(StaticRegisterPlan.Expand(template, id));
                }
            }

            foreach (var template in StaticRegisterPlan.PerEntry) Plan(StaticRegisterPlan.Expand(template, current));
        }

        var files = new List<ManifestEntry>();
        // The queue grows while it runs: pages and style sheets name the assets they need.
        for (var i = 0; i < queue.Count; i++)
        {
            var url = queue[i];
            var file = StaticRegisterPlan.FileFor(url);
            var optional = url.EndsWith("/status.json", StringComparison.Ordinal);
            var bytes = await FetchAsync(url, optional, ct);
            if (bytes is null)
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[{i + 1} of {queue.Count}] {url} skipped: the server has no usable signing key, so the copy has no signed status documents."));
                continue;
            }

            files.Add(await WriteFileAsync(directory, file, url, bytes, ct));
            if (file.EndsWith(".html", StringComparison.Ordinal) || file.EndsWith(".css", StringComparison.Ordinal))
            {
                foreach (var asset in Assets(Encoding.UTF8.GetString(bytes))) Plan(asset);
            }

            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{i + 1} of {queue.Count}] {url} -> {file} ({bytes.Length} bytes)"));
        }

        files.Add(await WriteFileAsync(directory, NginxFile, null, Encoding.UTF8.GetBytes(NginxConfig), ct));
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Manifest(ManifestFormat, generatedAt, ids.Count, files), ManifestJson);
        await File.WriteAllBytesAsync(Path.Combine(directory, ManifestFile), manifest, ct);
        return new Summary(files.Count + 1, files.Sum(f => f.Bytes) + manifest.Length, ids.Count);
    }

    /// <summary>Each entry's current ID, every ID it answers to, whether it has an issued report, and where its earlier reports are.</summary>
    private async Task<List<(string Current, List<string> All, bool HasReport, List<string> Earlier)>> EntryIdsAsync(CancellationToken ct)
    {
        var result = new List<(string, List<string>, bool, List<string>)>();
        using var list = JsonDocument.Parse(await FetchAsync(StaticRegisterPlan.EntryList, ct));
        foreach (var summary in list.RootElement.EnumerateArray())
        {
            var current = SafeId(summary.GetProperty("verificationId").GetString());
            using var entry = JsonDocument.Parse(await FetchAsync(StaticRegisterPlan.Expand("/api/v1/register/entries/{id}", current), ct));
            var all = new List<string> { current };
            all.AddRange(entry.RootElement.GetProperty("formerIds").EnumerateArray().Select(f => SafeId(f.GetString())));
            var reports = entry.RootElement.GetProperty("reports").EnumerateArray().ToList();
            var hasReport = reports.Any(r => r.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String);
            var earlier = reports.Where(r => r.TryGetProperty("current", out var c) && c.ValueKind == JsonValueKind.False)
                .Select(r => EarlierReportUrl(current, r)).ToList();
            result.Add((current, all, hasReport, earlier));
        }

        return result;
    }

    // An earlier report's address comes from the server, but becomes a file name: only the shape the register uses.
    private static string EarlierReportUrl(string current, JsonElement report)
    {
        var url = report.TryGetProperty("url", out var u) ? u.GetString() : null;
        var prefix = $"/register/{current}/reports/";
        return url is not null && url.StartsWith(prefix, StringComparison.Ordinal) && url.EndsWith(".pdf", StringComparison.Ordinal)
            && url[prefix.Length..^4] is { Length: 64 } hash && hash.All(char.IsAsciiHexDigitLower)
            ? url
            : throw new StaticExportFetchException($"The register lists an earlier report at an address that cannot be a file name: '{url}'.");
    }

    // IDs become folder names, so anything but capitals and digits would be a path trick, not an ID.
    private static string SafeId(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            ? id
            : throw new StaticExportFetchException($"The register lists an ID that cannot be a file name: '{id}'.");

    private async Task<byte[]> FetchAsync(string url, CancellationToken ct) =>
        await FetchAsync(url, optional: false, ct) ?? throw new InvalidOperationException("Unreachable: a required fetch never answers null.");

    /// <summary>The answer's bytes; null only for an <paramref name="optional"/> URL that answered 503 (no signing key).</summary>
    private async Task<byte[]?> FetchAsync(string url, bool optional, CancellationToken ct)
    {
        if (fetched.TryGetValue(url, out var known)) return known;
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), ct);
        if (optional && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable) return null;
        if (!response.IsSuccessStatusCode)
        {
            throw new StaticExportFetchException(string.Create(CultureInfo.InvariantCulture,
                $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing was written."));
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        fetched[url] = bytes;
        return bytes;
    }

    private static async Task<ManifestEntry> WriteFileAsync(string directory, string file, string? url, byte[] bytes, CancellationToken ct)
    {
        var path = Path.Combine(directory, file.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);
        return new ManifestEntry(file, url, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Same-origin asset paths in <paramref name="text"/> (HTML attributes, CSS url()), without query or fragment.</summary>
    internal static IEnumerable<string> Assets(string text) =>
        AssetReference().Matches(text)
            .Select(m => m.Groups["path"].Value)
            .Select(p => p.Split('?', '#')[0])
            .Where(p => !p.StartsWith("//", StringComparison.Ordinal) && !p.Contains("..", StringComparison.Ordinal)
                && StaticRegisterPlan.AssetPrefixes.Any(prefix => p.StartsWith(prefix, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    [GeneratedRegex("""(?:\b(?:href|src)\s*=\s*["']|url\(\s*["']?)(?<path>/[^"'()\s>]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssetReference();

    /// <summary>Serves the export under its live URLs; see docs/formats/static-register.md.</summary>
    public const string NginxConfig = """
        # Example nginx site serving a static copy of the Adhere public register ("adhere register export DIR").
        # Copy it to /etc/nginx/sites-available/, set server_name and root, and reload nginx.
        server {
            listen 80;
            server_name register.example.org;
            root /srv/adhere-register;   # the DIR given to "adhere register export"

            default_type application/octet-stream;
            types {
                text/html              html;
                text/css               css;
                application/javascript js;
                application/json       json;
                text/csv               csv;
                application/pdf        pdf;
                image/svg+xml          svg;
                image/png              png;
                application/atom+xml   atom;
            }
            charset utf-8;
            charset_types text/css application/javascript application/json text/csv image/svg+xml application/atom+xml;

            # The copy has no front page of its own: start at the register.
            location = / {
                return 302 /register;
            }

            # Pages: /register/ID is the file register/ID/index.html.
            location / {
                try_files $uri $uri/index.html =404;
            }

            # The register API: /api/v1/register/entries/ID is the file api/v1/register/entries/ID.json.
            # Any origin may read it, as on the live site.
            location /api/v1/register/ {
                default_type application/json;
                add_header Access-Control-Allow-Origin "*" always;
                try_files $uri $uri.json =404;
            }

            location = /register/transparency-log.json {
                add_header Access-Control-Allow-Origin "*" always;
            }

            location /.well-known/ {
                add_header Access-Control-Allow-Origin "*" always;
            }
        }

        """;
}
