using Adhere.Core.Organisations;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal;

public sealed class OrganisationModel(OrganisationQueries organisations, UpdateOrganisationProfile update, Caller caller) : PageModel
{
    public OrganisationDetails Organisation { get; private set; } = null!;

    [BindProperty]
    public ProfileForm Profile { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = await organisations.GetAsync(caller.OrganisationId!.Value.Value, ct);
        if (org.IsError) return NotFound();
        Organisation = org.Value;
        Profile = ProfileForm.From(Organisation);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var id = caller.OrganisationId!.Value.Value;
        var result = await update.HandleAsync(Profile.ToCommand(id), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            var org = await organisations.GetAsync(id, ct);
            if (org.IsError) return NotFound();
            Organisation = org.Value;
            return Page();
        }

        TempData["Notice"] = "The profile is saved.";
        return RedirectToPage();
    }
}
