using Adhere.Core.Assessments;
using Adhere.Core.Complaints;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Complaints;

/// <summary>A complaint's topic tags: catalogue topic tags such as <c>transfers</c>; an empty list clears them.</summary>
public sealed record ComplaintTopicsRequest(IReadOnlyList<string?>? Topics);

/// <summary>
/// The Monitoring Body's further handling of a complaint (MB staff only): its topics, and the ad-hoc assessment opened
/// from it. Staff with a conflict of interest towards the provider concerned are refused.
/// </summary>
public static class ComplaintHandlingApi
{
    public static RouteGroupBuilder MapComplaintHandlingApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cases = api.MapGroup("/complaints").WithTags("Complaints").RequireAuthorization(Policies.MbStaff);
        cases.MapPut("/{reference}/topics", SetTopicsAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{reference}/assessment", OpenAssessmentAsync).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Sets the complaint's topics (at most 20); an ad-hoc assessment opened from it examines the controls tagged with them.</summary>
    public static async Task<Results<Ok<ComplaintCase>, ProblemHttpResult>> SetTopicsAsync(string reference, ComplaintTopicsRequest request, TagComplaint tag,
        ComplaintQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(queries);
        var tagged = await tag.HandleAsync(reference, request.Topics, ct);
        if (tagged.IsError) return tagged.Error!.ToProblem();
        var found = await queries.CaseAsync(reference, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    /// <summary>
    /// Opens an ad-hoc assessment (reason: complaint) of the declaration behind the complaint's register entry, with the
    /// complaint's topics as attention topics for its control selection; the caller becomes its assessor. The complaint
    /// must be under investigation and tagged.
    /// </summary>
    public static async Task<Results<Created<AssessmentSummary>, ProblemHttpResult>> OpenAssessmentAsync(string reference, OpenComplaintAssessment open,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(open);
        var opened = await open.HandleAsync(reference, ct);
        return opened.IsError ? opened.Error!.ToProblem() : TypedResults.Created($"/api/v1/assessments/{opened.Value.Id}", opened.Value);
    }
}
