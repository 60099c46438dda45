using Adhere.Core.Accounts;
using Adhere.Domain.Accounts;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Users;

/// <summary>User administration for MB administrators: invite, list, disable and re-enable.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.MbAdmin);
        users.MapGet("/", ListAsync);
        users.MapGet("/{id:guid}", GetAsync);
        users.MapPost("/", InviteAsync);
        users.MapPost("/{id:guid}/disable", DisableAsync);
        users.MapPost("/{id:guid}/enable", EnableAsync);
        return api;
    }

    public sealed record InviteRequest(string? Email, string? Role, string? Organisation);

    /// <summary>The invitation link is in the response once; only its hash is stored.</summary>
    public sealed record InviteResponse(UserSummary User, string InvitationPath, DateTimeOffset InvitationExpiresAt);

    public static async Task<Ok<IReadOnlyList<UserSummary>>> ListAsync(Guid? organisationId, string? role, string? q, UserQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(new UserQueries.Filter(organisationId, role, q), ct));

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> GetAsync(Guid id, UserQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(new UserId(id), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<InviteResponse>, ProblemHttpResult>> InviteAsync(
        InviteRequest request, AddUser handler, UserQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.Email ?? string.Empty, request.Role ?? string.Empty, request.Organisation, Password: null), ct);
        if (result.IsError) return result.Error!.ToProblem();
        var user = await queries.GetAsync(result.Value.Id, ct);
        return TypedResults.Created($"/api/v1/users/{result.Value.Id}",
            new InviteResponse(user.Value, InvitationLink.PathFor(result.Value.InvitationSecret!), result.Value.InvitationExpiresAt!.Value));
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> DisableAsync(Guid id, DisableUser handler, UserQueries queries, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new UserId(id), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok((await queries.GetAsync(new UserId(id), ct)).Value);
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> EnableAsync(Guid id, EnableUser handler, UserQueries queries, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new UserId(id), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok((await queries.GetAsync(new UserId(id), ct)).Value);
    }
}

public static class InvitationLink
{
    public static string PathFor(string secret) => $"/account/accept-invitation?token={Uri.EscapeDataString(secret)}";
}
