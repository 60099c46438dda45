using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Adhere.Core.Accounts;

/// <summary>
/// A person's account. Every user belongs to exactly one organisation: MB staff to the Monitoring Body, CSP users
/// to their provider. A user holds exactly one role (see ADR 0004). An invited user has no password until the
/// invitation is accepted.
/// </summary>
public sealed class AdhereUser : IdentityUser<Guid>
{
    public OrganisationId OrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while the account is disabled by an administrator; a disabled user cannot sign in or use tokens.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>SHA-256 of the pending invitation secret; null once accepted.</summary>
    public string? InvitationHash { get; set; }

    public DateTimeOffset? InvitationExpiresAt { get; set; }

    public UserId UserId => new(Id);

    public bool IsDisabled => DisabledAt is not null;
}
