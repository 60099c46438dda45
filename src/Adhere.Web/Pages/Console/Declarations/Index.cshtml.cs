using Adhere.Core.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Declarations;

public sealed class IndexModel(DeclarationQueries declarations) : PageModel
{
    public IReadOnlyList<DeclarationSummary> Declarations { get; private set; } = [];

    /// <summary>The status to show only; null shows all.</summary>
    [BindProperty(SupportsGet = true)]
    public DeclarationStatus? Status { get; set; }

    public static IReadOnlyList<DeclarationStatus> Statuses { get; } = Enum.GetValues<DeclarationStatus>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await declarations.ListAsync(null, ct);
        Declarations = Status is { } status ? [.. all.Where(d => d.Status == status)] : all;
    }
}
