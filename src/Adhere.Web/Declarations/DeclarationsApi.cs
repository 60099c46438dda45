using Adhere.Core.Declarations;
using Adhere.Domain.Declarations.Records;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adhere.Web.Declarations;

/// <summary>
/// Declarations of Adherence, their answers and certificates. CSP members see their own organisation's (the tenancy
/// filter decides), CSP editors change drafts; MB staff read all and review certificate change notices.
/// </summary>
public static class DeclarationsApi
{
    public static RouteGroupBuilder MapDeclarationsApi(this RouteGroupBuilder api)
    {
        var declarations = api.MapGroup("/declarations").WithTags("Declarations");
        declarations.MapGet("/", ListAsync);
        declarations.MapGet("/{id:guid}", GetAsync);
        declarations.MapPost("/", StartAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapGet("/{id:guid}/answers", AnswersAsync);
        declarations.MapGet("/{id:guid}/answers/{controlKey}", AnswerAsync);
        declarations.MapPut("/{id:guid}/answers/{controlKey}", SaveAnswerAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPost("/{id:guid}/certificates", AddCertificateAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPut("/{id:guid}/certificates/{certificateId:guid}", UpdateCertificateAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapDelete("/{id:guid}/certificates/{certificateId:guid}", RemoveCertificateAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPost("/{id:guid}/certificates/{certificateId:guid}/notices", ReportChangeAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPost("/{id:guid}/submit", SubmitAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPost("/{id:guid}/withdraw", WithdrawAsync).RequireAuthorization(Policies.DeclarationEditor);
        // Listing decisions: MB staff reach them, the lifecycle lets only decision makers fire them.
        declarations.MapPost("/{id:guid}/suspend", SuspendAsync).RequireAuthorization(Policies.MbStaff);
        declarations.MapPost("/{id:guid}/reinstate", ReinstateAsync).RequireAuthorization(Policies.MbStaff);
        declarations.MapPost("/{id:guid}/revoke", RevokeAsync).RequireAuthorization(Policies.MbStaff);
        declarations.MapPost("/{id:guid}/renewal", StartRenewalAsync).RequireAuthorization(Policies.DeclarationEditor);
        declarations.MapPut("/{id:guid}/renewal-statement", StateRenewalAsync).RequireAuthorization(Policies.DeclarationEditor);

        var notices = api.MapGroup("/certificate-notices").WithTags("Declarations").RequireAuthorization(Policies.MbStaff);
        notices.MapGet("/", NoticesAsync);
        notices.MapPost("/{id:guid}/review", ReviewNoticeAsync);
        return api;
    }

    /// <param name="Code">The Code's name; <paramref name="Version"/> its version (the newest active one when omitted).</param>
    /// <param name="OrganisationId">The provider; only MB administrators name one, CSP editors declare for their own.</param>
    public sealed record StartRequest(Guid? OrganisationId, string? Code, string? Version, IReadOnlyList<string>? Modules, IReadOnlyList<Guid>? Services,
        string? Title, int? RequestedLevel, string? ContactName, string? ContactEmail);

    /// <param name="Title">Omit (or null) to keep; an empty text clears it. The same for the contact; a level of 0 clears the level.</param>
    /// <param name="Services">The full list of services in scope; omit to keep it.</param>
    /// <param name="Agreements">The full list of agreement documents; omit to keep it.</param>
    public sealed record UpdateRequest(string? Title, int? RequestedLevel, string? ContactName, string? ContactEmail, IReadOnlyList<Guid>? Services,
        IReadOnlyList<AgreementRequest>? Agreements);

    /// <param name="Kind">service-agreement, data-processing-agreement or other.</param>
    public sealed record AgreementRequest(Guid DocumentId, string? Kind);

    /// <param name="Certificates">The declaration's certificates cited for this control; omit to leave the claims unchanged.</param>
    public sealed record AnswerRequest(string? Statement, string? Measures, IReadOnlyList<Guid>? Documents, IReadOnlyList<Guid>? Certificates);

    /// <param name="Standard">A standard key the catalogue knows, such as "ISO/IEC 27001:2022".</param>
    /// <param name="ClaimedControls">Omit to claim the controls the catalogue maps to the standard.</param>
    public sealed record CertificateRequest(string? Standard, string? StandardVersion, string? Number, string? CertificationBody, string? AccreditationBody,
        string? ScopeStatement, IReadOnlyList<Guid>? CoveredServices, DateOnly? IssuedOn, DateOnly? ExpiresOn, Guid? AuditReportDocumentId,
        IReadOnlyList<string>? ClaimedControls);

    /// <param name="Kind">renewed, scope-changed or withdrawn.</param>
    public sealed record NoticeRequest(string? Kind, string? Description, DateOnly? NewExpiresOn, Guid? DocumentId);

    public sealed record NoticeCreated(Guid Id);

    public sealed record ReviewRequest(string? Note);

    /// <param name="Version">Renew against this newer version of the same Code; omit to keep the version.</param>
    public sealed record RenewalRequest(string? Version);

    /// <param name="RemovalReasons">Per service of the renewed declaration no longer in scope (by ID), why it left.</param>
    /// <param name="SameFamilyConfirmed">Added services confirmed to belong to the same service family.</param>
    public sealed record RenewalStatementRequest(bool? NoMaterialChange, string? ChangeDescription, IReadOnlyDictionary<Guid, string>? RemovalReasons,
        IReadOnlyList<Guid>? SameFamilyConfirmed);

    public static async Task<Ok<IReadOnlyList<DeclarationSummary>>> ListAsync(Guid? organisationId, DeclarationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(organisationId, ct));

    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> GetAsync(Guid id, DeclarationQueries queries, CancellationToken ct) =>
        Answer(await queries.GetAsync(id, ct));

    public static async Task<Results<Created<DeclarationDetails>, ProblemHttpResult>> StartAsync(StartRequest request, StartDeclaration handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(request.OrganisationId, request.Code, request.Version, request.Modules, request.Services,
            request.Title, request.RequestedLevel, request.ContactName, request.ContactEmail), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/declarations/{result.Value.Summary.Id}", result.Value);
    }

    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateRequest request, UpdateDeclaration handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Answer(await handler.HandleAsync(new(id, request.Title, request.RequestedLevel, request.ContactName, request.ContactEmail, request.Services,
            request.Agreements?.Select(a => new UpdateDeclaration.Agreement(a.DocumentId, a.Kind)).ToList()), ct));
    }

    /// <param name="section">A section key (such as 5.1 or 5): only its controls and those of its subsections.</param>
    public static async Task<Results<Ok<IReadOnlyList<AnswerView>>, ProblemHttpResult>> AnswersAsync(Guid id, string? section, DeclarationQueries queries, CancellationToken ct) =>
        Answer(await queries.AnswersAsync(id, section, ct));

    public static async Task<Results<Ok<AnswerView>, ProblemHttpResult>> AnswerAsync(Guid id, string controlKey, DeclarationQueries queries, CancellationToken ct) =>
        Answer(await queries.AnswerAsync(id, controlKey, ct));

    public static async Task<Results<Ok<AnswerView>, ProblemHttpResult>> SaveAnswerAsync(Guid id, string controlKey, AnswerRequest request, SaveAnswer handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Answer(await handler.HandleAsync(new(id, controlKey, request.Statement, request.Measures, request.Documents, request.Certificates), ct));
    }

    public static async Task<Results<Created<CertificateView>, ProblemHttpResult>> AddCertificateAsync(Guid id, CertificateRequest request, AddCertificate handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, Input(request), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/declarations/{id}/certificates/{result.Value.Id}", result.Value);
    }

    public static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> UpdateCertificateAsync(Guid id, Guid certificateId, CertificateRequest request,
        UpdateCertificate handler, CancellationToken ct) =>
        Answer(await handler.HandleAsync(id, certificateId, Input(request), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveCertificateAsync(Guid id, Guid certificateId, RemoveCertificate handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, certificateId, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.NoContent();
    }

    public static async Task<Results<Created<NoticeCreated>, ProblemHttpResult>> ReportChangeAsync(Guid id, Guid certificateId, NoticeRequest request,
        ReportCertificateChange handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await handler.HandleAsync(new(id, certificateId, request.Kind, request.Description, request.NewExpiresOn, request.DocumentId), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/certificate-notices/{result.Value}", new NoticeCreated(result.Value));
    }

    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> SubmitAsync(Guid id, SubmitDeclaration handler, CancellationToken ct) =>
        Answer(await handler.HandleAsync(id, ct));

    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> WithdrawAsync(Guid id, WithdrawDeclaration handler, CancellationToken ct) =>
        Answer(await handler.HandleAsync(id, ct));

    /// <param name="Reason">Why: required, at most 4000 characters; kept in the audit trail and sent to the provider.</param>
    public sealed record ListingDecisionRequest(string? Reason);

    /// <summary>A decision maker suspends a listed declaration; the register shows it suspended at once.</summary>
    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> SuspendAsync(Guid id, ListingDecisionRequest? request, SuspendDeclaration handler,
        CancellationToken ct) => Answer(await handler.HandleAsync(new(id, request?.Reason), ct));

    /// <summary>A decision maker lifts a suspension.</summary>
    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> ReinstateAsync(Guid id, ListingDecisionRequest? request, ReinstateDeclaration handler,
        CancellationToken ct) => Answer(await handler.HandleAsync(new(id, request?.Reason), ct));

    /// <summary>A decision maker revokes a listed or suspended declaration (final).</summary>
    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> RevokeAsync(Guid id, ListingDecisionRequest? request, RevokeDeclaration handler,
        CancellationToken ct) => Answer(await handler.HandleAsync(new(id, request?.Reason), ct));

    public static async Task<Results<Created<DeclarationDetails>, ProblemHttpResult>> StartRenewalAsync(Guid id, RenewalRequest? request, StartRenewal handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new(id, request?.Version), ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Created($"/api/v1/declarations/{result.Value.Summary.Id}", result.Value);
    }

    public static async Task<Results<Ok<DeclarationDetails>, ProblemHttpResult>> StateRenewalAsync(Guid id, RenewalStatementRequest request, StateRenewal handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Answer(await handler.HandleAsync(new(id, request.NoMaterialChange, request.ChangeDescription, request.RemovalReasons, request.SameFamilyConfirmed), ct));
    }

    /// <param name="open">Only notices not yet reviewed (default true).</param>
    public static async Task<Ok<IReadOnlyList<NoticeView>>> NoticesAsync(bool? open, DeclarationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.NoticesAsync(open ?? true, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> ReviewNoticeAsync(Guid id, ReviewRequest? request, ReviewCertificateNotice handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, request?.Note, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.NoContent();
    }

    private static CertificateInput Input(CertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CertificateInput(request.Standard, request.StandardVersion, request.Number, request.CertificationBody, request.AccreditationBody,
            request.ScopeStatement, request.CoveredServices ?? [], request.IssuedOn, request.ExpiresOn, request.AuditReportDocumentId, request.ClaimedControls);
    }

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Adhere.Domain.Common.Result<T> result) =>
        result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(result.Value);
}
