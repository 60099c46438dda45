using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports.Signing;

/// <summary>Signs report manifests with the active key, as ES256 JWS compact (<c>{"alg":"ES256","kid":…}</c>).</summary>
public sealed class ManifestSigner(AdhereDb db, SigningSettings settings, TimeProvider time)
{
    /// <summary>Signs <paramref name="manifest"/>, stamping it with the current time (to the second) and the active key's ID.</summary>
    public async Task<Result<SignedManifest>> SignAsync(ReportManifest manifest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (settings.KeyPassword is not { } password) return SigningErrors.PasswordMissing();
        var key = await db.SigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.RetiredAt == null, ct);
        if (key is null) return SigningErrors.NoActiveKey();

        var now = time.GetUtcNow();
        var stamped = manifest with
        {
            IssuedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
            Kid = key.Kid,
        };
        ECDsa ecdsa;
        try
        {
            ecdsa = key.OpenPrivateKey(password);
        }
        catch (CryptographicException)
        {
            return SigningErrors.PasswordWrong();
        }

        using (ecdsa)
        {
            var header = JwsHeader.Write(SigningKey.Es256, key.Kid);
            var signingInput = $"{Base64Url.Encode(header)}.{Base64Url.Encode(stamped.ToCanonicalUtf8())}";
            // .NET's default signature format is IEEE P1363 (r‖s), which is what JWS ES256 requires.
            var signature = ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
            return new SignedManifest(stamped, $"{signingInput}.{Base64Url.Encode(signature)}");
        }
    }
}

/// <summary>
/// Checks signed manifests against a published JWK Set; needs no database and no secret, so the CLI and the public
/// page can run it against the key set they fetched.
/// </summary>
public static class ManifestVerifier
{
    /// <summary>
    /// The manifest, if <paramref name="compact"/> is well formed and signed by a key in <paramref name="jwks"/> (active or
    /// retired); otherwise <c>signature.malformed</c>, <c>signature.unknown-key</c> or <c>signature.invalid</c>.
    /// </summary>
    public static Result<ReportManifest> Verify(string compact, JsonWebKeySet jwks)
    {
        ArgumentNullException.ThrowIfNull(jwks);
        var parts = (compact ?? string.Empty).Trim().Split('.');
        if (parts.Length != 3) return SigningErrors.Malformed("expected three base64url parts separated by dots.");
        if (!Base64Url.TryDecode(parts[0], out var headerBytes) || !Base64Url.TryDecode(parts[1], out var payload)
            || !Base64Url.TryDecode(parts[2], out var signature))
        {
            return SigningErrors.Malformed("a part is not base64url.");
        }

        var header = JwsHeader.Read(headerBytes);

        if (header is null || header.Alg != SigningKey.Es256 || string.IsNullOrEmpty(header.Kid)) return SigningErrors.Malformed("the header must name alg ES256 and a kid.");
        if (jwks.Find(header.Kid) is not { } jwk) return SigningErrors.UnknownKey(header.Kid);
        if (jwk.Kty != "EC" || jwk.Crv != "P-256" || !Base64Url.TryDecode(jwk.X, out var x) || !Base64Url.TryDecode(jwk.Y, out var y)
            || x.Length != 32 || y.Length != 32)
        {
            return SigningErrors.UnknownKey(header.Kid);
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        var signingInput = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (signature.Length != 64 || !ecdsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256)) return SigningErrors.Invalid();

        var manifest = ReportManifest.Parse(payload);
        if (manifest is null) return SigningErrors.Malformed("the payload is not a report manifest.");
        if (manifest.Kid != header.Kid) return SigningErrors.Malformed("the payload names a different key than the header.");
        return manifest;
    }

    /// <summary>
    /// <see cref="Verify"/>, then whether <paramref name="reportBytes"/> are the report the manifest describes
    /// (<c>report.hash-mismatch</c> if their SHA-256 differs).
    /// </summary>
    public static Result<ReportManifest> VerifyReportFile(byte[] reportBytes, string compact, JsonWebKeySet jwks)
    {
        ArgumentNullException.ThrowIfNull(reportBytes);
        var verified = Verify(compact, jwks);
        if (verified.IsError) return verified;
        var actual = ReportManifest.Sha256Hex(reportBytes);
        return string.Equals(actual, verified.Value.ReportSha256, StringComparison.OrdinalIgnoreCase) ? verified : SigningErrors.HashMismatch();
    }
}

internal sealed record JwsHeader(string Alg, string Kid)
{
    public static byte[] Write(string alg, string kid)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("alg", alg);
            json.WriteString("kid", kid);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JwsHeader? Read(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            return root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String
                && root.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? new JwsHeader(alg.GetString()!, kid.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
