using Adhere.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Web.Health;

/// <summary>Liveness and readiness for orchestrators and load balancers.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Alive).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public sealed record HealthStatus(string Status, string? Detail = null);

    /// <summary>The process answers; nothing else is checked.</summary>
    public static Ok<HealthStatus> Alive() => TypedResults.Ok(new HealthStatus("alive"));

    /// <summary>The database answers a query and has no pending migrations.</summary>
    public static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> ReadyAsync(AdhereDb db, CancellationToken ct)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return Unavailable("database unreachable");
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return pending.Any() ? Unavailable("database has pending migrations") : TypedResults.Ok(new HealthStatus("ready"));
        }
#pragma warning disable CA1031 // any failure to reach the database means "not ready", which is the answer we owe
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Unavailable($"database error: {ex.GetType().Name}");
        }
    }

    private static JsonHttpResult<HealthStatus> Unavailable(string detail) =>
        TypedResults.Json(new HealthStatus("unavailable", detail), statusCode: StatusCodes.Status503ServiceUnavailable);
}
