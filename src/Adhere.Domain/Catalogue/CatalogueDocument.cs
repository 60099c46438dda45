using Adhere.Domain.Common;

namespace Adhere.Domain.Catalogue;

/// <summary>Identifies one stored catalogue version (a Code at one version).</summary>
public readonly record struct CatalogueId(Guid Value) : IEntityId
{
    public static CatalogueId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Where a catalogue version stands in its life.</summary>
public enum CatalogueStatus
{
    /// <summary>Being prepared; not yet the yardstick for declarations.</summary>
    Draft = 1,

    /// <summary>In force: declarations may be made against it.</summary>
    Active = 2,

    /// <summary>Superseded; kept for the declarations and reports that used it.</summary>
    Retired = 3,
}

/// <summary>
/// The content of one catalogue version, independent of the file format it came from (our native YAML/JSON or
/// OSCAL): the Code's facts, its sections, controls, optional modules, the standards it maps to, the mappings, and
/// transitions from earlier versions. Sections and controls are flat lists in document order; the tree is given by
/// <see cref="SectionDraft.ParentKey"/>, <see cref="ControlDraft.SectionKey"/> and <see cref="ControlDraft.ParentControlKey"/>.
/// A document may be invalid; <see cref="CatalogueValidator"/> lists every problem at once.
/// </summary>
public sealed record CatalogueDocument(
    CodeInfo Code,
    IReadOnlyList<SectionDraft> Sections,
    IReadOnlyList<ControlDraft> Controls,
    IReadOnlyList<ModuleDraft> Modules,
    IReadOnlyList<StandardDraft> Standards,
    IReadOnlyList<MappingDraft> Mappings,
    IReadOnlyList<TransitionDraft> Transitions);

/// <summary>The facts about the Code at this version. <see cref="Name"/> and <see cref="Version"/> identify it.</summary>
/// <param name="Origin">The format it was imported from: <c>native</c> or <c>oscal</c>.</param>
/// <param name="SourceId">The identifier the source gave the document (an OSCAL catalog UUID), kept for export.</param>
public sealed record CodeInfo(
    string Name,
    string Version,
    string? Owner,
    DateOnly? PublishedOn,
    DateOnly? ApprovedOn,
    CatalogueStatus Status,
    string? Description,
    bool IsDemo,
    string Origin,
    string? SourceId);

/// <summary>A section or subsection (an OSCAL group). <see cref="ParentKey"/> is null for a top-level section.</summary>
/// <param name="Extra">Source-format details with no column of their own (OSCAL class, props, parts), as JSON, for export.</param>
/// <param name="SourcePath">Where in the file it came from, for error messages; not stored.</param>
public sealed record SectionDraft(string Key, string? ParentKey, string Title, string? Description, string? Extra = null, string? SourcePath = null);

/// <summary>
/// A control, such as <c>5.1.A</c>. <see cref="ParentControlKey"/> is set for an enhancement nested in another control.
/// <see cref="Statement"/> may contain parameter insertions written <c>{{ insert: param, ID }}</c>.
/// </summary>
public sealed record ControlDraft(
    string Key,
    string SectionKey,
    string? ParentControlKey,
    string Title,
    string Statement,
    string? Guidance,
    IReadOnlyList<string> GdprReferences,
    IReadOnlyList<string> Tags,
    string? ModuleKey,
    IReadOnlyList<ParameterDraft> Parameters,
    string? Extra = null,
    string? SourcePath = null);

/// <summary>An OSCAL-style parameter of a control: a blank in the statement, described by a label or a choice.</summary>
public sealed record ParameterDraft(string Id, string? Label, IReadOnlyList<string> Choices, string? HowMany, string? Guidance, IReadOnlyList<string> Values);

/// <summary>An optional module that adds controls on top of the core Code.</summary>
public sealed record ModuleDraft(string Key, string Title, string? Description);

/// <summary>A standard whose clauses controls map to, such as ISO/IEC 27001:2022. <see cref="Key"/> is stable, e.g. <c>iso-27001-2022</c>.</summary>
public sealed record StandardDraft(string Key, string Title, string? Publisher, IReadOnlyList<ClauseDraft> Clauses);

/// <summary>A clause or control of a standard, such as <c>A.5.1</c>.</summary>
public sealed record ClauseDraft(string Ref, string Title);

/// <summary>States how a control of the catalogue relates to a clause of a standard, and why.</summary>
public sealed record MappingDraft(
    string ControlKey,
    string StandardKey,
    string ClauseRef,
    MappingRelationship Relationship,
    string? Rationale,
    bool IsDemo,
    string? SourcePath = null);

/// <summary>How the controls of an earlier version of the same Code correspond to this version's.</summary>
public sealed record TransitionDraft(string FromVersion, IReadOnlyList<TransitionRow> Controls);

/// <summary>One row of a transition: <see cref="ToKey"/> null means the control was withdrawn.</summary>
public sealed record TransitionRow(string FromKey, string? ToKey, string? Note);
