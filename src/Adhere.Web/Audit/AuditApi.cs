using Adhere.Core.Audit;
using Adhere.Domain.Audit;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Audit;

/// <summary>The audit trail for MB administrators: filtered pages, newest first, and a chain check.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.MbAdmin);
        audit.MapGet("/", SearchAsync);
        audit.MapGet("/verify", VerifyAsync);
        return api;
    }

    public static async Task<Results<Ok<AuditQueries.Page>, ProblemHttpResult>> SearchAsync(
        string? action, string? actor, string? objectType, string? objectId, Guid? organisationId,
        DateTimeOffset? from, DateTimeOffset? to, long? before, int? pageSize, AuditQueries queries, CancellationToken ct)
    {
        if (pageSize is < 1 or > AuditQueries.MaxPageSize)
        {
            return ErrorHttp.ToProblem(new Domain.Common.InvalidError("audit.page-size-out-of-range", $"pageSize must be between 1 and {AuditQueries.MaxPageSize}.", "pageSize"));
        }

        var page = await queries.SearchAsync(new AuditQueries.Filter(action, actor, objectType, objectId, organisationId, from, to, before, pageSize ?? 50), ct);
        return TypedResults.Ok(page);
    }

    public static async Task<Ok<AuditVerification>> VerifyAsync(VerifyAuditChain handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(ct));
}
