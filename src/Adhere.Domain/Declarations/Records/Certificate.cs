using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Records;

/// <summary>What the provider enters about a certificate; <see cref="Certificate.Create"/> and <see cref="Certificate.Change"/> check it.</summary>
/// <param name="CoveredServices">The declared services its scope statement covers.</param>
/// <param name="ClaimedControls">The controls it is cited for; null means "those the catalogue maps to its standard".</param>
public sealed record CertificateInput(
    string? StandardKey,
    string? StandardVersion,
    string? Number,
    string? CertificationBody,
    string? AccreditationBody,
    string? ScopeStatement,
    IReadOnlyList<Guid> CoveredServices,
    DateOnly? IssuedOn,
    DateOnly? ExpiresOn,
    Guid? AuditReportDocumentId,
    IReadOnlyList<string>? ClaimedControls);

/// <summary>
/// A third-party certificate a declaration cites (ISO/IEC 27001 and the like). Each declaration holds its own copy;
/// a renewal copies it with the same <see cref="LineageId"/>, so that the two years can be compared. The latest
/// automated check (<see cref="CertificateCheck"/>) is stored with the time it ran, and rerun whenever an input changes.
/// </summary>
public sealed class Certificate : IOrganisationOwned
{
    public const int MaxShortLength = 200;

    public const int MaxScopeLength = 4000;

    private Certificate()
    {
        StandardKey = Number = CertificationBody = ScopeStatement = string.Empty;
        CoveredServiceIds = [];
        ClaimedControls = [];
    }

    public CertificateId Id { get; private set; }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The same certificate across a declaration and its renewals.</summary>
    public Guid LineageId { get; private set; }

    /// <summary>The key of a standard known to the catalogue (such as <c>ISO/IEC 27001:2022</c>).</summary>
    public string StandardKey { get; private set; }

    public string? StandardVersion { get; private set; }

    public string Number { get; private set; }

    public string CertificationBody { get; private set; }

    public string? AccreditationBody { get; private set; }

    public string ScopeStatement { get; private set; }

    /// <summary>The declared services the scope statement covers.</summary>
    public List<Guid> CoveredServiceIds { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    /// <summary>The last day it is valid.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public Guid? AuditReportDocumentId { get; private set; }

    /// <summary>The catalogue control keys it is cited for.</summary>
    public List<string> ClaimedControls { get; private set; }

    /// <summary>The latest check as JSON (a <see cref="CertificateCheckResult"/>); null until it first ran.</summary>
    public string? CheckJson { get; private set; }

    public DateTimeOffset? CheckedAt { get; private set; }

    public CertificateCheckOutcome? CheckOutcome { get; private set; }

    /// <summary>Creates a certificate of <paramref name="declaration"/>; <paramref name="defaultClaims"/> apply when the input names none.</summary>
    public static Result<Certificate> Create(DeclarationId declaration, OrganisationId organisation, CertificateInput input,
        IReadOnlyList<string> defaultClaims, Guid? lineage = null)
    {
        var certificate = new Certificate
        {
            Id = CertificateId.New(),
            DeclarationId = declaration,
            OrganisationId = organisation,
            LineageId = lineage ?? Guid.NewGuid(),
        };
        var set = certificate.Change(input, defaultClaims);
        return set.IsError ? set.Error! : certificate;
    }

    /// <summary>Copies this certificate into the renewal <paramref name="declaration"/>, keeping the lineage, without its check.</summary>
    public Certificate CopyTo(DeclarationId declaration) => new()
    {
        Id = CertificateId.New(),
        DeclarationId = declaration,
        OrganisationId = OrganisationId,
        LineageId = LineageId,
        StandardKey = StandardKey,
        StandardVersion = StandardVersion,
        Number = Number,
        CertificationBody = CertificationBody,
        AccreditationBody = AccreditationBody,
        ScopeStatement = ScopeStatement,
        CoveredServiceIds = [.. CoveredServiceIds],
        IssuedOn = IssuedOn,
        ExpiresOn = ExpiresOn,
        AuditReportDocumentId = AuditReportDocumentId,
        ClaimedControls = [.. ClaimedControls],
    };

    /// <summary>Replaces every field after checking them all; nothing changes on an error. The stored check is dropped.</summary>
    public Result<Done> Change(CertificateInput input, IReadOnlyList<string> defaultClaims)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(defaultClaims);
        var standard = Blank(input.StandardKey);
        if (standard is null) return DeclarationErrors.CertificateFieldRequired("standard");
        var number = Blank(input.Number);
        if (number is null) return DeclarationErrors.CertificateFieldRequired("number");
        var body = Blank(input.CertificationBody);
        if (body is null) return DeclarationErrors.CertificateFieldRequired("certificationBody");
        var scope = Blank(input.ScopeStatement);
        if (scope is null) return DeclarationErrors.CertificateFieldRequired("scopeStatement");
        if (input.IssuedOn is not { } issued) return DeclarationErrors.CertificateFieldRequired("issuedOn");
        if (input.ExpiresOn is not { } expires) return DeclarationErrors.CertificateFieldRequired("expiresOn");
        if (expires < issued) return DeclarationErrors.CertificateDatesInvalid(issued, expires);
        var version = Blank(input.StandardVersion);
        var accreditation = Blank(input.AccreditationBody);
        foreach (var (field, value) in new[] { ("standard", standard), ("standardVersion", version), ("number", number), ("certificationBody", body), ("accreditationBody", accreditation) })
        {
            if (value is { Length: > MaxShortLength }) return DeclarationErrors.TextTooLong(field, MaxShortLength);
        }

        if (scope.Length > MaxScopeLength) return DeclarationErrors.TextTooLong("scopeStatement", MaxScopeLength);
        ArgumentNullException.ThrowIfNull(input.CoveredServices);

        StandardKey = standard;
        StandardVersion = version;
        Number = number;
        CertificationBody = body;
        AccreditationBody = accreditation;
        ScopeStatement = scope;
        CoveredServiceIds = [.. input.CoveredServices.Distinct()];
        IssuedOn = issued;
        ExpiresOn = expires;
        AuditReportDocumentId = input.AuditReportDocumentId;
        ClaimedControls = [.. (input.ClaimedControls ?? defaultClaims).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];
        CheckJson = null;
        CheckedAt = null;
        CheckOutcome = null;
        return Done.Value;
    }

    /// <summary>Adds or removes one claimed control (from the answer page).</summary>
    public void SetClaim(string controlKey, bool claimed)
    {
        ArgumentNullException.ThrowIfNull(controlKey);
        var has = ClaimedControls.Contains(controlKey, StringComparer.Ordinal);
        if (claimed && !has) ClaimedControls = [.. ClaimedControls, controlKey];
        if (!claimed && has) ClaimedControls = [.. ClaimedControls.Where(c => c != controlKey)];
    }

    /// <summary>Stores a check result; the caller serialised <paramref name="result"/> into <paramref name="json"/>.</summary>
    public void RecordCheck(CertificateCheckResult result, string json, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(json);
        CheckJson = json;
        CheckedAt = checkedAt;
        CheckOutcome = result.Outcome;
    }

    /// <summary>The facts the check rules take.</summary>
    public CertificateFacts ToFacts(bool useLineageAsId = false) => new(
        useLineageAsId ? new CertificateId(LineageId) : Id, StandardKey, StandardVersion, Number, CertificationBody, AccreditationBody, ScopeStatement,
        [.. CoveredServiceIds.Select(s => new ServiceId(s))], IssuedOn, ExpiresOn, AuditReportDocumentId is not null, ClaimedControls);

    internal void KeepCoveredServices(IReadOnlySet<Guid> inScope)
    {
        if (CoveredServiceIds.TrueForAll(inScope.Contains)) return;
        CoveredServiceIds = [.. CoveredServiceIds.Where(inScope.Contains)];
        CheckJson = null;
        CheckedAt = null;
        CheckOutcome = null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
