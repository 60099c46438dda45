using Adhere.Core.Complaints;
using Adhere.Domain.Complaints;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Complaints;

/// <summary>
/// A step in a complaint's handling. <paramref name="Trigger"/>: start-admissibility-check, admit, dismiss, decide, close,
/// appeal or reopen. Dismiss needs <paramref name="DismissalReason"/> (outside-scope, not-about-adherent-service,
/// abusive-or-manifestly-unfounded, lack-of-cooperation), decide needs <paramref name="Finding"/> (unfounded, founded);
/// dismiss, decide, appeal and reopen need <paramref name="Reasons"/>.
/// </summary>
public sealed record ComplaintStepRequest(string? Trigger, string? Reasons, string? DismissalReason, string? Finding);

/// <summary>The Monitoring Body's handling of complaints: the list with its clocks, a case, and its steps. MB staff only.</summary>
public static class ComplaintCasesApi
{
    public static RouteGroupBuilder MapComplaintCasesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cases = api.MapGroup("/complaints").WithTags("Complaints").RequireAuthorization(Policies.MbStaff);
        cases.MapGet("", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        cases.MapGet("/{reference}", CaseAsync).ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{reference}/steps", StepAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Complaints, the longest waiting first, with their acknowledgement and decision targets.</summary>
    /// <param name="status">A status (received, admissibility-check, investigation, dismissed, decided, closed) or open.</param>
    /// <param name="overdue">Only complaints whose acknowledgement or decision is overdue.</param>
    public static async Task<Results<Ok<IReadOnlyList<ComplaintSummary>>, ProblemHttpResult>> ListAsync(string? status, bool? overdue, int? limit,
        ComplaintQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = await queries.ListAsync(new(status, overdue ?? false, limit), ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    /// <summary>A complaint with its conduct, attachments and history; the complainant only for staff who handle cases.</summary>
    public static async Task<Results<Ok<ComplaintCase>, ProblemHttpResult>> CaseAsync(string reference, ComplaintQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = await queries.CaseAsync(reference, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    /// <summary>Moves a complaint one step; the lifecycle decides which role may take which step from which status.</summary>
    public static async Task<Results<Ok<ComplaintCase>, ProblemHttpResult>> StepAsync(string reference, ComplaintStepRequest request, MoveComplaint move,
        ComplaintQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(queries);
        if (ComplaintQueries.ParseName<ComplaintTrigger>(request.Trigger) is not { } trigger) return ComplaintCaseErrors.TriggerInvalid(request.Trigger).ToProblem();
        var dismissal = ComplaintQueries.ParseName<DismissalReason>(request.DismissalReason);
        if (request.DismissalReason is not null && dismissal is null) return ComplaintErrors.DismissalReasonInvalid().ToProblem();
        var finding = ComplaintQueries.ParseName<ComplaintFinding>(request.Finding);
        if (request.Finding is not null && finding is null) return ComplaintErrors.FindingInvalid().ToProblem();

        var moved = await move.HandleAsync(new(reference, trigger, request.Reasons, dismissal, finding), ct);
        if (moved.IsError) return moved.Error!.ToProblem();
        var found = await queries.CaseAsync(reference, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }
}
