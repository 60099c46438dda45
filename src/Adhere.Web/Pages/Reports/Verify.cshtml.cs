using Adhere.Core.Reports.Frozen;
using Adhere.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Reports;

/// <summary>
/// Anyone can upload a verification report PDF and learn whether it is exactly the report the Monitoring Body issued,
/// whether its signature holds, and what the register says about the entry today.
/// </summary>
[RequestSizeLimit(ReportVerifier.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportVerifier.MaxBytes + 64 * 1024)]
public sealed class VerifyModel(ReportVerifier verifier) : PageModel
{
    public ReportCheck? Check { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var bytes = await ReportsApi.ReadUploadAsync(Request, ct);
        if (bytes is null)
        {
            Error = FrozenReportErrors.TooLarge(ReportVerifier.MaxBytes).Message;
        }
        else
        {
            var result = await verifier.CheckAsync(bytes, ct);
            if (result.IsError) Error = result.Error!.Message;
            else Check = result.Value;
        }

        if (Error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
