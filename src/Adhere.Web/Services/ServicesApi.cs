using Adhere.Core.Services;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Services;

/// <summary>
/// Services and the Codes' category lists. A CSP member sees and edits only its own organisation's services (the
/// tenancy filter decides, not this code); MB staff see all, MB administrators edit and keep the category lists.
/// </summary>
public static class ServicesApi
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("/", ListAsync);
        services.MapGet("/{id:guid}", GetAsync);
        services.MapPost("/", CreateAsync).RequireAuthorization(Policies.ServiceEditor);
        services.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.ServiceEditor);
        services.MapPost("/{id:guid}/retire", RetireAsync).RequireAuthorization(Policies.ServiceEditor);
        services.MapPost("/{id:guid}/reactivate", ReactivateAsync).RequireAuthorization(Policies.ServiceEditor);

        var categories = api.MapGroup("/service-categories").WithTags("Services");
        categories.MapGet("/", ListCategoriesAsync);
        categories.MapPost("/", AddCategoryAsync).RequireAuthorization(Policies.MbAdmin);
        categories.MapDelete("/{id:guid}", RemoveCategoryAsync).RequireAuthorization(Policies.MbAdmin);
        return api;
    }

    /// <param name="OrganisationId">The provider; required for MB administrators, optional (and only its own) for a CSP editor.</param>
    public sealed record CreateServiceRequest(Guid? OrganisationId, string? Name, string? Description, string? Category, string? Family);

    public sealed record UpdateServiceRequest(string? Name, string? Description, string? Category, string? Family);

    public sealed record AddCategoryRequest(string? Code, string? Name);

    public static async Task<Ok<IReadOnlyList<ServiceDetails>>> ListAsync(Guid? organisationId, ServiceQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(organisationId, ct));

    public static async Task<Results<Ok<ServiceDetails>, ProblemHttpResult>> GetAsync(Guid id, ServiceQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<ServiceDetails>, ProblemHttpResult>> CreateAsync(
        CreateServiceRequest request, CreateService handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.OrganisationId, request.Name, request.Description, request.Category, request.Family), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/services/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<ServiceDetails>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateServiceRequest request, UpdateService handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(id, request.Name, request.Description, request.Category, request.Family), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ServiceDetails>, ProblemHttpResult>> RetireAsync(Guid id, RetireService handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ServiceDetails>, ProblemHttpResult>> ReactivateAsync(Guid id, ReactivateService handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    /// <param name="code">The Code (catalogue) name, ignoring case; without it, every Code's list.</param>
    public static async Task<Ok<IReadOnlyList<ServiceCategoryDetails>>> ListCategoriesAsync(string? code, ServiceCategoryQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(code, ct));

    public static async Task<Results<Created<ServiceCategoryDetails>, ProblemHttpResult>> AddCategoryAsync(
        AddCategoryRequest request, AddServiceCategory handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.Code, request.Name), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/service-categories/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveCategoryAsync(Guid id, RemoveServiceCategory handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.NoContent();
    }
}
