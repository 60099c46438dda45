using Adhere.Core.Register;
using Adhere.Domain.Common;
using Adhere.Web.Register;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Register;

/// <summary>One register entry, by its current or a former Verification-ID.</summary>
public sealed class EntryModel(RegisterQueries register, TimeProvider time) : PageModel
{
    public RegisterEntry? Entry { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The entry's compliance mark and the HTML to embed it elsewhere.</summary>
    public ComplianceMarkEmbed? Mark { get; private set; }

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
        var e = entry.Value;
        Mark = ComplianceMarkEmbed.For(Request, new RegisterVerification(e.VerificationId, e.VerificationId, e.Status, e.Since, e.Level, e.ValidUntil, e.Company),
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }
}
