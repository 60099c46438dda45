using Adhere.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Account;

public sealed class SignInModel(SignInManager<AdhereUser> signIn, UserManager<AdhereUser> users, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : await HomeOfAsync(user!));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused for a locked-out account");
            ModelState.AddModelError(string.Empty, "Too many failed attempts: the account is locked for 15 minutes.");
        }
        else
        {
            // Same message for unknown address, wrong password and disabled account: do not reveal which.
            ModelState.AddModelError(string.Empty, "The e-mail address or password is not correct.");
        }

        Password = string.Empty;
        return Page();
    }

    private async Task<string> HomeOfAsync(AdhereUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.Any(r => r.StartsWith("mb-", StringComparison.Ordinal)) ? "/console" : "/portal";
    }
}
