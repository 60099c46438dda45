using Adhere.Core.Reports.Frozen;
using Adhere.Web.Infrastructure;

namespace Adhere.Web.Reports;

/// <summary>The issued reports the public register serves: the frozen PDF of an entry, by Verification-ID.</summary>
public static class PublicReportsEndpoints
{
    public static IEndpointRouteBuilder MapPublicReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/register/{verificationId}/report.pdf", ReportPdfAsync).AllowAnonymous().WithTags("Register")
            .RequireRateLimiting(Register.RegisterApi.RateLimitPolicy);
        return app;
    }

    /// <summary>
    /// The current report of the entry, byte for byte as issued. An ID replaced by a level change still finds the entry's
    /// current report. The hash is the ETag: reports never change, so a conditional request answers 304.
    /// </summary>
    public static async Task<IResult> ReportPdfAsync(string verificationId, FrozenReportQueries reports, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await reports.ForVerificationIdAsync(verificationId, ct) is not { } report)
        {
            return FrozenReportErrors.UnknownVerification(verificationId).ToProblem();
        }

        var etag = $"\"{report.Sha256}\"";
        http.Response.Headers.CacheControl = "public, max-age=300";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            http.Response.Headers.ETag = etag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return ReportsApi.Issued(report, ReportFormat.Pdf, http);
    }
}
