using Adhere.Core.Declarations;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Declarations;

/// <summary>Certificate changes providers reported on verified declarations, until an MB member marks each reviewed.</summary>
public sealed class NoticesModel(DeclarationQueries declarations, ReviewCertificateNotice review) : PageModel
{
    public IReadOnlyList<NoticeView> Notices { get; private set; } = [];

    /// <summary>Show reviewed notices too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Notices = await declarations.NoticesAsync(!All, ct);

    public async Task<IActionResult> OnPostReviewAsync(Guid noticeId, CancellationToken ct)
    {
        var result = await review.HandleAsync(noticeId, Note, ct);
        if (result.IsError)
        {
            if (result.Error is NotFoundError) return NotFound();
            ModelState.AddError(result.Error!);
            Notices = await declarations.NoticesAsync(!All, ct);
            return Page();
        }

        TempData["Notice"] = "The notice is marked reviewed.";
        return Redirect("/console/certificate-notices");
    }
}
