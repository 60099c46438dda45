using System.Diagnostics.CodeAnalysis;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Accounts;

/// <summary>
/// A role a user holds. The set is closed: three for Monitoring Body staff, two for members of a Cloud Service
/// Provider. <see cref="Name"/> is the stable identifier used in the CLI, API tokens and claims.
/// </summary>
public sealed record Role
{
    private Role(string name, string displayName, OrganisationKind organisationKind)
    {
        Name = name;
        DisplayName = displayName;
        OrganisationKind = organisationKind;
    }

    /// <summary>Manages users, organisations and settings; reads the audit trail.</summary>
    public static Role MbAdministrator { get; } = new("mb-admin", "MB administrator", OrganisationKind.MonitoringBody);

    /// <summary>Examines declarations, asks clarification questions, records findings.</summary>
    public static Role MbAssessor { get; } = new("mb-assessor", "MB assessor", OrganisationKind.MonitoringBody);

    /// <summary>Decides the Level of Compliance and approves verifications.</summary>
    public static Role MbDecisionMaker { get; } = new("mb-decision-maker", "MB decision maker", OrganisationKind.MonitoringBody);

    /// <summary>Writes the organisation's declarations and answers.</summary>
    public static Role CspEditor { get; } = new("csp-editor", "CSP editor", OrganisationKind.CloudServiceProvider);

    /// <summary>Reads the organisation's data without changing it.</summary>
    public static Role CspViewer { get; } = new("csp-viewer", "CSP viewer", OrganisationKind.CloudServiceProvider);

    public static IReadOnlyList<Role> All { get; } = [MbAdministrator, MbAssessor, MbDecisionMaker, CspEditor, CspViewer];

    public string Name { get; }

    public string DisplayName { get; }

    /// <summary>The kind of organisation a holder of this role must belong to.</summary>
    public OrganisationKind OrganisationKind { get; }

    public bool IsMonitoringBodyRole => OrganisationKind == OrganisationKind.MonitoringBody;

    /// <summary>Finds a role by its <see cref="Name"/>, ignoring case and surrounding space.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out Role? role)
    {
        var key = name?.Trim();
        role = All.FirstOrDefault(r => string.Equals(r.Name, key, StringComparison.OrdinalIgnoreCase));
        return role is not null;
    }

    public override string ToString() => Name;
}
