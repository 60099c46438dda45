using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Accounts;

/// <summary>A token as its owner sees it; the secret is never shown again after creation.</summary>
public sealed record ApiTokenSummary(Guid Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string Status);

/// <summary>Issues a personal API token for the signed-in caller, acting with one of the caller's roles.</summary>
public sealed class CreateApiToken(AdhereDb db, UserQueries userQueries, TimeProvider time)
{
    /// <param name="Role">The role to act with; the caller's own role when omitted.</param>
    public sealed record Command(string? Name, string? Role, int ExpiresInDays = 90);

    public sealed record Created(ApiTokenSummary Token, string Secret);

    public async Task<Result<Created>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (db.Caller.UserId is not { } owner) return new UnauthorizedError("auth.required", "Sign in to create a token.");
        var held = await userQueries.RoleOfAsync(owner, ct);
        Role? role = held;
        if (!string.IsNullOrWhiteSpace(command.Role))
        {
            if (!Role.TryParse(command.Role, out role)) return AccountErrors.UnknownRole(command.Role);
            if (role != held) return AccountErrors.TokenRoleNotHeld(role.Name);
        }

        if (role is null) return AccountErrors.TokenRoleNotHeld(command.Role ?? "(none)");
        if (command.ExpiresInDays < 1 || command.ExpiresInDays > ApiToken.MaxLifetime.TotalDays) return AccountErrors.TokenLifetimeOutOfRange();

        var issued = ApiToken.Issue(owner, command.Name, role, TimeSpan.FromDays(command.ExpiresInDays), time.GetUtcNow());
        if (issued.IsError) return issued.Error!;
        var (token, secret) = issued.Value;

        db.ApiTokens.Add(token);
        db.Record("token.created", "api-token", token.Id.ToString(), db.Caller.OrganisationId, new AuditChanges()
            .Added("name", token.Name)
            .Added("role", token.RoleName)
            .Added("expiresAt", token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
        return new Created(ApiTokenQueries.ToSummary(token, time.GetUtcNow()), secret);
    }
}

/// <summary>Revokes one of the caller's own tokens; anyone else's token answers as not found.</summary>
public sealed class RevokeApiToken(AdhereDb db, TimeProvider time)
{
    public async Task<Result<Done>> HandleAsync(ApiTokenId id, CancellationToken ct)
    {
        var owner = db.Caller.UserId;
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.OwnerId == owner, ct);
        if (token is null) return AccountErrors.TokenNotFound(id.ToString());

        var revoked = token.Revoke(time.GetUtcNow());
        if (revoked.IsError) return revoked.Error!;
        db.Record("token.revoked", "api-token", token.Id.ToString(), db.Caller.OrganisationId, new AuditChanges().Set("status", "active", "revoked"));
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}

public sealed class ApiTokenQueries(AdhereDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ApiTokenSummary>> ListMineAsync(CancellationToken ct)
    {
        var owner = db.Caller.UserId;
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.OwnerId == owner).ToListAsync(ct);
        var now = time.GetUtcNow();
        return tokens.OrderByDescending(t => t.CreatedAt).Select(t => ToSummary(t, now)).ToList();
    }

    internal static ApiTokenSummary ToSummary(ApiToken t, DateTimeOffset now) =>
        new(t.Id.Value, t.Name, t.RoleName, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt,
            t.IsRevoked ? "revoked" : t.IsExpired(now) ? "expired" : "active");
}

/// <summary>
/// Turns a presented secret into the identity it stands for, or says precisely why not. Runs before the caller is
/// known, so it is the one place that reads an organisation without the tenancy filter.
/// </summary>
public sealed class AuthenticateApiToken(AdhereDb db, UserQueries userQueries, TimeProvider time)
{
    public sealed record Authenticated(ApiTokenId TokenId, AdhereUser User, Organisation Organisation, Role Role);

    public async Task<Result<Authenticated>> HandleAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || !secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal))
        {
            return TokenErrors.Invalid();
        }

        var hash = ApiToken.HashSecret(secret.Trim());
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null) return TokenErrors.Invalid();
        var now = time.GetUtcNow();
        if (token.IsRevoked) return TokenErrors.Revoked();
        if (token.IsExpired(now)) return TokenErrors.Expired();

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.OwnerId.Value, ct);
        if (user is null || user.IsDisabled) return TokenErrors.AccountDisabled();
        var organisation = await db.Organisations.IgnoreQueryFilters().FirstAsync(o => o.Id == user.OrganisationId, ct);
        var role = await userQueries.RoleOfAsync(user.UserId, ct);
        if (role is null || role.Name != token.RoleName) return TokenErrors.RoleWithdrawn();

        if (token.TouchUsed(now)) await db.SaveChangesAsync(ct);
        return new Authenticated(token.Id, user, organisation, role);
    }
}

public static class TokenErrors
{
    public static UnauthorizedError Invalid() => new("auth.token-invalid", "The API token is not recognised.");

    public static UnauthorizedError Revoked() => new("auth.token-revoked", "The API token has been revoked.");

    public static UnauthorizedError Expired() => new("auth.token-expired", "The API token has expired; create a new one.");

    public static UnauthorizedError AccountDisabled() => new("auth.account-disabled", "The account that owns this API token is disabled.");

    public static UnauthorizedError RoleWithdrawn() => new("auth.token-role-withdrawn", "The owner of this API token no longer holds its role.");
}
