using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Common;

namespace Adhere.Core.Register.Status;

/// <summary>
/// Issues the signed status document of a register entry, by its current or a former Verification-ID. Documents are
/// issued on five-minute marks and the signed bytes are kept for that window (<see cref="StatusSignatureCache"/>), so
/// anonymous requests cannot make the server open its private key (a slow key derivation) more than once per entry
/// and window.
/// </summary>
public sealed class IssueStatusDocument(AdhereDb db, RegisterQueries register, SigningSettings settings, StatusSignatureCache cache, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public async Task<Result<SignedStatusDocument>> HandleAsync(string? verificationId, CancellationToken ct)
    {
        var entry = await register.EntryAsync(verificationId, ct);
        if (entry.IsError) return entry.Error!;
        var kid = await Es256Jws.ActiveKidAsync(db, settings, ct);
        if (kid.IsError) return StatusDocumentErrors.CannotSign(kid.Error!);

        var now = time.GetUtcNow();
        var issuedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Window.Ticks), TimeSpan.Zero);
        var requested = (verificationId ?? string.Empty).Trim().ToUpperInvariant();
        var document = StatusDocument.For(requested, entry.Value, issuedAt, kid.Value);
        var payload = document.ToCanonicalUtf8();
        var signingInput = Es256Jws.SigningInput(kid.Value, payload, StatusDocument.JwsType);
        if (cache.TryGet(signingInput, out var cached)) return new SignedStatusDocument(document, cached);

        var opened = await Es256Jws.OpenActiveKeyAsync(db, settings, ct);
        if (opened.IsError) return StatusDocumentErrors.CannotSign(opened.Error!);
        var (openedKid, key) = opened.Value;
        // A rotation between the two reads: sign the next request afresh rather than name the wrong key.
        if (openedKid != kid.Value)
        {
            key.Dispose();
            return StatusDocumentErrors.CannotSign(SigningErrors.NoActiveKey());
        }

        using (key)
        {
            var compact = Es256Jws.Sign(key, kid.Value, payload, StatusDocument.JwsType);
            cache.Add(signingInput, issuedAt, compact);
            return new SignedStatusDocument(document, compact);
        }
    }
}

/// <summary>Signed status documents of the current window, by their signing input; older windows are dropped as a new one starts.</summary>
public sealed class StatusSignatureCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, string> signed = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DateTimeOffset window;

    public bool TryGet(string signingInput, out string compact) => signed.TryGetValue(signingInput, out compact!);

    public void Add(string signingInput, DateTimeOffset issuedAt, string compact)
    {
        lock (gate)
        {
            if (issuedAt > window || signed.Count >= MaxEntries)
            {
                signed.Clear();
                window = issuedAt;
            }

            if (issuedAt == window) signed[signingInput] = compact;
        }
    }
}

/// <summary>
/// Checks a status document offline against a published JWK Set: the signature, the <c>typ</c>, and whether the
/// document is still fresh at a given instant. Needs no database and no secret.
/// </summary>
public static class StatusDocumentVerifier
{
    /// <summary>How far a document's issue time may lie ahead of the verifier's clock (clocks drift).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The document, if <paramref name="text"/> (JWS flattened JSON or compact) is signed by a key in <paramref name="jwks"/>
    /// and fresh at <paramref name="at"/>; otherwise <c>signature.malformed</c>, <c>signature.unknown-key</c>,
    /// <c>signature.invalid</c> or <c>status.stale</c>. Freshness says nothing about adherence: check <see cref="StatusDocument.Status"/>.
    /// </summary>
    public static Result<StatusDocument> Verify(string? text, JsonWebKeySet jwks, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(jwks);
        var compact = ToCompact(text);
        if (compact is null) return SigningErrors.Malformed("expected a JWS in flattened JSON (protected, payload, signature) or compact form.");
        var checkedJws = Es256Jws.Verify(compact, jwks, StatusDocument.JwsType);
        if (checkedJws.IsError) return checkedJws.Error!;
        var (kid, payload) = checkedJws.Value;
        var document = StatusDocument.Parse(payload);
        if (document is null) return SigningErrors.Malformed("the payload is not a status document.");
        if (document.Kid != kid) return SigningErrors.Malformed("the payload names a different key than the header.");
        if (document.ExpiresAt <= document.IssuedAt) return SigningErrors.Malformed("the document expires before it was issued.");
        if (!document.IsFreshAt(at)) return StatusDocumentErrors.Stale(document, at);
        if (document.IssuedAt > at + ClockSkew) return StatusDocumentErrors.NotYetIssued(document, at);
        return document;
    }

    /// <summary>The compact form of a JWS in either serialisation; null when it is neither.</summary>
    public static string? ToCompact(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!trimmed.StartsWith('{')) return trimmed.Length == 0 ? null : trimmed;
        try
        {
            using var json = JsonDocument.Parse(trimmed);
            var root = json.RootElement;
            string? Part(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            // An unprotected "header" member would carry claims the signature does not cover; the format has none.
            if (root.TryGetProperty("header", out _)) return null;
            return Part("protected") is { } h && Part("payload") is { } p && Part("signature") is { } s ? $"{h}.{p}.{s}" : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The status document's expected failures.</summary>
public static class StatusDocumentErrors
{
    public const string UnsignedCode = "register.status-unsigned";
    public const string StaleCode = "status.stale";

    /// <summary>No usable signing key: no key, no password or the wrong one. The server answers 503 rather than send an unsigned document.</summary>
    public static ConflictError CannotSign(Error cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new(UnsignedCode, $"The register cannot sign status documents at the moment ({cause.Code}); ask the Monitoring Body, or use the register API for an unsigned answer.");
    }

    public static InvalidError Stale(StatusDocument document, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(StaleCode, new StringBuilder().Append("The status document expired at ").Append(Instant(document.ExpiresAt))
            .Append(" (checked at ").Append(Instant(at)).Append("); fetch a fresh one, since the status may have changed.").ToString());
    }

    public static InvalidError NotYetIssued(StatusDocument document, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(StaleCode, $"The status document claims to be issued at {Instant(document.IssuedAt)}, after the time it is checked at ({Instant(at)}); check the clock.");
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
