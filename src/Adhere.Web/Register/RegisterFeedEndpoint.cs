using Adhere.Core.Register;
using Adhere.Web.Infrastructure;

namespace Adhere.Web.Register;

/// <summary>The register's changes as an Atom feed, for feed readers and anyone watching for suspensions or revocations.</summary>
public static class RegisterFeedEndpoint
{
    public static IEndpointRouteBuilder MapRegisterFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet(RegisterFeed.Path, FeedAsync).AllowAnonymous().WithTags("Register").RequireRateLimiting(RegisterApi.RateLimitPolicy)
            .Produces<string>(StatusCodes.Status200OK, RegisterFeed.MediaType).ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>
    /// The newest changes of the register (Atom, RFC 4287), one entry per transparency-log entry, at most
    /// <c>Register:Feed:MaxEntries</c>; <c>?before=N</c> gives the changes before log entry #N. Links are absolute, from
    /// the request's scheme and host.
    /// </summary>
    /// <param name="before">A transparency-log sequence number: only older changes.</param>
    public static async Task<IResult> FeedAsync(long? before, RegisterFeed feed, RegisterFeedSettings settings, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        var baseUrl = new Uri(PublicOrigin.For(request));
        var built = await feed.BuildAsync(baseUrl, before, settings.MaxEntries, ct);
        return built.IsError ? built.Error!.ToProblem() : RegisterApi.Cached(http, built.Value, RegisterFeed.ContentType);
    }
}
