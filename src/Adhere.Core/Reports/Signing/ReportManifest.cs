using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Adhere.Core.Reports.Signing;

/// <summary>
/// What the Monitoring Body vouches for when it signs a verification report: which verification, for whom, at which
/// level, valid when, and the SHA-256 of the exact report PDF. <see cref="ToCanonicalJson"/> is the signed form:
/// fixed property order, no whitespace, dates as <c>yyyy-MM-dd</c>, <see cref="IssuedAt"/> as UTC to the second,
/// the hash as 64 lowercase hex digits.
/// </summary>
public sealed record ReportManifest(
    string VerificationId,
    Guid DeclarationId,
    string Company,
    string Level,
    DateOnly ApprovedOn,
    DateOnly ValidUntil,
    string ReportSha256,
    DateTimeOffset IssuedAt,
    string Kid)
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>The manifest of <paramref name="reportBytes"/>; <see cref="IssuedAt"/> and <see cref="Kid"/> are set by the signer.</summary>
    public static ReportManifest For(string verificationId, Guid declarationId, string company, string level,
        DateOnly approvedOn, DateOnly validUntil, ReadOnlySpan<byte> reportBytes) =>
        new(verificationId, declarationId, company, level, approvedOn, validUntil, Sha256Hex(reportBytes), default, string.Empty);

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    public string ToCanonicalJson() => Encoding.UTF8.GetString(ToCanonicalUtf8());

    public byte[] ToCanonicalUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("verificationId", VerificationId);
            json.WriteString("declarationId", DeclarationId.ToString("D", CultureInfo.InvariantCulture));
            json.WriteString("company", Company);
            json.WriteString("level", Level);
            json.WriteString("approvedOn", ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("validUntil", ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("reportSha256", ReportSha256.ToLowerInvariant());
            json.WriteString("issuedAt", IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("kid", Kid);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a manifest back; null when a member is missing or of the wrong form.</summary>
    public static ReportManifest? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (Text("verificationId") is not { } verificationId
                || !Guid.TryParseExact(Text("declarationId"), "D", out var declarationId)
                || Text("company") is not { } company
                || Text("level") is not { } level
                || !DateOnly.TryParseExact(Text("approvedOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var approvedOn)
                || !DateOnly.TryParseExact(Text("validUntil"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validUntil)
                || Text("reportSha256") is not { Length: 64 } hash
                || !DateTimeOffset.TryParseExact(Text("issuedAt"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var issuedAt)
                || Text("kid") is not { } kid)
            {
                return null;
            }

            return new ReportManifest(verificationId, declarationId, company, level, approvedOn, validUntil, hash, issuedAt, kid);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A manifest and its signature as a JWS compact serialisation: <c>header.payload.signature</c>, base64url.</summary>
public sealed record SignedManifest(ReportManifest Manifest, string Compact);
