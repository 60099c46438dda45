using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports.Signing;

/// <summary>
/// ES256 JWS compact serialisation (RFC 7515) over the Monitoring Body's signing keys, shared by the report manifests and
/// the register's status documents: the header names <c>alg</c>, <c>kid</c> and, for typed documents, <c>typ</c>.
/// </summary>
internal static class Es256Jws
{
    /// <summary>The active key's ID and its private key (the caller disposes it), or why none can sign.</summary>
    public static async Task<Result<(string Kid, ECDsa Key)>> OpenActiveKeyAsync(AdhereDb db, SigningSettings settings, CancellationToken ct)
    {
        if (settings.KeyPassword is not { } password) return SigningErrors.PasswordMissing();
        var key = await db.SigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.RetiredAt == null, ct);
        if (key is null) return SigningErrors.NoActiveKey();
        try
        {
            return (key.Kid, key.OpenPrivateKey(password));
        }
        catch (CryptographicException)
        {
            return SigningErrors.PasswordWrong();
        }
    }

    /// <summary>The active key's ID without opening the private key (no key derivation), or why none can sign.</summary>
    public static async Task<Result<string>> ActiveKidAsync(AdhereDb db, SigningSettings settings, CancellationToken ct)
    {
        if (settings.KeyPassword is null) return SigningErrors.PasswordMissing();
        var kid = await db.SigningKeys.AsNoTracking().Where(k => k.RetiredAt == null).Select(k => k.Kid).FirstOrDefaultAsync(ct);
        return kid is null ? SigningErrors.NoActiveKey() : kid;
    }

    public static string Sign(ECDsa key, string kid, ReadOnlySpan<byte> payload, string? typ = null)
    {
        var signingInput = SigningInput(kid, payload, typ);
        // .NET's default signature format is IEEE P1363 (r‖s), which is what JWS ES256 requires.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return $"{signingInput}.{Base64Url.Encode(signature)}";
    }

    /// <summary>The first two parts of the compact form, exactly as <see cref="Sign"/> signs them.</summary>
    public static string SigningInput(string kid, ReadOnlySpan<byte> payload, string? typ = null) =>
        $"{Base64Url.Encode(JwsHeader.Write(SigningKey.Es256, kid, typ))}.{Base64Url.Encode(payload)}";

    /// <summary>
    /// The signing key's ID and the payload, if <paramref name="compact"/> is well formed, of type <paramref name="typ"/>
    /// (null: no <c>typ</c> required) and signed by a key in <paramref name="jwks"/>; otherwise <c>signature.malformed</c>,
    /// <c>signature.unknown-key</c> or <c>signature.invalid</c>.
    /// </summary>
    public static Result<(string Kid, byte[] Payload)> Verify(string? compact, JsonWebKeySet jwks, string? typ)
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
        // A signed report manifest must not pass for a status document, nor the other way round.
        if (typ is not null && header.Typ != typ) return SigningErrors.Malformed($"the header's typ must be {typ}.");
        if (jwks.Find(header.Kid) is not { } jwk) return SigningErrors.UnknownKey(header.Kid);
        if (jwk.Kty != "EC" || jwk.Crv != "P-256" || !Base64Url.TryDecode(jwk.X, out var x) || !Base64Url.TryDecode(jwk.Y, out var y)
            || x.Length != 32 || y.Length != 32)
        {
            return SigningErrors.UnknownKey(header.Kid);
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        var signingInput = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (signature.Length != 64 || !ecdsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256)) return SigningErrors.Invalid();
        return (header.Kid, payload);
    }
}

internal sealed record JwsHeader(string Alg, string Kid, string? Typ)
{
    public static byte[] Write(string alg, string kid, string? typ = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("alg", alg);
            json.WriteString("kid", kid);
            if (typ is not null) json.WriteString("typ", typ);
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
            var typ = root.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String
                && root.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? new JwsHeader(alg.GetString()!, kid.GetString()!, typ)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
