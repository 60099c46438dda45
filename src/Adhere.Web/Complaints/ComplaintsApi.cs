using Adhere.Core.Complaints;
using Adhere.Web.Infrastructure;
using Adhere.Web.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Complaints;

/// <summary>
/// A complaint as filed through the API as JSON. To attach files, send the same fields as multipart/form-data instead
/// (<c>mayRevealToProvider</c> as <c>true</c> or <c>false</c>) with up to five files as <c>attachments</c>, under the
/// evidence upload rules (safe name, size limit, an allowed sniffed type, not empty); one bad file refuses the whole complaint.
/// </summary>
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
        var evidence = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<Adhere.Core.Documents.EvidenceSettings>();
        // Room for every attachment at the evidence limit plus the text fields; a single file over the limit is refused by the use case.
        var limit = Adhere.Domain.Complaints.ComplaintAttachment.MaxPerComplaint * (evidence.MaxUploadBytes + Documents.DocumentsApi.RequestLimitHeadroom) + 1024 * 1024;
        complaints.MapPost("", SubmitAsync).RequireRateLimiting(ComplaintRateLimit.Policy).ProducesProblem(StatusCodes.Status400BadRequest)
            // One accepts entry for both types (a second would replace the first in routing); the document gets the multipart schema below.
            .Accepts<ComplaintRequest>("application/json", "multipart/form-data").AddOpenApiOperationTransformer(DescribeMultipartAsync)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            // An API without cookies: the form token and the rate limit guard it, as for the JSON body.
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limit), new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit });
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

    /// <summary>
    /// Files a complaint about an adherent service or its provider; answers with the reference and the secret status link.
    /// The body is JSON (<see cref="ComplaintRequest"/>) or, with attachments, the same fields as multipart/form-data.
    /// </summary>
    public static async Task<Results<Created<ComplaintCreated>, ProblemHttpResult, StatusCodeHttpResult>> SubmitAsync(HttpContext http, ComplaintFormToken tokens,
        SubmitComplaint submit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(http);
        ComplaintRequest? request;
        IFormFileCollection files = new FormFileCollection();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            request = new ComplaintRequest(Field("verificationId"), Field("company"), Field("service"), Field("role"), Field("name"), Field("email"),
                Field("mayRevealToProvider")?.Trim().ToUpperInvariant() is "TRUE" or "ON" or "1", Field("conduct"), Field("formToken"));
            files = form.Files;
        }
        else if (http.Request.HasJsonContentType())
        {
            try
            {
                request = await http.Request.ReadFromJsonAsync<ComplaintRequest>(ct);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new BadHttpRequestException("The body is not a complaint in JSON.", StatusCodes.Status400BadRequest, e);
            }
        }
        else
        {
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (request is null) throw new BadHttpRequestException("The body is empty.", StatusCodes.Status400BadRequest);
        var token = tokens.Check(request.FormToken);
        if (token.IsError) return token.Error!.ToProblem();
        var uploads = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var streams = uploads.Select(f => f.OpenReadStream()).ToList();
        Domain.Common.Result<SubmittedComplaint> filed;
        try
        {
            filed = await submit.HandleAsync(new SubmitComplaint.Command(request.VerificationId, request.Company, request.Service, request.Role,
                request.Name, request.Email, request.MayRevealToProvider, request.Conduct, [.. uploads.Select((f, i) => new SubmitComplaint.Upload(f.FileName, streams[i]))]), ct);
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }

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

    // The multipart body: the JSON fields as form fields, plus the files.
    private static Task DescribeMultipartAsync(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context,
        CancellationToken ct)
    {
        if (operation.RequestBody?.Content is not { } content) return Task.CompletedTask;
        static Microsoft.OpenApi.OpenApiSchema Text(string description) => new() { Type = Microsoft.OpenApi.JsonSchemaType.String, Description = description };
        content["multipart/form-data"] = new Microsoft.OpenApi.OpenApiMediaType
        {
            Schema = new Microsoft.OpenApi.OpenApiSchema
            {
                Type = Microsoft.OpenApi.JsonSchemaType.Object,
                Required = new HashSet<string> { "role", "conduct", "formToken" },
                Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                {
                    ["verificationId"] = Text("A current or former Verification-ID from the register; or leave it empty and give company."),
                    ["company"] = Text("The provider, when no Verification-ID is given."),
                    ["service"] = Text("The service concerned; optional."),
                    ["role"] = Text("customer, data-subject, csp or other."),
                    ["name"] = Text("Optional; needs email."),
                    ["email"] = Text("Empty for an anonymous complaint: then no follow-up questions are possible."),
                    ["mayRevealToProvider"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Boolean },
                    ["conduct"] = Text("The conduct complained of, 1–20,000 characters."),
                    ["formToken"] = Text("From GET /api/v1/complaints/form-token, at least a few seconds old."),
                    ["attachments"] = new Microsoft.OpenApi.OpenApiSchema
                    {
                        Type = Microsoft.OpenApi.JsonSchemaType.Array,
                        Description = "Up to five files under the evidence upload rules; one bad file refuses the whole complaint.",
                        Items = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
