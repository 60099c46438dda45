using Adhere.Core.Register;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Register;

/// <summary>One register entry, by its current or a former Verification-ID.</summary>
public sealed class EntryModel(RegisterQueries register) : PageModel
{
    public RegisterEntry? Entry { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string verificationId, CancellationToken ct)
    {
        var entry = await register.EntryAsync(verificationId, ct);
        if (entry.IsError)
        {
            Error = entry.Error!.Message;
            Response.StatusCode = entry.Error is NotFoundError ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return;
        }

        Entry = entry.Value;
    }
}
