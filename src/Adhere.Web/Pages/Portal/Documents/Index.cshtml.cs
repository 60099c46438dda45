using Adhere.Core.Documents;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Documents;

public sealed class IndexModel(DocumentQueries documents, UploadDocument upload, Caller caller) : PageModel
{
    public IReadOnlyList<DocumentDetails> Documents { get; private set; } = [];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public bool CanUpload => caller.IsInRole(Role.CspEditor);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanUpload) return Forbid();
        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a file to upload.");
            await LoadAsync(ct);
            return Page();
        }

        await using var content = Upload.OpenReadStream();
        var result = await upload.HandleAsync(new(null, Upload.FileName, content), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"{result.Value.FileName} is uploaded.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Documents = await documents.ListAsync(caller.OrganisationId!.Value.Value, ct);
}
