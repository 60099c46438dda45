using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Records;

// The parts of a stored declaration. Each carries the organisation, so that the tenancy filter applies to them directly
// and not only through the declaration.

/// <summary>A service in a declaration's scope.</summary>
public sealed class DeclarationServiceEntry : IOrganisationOwned
{
    private DeclarationServiceEntry()
    {
    }

    internal DeclarationServiceEntry(DeclarationId declarationId, OrganisationId organisationId, ServiceId serviceId, int position, bool sameFamilyConfirmed)
    {
        DeclarationId = declarationId;
        OrganisationId = organisationId;
        ServiceId = serviceId;
        Position = position;
        SameFamilyConfirmed = sameFamilyConfirmed;
    }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public ServiceId ServiceId { get; private set; }

    public int Position { get; private set; }

    /// <summary>For a service added in a renewal: the provider confirms it belongs to the same service family.</summary>
    public bool SameFamilyConfirmed { get; private set; }

    internal void ConfirmSameFamily(bool confirmed) => SameFamilyConfirmed = confirmed;
}

/// <summary>A service of the renewed declaration that left the scope, with the provider's reason.</summary>
public sealed class RemovedService : IOrganisationOwned
{
    public const int MaxReasonLength = 2000;

    private RemovedService()
    {
        Reason = string.Empty;
    }

    internal RemovedService(DeclarationId declarationId, OrganisationId organisationId, ServiceId serviceId, string reason)
    {
        DeclarationId = declarationId;
        OrganisationId = organisationId;
        ServiceId = serviceId;
        Reason = reason;
    }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public ServiceId ServiceId { get; private set; }

    public string Reason { get; private set; }
}

/// <summary>A service agreement document attached to a declaration.</summary>
public sealed class DeclarationAgreement : IOrganisationOwned
{
    private DeclarationAgreement()
    {
    }

    internal DeclarationAgreement(DeclarationId declarationId, OrganisationId organisationId, Guid documentId, AgreementKind kind)
    {
        DeclarationId = declarationId;
        OrganisationId = organisationId;
        DocumentId = documentId;
        Kind = kind;
    }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public Guid DocumentId { get; private set; }

    public AgreementKind Kind { get; private set; }
}

/// <summary>
/// The provider's answer to one control: how it implements it (Markdown, rendered sanitised), the measures, and the
/// evidence documents it refers to. Which certificates back the control follows from the certificates' claims, so it
/// is not stored twice. A blank statement is an unanswered control.
/// </summary>
public sealed class ControlAnswer : IOrganisationOwned
{
    public const int MaxStatementLength = 20_000;

    public const int MaxMeasuresLength = 10_000;

    public const int MaxDocuments = 50;

    private ControlAnswer()
    {
        ControlKey = UpdatedBy = string.Empty;
        DocumentIds = [];
    }

    internal ControlAnswer(DeclarationId declarationId, OrganisationId organisationId, string controlKey)
        : this()
    {
        DeclarationId = declarationId;
        OrganisationId = organisationId;
        ControlKey = controlKey;
    }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public string ControlKey { get; private set; }

    public string? Statement { get; private set; }

    public string? Measures { get; private set; }

    /// <summary>Evidence documents of the organisation that the answer refers to.</summary>
    public List<Guid> DocumentIds { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    /// <summary>True when the statement holds more than white space.</summary>
    public bool IsAnswered => !string.IsNullOrWhiteSpace(Statement);

    internal Result<Done> Change(string? statement, string? measures, IReadOnlyList<Guid> documentIds, string actor, DateTimeOffset now)
    {
        statement = Blank(statement);
        if (statement is { Length: > MaxStatementLength }) return DeclarationErrors.StatementTooLong(MaxStatementLength);
        measures = Blank(measures);
        if (measures is { Length: > MaxMeasuresLength }) return DeclarationErrors.MeasuresTooLong(MaxMeasuresLength);
        if (documentIds.Count > MaxDocuments) return DeclarationErrors.TextTooLong("documents", MaxDocuments);
        Statement = statement;
        Measures = measures;
        DocumentIds = [.. documentIds.Distinct()];
        UpdatedAt = now;
        UpdatedBy = actor;
        return Done.Value;
    }

    // Line endings are normalised so that the same text saved from a browser or an API client compares equal.
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.ReplaceLineEndings("\n").Trim();
}
