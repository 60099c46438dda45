namespace Adhere.Domain.Complaints;

/// <summary>
/// The secret in the link that lets a complainant answer one question without an account: 256 random bits, of which only
/// the SHA-256 is stored (as for <see cref="ComplaintStatusKey"/>). One secret per question, so that a link opens that
/// question alone and stops working once it is answered or its window has passed.
/// </summary>
public static class ComplaintAnswerKey
{
    /// <summary>Prefix of every key, so that a leaked one is easy to recognise.</summary>
    public const string Prefix = "caq_";

    /// <summary>A new secret and its stored form.</summary>
    public static (string Secret, string Hash) New()
    {
        var (status, _) = ComplaintStatusKey.New();
        var secret = Prefix + status[ComplaintStatusKey.Prefix.Length..];
        return (secret, ComplaintStatusKey.Hash(secret));
    }

    /// <summary>The stored form of <paramref name="secret"/>, or null when the text cannot be a key (so it is never looked up).</summary>
    public static string? HashOf(string? secret)
    {
        var key = secret?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > ComplaintStatusKey.MaxLength || !key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        return ComplaintStatusKey.Hash(key);
    }
}
