using Adhere.Core.Assessments.Selection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Coverage;

/// <summary>A provider's examination cycle: the heat map and, for screen readers and copying, the same facts as a table.</summary>
public sealed class IndexModel(CoverageQueries coverage) : PageModel
{
    public CoverageDetails? Coverage { get; private set; }

    public string? Svg { get; private set; }

    /// <summary>Why there is nothing to show (the provider has no declaration yet).</summary>
    public string? Missing { get; private set; }

    public Guid OrganisationId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? catalogueId, CancellationToken ct)
    {
        OrganisationId = id;
        var details = await coverage.GetAsync(id, catalogueId, ct);
        if (details.IsError)
        {
            if (details.Error!.Code != "coverage.no-catalogue") return NotFound();
            Missing = details.Error.Message;
            return Page();
        }

        Coverage = details.Value;
        Svg = (await coverage.SvgAsync(id, catalogueId, ct)).Value;
        return Page();
    }

    public static string Status(string status) => status switch
    {
        "overdue" => "Overdue",
        "due-this-year" => "Due this year",
        _ => "Covered",
    };
}
