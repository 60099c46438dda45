using Adhere.Domain.Common;

namespace Adhere.Domain.Accounts;

public static class AccountErrors
{
    public static NotFoundError UserNotFound(string id) => new("account.user-not-found", $"No user '{id}' was found.");

    public static InvalidError InvalidEmail(string email) => new("account.invalid-email", $"'{email}' is not a valid e-mail address.", "email");

    public static ConflictError DuplicateEmail(string email) => new("account.duplicate-email", $"A user with the e-mail address '{email}' already exists.");

    public static InvalidError UnknownRole(string role) =>
        new("account.unknown-role", $"'{role}' is not a role; use one of {string.Join(", ", Role.All.Select(r => r.Name))}.", "role");

    public static InvalidError OrganisationRequired(Role role) =>
        new("account.organisation-required", $"The role '{role.Name}' belongs to a cloud service provider; name its organisation.", "organisation");

    public static InvalidError OrganisationKindMismatch(Role role, string organisation) =>
        new("account.organisation-kind-mismatch", $"The role '{role.Name}' cannot be held by a member of '{organisation}'.", "organisation");

    public static InvalidError WeakPassword(string reasons) => new("account.weak-password", $"The password is too weak: {reasons}", "password");

    public static ConflictError AlreadyDisabled() => new("account.already-disabled", "The user is already disabled.");

    public static ConflictError AlreadyEnabled() => new("account.already-enabled", "The user is not disabled.");

    public static ConflictError CannotDisableSelf() => new("account.cannot-disable-self", "You cannot disable your own account.");

    public static InvalidError InvitationInvalid() => new("account.invitation-invalid", "This invitation link is not valid, was already used, or has expired.");

    public static InvalidError TokenNameRequired() => new("token.name-required", "Give the token a name.", "name");

    public static InvalidError TokenNameTooLong() => new("token.name-too-long", "The token name is longer than 100 characters.", "name");

    public static InvalidError TokenLifetimeOutOfRange() =>
        new("token.lifetime-out-of-range", $"A token must expire after at least one day and at most {ApiToken.MaxLifetime.Days} days.", "expiresInDays");

    public static ForbiddenError TokenRoleNotHeld(string role) => new("token.role-not-held", $"You do not hold the role '{role}', so a token cannot act with it.");

    public static NotFoundError TokenNotFound(string id) => new("token.not-found", $"No token '{id}' was found.");

    public static ConflictError TokenAlreadyRevoked() => new("token.already-revoked", "The token is already revoked.");
}
