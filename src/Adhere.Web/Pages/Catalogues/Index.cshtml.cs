using Adhere.Core.Catalogue;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Catalogues;

public sealed class IndexModel(CatalogueQueries queries) : PageModel
{
    public IReadOnlyList<CatalogueSummary> Catalogues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Catalogues = await queries.ListAsync(ct);
}
