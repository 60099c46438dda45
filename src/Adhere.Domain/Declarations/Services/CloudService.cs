using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Services;

/// <summary>Whether a provider still offers a service. Retired services stay on record for past declarations.</summary>
public enum ServiceStatus
{
    Active = 1,
    Retired = 2,
}

/// <summary>
/// A cloud service a provider offers and may later declare adherent. Names are trimmed, 1–200 characters and unique
/// within the organisation ignoring case (the use case checks uniqueness). The category names an entry of a Code's
/// category list (the use case checks it exists) and may stay empty until a declaration is submitted; the family is
/// free text grouping related services. A retired service can still be edited and reactivated.
/// </summary>
public sealed class CloudService : IOrganisationOwned
{
    public const int MaxNameLength = 200;

    public const int MaxDescriptionLength = 1000;

    public const int MaxFamilyLength = 200;

    private CloudService()
    {
        Name = NormalizedName = string.Empty;
    }

    private CloudService(ServiceId id, OrganisationId organisationId, DateTimeOffset createdAt)
        : this()
    {
        Id = id;
        OrganisationId = organisationId;
        CreatedAt = createdAt;
        Status = ServiceStatus.Active;
    }

    public ServiceId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name in upper case (invariant culture), unique within the organisation.</summary>
    public string NormalizedName { get; private set; }

    /// <summary>A short description; null when not given; at most <see cref="MaxDescriptionLength"/> characters.</summary>
    public string? Description { get; private set; }

    /// <summary>The name of a category from a Code's list; null until the provider chooses one.</summary>
    public string? Category { get; private set; }

    /// <summary>Free text grouping related services (a product line); null when not given.</summary>
    public string? Family { get; private set; }

    public ServiceStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the service was last retired; null while it is active.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    /// <summary>Creates an active service of <paramref name="organisation"/> after checking its fields.</summary>
    public static Result<CloudService> Create(OrganisationId organisation, string? name, string? description, string? category, string? family, DateTimeOffset now)
    {
        var service = new CloudService(ServiceId.New(), organisation, now);
        var described = service.Update(name, description, category, family);
        return described.IsError ? described.Error! : service;
    }

    /// <summary>Replaces the descriptive fields; blank optional fields are cleared. Nothing changes on an error.</summary>
    public Result<Done> Update(string? name, string? description, string? category, string? family)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return ServiceErrors.NameRequired();
        if (trimmed.Length > MaxNameLength) return ServiceErrors.NameTooLong();
        description = Blank(description);
        if (description is { Length: > MaxDescriptionLength }) return ServiceErrors.DescriptionTooLong();
        family = Blank(family);
        if (family is { Length: > MaxFamilyLength }) return ServiceErrors.FamilyTooLong();
        category = Blank(category);
        if (category is { Length: > ServiceCategory.MaxNameLength }) return ServiceErrors.UnknownCategory(category);

        Name = trimmed;
        NormalizedName = Normalize(trimmed);
        Description = description;
        Category = category;
        Family = family;
        return Done.Value;
    }

    /// <summary>Marks the service as no longer offered; a retired service cannot be retired again.</summary>
    public Result<Done> Retire(DateTimeOffset now)
    {
        if (Status == ServiceStatus.Retired) return ServiceErrors.AlreadyRetired(Name);
        Status = ServiceStatus.Retired;
        RetiredAt = now;
        return Done.Value;
    }

    /// <summary>Offers a retired service again; an active service cannot be reactivated.</summary>
    public Result<Done> Reactivate()
    {
        if (Status == ServiceStatus.Active) return ServiceErrors.NotRetired(Name);
        Status = ServiceStatus.Active;
        RetiredAt = null;
        return Done.Value;
    }

    /// <summary>The form in which names are compared for uniqueness.</summary>
    public static string Normalize(string name) => (name ?? string.Empty).Trim().ToUpperInvariant();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
