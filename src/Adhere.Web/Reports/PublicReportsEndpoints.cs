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
        // Earlier reports by path, as the entry links them (RegisterQueries.EarlierReportPath): a static copy can hold these.
        app.MapGet("/register/{verificationId}/reports/{sha256}.pdf", (string verificationId, string sha256, FrozenReportQueries reports, HttpContext http, CancellationToken ct) =>
                ReportPdfAsync(verificationId, sha256, reports, http, ct))
            .AllowAnonymous().WithTags("Register").RequireRateLimiting(Register.RegisterApi.RateLimitPolicy);
        return app;
    }

    /// <summary>
    /// The current report of the entry, byte for byte as issued, or with <paramref name="sha256"/> one of the entry's
    /// earlier reports (renewals, level changes); a hash of another entry's report is not found here. An ID replaced by a
    /// level change still finds the entry. The hash is the ETag: reports never change, so a conditional request answers 304.
    /// </summary>
    public static async Task<IResult> ReportPdfAsync(string verificationId, string? sha256, FrozenReportQueries reports, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        FrozenReport? report;
        if (sha256 is null)
        {
            report = await reports.ForVerificationIdAsync(verificationId, ct);
            if (report is null) return FrozenReportErrors.UnknownVerification(verificationId).ToProblem();
        }
        else
        {
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit)) return FrozenReportErrors.HashMalformed().ToProblem();
            report = await reports.OfEntryAsync(verificationId, sha256, ct);
            if (report is null) return FrozenReportErrors.NotInEntry(verificationId).ToProblem();
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
