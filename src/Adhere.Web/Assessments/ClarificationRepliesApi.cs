using Adhere.Core.Assessments;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Assessments;

/// <summary>
/// The provider's side of clarification requests, under the declaration they concern: its members (and MB staff) read
/// them, its CSP editors reply. The Monitoring Body asks and closes them under <c>/api/v1/assessments</c>.
/// </summary>
public static class ClarificationRepliesApi
{
    public static RouteGroupBuilder MapClarificationRepliesApi(this RouteGroupBuilder api)
    {
        var clarifications = api.MapGroup("/declarations/{id:guid}/clarifications").WithTags("Declarations");
        clarifications.MapGet("/", ListAsync);
        clarifications.MapPost("/{requestId:guid}/replies", ReplyAsync).RequireAuthorization(Policies.DeclarationEditor);
        return api;
    }

    /// <param name="Text">The reply; required, also when documents are attached.</param>
    /// <param name="DocumentIds">Documents of your organisation to attach (upload them first under /api/v1/documents).</param>
    public sealed record ReplyRequest(string? Text, IReadOnlyList<Guid>? DocumentIds);

    public static async Task<Results<Ok<ProviderClarificationList>, ProblemHttpResult>> ListAsync(Guid id, ProviderClarifications queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<ProviderClarificationView>, ProblemHttpResult>> ReplyAsync(Guid id, Guid requestId, ReplyRequest request,
        ReplyToClarification handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(id, requestId, request.Text, request.DocumentIds), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/declarations/{id}/clarifications", result.Value);
    }
}
