using Adhere.Core.Complaints;
using Adhere.Web.Infrastructure;
using Adhere.Web.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Complaints;

/// <summary>A complaint as filed through the API (JSON only; attachments go through the form at <c>/complaints/new</c>).</summary>
/// <param name="VerificationId">A current or former Verification-ID from the register; or leave it empty and give <paramref name="Company"/>.</param>
/// <param name="Role">customer, data-subject, csp or other.</param>
/// <param name="Email">Empty for an anonymous complaint: then no follow-up questions are possible.</param>
/// <param name="MayRevealToProvider">Whether the provider may learn who complains; ignored when anonymous.</param>
/// <param name="Conduct">The conduct complained of, 1–20,000 characters.</param>
/// <param name="FormToken">From <c>GET /api/v1/complaints/form-token</c>, at least a few seconds old.</param>
public sealed record ComplaintRequest(string? VerificationId, string? Company, string? Service, string? Role, string? Name, string? Email,
    bool MayRevealToProvider, string? Conduct, string? FormToken);

/// <summary>A filed complaint. <paramref name="StatusUrl"/> carries the secret <paramref name="StatusKey"/>: it is shown only now.</summary>
public sealed record ComplaintCreated(string Reference, string StatusUrl, string StatusKey, bool Anonymous, DateOnly AcknowledgeBy, DateOnly DecideBy);

/// <summary>A form token and the window in which a complaint may be sent with it.</summary>
public sealed record ComplaintFormTokenAnswer(string Token, DateTimeOffset NotBefore, DateTimeOffset ExpiresAt);

/// <summary>A status query in a body, so that the key stays out of URLs and logs.</summary>
public sealed record ComplaintStatusRequest(string? Reference, string? Key);

/// <summary>The public complaint intake and status lookup; no account needed.</summary>
public static class ComplaintsApi
{
    public static RouteGroupBuilder MapComplaintsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var complaints = api.MapGroup("/complaints").WithTags("Complaints").AllowAnonymous().ProducesProblem(StatusCodes.Status429TooManyRequests);
        complaints.MapGet("/form-token", FormToken).RequireRateLimiting(RegisterApi.RateLimitPolicy);
        complaints.MapPost("", SubmitAsync).RequireRateLimiting(ComplaintRateLimit.Policy).ProducesProblem(StatusCodes.Status400BadRequest);
        complaints.MapGet("/status", StatusAsync).RequireRateLimiting(RegisterApi.RateLimitPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        complaints.MapPost("/status", StatusByBodyAsync).RequireRateLimiting(RegisterApi.RateLimitPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>A form token for <c>POST /api/v1/complaints</c>: send the complaint between notBefore and expiresAt.</summary>
    public static Ok<ComplaintFormTokenAnswer> FormToken(ComplaintFormToken tokens, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        var (notBefore, expiresAt) = tokens.Window();
        return TypedResults.Ok(new ComplaintFormTokenAnswer(tokens.Issue(), notBefore, expiresAt));
    }

    /// <summary>Files a complaint about an adherent service or its provider; answers with the reference and the secret status link.</summary>
    public static async Task<Results<Created<ComplaintCreated>, ProblemHttpResult>> SubmitAsync(ComplaintRequest request, ComplaintFormToken tokens,
        SubmitComplaint submit, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(http);
        var token = tokens.Check(request.FormToken);
        if (token.IsError) return token.Error!.ToProblem();
        var filed = await submit.HandleAsync(new SubmitComplaint.Command(request.VerificationId, request.Company, request.Service, request.Role,
            request.Name, request.Email, request.MayRevealToProvider, request.Conduct), ct);
        if (filed.IsError) return filed.Error!.ToProblem();
        var value = filed.Value;
        var url = PublicOrigin.For(http.Request) + SubmitComplaint.StatusPath(value.Reference, value.StatusKey);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created(url, new ComplaintCreated(value.Reference, url, value.StatusKey, value.Anonymous, value.AcknowledgeBy, value.DecideBy));
    }

    /// <summary>A complaint's status and dates, for the holder of its reference and key.</summary>
    public static async Task<Results<Ok<ComplaintStatusView>, ProblemHttpResult>> StatusAsync(string? reference, string? key, ComplaintStatusLookup lookup,
        HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        var found = await lookup.HandleAsync(reference, key, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    /// <summary>The same as the GET, with reference and key in a JSON body.</summary>
    public static Task<Results<Ok<ComplaintStatusView>, ProblemHttpResult>> StatusByBodyAsync(ComplaintStatusRequest request, ComplaintStatusLookup lookup,
        HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StatusAsync(request.Reference, request.Key, lookup, http, ct);
    }
}
