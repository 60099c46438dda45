using Adhere.Core.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Catalogues;

public sealed class DetailsModel(CatalogueQueries queries) : PageModel
{
    public CatalogueView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        if (result.IsError) return NotFound();
        View = result.Value;
        return Page();
    }
}
