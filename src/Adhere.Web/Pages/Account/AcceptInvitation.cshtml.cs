using Adhere.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Account;

public sealed class AcceptInvitationModel(AcceptInvitation accept) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string Confirm { get; set; } = string.Empty;

    public string? Email { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Email = (await accept.FindPendingAsync(Token, ct))?.Email;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Email = (await accept.FindPendingAsync(Token, ct))?.Email;
        if (Email is null) return Page();
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "The two passwords differ.");
            return Page();
        }

        var result = await accept.HandleAsync(new(Token!, Password), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = "Your password is set. Sign in to continue.";
        return RedirectToPage("/Account/SignIn");
    }
}
