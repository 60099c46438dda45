using Adhere.Core.Catalogue;
using Adhere.Web.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Catalogues;

// The upload may be as large as Catalogue:MaxImportBytes; ImportCatalogue enforces that limit itself.
[DisableRequestSizeLimit]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class IndexModel(CatalogueQueries queries, ImportCatalogue import, FreezeCatalogue freeze, PendingUploads uploads) : PageModel
{
    public IReadOnlyList<CatalogueSummary> Catalogues { get; private set; } = [];

    public ImportReport? Report { get; private set; }

    public string? UploadId { get; private set; }

    [BindProperty]
    public string Format { get; set; } = "auto";

    public async Task OnGetAsync(CancellationToken ct) => Catalogues = await queries.ListAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("upload", "Choose a file to import.");
            Catalogues = await queries.ListAsync(ct);
            return Page();
        }

        await using (var content = upload.OpenReadStream())
        {
            UploadId = await uploads.SaveAsync(content, ct);
        }

        await using (var saved = uploads.Open(UploadId)!)
        {
            Report = await import.HandleAsync(new ImportCatalogue.Command(saved, saved.Length, ParseFormat(), DryRun: true), ct);
        }

        if (Report.Problems.Count > 0 || Report.Action == ImportAction.Unchanged) uploads.Delete(UploadId);
        Catalogues = await queries.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string uploadId, CancellationToken ct)
    {
        await using (var saved = uploads.Open(uploadId))
        {
            if (saved is null)
            {
                ModelState.AddModelError(string.Empty, "The uploaded file has expired; upload it again.");
                Catalogues = await queries.ListAsync(ct);
                return Page();
            }

            Report = await import.HandleAsync(new ImportCatalogue.Command(saved, saved.Length, ParseFormat(), DryRun: false), ct);
        }

        uploads.Delete(uploadId);
        if (Report.Problems.Count > 0)
        {
            Catalogues = await queries.ListAsync(ct);
            return Page();
        }

        TempData["Notice"] = Report.Action == ImportAction.Unchanged
            ? $"{Report.Name} {Report.Version} was already up to date."
            : $"{Report.Name} {Report.Version}: {Report.Controls} control(s) {(Report.Action == ImportAction.Created ? "imported" : "updated")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFreezeAsync(Guid id, CancellationToken ct)
    {
        var result = await freeze.HandleAsync(id, ct);
        if (result.Error is Domain.Common.NotFoundError) return NotFound();
        TempData["Notice"] = result.IsError ? result.Error!.Message : "The version is frozen: its content can no longer change.";
        return RedirectToPage();
    }

    private CatalogueFormat ParseFormat() => Format switch
    {
        "native" => CatalogueFormat.Native,
        "oscal" => CatalogueFormat.Oscal,
        _ => CatalogueFormat.Auto,
    };
}
