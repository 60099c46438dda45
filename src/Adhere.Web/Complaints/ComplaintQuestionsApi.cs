using System.Globalization;
using Adhere.Core.Complaints.Investigation;
using Adhere.Core.Documents;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Web.Documents;
using Adhere.Web.Infrastructure;
using Adhere.Web.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Adhere.Web.Complaints;

/// <summary>A question or note just written: its ID and, for a question, whom it went to and when the answer is due.</summary>
public sealed record InvestigationCreated(Guid Id, string? To, DateOnly? DueOn);

/// <summary>
/// A complaint's investigation over HTTP. MB staff ask questions and keep notes under <c>/complaints/{reference}</c>; a
/// provider reads and answers the questions put to it under <c>/complaint-questions</c> (the tenancy filter shows it only its
/// own: another provider's question answers 404); the complainant answers through the secret link under
/// <c>/complaint-answers/{key}</c>, without an account. Writes take <c>multipart/form-data</c> (fields and up to five
/// <c>files</c>, under the evidence upload rules); API tokens are bearer credentials, so no antiforgery token is needed.
/// </summary>
public static class ComplaintQuestionsApi
{
    public static RouteGroupBuilder MapComplaintQuestionsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var evidence = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<EvidenceSettings>();
        var limit = new RequestSizeLimitAttribute(MaxBody(evidence));

        var cases = api.MapGroup("/complaints").WithTags("Complaints").RequireAuthorization(Policies.MbStaff);
        cases.MapPost("/{reference}/questions", AskAsync).DisableAntiforgery().WithMetadata(limit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{reference}/notes", NoteAsync).DisableAntiforgery().WithMetadata(limit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{reference}/files/{fileId:guid}", CaseFileAsync).ProducesProblem(StatusCodes.Status404NotFound);

        var provider = api.MapGroup("/complaint-questions").WithTags("Complaints").RequireAuthorization(Policies.CspMember);
        provider.MapGet("", ProviderListAsync);
        provider.MapGet("/{id:guid}", ProviderQuestionAsync).ProducesProblem(StatusCodes.Status404NotFound);
        provider.MapGet("/{id:guid}/files/{fileId:guid}", ProviderFileAsync).ProducesProblem(StatusCodes.Status404NotFound);
        provider.MapPost("/{id:guid}/answer", ProviderAnswerAsync).RequireAuthorization(Policies.DeclarationEditor).DisableAntiforgery().WithMetadata(limit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var answers = api.MapGroup("/complaint-answers").WithTags("Complaints").AllowAnonymous().ProducesProblem(StatusCodes.Status429TooManyRequests);
        answers.MapGet("/{key}", ComplainantQuestionAsync).RequireRateLimiting(RegisterApi.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        answers.MapGet("/{key}/files/{fileId:guid}", ComplainantFileAsync).RequireRateLimiting(RegisterApi.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound);
        answers.MapPost("/{key}", ComplainantAnswerAsync).RequireRateLimiting(ComplaintRateLimit.Policy).DisableAntiforgery().WithMetadata(limit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>The largest request with the most files at the size limit, plus room for the fields.</summary>
    public static long MaxBody(EvidenceSettings evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return (ComplaintQuestion.MaxFiles * evidence.MaxUploadBytes) + (1024 * 1024);
    }

    /// <summary>Asks the provider concerned or the complainant a question about the complaint.</summary>
    /// <param name="to">provider or complainant.</param>
    /// <param name="text">The question, 1–8,000 characters.</param>
    /// <param name="dueOn">For the provider only: a later due date than the standard period (yyyy-MM-dd).</param>
    public static async Task<Results<Created<InvestigationCreated>, ProblemHttpResult>> AskAsync(string reference, [FromForm] string? to,
        [FromForm] string? text, [FromForm] string? dueOn, IFormFileCollection? files, AskComplaintQuestion ask, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ask);
        if (!TryParseDate(dueOn, out var due)) return ComplaintQuestionErrors.DueInvalidFormat().ToProblem();
        var result = await WithUploadsAsync(files, uploads => ask.HandleAsync(new(reference, to, text, due, uploads), ct));
        return result.IsError
            ? result.Error!.ToProblem()
            : TypedResults.Created($"/api/v1/complaints/{reference}", new InvestigationCreated(result.Value.Id, result.Value.To, result.Value.DueOn));
    }

    /// <summary>Keeps an internal note on the complaint, never shown to the provider or the complainant.</summary>
    public static async Task<Results<Created<InvestigationCreated>, ProblemHttpResult>> NoteAsync(string reference, [FromForm] string? text,
        IFormFileCollection? files, AddComplaintNote add, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(add);
        var result = await WithUploadsAsync(files, uploads => add.HandleAsync(new(reference, text, uploads), ct));
        return result.IsError
            ? result.Error!.ToProblem()
            : TypedResults.Created($"/api/v1/complaints/{reference}", new InvestigationCreated(result.Value, null, null));
    }

    /// <summary>A file of the case: sent with the complaint, a question, an answer or a note.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> CaseFileAsync(string reference, Guid fileId, InvestigationQueries queries,
        HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return Send(await queries.CaseFileAsync(reference, fileId, ct), response);
    }

    /// <summary>The questions the Monitoring Body put to your organisation about complaints, the newest first.</summary>
    public static async Task<Ok<IReadOnlyList<ProviderQuestionView>>> ProviderListAsync(InvestigationQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return TypedResults.Ok(await queries.ProviderQuestionsAsync(ct));
    }

    public static async Task<Results<Ok<ProviderQuestionView>, ProblemHttpResult>> ProviderQuestionAsync(Guid id, InvestigationQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = await queries.ProviderQuestionAsync(id, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ProviderFileAsync(Guid id, Guid fileId, InvestigationQueries queries,
        HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return Send(await queries.ProviderFileAsync(id, fileId, ct), response);
    }

    /// <summary>Answers a question put to your organisation (CSP editors); one answer per question.</summary>
    public static async Task<Results<Ok<ProviderQuestionView>, ProblemHttpResult>> ProviderAnswerAsync(Guid id, [FromForm] string? text,
        IFormFileCollection? files, AnswerProviderQuestion answer, InvestigationQueries queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(queries);
        var result = await WithUploadsAsync(files, uploads => answer.HandleAsync(new(id, text, uploads), ct));
        if (result.IsError) return result.Error!.ToProblem();
        var found = await queries.ProviderQuestionAsync(id, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    /// <summary>The question behind an answer link, for the complainant holding it.</summary>
    public static async Task<Results<Ok<ComplainantQuestionView>, ProblemHttpResult>> ComplainantQuestionAsync(string key, ComplainantQuestionLookup lookup,
        HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        var found = await lookup.HandleAsync(key, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ComplainantFileAsync(string key, Guid fileId, ComplainantQuestionLookup lookup,
        HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        return Send(await lookup.FileAsync(key, fileId, ct), response);
    }

    /// <summary>The complainant's answer, within the answer window; needs a form token as the complaint form does.</summary>
    /// <param name="formToken">From <c>GET /api/v1/complaints/form-token</c>.</param>
    public static async Task<Results<Ok<ComplainantQuestionView>, ProblemHttpResult>> ComplainantAnswerAsync(string key, [FromForm] string? text,
        [FromForm] string? formToken, IFormFileCollection? files, ComplaintFormToken tokens, AnswerComplainantQuestion answer, ComplainantQuestionLookup lookup,
        HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        // The link is checked before the form token, so that a stale form never hides that the link itself is wrong.
        var link = await lookup.HandleAsync(key, ct);
        if (link.IsError) return link.Error!.ToProblem();
        var token = tokens.Check(formToken);
        if (token.IsError) return token.Error!.ToProblem();
        var result = await WithUploadsAsync(files, uploads => answer.HandleAsync(new(key, text, uploads), ct));
        if (result.IsError) return result.Error!.ToProblem();
        var found = await lookup.HandleAsync(key, ct);
        return found.IsError ? found.Error!.ToProblem() : TypedResults.Ok(found.Value);
    }

    /// <summary>Opens the uploaded files as <see cref="InvestigationUpload"/>s for <paramref name="use"/>, closing them after.</summary>
    public static async Task<Result<T>> WithUploadsAsync<T>(IEnumerable<IFormFile>? files, Func<IReadOnlyList<InvestigationUpload>, Task<Result<T>>> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        var chosen = (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var streams = chosen.Select(f => f.OpenReadStream()).ToList();
        try
        {
            return await use([.. chosen.Select((f, i) => new InvestigationUpload(f.FileName, streams[i]))]);
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> Send(Result<InvestigationDownload> result, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (result.IsError) return result.Error!.ToProblem();
        DocumentsApi.Protect(response);
        var file = result.Value;
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
