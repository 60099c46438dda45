using Adhere.Core.Accounts;
using Adhere.Core.Organisations;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Organisations;

/// <summary>Organisations: MB staff see all, a CSP member only its own (the tenancy filter decides, not this code).</summary>
public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/organisations").WithTags("Organisations");
        orgs.MapGet("/", ListAsync);
        orgs.MapGet("/{id:guid}", GetAsync);
        orgs.MapGet("/{id:guid}/members", MembersAsync);
        orgs.MapPost("/", CreateAsync).RequireAuthorization(Policies.MbAdmin);
        orgs.MapPut("/{id:guid}", UpdateProfileAsync).RequireAuthorization(Policies.OrganisationEditor);
        return api;
    }

    public sealed record CreateOrganisationRequest(string? Name, string? Kind);

    public sealed record UpdateProfileRequest(string? Name, string? Address, string? Website, string? PrivacyContactEmail);

    public static async Task<Ok<IReadOnlyList<OrganisationDetails>>> ListAsync(OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));

    public static async Task<Results<Ok<OrganisationDetails>, ProblemHttpResult>> GetAsync(Guid id, OrganisationQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<IReadOnlyList<UserSummary>>, ProblemHttpResult>> MembersAsync(
        Guid id, OrganisationQueries organisations, UserQueries users, CancellationToken ct)
    {
        var org = await organisations.GetAsync(id, ct);
        if (org.IsError) return org.Error!.ToProblem();
        return TypedResults.Ok(await users.ListAsync(new UserQueries.Filter(OrganisationId: id), ct));
    }

    public static async Task<Results<Created<OrganisationDetails>, ProblemHttpResult>> CreateAsync(
        CreateOrganisationRequest request, CreateOrganisation handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.Name, request.Kind), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/organisations/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<OrganisationDetails>, ProblemHttpResult>> UpdateProfileAsync(
        Guid id, UpdateProfileRequest request, UpdateOrganisationProfile handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(id, request.Name, request.Address, request.Website, request.PrivacyContactEmail), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }
}
