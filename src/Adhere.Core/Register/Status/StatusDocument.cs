using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Adhere.Core.Register.Status;

/// <summary>
/// What the Monitoring Body vouches for when it signs the status of a register entry (docs/formats/status-document.md):
/// the ID asked about, the entry's current ID and former ones, company, level, status and dates, the declared services,
/// the SHA-256 of the current report, and the window in which the statement may be relied on: from
/// <see cref="IssuedAt"/> to <see cref="ExpiresAt"/>. After that the document is stale, since the status may have changed.
/// <see cref="ToCanonicalUtf8"/> is the signed form: fixed property order, no whitespace, dates as <c>yyyy-MM-dd</c>,
/// instants as UTC to the second, absent values as JSON null.
/// </summary>
public sealed record StatusDocument(
    string RequestedId,
    string VerificationId,
    IReadOnlyList<string> FormerIds,
    string Company,
    int Level,
    string Status,
    DateOnly? Since,
    DateOnly? ApprovedOn,
    DateOnly? ValidUntil,
    IReadOnlyList<RegisterService> Services,
    string? ReportSha256,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Kid)
{
    /// <summary>The JWS <c>typ</c> header of a status document; a verifier refuses other signed documents (such as report manifests).</summary>
    public const string JwsType = "adhere-status+json";

    /// <summary>How long a verifier may rely on a document after it was issued.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>The status of <paramref name="entry"/> as asked for under <paramref name="requestedId"/>, issued at <paramref name="issuedAt"/>.</summary>
    public static StatusDocument For(string requestedId, RegisterEntry entry, DateTimeOffset issuedAt, string kid)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var services = entry.Categories.SelectMany(c => c.Services.Select(s => new RegisterService(s, c.Category))).ToList();
        var report = entry.Reports.FirstOrDefault(r => r.Current)?.Sha256;
        return new(requestedId, entry.VerificationId, entry.FormerIds, entry.Company, entry.Level, entry.Status, entry.Since, entry.ApprovedOn,
            entry.ValidUntil, services, report, issuedAt, issuedAt + Lifetime, kid);
    }

    /// <summary>Whether a verifier may still rely on the document at <paramref name="at"/>.</summary>
    public bool IsFreshAt(DateTimeOffset at) => at < ExpiresAt;

    public byte[] ToCanonicalUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("requestedId", RequestedId);
            json.WriteString("verificationId", VerificationId);
            json.WriteStartArray("formerIds");
            foreach (var id in FormerIds) json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteString("company", Company);
            json.WriteNumber("level", Level);
            json.WriteString("status", Status);
            Day(json, "since", Since);
            Day(json, "approvedOn", ApprovedOn);
            Day(json, "validUntil", ValidUntil);
            json.WriteStartArray("services");
            foreach (var s in Services)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                if (s.Category is null) json.WriteNull("category");
                else json.WriteString("category", s.Category);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (ReportSha256 is null) json.WriteNull("reportSha256");
            else json.WriteString("reportSha256", ReportSha256.ToLowerInvariant());
            json.WriteString("issuedAt", IssuedAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture));
            json.WriteString("expiresAt", ExpiresAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture));
            json.WriteString("kid", Kid);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public string ToCanonicalJson() => Encoding.UTF8.GetString(ToCanonicalUtf8());

    /// <summary>Reads a payload back; null when a member is missing or of the wrong form.</summary>
    public static StatusDocument? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            bool IsNull(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Null;
            bool TryDay(string name, out DateOnly? day)
            {
                day = null;
                if (IsNull(name)) return true;
                if (!DateOnly.TryParseExact(Text(root, name), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
                day = d;
                return true;
            }

            bool TryInstant(string name, out DateTimeOffset at) => DateTimeOffset.TryParseExact(Text(root, name), InstantFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

            if (Text(root, "requestedId") is not { } requested || Text(root, "verificationId") is not { } current
                || !root.TryGetProperty("formerIds", out var formerIds) || formerIds.ValueKind != JsonValueKind.Array
                || formerIds.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String)
                || Text(root, "company") is not { } company
                || !root.TryGetProperty("level", out var levelElement) || !levelElement.TryGetInt32(out var level)
                || Text(root, "status") is not { } status || !RegisterStatus.All.Contains(status)
                || !TryDay("since", out var since) || !TryDay("approvedOn", out var approvedOn) || !TryDay("validUntil", out var validUntil)
                || !root.TryGetProperty("services", out var servicesElement) || servicesElement.ValueKind != JsonValueKind.Array
                || servicesElement.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.Object || Text(s, "name") is null)
                || !(IsNull("reportSha256") || Text(root, "reportSha256") is { Length: 64 })
                || !TryInstant("issuedAt", out var issuedAt) || !TryInstant("expiresAt", out var expiresAt)
                || Text(root, "kid") is not { } kid)
            {
                return null;
            }

            var services = servicesElement.EnumerateArray().Select(s => new RegisterService(Text(s, "name")!, Text(s, "category"))).ToList();
            return new StatusDocument(requested, current, [.. formerIds.EnumerateArray().Select(f => f.GetString()!)], company, level, status, since,
                approvedOn, validUntil, services, Text(root, "reportSha256"), issuedAt, expiresAt, kid);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Day(Utf8JsonWriter json, string name, DateOnly? day)
    {
        if (day is { } d) json.WriteString(name, d.ToString(DayFormat, CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }
}

/// <summary>
/// A status document with its ES256 signature. <see cref="Compact"/> is the JWS compact serialisation
/// (<c>header.payload.signature</c>); <see cref="ToFlattenedJson"/> the same three parts as the JWS JSON flattened
/// serialisation that the server sends (RFC 7515 §7.2.2).
/// </summary>
public sealed record SignedStatusDocument(StatusDocument Document, string Compact)
{
    public const string ContentType = "application/jose+json";

    public byte[] ToFlattenedJson()
    {
        var parts = Compact.Split('.');
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("protected", parts[0]);
            json.WriteString("payload", parts[1]);
            json.WriteString("signature", parts[2]);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
