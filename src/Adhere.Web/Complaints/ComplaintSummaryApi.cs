using System.Globalization;
using System.Text;
using Adhere.Core.Complaints;
using Adhere.Domain.Complaints;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Complaints;

/// <summary>The yearly complaints summary for the supervisory authority, as JSON and as CSV. MB staff only.</summary>
public static class ComplaintSummaryApi
{
    public static RouteGroupBuilder MapComplaintSummaryApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var summary = api.MapGroup("/complaints/summary").WithTags("Complaints").RequireAuthorization(Policies.MbStaff);
        summary.MapGet("/{year}", JsonAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        summary.MapGet("/{year}.csv", CsvAsync).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>
    /// The figures of one calendar year (UTC): complaints received that year with their outcome as of now, measures
    /// imposed that year, median handling times in days.
    /// </summary>
    public static async Task<Results<Ok<ComplaintYearFigures>, ProblemHttpResult>> JsonAsync(string year, ComplaintYearSummary summary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var figures = await summary.HandleAsync(year, ct);
        return figures.IsError ? figures.Error!.ToProblem() : TypedResults.Ok(figures.Value);
    }

    /// <summary>The same figures as CSV, one per line: <c>year,figure,key,value</c>.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(string year, ComplaintYearSummary summary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var figures = await summary.HandleAsync(year, ct);
        if (figures.IsError) return figures.Error!.ToProblem();
        return TypedResults.File(Encoding.UTF8.GetBytes(ComplaintYearSummary.ToCsv(figures.Value)), "text/csv; charset=utf-8",
            string.Create(CultureInfo.InvariantCulture, $"complaints-{figures.Value.Year}.csv"));
    }
}
