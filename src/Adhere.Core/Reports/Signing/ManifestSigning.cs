using Adhere.Core.Persistence;
using Adhere.Domain.Common;

namespace Adhere.Core.Reports.Signing;

/// <summary>Signs report manifests with the active key, as ES256 JWS compact (<c>{"alg":"ES256","kid":…}</c>).</summary>
public sealed class ManifestSigner(AdhereDb db, SigningSettings settings, TimeProvider time)
{
    /// <summary>Signs <paramref name="manifest"/>, stamping it with the current time (to the second) and the active key's ID.</summary>
    public async Task<Result<SignedManifest>> SignAsync(ReportManifest manifest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var opened = await Es256Jws.OpenActiveKeyAsync(db, settings, ct);
        if (opened.IsError) return opened.Error!;
        var (kid, ecdsa) = opened.Value;
        using (ecdsa)
        {
            var now = time.GetUtcNow();
            var stamped = manifest with
            {
                IssuedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
                Kid = kid,
            };
            return new SignedManifest(stamped, Es256Jws.Sign(ecdsa, kid, stamped.ToCanonicalUtf8()));
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
        var checkedJws = Es256Jws.Verify(compact, jwks, typ: null);
        if (checkedJws.IsError) return checkedJws.Error!;
        var (kid, payload) = checkedJws.Value;

        var manifest = ReportManifest.Parse(payload);
        if (manifest is null) return SigningErrors.Malformed("the payload is not a report manifest.");
        if (manifest.Kid != kid) return SigningErrors.Malformed("the payload names a different key than the header.");
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
