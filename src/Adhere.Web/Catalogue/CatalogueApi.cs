using Adhere.Core.Catalogue;
using Adhere.Domain.Catalogue;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Adhere.Web.Catalogue;

/// <summary>
/// The catalogue API. Reading is public (the Code is public information); importing and freezing are for MB
/// administrators. An import answers 200 with its report, or 400 with every problem in <c>problems</c>.
/// </summary>
public static class CatalogueApi
{
    public static RouteGroupBuilder MapCatalogueApi(this RouteGroupBuilder api)
    {
        var catalogues = api.MapGroup("/catalogues").WithTags("Catalogues");
        catalogues.MapGet("/", ListAsync).AllowAnonymous();
        catalogues.MapGet("/{id:guid}", GetAsync).AllowAnonymous();
        catalogues.MapGet("/{id:guid}/controls/{key}", GetControlAsync).AllowAnonymous();
        catalogues.MapGet("/{id:guid}/export", ExportAsync).AllowAnonymous();
        catalogues.MapGet("/search", SearchAsync).AllowAnonymous();
        // The body is the file itself; ImportCatalogue enforces Catalogue:MaxImportBytes while reading it.
        catalogues.MapPost("/import", ImportAsync).RequireAuthorization(Policies.MbAdmin)
            .WithMetadata(new DisableRequestSizeLimitAttribute());
        catalogues.MapPost("/{id:guid}/freeze", FreezeAsync).RequireAuthorization(Policies.MbAdmin);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<CatalogueSummary>>> ListAsync(CatalogueQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));

    public static async Task<Results<Ok<CatalogueView>, ProblemHttpResult>> GetAsync(Guid id, CatalogueQueries queries, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ControlView>, ProblemHttpResult>> GetControlAsync(Guid id, string key, CatalogueQueries queries, CancellationToken ct)
    {
        var result = await queries.GetControlAsync(id, key, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<IReadOnlyList<ControlHit>>, ProblemHttpResult>> SearchAsync(string? q, Guid? catalogueId, int? limit,
        CatalogueQueries queries, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2)
        {
            return new Domain.Common.InvalidError("catalogue.search-too-short", "Search for at least two characters.", "q").ToProblem();
        }

        return TypedResults.Ok(await queries.SearchAsync(q, catalogueId, limit ?? 50, ct));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Guid id, string? format, CatalogueQueries queries,
        ExportCatalogue export, CancellationToken ct)
    {
        if (!TryParseExport(format, out var exportFormat))
        {
            return new Domain.Common.InvalidError("catalogue.unknown-export-format", "Use format=native, oscal or oscal-mapping.", "format").ToProblem();
        }

        var catalogue = await queries.GetAsync(id, ct);
        if (catalogue.IsError) return catalogue.Error!.ToProblem();
        var c = catalogue.Value.Catalogue;
        using var buffer = new MemoryStream();
        var written = await export.HandleAsync(c.Name, c.Version, exportFormat, buffer, ct);
        if (written.IsError) return written.Error!.ToProblem();
        var (type, extension) = exportFormat == ExportFormat.Native ? ("application/yaml", "yaml") : ("application/json", "json");
        var suffix = exportFormat switch { ExportFormat.Oscal => "-oscal", ExportFormat.OscalMapping => "-oscal-mapping", _ => string.Empty };
        return TypedResults.File(buffer.ToArray(), type, $"{FileNames.Safe(c.Name)}-{FileNames.Safe(c.Version)}{suffix}.{extension}");
    }

    public sealed record ImportProblemsResponse(string Type, string Title, int Status, string ErrorCode, string Detail, IReadOnlyList<CatalogueProblem> Problems);

    public static async Task<Results<Ok<ImportReport>, JsonHttpResult<ImportProblemsResponse>>> ImportAsync(
        HttpRequest request, [FromQuery] string? format, [FromQuery] bool? dryRun, ImportCatalogue import, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsedFormat = format?.Trim().ToUpperInvariant() switch
        {
            null or "" or "AUTO" => CatalogueFormat.Auto,
            "NATIVE" => CatalogueFormat.Native,
            "OSCAL" => CatalogueFormat.Oscal,
            _ => (CatalogueFormat?)null,
        };
        if (parsedFormat is null)
        {
            return Problems([new CatalogueProblem("format", "catalogue.unknown-import-format", "Use format=auto, native or oscal.")]);
        }

        var report = await import.HandleAsync(new ImportCatalogue.Command(request.Body, request.ContentLength, parsedFormat.Value, dryRun ?? false), ct);
        return report.Problems.Count > 0 ? Problems(report.Problems) : TypedResults.Ok(report);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> FreezeAsync(Guid id, FreezeCatalogue freeze, CancellationToken ct)
    {
        var result = await freeze.HandleAsync(id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>A ProblemDetails body listing every problem of the file; the first one's code is the errorCode.</summary>
    private static JsonHttpResult<ImportProblemsResponse> Problems(IReadOnlyList<CatalogueProblem> problems)
    {
        var code = problems.Count == 1 ? problems[0].Code : "catalogue.invalid";
        return TypedResults.Json(
            new ImportProblemsResponse($"https://adhere.dev/problems/{code}", "The file cannot be imported", 400, code,
                $"{problems.Count} problem(s) found; nothing was imported.", problems),
            statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");
    }

    public static bool TryParseExport(string? format, out ExportFormat exportFormat)
    {
        switch (format?.Trim().ToUpperInvariant())
        {
            case null or "" or "NATIVE":
                exportFormat = ExportFormat.Native;
                return true;
            case "OSCAL":
                exportFormat = ExportFormat.Oscal;
                return true;
            case "OSCAL-MAPPING":
                exportFormat = ExportFormat.OscalMapping;
                return true;
            default:
                exportFormat = ExportFormat.Native;
                return false;
        }
    }
}

public static class FileNames
{
    /// <summary>A file-name-safe form: letters, digits, '.', '-' and '_' kept, the rest as '-'.</summary>
    public static string Safe(string text) =>
        new((text ?? string.Empty).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
}
