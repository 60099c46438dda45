using Adhere.Core.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Catalogues;

public sealed class ControlModel(CatalogueQueries queries) : PageModel
{
    public ControlView Control { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string key, CancellationToken ct)
    {
        var result = await queries.GetControlAsync(id, key, ct);
        if (result.IsError) return NotFound();
        Control = result.Value;
        return Page();
    }
}
