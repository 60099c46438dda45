using Adhere.Core.Documents;
using Adhere.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Documents;

/// <summary>Downloads a document as an attachment, with the same protective headers as the API.</summary>
public sealed class ContentModel(OpenDocument open) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await open.HandleAsync(id, ct);
        if (result.IsError) return NotFound();
        DocumentsApi.Protect(Response);
        var download = result.Value;
        return File(download.Content, download.ContentType, download.FileName);
    }
}
