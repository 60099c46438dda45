using Adhere.Core.Organisations;

namespace Adhere.Web.Pages;

/// <summary>The organisation profile form, shared by the portal and the console.</summary>
public sealed class ProfileForm
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? Website { get; set; }

    public string? PrivacyContactEmail { get; set; }

    public static ProfileForm From(OrganisationDetails o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new() { Name = o.Name, Address = o.Address, Website = o.Website, PrivacyContactEmail = o.PrivacyContactEmail };
    }

    public UpdateOrganisationProfile.Command ToCommand(Guid id) => new(id, Name, Address, Website, PrivacyContactEmail);
}
