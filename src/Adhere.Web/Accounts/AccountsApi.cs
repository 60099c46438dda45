using Adhere.Core.Accounts;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Accounts;

/// <summary>The caller's own account and personal API tokens.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Account");
        me.MapGet("/", GetMe);
        me.MapGet("/tokens", ListTokensAsync);
        me.MapPost("/tokens", CreateTokenAsync);
        me.MapDelete("/tokens/{id:guid}", RevokeTokenAsync);
        return api;
    }

    public sealed record MeResponse(Guid UserId, string Email, IReadOnlyList<string> Roles, Guid OrganisationId, bool MonitoringBody);

    public sealed record CreateTokenRequest(string? Name, string? Role, int? ExpiresInDays);

    public static Ok<MeResponse> GetMe(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return TypedResults.Ok(new MeResponse(caller.UserId!.Value.Value, caller.ActorName, caller.Roles.Order(StringComparer.Ordinal).ToList(),
            caller.OrganisationId!.Value.Value, caller.SeesAllOrganisations));
    }

    public static async Task<Ok<IReadOnlyList<ApiTokenSummary>>> ListTokensAsync(ApiTokenQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListMineAsync(ct));

    public static async Task<Results<Created<CreateApiToken.Created>, ProblemHttpResult>> CreateTokenAsync(
        CreateTokenRequest request, CreateApiToken handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.Name, request.Role, request.ExpiresInDays ?? 90), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/me/tokens/{result.Value.Token.Id}", result.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(Guid id, RevokeApiToken handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ApiTokenId(id), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.NoContent();
    }
}
