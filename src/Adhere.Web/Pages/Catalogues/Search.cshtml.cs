using Adhere.Core.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Catalogues;

public sealed class SearchModel(CatalogueQueries queries) : PageModel
{
    public int Limit => 100;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CatalogueId { get; set; }

    public IReadOnlyList<ControlHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q is { Length: >= 2 }) Hits = await queries.SearchAsync(Q, CatalogueId, Limit, ct);
    }
}
