namespace Adhere.Domain.Organisations;

/// <summary>
/// CSP-owned data: visible and writable only by members of <see cref="OrganisationId"/> and by MB staff.
/// Lives in the domain so that aggregates can declare their owner; the database applies the filter and save guard.
/// </summary>
public interface IOrganisationOwned
{
    OrganisationId OrganisationId { get; }
}
