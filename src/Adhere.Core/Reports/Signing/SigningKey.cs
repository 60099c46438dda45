using System.Globalization;
using System.Security.Cryptography;

namespace Adhere.Core.Reports.Signing;

/// <summary>
/// One ECDSA P-256 key (JWS algorithm ES256) with which the Monitoring Body signs report manifests. The public point
/// is kept in the clear (published as JWK); the private key only as encrypted PKCS#8 (PBKDF2-SHA256 + AES-256-CBC
/// under <c>Signing:KeyPassword</c>, see ADR 0012). At most one key is active (<see cref="RetiredAt"/> null); retired
/// keys stay published so that reports signed with them still verify.
/// </summary>
public sealed class SigningKey
{
    public const string Es256 = "ES256";

    // Decrypting runs PBKDF2; 100 000 rounds keeps that well under a second, and OpenedKeys makes it once per key and process.
    private const int Pbkdf2Iterations = 100_000;

    private SigningKey()
    {
    }

    /// <summary>The key ID, such as <c>adhere-2026-11-29-1a2b3c4d</c>: the creation day and 8 random hex digits.</summary>
    public string Kid { get; private set; } = string.Empty;

    public string Algorithm { get; private set; } = Es256;

    /// <summary>The public point's X coordinate, base64url (32 bytes), as in a JWK.</summary>
    public string PublicX { get; private set; } = string.Empty;

    /// <summary>The public point's Y coordinate, base64url (32 bytes), as in a JWK.</summary>
    public string PublicY { get; private set; } = string.Empty;

    /// <summary>The private key as password-encrypted PKCS#8 (DER).</summary>
    public byte[] EncryptedPrivateKey { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ActivatedAt { get; private set; }

    /// <summary>When a newer key replaced this one; null while it is the active key.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    /// <summary>Generates a new, active key whose private half is encrypted with <paramref name="password"/>.</summary>
    public static SigningKey Generate(string password, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var encrypted = ecdsa.ExportEncryptedPkcs8PrivateKey(password,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations));
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return new SigningKey
        {
            Kid = $"adhere-{now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{suffix}",
            PublicX = Base64Url.Encode(point.X!),
            PublicY = Base64Url.Encode(point.Y!),
            EncryptedPrivateKey = encrypted,
            CreatedAt = now,
            ActivatedAt = now,
        };
    }

    public void Retire(DateTimeOffset now)
    {
        if (RetiredAt is not null) throw new InvalidOperationException($"Signing key {Kid} is already retired.");
        RetiredAt = now;
    }

    /// <summary>
    /// The private key, for signing; the caller disposes it. The key derivation runs once per key, password and process
    /// (<see cref="OpenedKeys"/>); later calls build the key from what the first one decrypted.
    /// </summary>
    /// <exception cref="CryptographicException">The password does not decrypt the key.</exception>
    public ECDsa OpenPrivateKey(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var slot = OpenedKeys.Slot(Kid, EncryptedPrivateKey, password);
        if (OpenedKeys.TryGet(slot, out var known)) return ECDsa.Create(known);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportEncryptedPkcs8PrivateKey(password, EncryptedPrivateKey, out _);
            OpenedKeys.Add(slot, ecdsa.ExportParameters(includePrivateParameters: true));
            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    public PublicJwk ToJwk() => new("EC", "P-256", PublicX, PublicY, Kid, "sig", Algorithm);
}

/// <summary>
/// Private keys this process has decrypted, so that signing (each approval, each status document window) does not run
/// PBKDF2 again (ADR 0012). A slot is a SHA-256 of the key ID, the encrypted key and the password: a wrong password or a
/// re-encrypted key misses and decrypts afresh, and the password itself is not kept here. The process holds the
/// password in its settings anyway, so the decrypted key in memory adds no new secret to what a memory dump shows.
/// </summary>
internal static class OpenedKeys
{
    private const int MaxKeys = 32;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ECParameters> Keys = new(StringComparer.Ordinal);

    public static string Slot(string kid, byte[] encryptedKey, string password)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { System.Text.Encoding.UTF8.GetBytes(kid), encryptedKey, System.Text.Encoding.UTF8.GetBytes(password) })
        {
            // Length-prefixed, so that no two different triples hash the same bytes.
            hash.AppendData(BitConverter.GetBytes(part.Length));
            hash.AppendData(part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static bool TryGet(string slot, out ECParameters key) => Keys.TryGetValue(slot, out key);

    public static void Add(string slot, ECParameters key)
    {
        // A handful of keys in a real installation; tests make many. Starting over is cheaper than tracking use.
        if (Keys.Count >= MaxKeys) Keys.Clear();
        Keys[slot] = key;
    }
}

/// <summary>base64url without padding (RFC 7515 §2).</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
