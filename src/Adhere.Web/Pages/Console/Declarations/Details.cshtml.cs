using Adhere.Core.Declarations;
using Adhere.Web.Pages.Portal.Declarations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Declarations;

/// <summary>A provider's declaration as the Monitoring Body reads it: everything the portal shows, no forms.</summary>
public sealed class DetailsModel(DeclarationQueries declarations) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    public DeclarationOverview Overview => new(Declaration, null, ShowChecks: true);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return NotFound();
        Declaration = declaration.Value;
        return Page();
    }
}
