using Adhere.Core.Assessments;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Assessments;

/// <summary>Conflicts of interest of MB staff towards providers: MB staff only; providers never see them.</summary>
public static class ConflictsApi
{
    public static RouteGroupBuilder MapConflictsApi(this RouteGroupBuilder api)
    {
        var conflicts = api.MapGroup("/conflicts-of-interest").WithTags("Assessments").RequireAuthorization(Policies.MbStaff);
        conflicts.MapGet("/", ListAsync);
        conflicts.MapGet("/{id:guid}", GetAsync);
        conflicts.MapPost("/", DeclareAsync);
        conflicts.MapPost("/{id:guid}/end", EndAsync);
        return api;
    }

    /// <param name="UserId">Whose conflict; omit for your own (only MB administrators name someone else).</param>
    /// <param name="DeclaredOn">The first day it counts; default today.</param>
    public sealed record DeclareRequest(Guid? UserId, Guid OrganisationId, string? Reason, DateOnly? DeclaredOn, DateOnly? EndsOn);

    /// <param name="LastDay">The last day the conflict counts.</param>
    public sealed record EndRequest(DateOnly LastDay);

    /// <param name="userId">Only this staff member's conflicts.</param>
    /// <param name="organisationId">Only conflicts towards this provider.</param>
    public static async Task<Ok<IReadOnlyList<ConflictDetails>>> ListAsync(Guid? userId, Guid? organisationId, ConflictQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(userId, organisationId, ct));

    public static async Task<Results<Ok<ConflictDetails>, ProblemHttpResult>> GetAsync(Guid id, ConflictQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<ConflictDetails>, ProblemHttpResult>> DeclareAsync(DeclareRequest request, DeclareConflict handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.UserId, request.OrganisationId, request.Reason, request.DeclaredOn, request.EndsOn), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/conflicts-of-interest/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<ConflictDetails>, ProblemHttpResult>> EndAsync(Guid id, EndRequest request, EndConflict handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(id, request.LastDay, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }
}
