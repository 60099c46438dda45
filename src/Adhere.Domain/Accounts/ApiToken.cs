using System.Security.Cryptography;
using System.Text;
using Adhere.Domain.Common;

namespace Adhere.Domain.Accounts;

/// <summary>Identifies an <see cref="ApiToken"/>.</summary>
public readonly record struct ApiTokenId(Guid Value) : IEntityId
{
    public static ApiTokenId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// A personal token for automation. It acts as its owner but with one role only, which the owner must hold.
/// Only the SHA-256 of the secret is stored; the secret is shown once, at creation. A token stops working at
/// <see cref="ExpiresAt"/>, when revoked, or when its owner is disabled or no longer holds the role.
/// </summary>
public sealed class ApiToken
{
    /// <summary>Prefix of every secret, so that leaked tokens are easy to recognise and scan for.</summary>
    public const string SecretPrefix = "adh_";

    /// <summary>Shortest lifetime a token may be given.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromDays(1);

    /// <summary>Longest lifetime a token may be given.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private ApiToken()
    {
        Name = string.Empty;
        RoleName = string.Empty;
        SecretHash = string.Empty;
    }

    public ApiTokenId Id { get; private set; }

    public UserId OwnerId { get; private set; }

    /// <summary>The owner's label for the token, such as "CI pipeline".</summary>
    public string Name { get; private set; }

    /// <summary>The <see cref="Role.Name"/> the token acts with.</summary>
    public string RoleName { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>
    /// Creates a token and its secret. <paramref name="lifetime"/> must lie between <see cref="MinLifetime"/> and <see cref="MaxLifetime"/>.
    /// </summary>
    public static Result<(ApiToken Token, string Secret)> Issue(UserId owner, string? name, Role role, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(role);
        var label = name?.Trim();
        if (string.IsNullOrEmpty(label)) return AccountErrors.TokenNameRequired();
        if (label.Length > 100) return AccountErrors.TokenNameTooLong();
        if (lifetime < MinLifetime || lifetime > MaxLifetime) return AccountErrors.TokenLifetimeOutOfRange();

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = ApiTokenId.New(),
            OwnerId = owner,
            Name = label,
            RoleName = role.Name,
            SecretHash = HashSecret(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    /// <summary>The stored form of a secret. Secrets carry 256 random bits, so a plain hash is enough.</summary>
    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Revokes the token; revoking twice is a conflict so that the caller learns nothing changed.</summary>
    public Result<Done> Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) return AccountErrors.TokenAlreadyRevoked();
        RevokedAt = now;
        return Done.Value;
    }

    /// <summary>Records use, at most once a minute, to keep writes off the request path.</summary>
    public bool TouchUsed(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1)) return false;
        LastUsedAt = now;
        return true;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
