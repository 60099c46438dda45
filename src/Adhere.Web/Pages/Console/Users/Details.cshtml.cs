using Adhere.Core.Accounts;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Users;

public sealed class DetailsModel(UserQueries users, DisableUser disable, EnableUser enable) : PageModel
{
    public UserSummary Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => disable.HandleAsync(new UserId(id), ct), "The user is disabled.", ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => enable.HandleAsync(new UserId(id), ct), "The user is enabled again.", ct);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task<Result<Done>>> change, string notice, CancellationToken ct)
    {
        var result = await change();
        if (result.Error is NotFoundError) return NotFound();
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["Notice"] = notice;
        return Redirect($"/console/users/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var user = await users.GetAsync(new UserId(id), ct);
        if (user.IsError) return false;
        Account = user.Value;
        return true;
    }
}
