using Adhere.Core.Register;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Register;

/// <summary>The plain answer for a Verification-ID: valid, or expired, suspended, revoked or withdrawn since a day.</summary>
public sealed class VerifyModel(RegisterQueries register) : PageModel
{
    public RegisterVerification? Answer { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string verificationId, CancellationToken ct)
    {
        var answer = await register.VerificationAsync(verificationId, ct);
        if (answer.IsError)
        {
            Error = answer.Error!.Message;
            Response.StatusCode = answer.Error is NotFoundError ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return;
        }

        Answer = answer.Value;
    }
}
