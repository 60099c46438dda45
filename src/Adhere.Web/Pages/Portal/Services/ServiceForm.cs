using Adhere.Core.Services;

namespace Adhere.Web.Pages.Portal.Services;

/// <summary>The service form, shared by the add form on the list and the edit page.</summary>
public sealed class ServiceForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    public string? Family { get; set; }

    public static ServiceForm From(ServiceDetails s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Name = s.Name, Description = s.Description, Category = s.Category, Family = s.Family };
    }
}

/// <summary>What the form partial needs: the values, the category choices and the submit button's text and handler.</summary>
public sealed record ServiceFormView(ServiceForm Form, IReadOnlyList<string> Categories, string Handler, string Submit);
