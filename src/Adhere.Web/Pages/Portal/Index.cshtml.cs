using Adhere.Core.Assessments;
using Adhere.Core.Declarations;
using Adhere.Core.Organisations;
using Adhere.Core.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal;

public sealed class IndexModel(OrganisationQueries organisations, DeclarationQueries declarations, ProviderClarifications clarifications, Caller caller) : PageModel
{
    public OrganisationDetails Organisation { get; private set; } = null!;

    public IReadOnlyList<DeclarationSummary> Declarations { get; private set; } = [];

    /// <summary>Declarations with questions of the Monitoring Body waiting for a reply, and how many each.</summary>
    public IReadOnlyList<(DeclarationSummary Declaration, int Open)> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = await organisations.GetAsync(caller.OrganisationId!.Value.Value, ct);
        if (org.IsError) return NotFound();
        Organisation = org.Value;
        Declarations = await declarations.ListAsync(Organisation.Id, ct);
        var open = await clarifications.WaitingAsync(ct);
        Waiting = [.. Declarations.Where(d => open.ContainsKey(d.Id)).Select(d => (d, open[d.Id]))];
        return Page();
    }
}
