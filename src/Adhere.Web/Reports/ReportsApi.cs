using Adhere.Core.Reports;
using Adhere.Core.Tenancy;
using Adhere.Domain.Common;
using Adhere.Domain.Reports;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Reports;

/// <summary>
/// Verification reports as HTML or Markdown, and the wording of their fixed passages. MB staff preview the report of any
/// assessment, drafts included; a provider reads the report of its own declaration's latest approved assessment.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assessments/{id:guid}/report", AssessmentReportAsync).WithTags("Reports").RequireAuthorization(Policies.MbStaff);
        api.MapGet("/declarations/{id:guid}/report", DeclarationReportAsync).WithTags("Reports").RequireAuthorization();
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

    /// <param name="format">html (default) or md.</param>
    /// <param name="totalPages">The page count of the PDF edition, if known.</param>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> AssessmentReportAsync(Guid id, string? format, int? totalPages, ReportBuilder builder, CancellationToken ct) =>
        Render(await builder.BuildAsync(id, ct), format, totalPages);

    /// <param name="format">html (default) or md.</param>
    /// <param name="totalPages">The page count of the PDF edition, if known.</param>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> DeclarationReportAsync(Guid id, string? format, int? totalPages, ReportBuilder builder, Caller caller,
        CancellationToken ct) =>
        // Providers see approved reports only; the declaration itself is behind the tenancy filter, so another's is a 404.
        Render(await builder.BuildLatestAsync(id, approvedOnly: !caller.SeesAllOrganisations, ct), format, totalPages);

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

    private static Results<ContentHttpResult, ProblemHttpResult> Render(Result<ReportDocument> result, string? format, int? totalPages)
    {
        if (result.IsError) return result.Error!.ToProblem();
        return format?.ToUpperInvariant() switch
        {
            null or "" or "HTML" => TypedResults.Text(HtmlReportRenderer.Render(result.Value, totalPages), "text/html; charset=utf-8"),
            "MD" or "MARKDOWN" => TypedResults.Text(MarkdownReportRenderer.Render(result.Value, totalPages), "text/markdown; charset=utf-8"),
            _ => ReportErrors.FormatUnknown(format).ToProblem(),
        };
    }
}
