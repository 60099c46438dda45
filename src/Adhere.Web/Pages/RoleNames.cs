using Adhere.Domain.Accounts;

namespace Adhere.Web.Pages;

public static class RoleNames
{
    /// <summary>"CSP editor" for <c>csp-editor</c>; unknown names are shown as they are.</summary>
    public static string Display(string? name) => Role.TryParse(name, out var role) ? role.DisplayName : name ?? string.Empty;
}
