using Adhere.Core.Reports.Oscal;
using Adhere.Core.Tenancy;
using Adhere.Domain.Common;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Reports;

/// <summary>
/// An assessment as OSCAL assessment results and the assessment plan they import. MB staff export any assessment, drafts
/// included; a provider exports its own declaration's latest approved assessment, as with the report.
/// </summary>
public static class OscalResultsApi
{
    private const string Json = "application/json";

    public static RouteGroupBuilder MapOscalResultsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assessments/{id:guid}/oscal/assessment-results", AssessmentResultsAsync).WithTags("Reports").RequireAuthorization(Policies.MbStaff);
        api.MapGet("/assessments/{id:guid}/oscal/assessment-plan", AssessmentPlanAsync).WithTags("Reports").RequireAuthorization(Policies.MbStaff);
        api.MapGet("/declarations/{id:guid}/oscal/assessment-results", DeclarationResultsAsync).WithTags("Reports").RequireAuthorization();
        api.MapGet("/declarations/{id:guid}/oscal/assessment-plan", DeclarationPlanAsync).WithTags("Reports").RequireAuthorization();
        return api;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AssessmentResultsAsync(Guid id, OscalResultsExporter exporter, CancellationToken ct) =>
        Send(await exporter.ResultsAsync(id, ct));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AssessmentPlanAsync(Guid id, OscalResultsExporter exporter, CancellationToken ct) =>
        Send(await exporter.PlanAsync(id, ct));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DeclarationResultsAsync(Guid id, OscalResultsExporter exporter, Caller caller,
        CancellationToken ct) =>
        // Providers read approved assessments only; another provider's declaration is hidden by the tenancy filter (404).
        Send(await exporter.LatestResultsAsync(id, approvedOnly: !caller.SeesAllOrganisations, ct));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DeclarationPlanAsync(Guid id, OscalResultsExporter exporter, Caller caller,
        CancellationToken ct) =>
        Send(await exporter.LatestPlanAsync(id, approvedOnly: !caller.SeesAllOrganisations, ct));

    private static Results<FileContentHttpResult, ProblemHttpResult> Send(Result<byte[]> result) =>
        result.IsError ? result.Error!.ToProblem() : TypedResults.File(result.Value, Json);
}
