using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Accounts;

/// <summary>Sets the first password of an invited user; the invitation link works once and until it expires.</summary>
public sealed class AcceptInvitation(AdhereDb db, UserManager<AdhereUser> users, TimeProvider time)
{
    public sealed record Command(string Secret, string Password);

    public async Task<Result<string>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await FindPendingAsync(command.Secret, ct);
        if (user is null) return AccountErrors.InvitationInvalid();

        var weak = await PasswordCheck.FindWeaknessAsync(users, user, command.Password ?? string.Empty);
        if (weak is not null) return weak;

        await using var transaction = await db.BeginUnitAsync(ct);
        user.InvitationHash = null;
        user.InvitationExpiresAt = null;
        db.RecordAs($"user:{user.Id}", user.Email!, "user.invitation-accepted", "user", user.Id.ToString(), user.OrganisationId);
        var result = await users.AddPasswordAsync(user, command.Password!);
        if (!result.Succeeded)
        {
            db.DiscardPendingAudit();
            return new InvalidError("account.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync(ct);
        return user.Email!;
    }

    /// <summary>The invited user the secret belongs to, or null when it is unknown, used or expired.</summary>
    public async Task<AdhereUser?> FindPendingAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret)) return null;
        var hash = ApiToken.HashSecret(secret.Trim());
        var user = await db.Users.FirstOrDefaultAsync(u => u.InvitationHash == hash, ct);
        if (user is null || user.IsDisabled || user.InvitationExpiresAt is not { } expires || time.GetUtcNow() >= expires) return null;
        return user;
    }
}
