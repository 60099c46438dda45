using Adhere.Core.Organisations;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Organisations;

public sealed class IndexModel(OrganisationQueries organisations, CreateOrganisation create, Caller caller) : PageModel
{
    public IReadOnlyList<OrganisationDetails> Organisations { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    public bool IsAdmin => caller.IsInRole(Role.MbAdministrator);

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await organisations.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var result = await create.HandleAsync(new(Name, "csp"), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            Organisations = await organisations.ListAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"{result.Value.Name} is registered. Invite its first user from the Users page.";
        return Redirect($"/console/organisations/{result.Value.Id}");
    }
}
