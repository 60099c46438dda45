using System.Security.Cryptography;
using System.Text;

namespace Adhere.Domain.Complaints;

/// <summary>
/// The secret that lets a complainant follow a complaint without an account. It carries 256 random bits, so only its
/// SHA-256 is stored (as for API tokens); the secret itself is shown once, at filing.
/// </summary>
public static class ComplaintStatusKey
{
    /// <summary>Prefix of every key, so that a leaked one is easy to recognise.</summary>
    public const string Prefix = "cst_";

    /// <summary>Longest text accepted as a key; anything longer cannot be one and is refused without hashing.</summary>
    public const int MaxLength = 100;

    /// <summary>A new secret and its stored form.</summary>
    public static (string Secret, string Hash) New()
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, Hash(secret));
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="secret"/>.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="storedHash"/>; compared in constant time.</summary>
    public static bool Matches(string? secret, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxLength) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
    }
}
