using Adhere.Core.Reports;
using Adhere.Core.Reports.Frozen;
using Adhere.Core.Tenancy;
using Adhere.Domain.Common;
using Adhere.Domain.Reports;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Reports;

/// <summary>
/// Verification reports as PDF, HTML or Markdown, and the wording of their fixed passages. MB staff preview the report of
/// any assessment, drafts included; a provider reads the report of its own declaration's latest approved assessment. An
/// approved assessment's report is served as it was issued (stored bytes, never a re-render).
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assessments/{id:guid}/report", AssessmentReportAsync).WithTags("Reports").RequireAuthorization(Policies.MbStaff);
        api.MapGet("/declarations/{id:guid}/report", DeclarationReportAsync).WithTags("Reports").RequireAuthorization();
        api.MapGet("/assessments/{id:guid}/report/issued", IssuedAssessmentReportAsync).WithTags("Reports").RequireAuthorization(Policies.MbStaff);
        api.MapGet("/declarations/{id:guid}/report/issued", IssuedDeclarationReportAsync).WithTags("Reports").RequireAuthorization();
        api.MapPost("/reports/verify", VerifyAsync).WithTags("Reports").AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(Register.RegisterApi.RateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var templates = api.MapGroup("/report-templates").WithTags("Reports");
        templates.MapGet("/", ListTemplatesAsync).RequireAuthorization(Policies.MbStaff);
        templates.MapPut("/{key}", SetTemplateAsync).RequireAuthorization(Policies.MbAdmin);
        templates.MapDelete("/{key}", ResetTemplateAsync).RequireAuthorization(Policies.MbAdmin);
        return api;
    }

    /// <param name="Code">The Code's name; omitted: the EU Cloud CoC.</param>
    /// <param name="Language">omitted: en.</param>
    public sealed record TemplateRequest(string? Code, string? Language, string? Text);

    public const string DefaultCode = "EU Cloud CoC";

    /// <summary>The report of one assessment: the issued one once approved, otherwise a draft rendered now.</summary>
    /// <param name="format">html (default), md or pdf.</param>
    public static async Task<IResult> AssessmentReportAsync(Guid id, string? format, ReportBuilder builder, FrozenReportQueries issued, HttpContext http,
        CancellationToken ct)
    {
        if (ParseFormat(format) is not { } kind) return ReportErrors.FormatUnknown(format).ToProblem();
        if (await issued.ForAssessmentAsync(id, ct) is { } frozen) return Issued(frozen, kind, http);
        return Draft(await builder.BuildAsync(id, ct), kind);
    }

    /// <summary>The report of a declaration's latest assessment; providers get their latest issued report only.</summary>
    /// <param name="format">html (default), md or pdf.</param>
    public static async Task<IResult> DeclarationReportAsync(Guid id, string? format, ReportBuilder builder, FrozenReportQueries issued, Caller caller,
        HttpContext http, CancellationToken ct)
    {
        if (ParseFormat(format) is not { } kind) return ReportErrors.FormatUnknown(format).ToProblem();
        // The declaration is behind the tenancy filter, so another provider's is a 404 either way.
        if (!caller.SeesAllOrganisations)
        {
            return await issued.LatestForDeclarationAsync(id, ct) is { } own ? Issued(own, kind, http) : ReportErrors.NoReport(id).ToProblem();
        }

        var built = await builder.BuildLatestAsync(id, approvedOnly: false, ct);
        if (built.IsError) return built.Error!.ToProblem();
        var latest = await issued.LatestForDeclarationAsync(id, ct);
        return latest is not null && latest.VerificationId == built.Value.Cover.VerificationId && !built.Value.Cover.IsDraft
            ? Issued(latest, kind, http)
            : Draft(built, kind);
    }

    /// <summary>Facts of an assessment's issued report: hash, pages, signature and manifest.</summary>
    public static async Task<Results<Ok<FrozenReportView>, ProblemHttpResult>> IssuedAssessmentReportAsync(Guid id, FrozenReportQueries issued, CancellationToken ct) =>
        await issued.ForAssessmentAsync(id, ct) is { } frozen ? TypedResults.Ok(FrozenReportView.Of(frozen)) : ReportErrors.NotIssued(id).ToProblem();

    /// <summary>Facts of the declaration's latest issued report.</summary>
    public static async Task<Results<Ok<FrozenReportView>, ProblemHttpResult>> IssuedDeclarationReportAsync(Guid id, FrozenReportQueries issued, CancellationToken ct) =>
        await issued.LatestForDeclarationAsync(id, ct) is { } frozen ? TypedResults.Ok(FrozenReportView.Of(frozen)) : ReportErrors.NoReport(id).ToProblem();

    /// <summary>
    /// Checks a PDF against the issued reports and their signatures; no account needed. Send the file as the body
    /// (<c>application/pdf</c>) or as the form field <c>file</c>.
    /// </summary>
    public static async Task<Results<Ok<ReportCheck>, ProblemHttpResult>> VerifyAsync(HttpRequest request, ReportVerifier verifier, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verifier);
        if (request.ContentLength > ReportVerifier.MaxBytes) return FrozenReportErrors.TooLarge(ReportVerifier.MaxBytes).ToProblem();
        var bytes = await ReadUploadAsync(request, ct);
        if (bytes is null) return FrozenReportErrors.TooLarge(ReportVerifier.MaxBytes).ToProblem();
        var checkedFile = await verifier.CheckAsync(bytes, ct);
        return checkedFile.IsError ? checkedFile.Error!.ToProblem() : TypedResults.Ok(checkedFile.Value);
    }

    /// <summary>The uploaded bytes, or null when they exceed the limit.</summary>
    internal static async Task<byte[]?> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return [];
            if (file.Length > ReportVerifier.MaxBytes) return null;
            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
        }

        await using (source)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                if (copy.Length + read > ReportVerifier.MaxBytes) return null;
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
    }

    public static async Task<Ok<IReadOnlyList<ReportTemplateView>>> ListTemplatesAsync(string? code, string? language, ReportTemplateStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(code ?? DefaultCode, language, ct));

    public static async Task<Results<Ok<ReportTemplateView>, ProblemHttpResult>> SetTemplateAsync(string key, TemplateRequest request, ReportTemplateStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await store.SetAsync(request.Code ?? DefaultCode, request.Language, key, request.Text, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ReportTemplateView>, ProblemHttpResult>> ResetTemplateAsync(string key, string? code, string? language, ReportTemplateStore store, CancellationToken ct)
    {
        var result = await store.ResetAsync(code ?? DefaultCode, language, key, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    internal static ReportFormat? ParseFormat(string? format) => format?.ToUpperInvariant() switch
    {
        null or "" or "HTML" => ReportFormat.Html,
        "MD" or "MARKDOWN" => ReportFormat.Markdown,
        "PDF" => ReportFormat.Pdf,
        _ => null,
    };

    /// <summary>The stored rendering, with the PDF's hash as ETag so caches and verifiers can tell it is unchanged.</summary>
    internal static IResult Issued(FrozenReport report, ReportFormat format, HttpContext http)
    {
        http.Response.Headers.ETag = $"\"{report.Sha256}\"";
        http.Response.Headers["X-Adhere-Report"] = report.IsSigned ? "issued; signed" : "issued; signature pending";
        return format switch
        {
            ReportFormat.Pdf => TypedResults.File(report.Pdf, "application/pdf", $"{report.VerificationId}.pdf"),
            ReportFormat.Markdown => TypedResults.Text(report.Markdown, "text/markdown; charset=utf-8"),
            _ => TypedResults.Text(report.Html, "text/html; charset=utf-8"),
        };
    }

    private static IResult Draft(Result<ReportDocument> result, ReportFormat format)
    {
        if (result.IsError) return result.Error!.ToProblem();
        var document = result.Value;
        var pdf = PdfReportRenderer.Render(document, out var pages);
        return format switch
        {
            ReportFormat.Pdf => TypedResults.File(pdf, "application/pdf", $"report-{(document.Cover.IsDraft ? "draft" : document.Cover.VerificationId)}.pdf"),
            ReportFormat.Markdown => TypedResults.Text(MarkdownReportRenderer.Render(document, pages), "text/markdown; charset=utf-8"),
            _ => TypedResults.Text(HtmlReportRenderer.Render(document, pages), "text/html; charset=utf-8"),
        };
    }
}

/// <summary>The renderings a report is available in.</summary>
public enum ReportFormat
{
    Html = 1,
    Markdown = 2,
    Pdf = 3,
}
