using Adhere.Core.Assessments.Selection;
using Adhere.Domain.Assessments.Selection;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Assessments;

/// <summary>
/// Control selections of assessments, the MB's attention list and providers' coverage (MB staff only; the attention
/// list is kept by MB administrators).
/// </summary>
public static class SelectionApi
{
    public static RouteGroupBuilder MapSelectionApi(this RouteGroupBuilder api)
    {
        var selection = api.MapGroup("/assessments/{id:guid}/selection").WithTags("Assessments").RequireAuthorization(Policies.MbStaff);
        selection.MapGet("/", GetAsync);
        selection.MapPost("/", SelectAsync);
        selection.MapPost("/additions", AddAsync);
        selection.MapPost("/removals", RemoveAsync);
        selection.MapPost("/freeze", FreezeAsync);

        var topics = api.MapGroup("/attention-topics").WithTags("Assessments").RequireAuthorization(Policies.MbStaff);
        topics.MapGet("/", ListTopicsAsync);
        topics.MapGet("/{id:guid}", GetTopicAsync);
        topics.MapPost("/", AddTopicAsync).RequireAuthorization(Policies.MbAdmin);
        topics.MapPut("/{id:guid}", UpdateTopicAsync).RequireAuthorization(Policies.MbAdmin);
        topics.MapDelete("/{id:guid}", RemoveTopicAsync).RequireAuthorization(Policies.MbAdmin);

        var coverage = api.MapGroup("/organisations/{id:guid}").WithTags("Coverage").RequireAuthorization(Policies.MbStaff);
        coverage.MapGet("/coverage", CoverageAsync);
        coverage.MapGet("/coverage.svg", CoverageSvgAsync);
        return api;
    }

    /// <param name="Seed">The seed to draw with (to reproduce a selection); omit for a fresh random one.</param>
    /// <param name="Topics">Ad hoc assessments only: topic tags of the occasion, added to the MB's active attention topics.</param>
    public sealed record SelectRequest(long? Seed, IReadOnlyList<string>? Topics);

    /// <param name="ControlKey">The control to add or remove.</param>
    /// <param name="Reason">Why; recorded with the selection.</param>
    public sealed record AdjustRequest(string? ControlKey, string? Reason);

    /// <param name="Topic">The topic tag the catalogue uses (such as <c>transfers</c>).</param>
    /// <param name="ControlKeys">Controls it adds besides those tagged with it.</param>
    /// <param name="ValidFrom">First day it applies; default today.</param>
    /// <param name="ValidUntil">Last day it applies; omit while it stays open.</param>
    public sealed record AddTopicRequest(string? Topic, string? Title, string? Description, IReadOnlyList<string>? ControlKeys, DateOnly? ValidFrom, DateOnly? ValidUntil);

    /// <param name="ValidFrom">First day it applies; omit to keep it.</param>
    /// <param name="ValidUntil">Last day it applies; set it to end the topic, omit to leave it open.</param>
    public sealed record UpdateTopicRequest(string? Title, string? Description, IReadOnlyList<string>? ControlKeys, DateOnly? ValidFrom, DateOnly? ValidUntil);

    public static async Task<Results<Ok<SelectionDetails>, ProblemHttpResult>> GetAsync(Guid id, SelectionQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    /// <summary>Makes the selection (201), or draws it anew while it is not frozen (200).</summary>
    public static async Task<Results<Created<SelectionDetails>, Ok<SelectionDetails>, ProblemHttpResult>> SelectAsync(Guid id, SelectRequest? request,
        SelectControls handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new(id, request?.Seed, request?.Topics), ct);
        if (result.IsError) return result.Error!.ToProblem();
        var (selection, created) = result.Value;
        return created ? TypedResults.Created($"/api/v1/assessments/{id}/selection", selection) : TypedResults.Ok(selection);
    }

    public static Task<Results<Ok<SelectionDetails>, ProblemHttpResult>> AddAsync(Guid id, AdjustRequest request, AdjustSelection handler, CancellationToken ct) =>
        AdjustAsync(id, AdjustmentKind.Added, request, handler, ct);

    public static Task<Results<Ok<SelectionDetails>, ProblemHttpResult>> RemoveAsync(Guid id, AdjustRequest request, AdjustSelection handler, CancellationToken ct) =>
        AdjustAsync(id, AdjustmentKind.Removed, request, handler, ct);

    public static async Task<Results<Ok<SelectionDetails>, ProblemHttpResult>> FreezeAsync(Guid id, FreezeSelection handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Ok<IReadOnlyList<AttentionTopicDetails>>> ListTopicsAsync(AttentionTopicQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));

    public static async Task<Results<Ok<AttentionTopicDetails>, ProblemHttpResult>> GetTopicAsync(Guid id, AttentionTopicQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<AttentionTopicDetails>, ProblemHttpResult>> AddTopicAsync(AddTopicRequest request, AddAttentionTopic handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.Topic, request.Title, request.Description, request.ControlKeys, request.ValidFrom, request.ValidUntil), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/attention-topics/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<AttentionTopicDetails>, ProblemHttpResult>> UpdateTopicAsync(Guid id, UpdateTopicRequest request, UpdateAttentionTopic handler,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(id, request.Title, request.Description, request.ControlKeys, request.ValidFrom, request.ValidUntil), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    /// <summary>Deletes a topic no selection used (204); one that a selection used is ended instead (200, the ended topic).</summary>
    public static async Task<Results<NoContent, Ok<AttentionTopicDetails>, ProblemHttpResult>> RemoveTopicAsync(Guid id, RemoveAttentionTopic handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        if (result.IsError) return result.Error!.ToProblem();
        return result.Value.Ended is { } ended ? TypedResults.Ok(ended) : TypedResults.NoContent();
    }

    /// <param name="catalogueId">The catalogue; omit for that of the provider's latest declaration.</param>
    public static async Task<Results<Ok<CoverageDetails>, ProblemHttpResult>> CoverageAsync(Guid id, Guid? catalogueId, CoverageQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, catalogueId, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    /// <param name="catalogueId">The catalogue; omit for that of the provider's latest declaration.</param>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> CoverageSvgAsync(Guid id, Guid? catalogueId, CoverageQueries queries, CancellationToken ct)
    {
        var result = await queries.SvgAsync(id, catalogueId, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Text(result.Value, "image/svg+xml");
    }

    private static async Task<Results<Ok<SelectionDetails>, ProblemHttpResult>> AdjustAsync(Guid id, AdjustmentKind kind, AdjustRequest request, AdjustSelection handler,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(id, kind, request.ControlKey, request.Reason), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }
}
