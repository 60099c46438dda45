using Adhere.Core.Assessments;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Assessments;

/// <summary>Assessments of declarations by the Monitoring Body (MB staff only).</summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this RouteGroupBuilder api)
    {
        var assessments = api.MapGroup("/assessments").WithTags("Assessments").RequireAuthorization(Policies.MbStaff);
        assessments.MapGet("/", ListAsync);
        assessments.MapGet("/{id:guid}", GetAsync);
        assessments.MapPost("/", OpenAsync);
        return api;
    }

    /// <param name="Kind">initial, recurring or ad-hoc; omit to follow the declaration (initial or renewal).</param>
    /// <param name="AdHocReason">For ad-hoc assessments: significant-change, complaint, media-reports or new-guidance.</param>
    public sealed record OpenRequest(Guid DeclarationId, string? Kind, string? AdHocReason);

    /// <param name="declarationId">Only the assessments of this declaration.</param>
    public static async Task<Ok<IReadOnlyList<AssessmentSummary>>> ListAsync(Guid? declarationId, AssessmentQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(declarationId, ct));

    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> GetAsync(Guid id, AssessmentQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<AssessmentSummary>, ProblemHttpResult>> OpenAsync(OpenRequest request, OpenAssessment handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.DeclarationId, request.Kind, request.AdHocReason), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/assessments/{result.Value.Id}", result.Value);
    }
}
