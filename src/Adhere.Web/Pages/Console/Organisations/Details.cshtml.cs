using Adhere.Core.Accounts;
using Adhere.Core.Organisations;
using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Organisations;

public sealed class DetailsModel(OrganisationQueries organisations, UserQueries users, ServiceQueries services, UpdateOrganisationProfile update, Caller caller) : PageModel
{
    public OrganisationDetails Organisation { get; private set; } = null!;

    public IReadOnlyList<UserSummary> Members { get; private set; } = [];

    public IReadOnlyList<ServiceDetails> Services { get; private set; } = [];

    [BindProperty]
    public ProfileForm Profile { get; set; } = new();

    public bool IsAdmin => caller.IsInRole(Role.MbAdministrator);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Profile = ProfileForm.From(Organisation);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(Guid id, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var result = await update.HandleAsync(Profile.ToCommand(id), ct);
        if (result.IsError)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = "The profile is saved.";
        return Redirect($"/console/organisations/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var org = await organisations.GetAsync(id, ct);
        if (org.IsError) return false;
        Organisation = org.Value;
        Members = await users.ListAsync(new UserQueries.Filter(OrganisationId: id), ct);
        Services = await services.ListAsync(id, ct);
        return true;
    }
}
