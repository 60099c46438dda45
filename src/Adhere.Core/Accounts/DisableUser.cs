using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Adhere.Core.Accounts;

/// <summary>
/// Disables an account: its cookies stop working at the next request (the security stamp changes) and its API
/// tokens are refused. Administrators cannot disable themselves, so an installation cannot lock itself out.
/// </summary>
public sealed class DisableUser(AdhereDb db, UserManager<AdhereUser> users, TimeProvider time)
{
    public async Task<Result<Done>> HandleAsync(UserId id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return AccountErrors.UserNotFound(id.ToString());
        if (db.Caller.UserId == id) return AccountErrors.CannotDisableSelf();
        if (user.IsDisabled) return AccountErrors.AlreadyDisabled();

        user.DisabledAt = time.GetUtcNow();
        db.Record("user.disabled", "user", user.Id.ToString(), user.OrganisationId, new AuditChanges().Set("status", "active", "disabled"));
        await users.UpdateSecurityStampAsync(user);
        return Done.Value;
    }
}

/// <summary>Re-enables a disabled account and clears any lockout from failed sign-ins.</summary>
public sealed class EnableUser(AdhereDb db, UserManager<AdhereUser> users)
{
    public async Task<Result<Done>> HandleAsync(UserId id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return AccountErrors.UserNotFound(id.ToString());
        if (!user.IsDisabled) return AccountErrors.AlreadyEnabled();

        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        db.Record("user.enabled", "user", user.Id.ToString(), user.OrganisationId, new AuditChanges().Set("status", "disabled", "active"));
        await users.UpdateSecurityStampAsync(user);
        return Done.Value;
    }
}
