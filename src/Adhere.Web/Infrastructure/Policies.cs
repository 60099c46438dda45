using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Adhere.Web.Infrastructure;

/// <summary>One policy per permission; endpoints and page folders name these, never roles directly.</summary>
public static class Policies
{
    public const string MbStaff = "mb-staff";
    public const string MbAdmin = "mb-admin";
    public const string CspMember = "csp-member";
    public const string OrganisationEditor = "organisation-editor";
    public const string ServiceEditor = "service-editor";
    public const string DocumentEditor = "document-editor";
    public const string DeclarationEditor = "declaration-editor";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(MbStaff, p => p.RequireRole(Role.All.Where(r => r.IsMonitoringBodyRole).Select(r => r.Name)));
        options.AddPolicy(MbAdmin, p => p.RequireRole(Role.MbAdministrator.Name));
        options.AddPolicy(CspMember, p => p.RequireRole(Role.CspEditor.Name, Role.CspViewer.Name));
        // Editing an organisation profile: its own CSP editors, or an MB administrator.
        options.AddPolicy(OrganisationEditor, p => p.RequireRole(Role.CspEditor.Name, Role.MbAdministrator.Name));
        // Adding and editing services: CSP editors (their own organisation's, by the tenancy filter), or an MB administrator.
        options.AddPolicy(ServiceEditor, p => p.RequireRole(Role.CspEditor.Name, Role.MbAdministrator.Name));
        // Uploading evidence: CSP editors (to their own organisation), or an MB administrator naming the provider.
        options.AddPolicy(DocumentEditor, p => p.RequireRole(Role.CspEditor.Name, Role.MbAdministrator.Name));
        // Writing declarations, answers and certificates: the provider's editors only. The MB assesses, it does not declare.
        options.AddPolicy(DeclarationEditor, p => p.RequireRole(Role.CspEditor.Name));
    }
}
