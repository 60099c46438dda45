using System.Globalization;
using System.Security.Cryptography;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.DataProtection;

namespace Adhere.Web.Complaints;

/// <summary>
/// The complaint form's spam guard, needing no third-party service: a token that seals the time the form was served
/// (ASP.NET Data Protection: encrypted and authenticated with the installation's keys). A submission is refused when
/// its token is missing or forged, when it comes back sooner than <c>Complaints:FormToken:MinSeconds</c> (3; people take
/// longer to write a complaint than scripts do) or later than <c>Complaints:FormToken:MaxMinutes</c> (120). API clients
/// fetch a token from <c>GET /api/v1/complaints/form-token</c>. Together with the per-client rate limit this keeps out
/// naive bots; a token may be reused within its window, which the rate limit bounds.
/// </summary>
public sealed class ComplaintFormToken(IDataProtectionProvider protection, TimeProvider time, IConfiguration configuration)
{
    private const string Purpose = "Adhere.Complaints.FormToken.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public TimeSpan MinAge { get; } = TimeSpan.FromSeconds(configuration.GetValue("Complaints:FormToken:MinSeconds", 3));

    public TimeSpan MaxAge { get; } = TimeSpan.FromMinutes(configuration.GetValue("Complaints:FormToken:MaxMinutes", 120));

    /// <summary>A token sealing the current time.</summary>
    public string Issue() => protector.Protect(time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>When a token issued now may be used and until when.</summary>
    public (DateTimeOffset NotBefore, DateTimeOffset ExpiresAt) Window()
    {
        var now = time.GetUtcNow();
        return (now + MinAge, now + MaxAge);
    }

    /// <summary>Success when <paramref name="token"/> is genuine and its age lies within the window.</summary>
    public Result<Done> Check(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return Invalid();
        long issuedMs;
        try
        {
            if (!long.TryParse(protector.Unprotect(token.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out issuedMs)) return Invalid();
        }
        catch (CryptographicException)
        {
            return Invalid();
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issuedMs);
        if (age < TimeSpan.Zero) return Invalid();
        if (age < MinAge) return new InvalidError("complaint.form-token-too-fast",
            "The form was sent back too quickly to have been filled in by a person; wait a few seconds and send it again.", "formToken");
        if (age > MaxAge) return new InvalidError("complaint.form-token-expired",
            "The form was open too long and has expired; your text is kept below, send it again.", "formToken");
        return Done.Value;
    }

    private static InvalidError Invalid() => new("complaint.form-token-invalid",
        "The form's security token is missing or not valid; reload the form and send it again.", "formToken");
}
