using Microsoft.AspNetCore.Diagnostics;

namespace Adhere.Web.Infrastructure;

/// <summary>
/// Turns exceptions on API paths into ProblemDetails: malformed requests are the client's mistake (400), anything
/// else is ours (500, logged, no internals in the body). Page requests fall through to the error page.
/// </summary>
public sealed class UnexpectedErrorHandler(ILogger<UnexpectedErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // The middleware has already rewritten the path to the error page; the feature keeps the one that failed.
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (!new PathString(path).StartsWithSegments("/api")) return false;

        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                ErrorHttp.Describe("request.too-large", "The request body is larger than the server accepts.", StatusCodes.Status413PayloadTooLarge),
            BadHttpRequestException bad => ErrorHttp.Describe("request.malformed", $"The request could not be read: {bad.Message}", StatusCodes.Status400BadRequest),
            _ => ErrorHttp.Describe("server.unexpected", "Something went wrong on our side; the error has been logged.", StatusCodes.Status500InternalServerError),
        };
        if (problem.Status == 500) logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, path);

        httpContext.Response.StatusCode = problem.Status!.Value;
        await Results.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }
}
