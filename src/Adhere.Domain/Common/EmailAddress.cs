using System.Net.Mail;

namespace Adhere.Domain.Common;

/// <summary>Checks e-mail addresses the way a sign-up form should: one address, no display name, a dotted domain.</summary>
public static class EmailAddress
{
    /// <summary>Longest accepted address (RFC 5321 path limit).</summary>
    public const int MaxLength = 254;

    public static bool IsPlausible(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Trim() != value) return false;
        if (!MailAddress.TryCreate(value, out var parsed)) return false;
        return parsed.Address == value && parsed.Host.Contains('.', StringComparison.Ordinal);
    }
}
