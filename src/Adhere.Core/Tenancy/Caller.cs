using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;

namespace Adhere.Core.Tenancy;

/// <summary>
/// Who is acting in the current scope (a web request or a CLI run): the actor recorded in the audit trail and the
/// organisation whose data they may see. <see cref="Persistence.AdhereDb"/> reads it for its query filters and save guard, so
/// use cases never filter by organisation by hand. A new caller is anonymous and sees no organisation's data.
/// </summary>
public sealed class Caller
{
    public string ActorId { get; private set; } = "anonymous";

    public string ActorName { get; private set; } = "anonymous";

    public UserId? UserId { get; private set; }

    /// <summary>The organisation the caller belongs to; null for anonymous and system callers.</summary>
    public OrganisationId? OrganisationId { get; private set; }

    /// <summary>True for Monitoring Body staff and the system (CLI, seeding): no organisation filter applies.</summary>
    public bool SeesAllOrganisations { get; private set; }

    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();

    public bool IsAuthenticated => UserId is not null;

    public bool IsInRole(Role role) => Roles.Contains(role.Name);

    /// <summary>Acts as the installation itself, e.g. <c>cli</c> or <c>system</c>; sees everything.</summary>
    public Caller ActAsSystem(string actorId, string actorName)
    {
        ActorId = actorId;
        ActorName = actorName;
        UserId = null;
        OrganisationId = null;
        SeesAllOrganisations = true;
        Roles = new HashSet<string>();
        return this;
    }

    /// <summary>Acts as a signed-in user of <paramref name="organisation"/>, through a cookie or an API token.</summary>
    public Caller ActAsUser(UserId user, string email, OrganisationId organisation, bool isMonitoringBody, IEnumerable<string> roles, ApiTokenId? viaToken = null)
    {
        ActorId = viaToken is { } token ? $"token:{token}" : $"user:{user}";
        ActorName = email;
        UserId = user;
        OrganisationId = organisation;
        SeesAllOrganisations = isMonitoringBody;
        Roles = roles.ToHashSet(StringComparer.Ordinal);
        return this;
    }
}

/// <summary>A write touched another organisation's data. Always a programmer error: the query filter should have hidden it.</summary>
public sealed class TenantViolationException(string message) : InvalidOperationException(message);
