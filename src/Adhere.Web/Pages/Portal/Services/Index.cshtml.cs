using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Services;

public sealed class IndexModel(ServiceQueries services, ServiceCategoryQueries categories, CreateService create, Caller caller) : PageModel
{
    public IReadOnlyList<ServiceDetails> Services { get; private set; } = [];

    /// <summary>Services by category in list order; uncategorised services come last (the query orders them so).</summary>
    public IEnumerable<IGrouping<string?, ServiceDetails>> Groups => Services.GroupBy(s => s.Category);

    public IReadOnlyList<string> Categories { get; private set; } = [];

    [BindProperty]
    public ServiceForm Form { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public ServiceFormView FormView => new(Form, Categories, string.Empty, "Add service");

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var result = await create.HandleAsync(new(null, Form.Name, Form.Description, Form.Category, Form.Family), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"{result.Value.Name} is added.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // The tenancy filter alone would do for a CSP member; naming the organisation keeps the page about it.
        Services = await services.ListAsync(caller.OrganisationId!.Value.Value, ct);
        Categories = await categories.NamesAsync(ct);
    }
}
