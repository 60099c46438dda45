using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations;

// The shared vocabulary of declarations. The rules that use it live beside it: certificate checks, coverage and the
// level proposal (Evidence*.cs), the lifecycle (DeclarationLifecycle.cs), submission checks and the renewal difference.
// These are pure: persistence and use cases come in Adhere.Core.

/// <summary>Identifies a declared cloud service.</summary>
public readonly record struct ServiceId(Guid Value) : IEntityId
{
    public static ServiceId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a Declaration of Adherence.</summary>
public readonly record struct DeclarationId(Guid Value) : IEntityId
{
    public static DeclarationId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a third-party certificate a provider cites.</summary>
public readonly record struct CertificateId(Guid Value) : IEntityId
{
    public static CertificateId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>The Level of Compliance: the strength of evidence, never which requirements apply.</summary>
public enum ComplianceLevel
{
    /// <summary>The provider's own documented review, checked by the Monitoring Body.</summary>
    First = 1,

    /// <summary>Partly backed by checked third-party certificates or audits.</summary>
    Second = 2,

    /// <summary>Fully backed by checked third-party certificates or audits.</summary>
    Third = 3,
}

/// <summary>Whether a declaration is a provider's first for its services or the yearly renewal of a verified one.</summary>
public enum DeclarationKind
{
    Initial = 1,
    Renewal = 2,
}

/// <summary>A service as a declaration lists it.</summary>
/// <param name="Category">The category from the Code's list; null until the provider chooses one.</param>
public sealed record DeclaredService(ServiceId Id, string Name, string? Category, string? Family);

/// <summary>
/// What a provider states about a certificate. <see cref="ClaimedControls"/> are the catalogue control keys it is
/// cited for; <see cref="CoveredServices"/> the declared services its scope statement covers, as the MB recorded them.
/// </summary>
public sealed record CertificateFacts(
    CertificateId Id,
    string StandardKey,
    string? StandardVersion,
    string Number,
    string CertificationBody,
    string? AccreditationBody,
    string ScopeStatement,
    IReadOnlyList<ServiceId> CoveredServices,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    bool HasAuditReport,
    IReadOnlyList<string> ClaimedControls);

/// <summary>One control of the catalogue, as the evidence rules need it: its key and its top-level section.</summary>
public sealed record CatalogueControlRef(string Key, string TopSection, string? SectionTitle = null);

/// <summary>A mapping of the catalogue: <paramref name="ControlKey"/> is mapped to some clause of <paramref name="StandardKey"/>.</summary>
public sealed record ControlStandardMapping(string ControlKey, string StandardKey);

/// <summary>Settings of the level proposal (defaults from DOMAIN.md; an MB may change them).</summary>
/// <param name="SecondLevelShare">The share of controls (0–1) that checked third-party evidence must cover for Level 2. Default 0.5.</param>
/// <param name="WholeSectionGivesSecondLevel">A fully covered top-level section also gives Level 2. Default true.</param>
public sealed record LevelPolicy(decimal SecondLevelShare = 0.5m, bool WholeSectionGivesSecondLevel = true)
{
    public static LevelPolicy Default { get; } = new();
}
