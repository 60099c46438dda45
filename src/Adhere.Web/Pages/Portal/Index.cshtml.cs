using Adhere.Core.Declarations;
using Adhere.Core.Organisations;
using Adhere.Core.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal;

public sealed class IndexModel(OrganisationQueries organisations, DeclarationQueries declarations, Caller caller) : PageModel
{
    public OrganisationDetails Organisation { get; private set; } = null!;

    public IReadOnlyList<DeclarationSummary> Declarations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = await organisations.GetAsync(caller.OrganisationId!.Value.Value, ct);
        if (org.IsError) return NotFound();
        Organisation = org.Value;
        Declarations = await declarations.ListAsync(Organisation.Id, ct);
        return Page();
    }
}
