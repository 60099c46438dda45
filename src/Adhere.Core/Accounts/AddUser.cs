using System.Security.Cryptography;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Accounts;

/// <summary>
/// Creates a user with one role in one organisation: with a password (CLI, seeding) or, without one, as an
/// invitation whose secret link is returned once. Nothing is created when any check fails.
/// </summary>
public sealed class AddUser(AdhereDb db, OrganisationQueries organisations, UserManager<AdhereUser> users, TimeProvider time)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <param name="Organisation">ID or name of the organisation; may be omitted for MB roles.</param>
    public sealed record Command(string Email, string Role, string? Organisation, string? Password);

    public sealed record Created(UserId Id, string Email, string Role, OrganisationId OrganisationId, string OrganisationName,
        string? InvitationSecret, DateTimeOffset? InvitationExpiresAt);

    public async Task<Result<Created>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var email = command.Email?.Trim() ?? string.Empty;
        if (!EmailAddress.IsPlausible(email)) return AccountErrors.InvalidEmail(email);
        if (!Role.TryParse(command.Role, out var role)) return AccountErrors.UnknownRole(command.Role ?? string.Empty);

        var organisation = await ResolveOrganisationAsync(role, command.Organisation, ct);
        if (organisation.IsError) return organisation.Error!;
        var org = organisation.Value;

        if (await users.FindByEmailAsync(email) is not null) return AccountErrors.DuplicateEmail(email);

        var user = new AdhereUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            OrganisationId = org.Id,
            CreatedAt = time.GetUtcNow(),
        };

        if (command.Password is { } password)
        {
            var weak = await PasswordCheck.FindWeaknessAsync(users, user, password);
            if (weak is not null) return weak;
        }

        string? invitation = null;
        if (command.Password is null)
        {
            invitation = NewSecret();
            user.InvitationHash = ApiToken.HashSecret(invitation);
            user.InvitationExpiresAt = user.CreatedAt + InvitationLifetime;
        }

        await using var transaction = await db.BeginUnitAsync(ct);
        var created = command.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, command.Password);
        if (!created.Succeeded) return MapIdentityFailure(created, email);

        db.Record(invitation is null ? "user.added" : "user.invited", "user", user.Id.ToString(), org.Id, new AuditChanges()
            .Added("email", email)
            .Added("role", role.Name)
            .Added("organisation", org.Name));
        var inRole = await users.AddToRoleAsync(user, role.Name);
        if (!inRole.Succeeded)
        {
            db.DiscardPendingAudit();
            return MapIdentityFailure(inRole, email);
        }

        await transaction.CommitAsync(ct);
        return new Created(user.UserId, email, role.Name, org.Id, org.Name, invitation, user.InvitationExpiresAt);
    }

    private async Task<Result<Organisation>> ResolveOrganisationAsync(Role role, string? reference, CancellationToken ct)
    {
        var key = reference?.Trim();
        Organisation? org;
        if (string.IsNullOrEmpty(key))
        {
            if (!role.IsMonitoringBodyRole) return AccountErrors.OrganisationRequired(role);
            org = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.MonitoringBody, ct);
            return org is null ? OrganisationErrors.MonitoringBodyMissing() : org;
        }

        org = await organisations.FindByReferenceAsync(key, ct);
        if (org is null) return OrganisationErrors.NotFound(key);
        if (org.Kind != role.OrganisationKind) return AccountErrors.OrganisationKindMismatch(role, org.Name);
        return org;
    }

    private static Error MapIdentityFailure(IdentityResult result, string email) =>
        result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
            ? AccountErrors.DuplicateEmail(email)
            : new InvalidError("account.invalid", string.Join(" ", result.Errors.Select(e => e.Description)));

    internal static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Runs Identity's password validators and phrases their complaints as one error.</summary>
internal static class PasswordCheck
{
    public static async Task<Error?> FindWeaknessAsync(UserManager<AdhereUser> users, AdhereUser user, string password)
    {
        var reasons = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            reasons.AddRange(result.Errors.Select(e => e.Description));
        }

        return reasons.Count == 0 ? null : AccountErrors.WeakPassword(string.Join(" ", reasons));
    }
}
