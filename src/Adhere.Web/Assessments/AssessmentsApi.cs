using Adhere.Core.Assessments;
using Adhere.Domain.Common;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Assessments;

/// <summary>
/// Assessments of declarations by the Monitoring Body (MB staff only). Every step of the workflow is an endpoint, so an
/// MB can script a whole assessment; each returns the assessment as it stands afterwards. Who may take a step is decided
/// by the assessment (assigned assessors, the decision maker, administrators), not by the route.
/// </summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this RouteGroupBuilder api)
    {
        var assessments = api.MapGroup("/assessments").WithTags("Assessments").RequireAuthorization(Policies.MbStaff);
        assessments.MapGet("/", ListAsync);
        assessments.MapGet("/{id:guid}", GetAsync);
        assessments.MapPost("/", OpenAsync);
        assessments.MapPost("/{id:guid}/assessors", AssignAssessorAsync);
        assessments.MapPut("/{id:guid}/decision-maker", AssignDecisionMakerAsync);
        assessments.MapPut("/{id:guid}/checklist/{item}", RecordChecklistItemAsync);
        assessments.MapPut("/{id:guid}/certificate-reviews/{certificateId:guid}", ReviewCertificateAsync);
        assessments.MapPost("/{id:guid}/complete-fact-finding", CompleteFactFindingAsync);
        assessments.MapPost("/{id:guid}/clarifications", RequestClarificationAsync);
        assessments.MapPost("/{id:guid}/clarifications/{requestId:guid}/close", CloseClarificationAsync);
        assessments.MapPost("/{id:guid}/resume", ResumeAsync);
        assessments.MapPut("/{id:guid}/findings/controls/{controlKey}", RecordControlFindingAsync);
        assessments.MapPut("/{id:guid}/findings/narratives/{topic}", RecordNarrativeFindingAsync);
        assessments.MapPost("/{id:guid}/send-to-decision", SendToDecisionAsync);
        assessments.MapPost("/{id:guid}/send-back", SendBackAsync);
        assessments.MapPost("/{id:guid}/approve", ApproveAsync);
        assessments.MapPost("/{id:guid}/reject", RejectAsync);
        assessments.MapPost("/{id:guid}/cancel", CancelAsync);
        return api;
    }

    /// <param name="Kind">initial, recurring or ad-hoc; omit to follow the declaration (initial or renewal).</param>
    /// <param name="AdHocReason">For ad-hoc assessments: significant-change, complaint, media-reports or new-guidance.</param>
    public sealed record OpenRequest(Guid DeclarationId, string? Kind, string? AdHocReason);

    public sealed record UserRequest(Guid UserId);

    /// <param name="Status">open, confirmed or issue (an issue needs a note).</param>
    public sealed record ChecklistRequest(string? Status, string? Note);

    /// <param name="Verdict">accepted or rejected (a rejection needs a note).</param>
    public sealed record ReviewRequest(string? Verdict, string? Note);

    /// <param name="ControlKey">The control asked about; or give <paramref name="Topic"/>.</param>
    /// <param name="DueOn">Omitted: the default number of days from today (14 unless configured).</param>
    public sealed record ClarificationRequestBody(string? ControlKey, string? Topic, string? Question, DateOnly? DueOn);

    public sealed record NoteRequest(string? Note);

    /// <param name="Result">satisfied, not-satisfied or observation (notes required unless satisfied).</param>
    public sealed record ControlFindingRequest(string? Result, string? Notes, IReadOnlyList<string>? SamplesConsulted);

    /// <param name="Title">Only for the topic 'other'.</param>
    public sealed record NarrativeFindingRequest(string? Title, string? Text);

    public sealed record ReasonRequest(string? Reason);

    /// <param name="GrantedLevel">1, 2 or 3; omitted: the proposed level. Another level than proposed needs a rationale.</param>
    public sealed record ApproveRequest(int? GrantedLevel, string? Rationale);

    /// <param name="declarationId">Only the assessments of this declaration.</param>
    public static async Task<Ok<IReadOnlyList<AssessmentSummary>>> ListAsync(Guid? declarationId, AssessmentQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(declarationId, ct));

    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> GetAsync(Guid id, AssessmentQueries queries, CancellationToken ct) =>
        Reply(await queries.GetAsync(id, ct));

    public static async Task<Results<Created<AssessmentSummary>, ProblemHttpResult>> OpenAsync(OpenRequest request, OpenAssessment handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.DeclarationId, request.Kind, request.AdHocReason), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/assessments/{result.Value.Id}", result.Value);
    }

    /// <summary>Adds an assessor (MB administrators).</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> AssignAssessorAsync(Guid id, UserRequest request, AssignAssessor handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.UserId ?? Guid.Empty), ct));

    /// <summary>Assigns the decision maker (MB administrators); not an assessor of the same assessment.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> AssignDecisionMakerAsync(Guid id, UserRequest request, AssignDecisionMaker handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.UserId ?? Guid.Empty), ct));

    /// <summary>Records a fact-finding checklist item (answers-complete, service-agreement-present, no-material-change-reviewed, removed-services-reviewed, added-services-reviewed).</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> RecordChecklistItemAsync(Guid id, string item, ChecklistRequest request, RecordChecklistItem handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, item, request?.Status, request?.Note), ct));

    /// <summary>Accepts or rejects the automated check of one certificate.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> ReviewCertificateAsync(Guid id, Guid certificateId, ReviewRequest request, ReviewCertificateCheck handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, certificateId, request?.Verdict, request?.Note), ct));

    /// <summary>Closes fact finding; lists every open item at once when something is missing.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> CompleteFactFindingAsync(Guid id, CompleteFactFinding handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(id, ct));

    /// <summary>Asks the provider a question with a due date; the first open question pauses the assessment.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> RequestClarificationAsync(Guid id, ClarificationRequestBody request, RequestClarification handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.ControlKey, request?.Topic, request?.Question, request?.DueOn), ct));

    /// <summary>Closes a clarification request with a note.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> CloseClarificationAsync(Guid id, Guid requestId, NoteRequest request, CloseClarification handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, requestId, request?.Note), ct));

    /// <summary>Resumes a paused assessment once no question waits for a reply.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> ResumeAsync(Guid id, ResumeAssessment handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(id, ct));

    /// <summary>Records (or replaces) the finding on one examined control.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> RecordControlFindingAsync(Guid id, string controlKey, ControlFindingRequest request, RecordControlFinding handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, controlKey, request?.Result, request?.Notes, request?.SamplesConsulted), ct));

    /// <summary>Records (or replaces) the narrative finding on a topic (service-agreement, subprocessors, international-transfers, …, other).</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> RecordNarrativeFindingAsync(Guid id, string topic, NarrativeFindingRequest request, RecordNarrativeFinding handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, topic, request?.Title, request?.Text), ct));

    /// <summary>Hands over to the decision maker; lists every missing finding and open question at once.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> SendToDecisionAsync(Guid id, SendToDecision handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(id, ct));

    /// <summary>The decision maker returns the assessment to the in-depth review, with a reason.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> SendBackAsync(Guid id, ReasonRequest request, SendBackAssessment handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.Reason), ct));

    /// <summary>The decision maker approves: the declaration is verified for one year under its Verification-ID.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> ApproveAsync(Guid id, ApproveRequest request, ApproveAssessment handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.GrantedLevel, request?.Rationale), ct));

    /// <summary>The decision maker rejects, with a reason.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> RejectAsync(Guid id, ReasonRequest request, RejectAssessment handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.Reason), ct));

    /// <summary>An MB administrator cancels (the declaration was withdrawn, or an ad-hoc assessment is dropped), with a reason.</summary>
    public static async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> CancelAsync(Guid id, ReasonRequest request, CancelAssessment handler, CancellationToken ct) =>
        Reply(await handler.HandleAsync(new(id, request?.Reason), ct));

    private static Results<Ok<AssessmentSummary>, ProblemHttpResult> Reply(Result<AssessmentSummary> result) =>
        result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
}
