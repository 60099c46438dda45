using System.Globalization;
using Adhere.Core.Complaints.Measures;
using Adhere.Domain.Complaints;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Complaints;

/// <summary>
/// A measure to impose on a founded complaint. <paramref name="Key"/> from the catalogue; <paramref name="Reasons"/>
/// required; a corrective action needs <paramref name="Deadline"/> (yyyy-MM-dd, in the future) and
/// <paramref name="Correction"/> (what must be corrected). <paramref name="VerificationId"/> names the register entry
/// when the complaint was typed without one.
/// </summary>
public sealed record ImposeMeasureRequest(string? Key, string? Reasons, string? Deadline, string? Correction, string? VerificationId);

/// <summary>Lifting a suspension measure: the reasons of the decision (required).</summary>
public sealed record LiftMeasureRequest(string? Reasons);

/// <summary>A corrective action's follow-up check: <paramref name="Outcome"/> met or not-met, with <paramref name="Notes"/> (required).</summary>
public sealed record FollowUpMeasureRequest(string? Outcome, string? Notes);

/// <summary>
/// Measures on founded complaints and the notices to the supervisory authority. MB staff only (ADR 0025). A case's measures
/// and notices are listed with the case (<see cref="ComplaintCasesApi.CaseAsync"/>).
/// </summary>
public static class ComplaintMeasuresApi
{
    public static RouteGroupBuilder MapComplaintMeasuresApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cases = api.MapGroup("/complaints").WithTags("Complaints").RequireAuthorization(Policies.MbStaff);
        cases.MapGet("/measures", Catalogue);
        cases.MapPost("/{reference}/measures", ImposeAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapPost("/{reference}/measures/{id:guid}/lift", LiftAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapPost("/{reference}/measures/{id:guid}/follow-up", FollowUpAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/{reference}/notices/{id:guid}.pdf", NoticePdfAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The measures a decision maker can impose (the configured catalogue).</summary>
    public static Ok<IReadOnlyList<MeasureKindView>> Catalogue(ComplaintMeasureQueries queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return TypedResults.Ok(queries.Catalogue());
    }

    /// <summary>Imposes a measure; a suspension or revocation changes the register at once and notifies the supervisory authority.</summary>
    public static async Task<Results<Created<ComplaintMeasureView>, ProblemHttpResult>> ImposeAsync(string reference, ImposeMeasureRequest request,
        ImposeComplaintMeasure impose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(impose);
        DateOnly? deadline = null;
        if (!string.IsNullOrWhiteSpace(request.Deadline))
        {
            if (!DateOnly.TryParseExact(request.Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return ComplaintMeasureErrors.DeadlineInvalid(request.Deadline).ToProblem();
            deadline = day;
        }

        var imposed = await impose.HandleAsync(new(reference, request.Key, request.Reasons, deadline, request.Correction, request.VerificationId), ct);
        return imposed.IsError
            ? imposed.Error!.ToProblem()
            : TypedResults.Created($"/api/v1/complaints/{Uri.EscapeDataString(reference)}/measures", imposed.Value);
    }

    /// <summary>Lifts a suspension imposed as a measure, with reasons; the register entry is reinstated.</summary>
    public static async Task<Results<Ok<ComplaintMeasureView>, ProblemHttpResult>> LiftAsync(string reference, Guid id, LiftMeasureRequest request,
        LiftComplaintMeasure lift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(lift);
        var lifted = await lift.HandleAsync(new(reference, id, request.Reasons), ct);
        return lifted.IsError ? lifted.Error!.ToProblem() : TypedResults.Ok(lifted.Value);
    }

    /// <summary>Records the follow-up check of a corrective action.</summary>
    public static async Task<Results<Ok<ComplaintMeasureView>, ProblemHttpResult>> FollowUpAsync(string reference, Guid id, FollowUpMeasureRequest request,
        FollowUpComplaintMeasure followUp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(followUp);
        bool? met = request.Outcome?.Trim().ToLowerInvariant() switch
        {
            "met" => true,
            "not-met" => false,
            _ => null,
        };
        if (met is null) return ComplaintMeasureErrors.OutcomeInvalid().ToProblem();
        var recorded = await followUp.HandleAsync(new(reference, id, met.Value, request.Notes), ct);
        return recorded.IsError ? recorded.Error!.ToProblem() : TypedResults.Ok(recorded.Value);
    }

    /// <summary>A notice's PDF, as it was sent.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> NoticePdfAsync(string reference, Guid id, ComplaintMeasureQueries queries,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = await queries.NoticePdfAsync(reference, id, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.File(found.Value.Pdf, "application/pdf", found.Value.FileName);
    }
}
