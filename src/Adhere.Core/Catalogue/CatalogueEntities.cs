using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

// Persistence shapes of a catalogue version. The rules live in Adhere.Domain.Catalogue (CatalogueDocument and its
// validator); these rows are written and read only through CatalogueStore, which converts to and from documents.

/// <summary>A Code at one version: the header row of a stored catalogue.</summary>
public sealed class CatalogueVersion
{
    public CatalogueId Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Upper-case invariant name; (NormalizedName, Version) is unique.</summary>
    public string NormalizedName { get; set; } = string.Empty;

    public string Version { get; set; } = string.Empty;

    public string? Owner { get; set; }

    public DateOnly? PublishedOn { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    public CatalogueStatus Status { get; set; }

    public string? Description { get; set; }

    public bool IsDemo { get; set; }

    /// <summary><c>native</c> or <c>oscal</c>: the format of the last import.</summary>
    public string Origin { get; set; } = string.Empty;

    public string? SourceId { get; set; }

    /// <summary>Fingerprint of the last imported document; an import with the same fingerprint changes nothing.</summary>
    public string ContentHash { get; set; } = string.Empty;

    public int ControlCount { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set once a declaration refers to this version; from then on its content cannot change.</summary>
    public DateTimeOffset? FrozenAt { get; set; }
}

public sealed class CatalogueSection
{
    public long Id { get; set; }

    public CatalogueId CatalogueId { get; set; }

    public string Key { get; set; } = string.Empty;

    public string? ParentKey { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? Extra { get; set; }

    public int Position { get; set; }
}

public sealed class CatalogueControl
{
    public long Id { get; set; }

    public CatalogueId CatalogueId { get; set; }

    public string Key { get; set; } = string.Empty;

    public string SectionKey { get; set; } = string.Empty;

    public string? ParentKey { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Statement { get; set; } = string.Empty;

    public string? Guidance { get; set; }

    /// <summary>JSON array of GDPR references, e.g. <c>["Art. 28(3)"]</c>.</summary>
    public string GdprReferences { get; set; } = "[]";

    /// <summary>JSON array of topic tags.</summary>
    public string Tags { get; set; } = "[]";

    public string? ModuleKey { get; set; }

    /// <summary>JSON array of parameters.</summary>
    public string Parameters { get; set; } = "[]";

    public string? Extra { get; set; }

    /// <summary>Upper-case key, title, statement and tags, so that search is one case-insensitive LIKE on both databases.</summary>
    public string SearchText { get; set; } = string.Empty;

    public int Position { get; set; }
}

public sealed class CatalogueModule
{
    public long Id { get; set; }

    public CatalogueId CatalogueId { get; set; }

    public string Key { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public int Position { get; set; }
}

/// <summary>A standard shared by all catalogues, identified by its key (e.g. <c>iso-27001-2022</c>).</summary>
public sealed class Standard
{
    public Guid Id { get; set; }

    public string Key { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? Publisher { get; set; }
}

public sealed class StandardClause
{
    public long Id { get; set; }

    public Guid StandardId { get; set; }

    public string Ref { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public int Position { get; set; }
}

public sealed class ControlMapping
{
    public long Id { get; set; }

    public CatalogueId CatalogueId { get; set; }

    public string ControlKey { get; set; } = string.Empty;

    public string StandardKey { get; set; } = string.Empty;

    public string ClauseRef { get; set; } = string.Empty;

    public MappingRelationship Relationship { get; set; }

    public string? Rationale { get; set; }

    public bool IsDemo { get; set; }

    public int Position { get; set; }
}

public sealed class CatalogueTransitionRow
{
    public long Id { get; set; }

    public CatalogueId CatalogueId { get; set; }

    public string FromVersion { get; set; } = string.Empty;

    public string FromKey { get; set; } = string.Empty;

    public string? ToKey { get; set; }

    public string? Note { get; set; }

    public int Position { get; set; }
}
