using Adhere.Core.Accounts;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Account;

public sealed class TokensModel(ApiTokenQueries queries, CreateApiToken create, RevokeApiToken revoke) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public int ExpiresInDays { get; set; } = 90;

    /// <summary>Shown once, after the redirect that follows creation (TempData is encrypted and read once).</summary>
    [TempData]
    public string? NewSecret { get; set; }

    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await queries.ListMineAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await create.HandleAsync(new(Name, null, ExpiresInDays), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            Tokens = await queries.ListMineAsync(ct);
            return Page();
        }

        // Redirect after the post, so that reloading the page cannot create a second token.
        NewSecret = result.Value.Secret;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await revoke.HandleAsync(new ApiTokenId(id), ct);
        if (result.IsError) return NotFound();
        TempData["Notice"] = "The token is revoked.";
        return RedirectToPage();
    }
}
