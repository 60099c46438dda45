using Adhere.Core.Accounts;
using Adhere.Core.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Users;

public sealed class IndexModel(UserQueries users, OrganisationQueries organisations, AddUser addUser) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "inRole")]
    public string? RoleFilter { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public Guid? OrganisationId { get; set; }

    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public IReadOnlyList<OrganisationDetails> Providers { get; private set; } = [];

    /// <summary>Shown once, after the redirect that follows a successful invitation (TempData is encrypted and read once).</summary>
    [TempData]
    public string? InvitationLink { get; set; }

    [TempData]
    public string? InvitedEmail { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await addUser.HandleAsync(new(Email ?? string.Empty, Role ?? string.Empty, OrganisationId?.ToString(), Password: null), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        // Redirect after the post, so that reloading the page cannot invite twice.
        InvitedEmail = result.Value.Email;
        InvitationLink = $"{Request.Scheme}://{Request.Host}{Adhere.Web.Users.InvitationLink.PathFor(result.Value.InvitationSecret!)}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await users.ListAsync(new UserQueries.Filter(null, RoleFilter, Q), ct);
        Providers = (await organisations.ListAsync(ct)).Where(o => o.Kind == "csp").ToList();
    }
}
