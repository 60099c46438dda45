using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Reports.Signing;

/// <summary>
/// <c>Signing:KeyPassword</c>: the secret that encrypts the signing keys' private halves in the database. Without it
/// no key can be created or used (ADR 0012); the JWKS and verification need only public keys and work regardless.
/// </summary>
public sealed record SigningSettings(string? KeyPassword)
{
    public static SigningSettings None { get; } = new((string?)null);

    public static SigningSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var password = configuration["Signing:KeyPassword"];
        return new SigningSettings(string.IsNullOrWhiteSpace(password) ? null : password);
    }

    public override string ToString() => $"SigningSettings {{ KeyPassword = {(KeyPassword is null ? "(unset)" : "***")} }}";
}
