using Adhere.Core.Documents;
using Adhere.Domain.Declarations.Documents;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Adhere.Web.Documents;

/// <summary>
/// Evidence documents. Upload sends the file as the raw request body with its name in the <c>X-File-Name</c> header
/// (percent-encoded UTF-8 when it is not ASCII): no multipart parsing and no buffering of the form on the API.
/// Downloads are always attachments with the sniffed type, <c>nosniff</c> and a sandboxing CSP, so an uploaded file
/// can never run as a page of this site. The tenancy filter decides who sees what, not this code.
/// </summary>
public static class DocumentsApi
{
    public const string FileNameHeader = "X-File-Name";

    /// <summary>Headroom above the setting, so that our own check (naming the limit) answers rather than Kestrel.</summary>
    public const long RequestLimitHeadroom = 64 * 1024;

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var settings = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<EvidenceSettings>();
        var documents = api.MapGroup("/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync);
        documents.MapGet("/{id:guid}", GetAsync);
        documents.MapGet("/{id:guid}/content", DownloadAsync);
        documents.MapPost("/", UploadAsync)
            .RequireAuthorization(Policies.DocumentEditor)
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxUploadBytes + RequestLimitHeadroom));
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DocumentDetails>>> ListAsync(Guid? organisationId, DocumentQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(organisationId, ct));

    public static async Task<Results<Ok<DocumentDetails>, ProblemHttpResult>> GetAsync(Guid id, DocumentQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    /// <param name="organisationId">The provider; required for MB administrators, optional (and only its own) for a CSP editor.</param>
    public static async Task<Results<Created<DocumentDetails>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, Guid? organisationId, UploadDocument handler, EvidenceSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = Uri.UnescapeDataString(request.Headers[FileNameHeader].ToString());
        try
        {
            var result = await handler.HandleAsync(new(organisationId, name, request.Body), ct);
            return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/documents/{result.Value.Id}", result.Value);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the setting plus headroom) was hit first; answer as our check would.
            return DocumentErrors.TooLarge(settings.MaxUploadBytes).ToProblem();
        }
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid id, OpenDocument handler, HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var result = await handler.HandleAsync(id, ct);
        if (result.IsError) return result.Error!.ToProblem();
        Protect(response);
        var download = result.Value;
        return TypedResults.File(download.Content, download.ContentType, download.FileName);
    }

    /// <summary>The headers that keep a downloaded file from being rendered or run in the site's origin.</summary>
    public static void Protect(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
    }
}
