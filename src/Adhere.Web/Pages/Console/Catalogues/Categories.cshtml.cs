using Adhere.Core.Catalogue;
using Adhere.Core.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Catalogues;

/// <summary>MB administrators keep each Code's service category list (the folder's policy admits only them).</summary>
public sealed class CategoriesModel(CatalogueQueries catalogues, ServiceCategoryQueries categories, AddServiceCategory add, RemoveServiceCategory remove) : PageModel
{
    /// <summary>The Codes to choose from: every catalogue's name and every Code that already has categories.</summary>
    public IReadOnlyList<string> Codes { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public IReadOnlyList<ServiceCategoryDetails> Categories { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var result = await add.HandleAsync(new(Code, Name), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"{result.Value.Name} is added.";
        return Redirect($"/console/catalogues/categories?code={Uri.EscapeDataString(result.Value.CodeName)}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        var result = await remove.HandleAsync(id, ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = "The category is removed.";
        return Redirect($"/console/catalogues/categories?code={Uri.EscapeDataString(Code ?? string.Empty)}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await categories.ListAsync(null, ct);
        Codes = (await catalogues.ListAsync(ct)).Select(c => c.Name)
            .Concat(all.Select(c => c.CodeName))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        Code = string.IsNullOrWhiteSpace(Code) ? (Codes.Count > 0 ? Codes[0] : null) : Code.Trim();
        Categories = Code is null ? [] : await categories.ListAsync(Code, ct);
    }
}
