using Adhere.Core.Assessments;
using Adhere.Core.Declarations;
using Adhere.Web.Pages.Portal.Declarations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Declarations;

/// <summary>A provider's declaration as the Monitoring Body reads it: everything the portal shows, no forms.</summary>
public sealed class DetailsModel(DeclarationQueries declarations, AssessmentWorkQueue assessments) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    /// <summary>The declaration's assessments, newest first, linked from the page.</summary>
    public IReadOnlyList<DeclarationAssessmentLink> Assessments { get; private set; } = [];

    public DeclarationOverview Overview => new(Declaration, null, ShowChecks: true);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return NotFound();
        Declaration = declaration.Value;
        Assessments = await assessments.ForDeclarationAsync(id, ct);
        return Page();
    }
}
