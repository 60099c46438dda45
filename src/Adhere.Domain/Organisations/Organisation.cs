using Adhere.Domain.Common;

namespace Adhere.Domain.Organisations;

/// <summary>Identifies an <see cref="Organisation"/>.</summary>
public readonly record struct OrganisationId(Guid Value) : IEntityId
{
    public static OrganisationId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>What an organisation is to the installation.</summary>
public enum OrganisationKind
{
    /// <summary>The Monitoring Body running the installation. Exactly one exists.</summary>
    MonitoringBody = 1,

    /// <summary>A Cloud Service Provider declaring services; sees only its own data.</summary>
    CloudServiceProvider = 2,
}

/// <summary>
/// A legal entity using the installation: the Monitoring Body, or one of the Cloud Service Providers.
/// Names are unique (case-insensitively, enforced by the use case) and trimmed.
/// </summary>
public sealed class Organisation
{
    /// <summary>Longest accepted name, in characters.</summary>
    public const int MaxNameLength = 200;

    private Organisation()
    {
        Name = NormalizedName = string.Empty;
    }

    private Organisation(OrganisationId id, string name, OrganisationKind kind, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        NormalizedName = Normalize(name);
        Kind = kind;
        CreatedAt = createdAt;
    }

    public OrganisationId Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name in upper case (invariant culture), unique across the installation.</summary>
    public string NormalizedName { get; private set; }

    public OrganisationKind Kind { get; private set; }

    /// <summary>Registered address, free text; optional.</summary>
    public string? Address { get; private set; }

    /// <summary>Public web site; optional, an absolute http(s) URL when set.</summary>
    public string? Website { get; private set; }

    /// <summary>The e-mail address of the organisation's data protection contact; optional.</summary>
    public string? PrivacyContactEmail { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsMonitoringBody => Kind == OrganisationKind.MonitoringBody;

    /// <summary>Creates an organisation after checking the name; the caller checks uniqueness.</summary>
    public static Result<Organisation> Create(string? name, OrganisationKind kind, DateTimeOffset now)
    {
        var checkedName = CheckName(name);
        if (checkedName.IsError) return checkedName.Error!;
        if (!Enum.IsDefined(kind)) return OrganisationErrors.UnknownKind(kind.ToString());
        return new Organisation(OrganisationId.New(), checkedName.Value, kind, now);
    }

    /// <summary>Replaces the descriptive profile. Empty strings clear a field.</summary>
    public Result<Done> UpdateProfile(string? name, string? address, string? website, string? privacyContactEmail)
    {
        var checkedName = CheckName(name);
        if (checkedName.IsError) return checkedName.Error!;

        website = Blank(website);
        if (website is not null
            && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            return OrganisationErrors.InvalidWebsite();
        }

        privacyContactEmail = Blank(privacyContactEmail);
        if (privacyContactEmail is not null && !EmailAddress.IsPlausible(privacyContactEmail))
        {
            return OrganisationErrors.InvalidContactEmail();
        }

        address = Blank(address);
        if (address is { Length: > 1000 }) return OrganisationErrors.AddressTooLong();

        Name = checkedName.Value;
        NormalizedName = Normalize(Name);
        Address = address;
        Website = website;
        PrivacyContactEmail = privacyContactEmail;
        return Done.Value;
    }

    /// <summary>The form in which names are compared for uniqueness.</summary>
    public static string Normalize(string name) => (name ?? string.Empty).Trim().ToUpperInvariant();

    private static Result<string> CheckName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return OrganisationErrors.NameRequired();
        if (trimmed.Length > MaxNameLength) return OrganisationErrors.NameTooLong();
        return trimmed;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
