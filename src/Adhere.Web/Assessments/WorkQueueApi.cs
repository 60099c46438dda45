using Adhere.Core.Assessments;
using Adhere.Core.Tenancy;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Assessments;

/// <summary>The Monitoring Body's work queue (MB staff only): what waits to be opened, is in progress, waits for the provider or for a decision.</summary>
public static class WorkQueueApi
{
    public static RouteGroupBuilder MapWorkQueueApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assessments/queue", GetQueueAsync).WithTags("Assessments").RequireAuthorization(Policies.MbStaff);
        return api;
    }

    /// <param name="mine">Only the assessments the caller is assessor or decision maker of (then no complaints: nobody is assigned to those).</param>
    public static async Task<Ok<WorkQueueSections>> GetQueueAsync(bool? mine, AssessmentWorkQueue queue, Adhere.Core.Complaints.ComplaintWorkQueue complaints,
        Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(complaints);
        ArgumentNullException.ThrowIfNull(caller);
        var sections = await queue.GetAsync(mine == true ? caller.UserId?.Value : null, ct);
        return TypedResults.Ok(mine == true ? sections : sections with { Complaints = await complaints.GetAsync(ct) });
    }
}
