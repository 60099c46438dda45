using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Services;

public sealed class DetailsModel(ServiceQueries services, ServiceCategoryQueries categories, UpdateService update,
    RetireService retire, ReactivateService reactivate, Caller caller) : PageModel
{
    public ServiceDetails Service { get; private set; } = null!;

    public IReadOnlyList<string> Categories { get; private set; } = [];

    [BindProperty]
    public ServiceForm Form { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public ServiceFormView FormView => new(Form, Categories, "Update", "Save service");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = ServiceForm.From(Service);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await update.HandleAsync(new(id, Form.Name, Form.Description, Form.Category, Form.Family), ct), "The service is saved.", ct);
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await retire.HandleAsync(id, ct), "The service is retired.", ct);
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await reactivate.HandleAsync(id, ct), "The service is active again.", ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Result<ServiceDetails> result, string notice, CancellationToken ct)
    {
        if (result.IsError)
        {
            if (result.Error is NotFoundError || !await LoadAsync(id, ct)) return NotFound();
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = notice;
        return Redirect($"/portal/services/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var service = await services.GetAsync(id, ct);
        if (service.IsError) return false;
        Service = service.Value;
        Categories = await categories.NamesAsync(ct);
        return true;
    }
}
