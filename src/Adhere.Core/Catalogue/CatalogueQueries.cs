using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Catalogue;

/// <summary>A catalogue version in lists.</summary>
public sealed record CatalogueSummary(Guid Id, string Name, string Version, string? Owner, DateOnly? PublishedOn, DateOnly? ApprovedOn,
    string Status, bool IsDemo, string Origin, int Controls, bool Frozen, DateTimeOffset UpdatedAt);

/// <summary>A section with its controls and subsections, in document order.</summary>
public sealed record SectionView(string Key, string Title, string? Description, IReadOnlyList<ControlListItem> Controls, IReadOnlyList<SectionView> Sections);

/// <summary>A control in a list: key, title and what it is about.</summary>
public sealed record ControlListItem(string Key, string Title, string? ParentKey, IReadOnlyList<string> Tags, string? ModuleKey);

/// <summary>One catalogue version with its whole structure.</summary>
public sealed record CatalogueView(CatalogueSummary Catalogue, string? Description, IReadOnlyList<ModuleDraft> Modules, IReadOnlyList<SectionView> Sections, int Mappings);

/// <summary>A mapping of a control, with the clause's title.</summary>
public sealed record MappingView(string Standard, string StandardTitle, string Clause, string? ClauseTitle, string Relationship, string? Rationale, bool IsDemo);

/// <summary>A control in full: text with parameters inserted, guidance, GDPR references, tags, parameters and mappings.</summary>
public sealed record ControlView(
    CatalogueSummary Catalogue,
    string Key,
    string Title,
    string SectionKey,
    string SectionTitle,
    string? ParentKey,
    string Statement,
    string StatementSource,
    string? Guidance,
    IReadOnlyList<string> GdprReferences,
    IReadOnlyList<string> Tags,
    string? ModuleKey,
    IReadOnlyList<ParameterDraft> Parameters,
    IReadOnlyList<ControlListItem> Enhancements,
    IReadOnlyList<MappingView> Mappings);

/// <summary>A search hit.</summary>
public sealed record ControlHit(Guid CatalogueId, string Catalogue, string Version, string Key, string Title);

/// <summary>Reads catalogues for the console, the public pages and the API. Catalogues are public: no tenancy applies.</summary>
public sealed class CatalogueQueries(AdhereDb db, CatalogueStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<CatalogueSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Catalogues.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(c => c.Version, VersionComparer.Instance)
            .Select(Summary).ToList();
    }

    /// <summary>Finds a version by name (ignoring case) and version; the way the CLI and URLs name catalogues.</summary>
    public async Task<Result<CatalogueSummary>> FindAsync(string name, string version, CancellationToken ct)
    {
        var header = await store.FindAsync(name, version, ct);
        return header is null ? CatalogueErrors.NotFound(name, version) : Summary(header);
    }

    public async Task<Result<CatalogueView>> GetAsync(Guid id, CancellationToken ct)
    {
        var header = await db.Catalogues.AsNoTracking().FirstOrDefaultAsync(c => c.Id == new CatalogueId(id), ct);
        if (header is null) return CatalogueErrors.NotFound(id.ToString());
        var catalogueId = header.Id;
        var sections = await db.CatalogueSections.AsNoTracking().Where(s => s.CatalogueId == catalogueId).OrderBy(s => s.Position).ToListAsync(ct);
        var controls = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == catalogueId).OrderBy(c => c.Position)
            .Select(c => new { c.Key, c.Title, c.ParentKey, c.SectionKey, c.Tags, c.ModuleKey }).ToListAsync(ct);
        var modules = await db.CatalogueModules.AsNoTracking().Where(m => m.CatalogueId == catalogueId).OrderBy(m => m.Position)
            .Select(m => new ModuleDraft(m.Key, m.Title, m.Description)).ToListAsync(ct);
        var mappings = await db.ControlMappings.CountAsync(m => m.CatalogueId == catalogueId, ct);

        var bySection = controls.ToLookup(c => c.SectionKey);
        var children = sections.ToLookup(s => s.ParentKey ?? string.Empty);
        SectionView Build(CatalogueSection s) => new(s.Key, s.Title, s.Description,
            bySection[s.Key].Select(c => new ControlListItem(c.Key, c.Title, c.ParentKey, Strings(c.Tags), c.ModuleKey)).ToList(),
            children[s.Key].Select(Build).ToList());

        return new CatalogueView(Summary(header), header.Description, modules, children[string.Empty].Select(Build).ToList(), mappings);
    }

    public async Task<Result<ControlView>> GetControlAsync(Guid catalogueId, string key, CancellationToken ct)
    {
        var header = await db.Catalogues.AsNoTracking().FirstOrDefaultAsync(c => c.Id == new CatalogueId(catalogueId), ct);
        if (header is null) return CatalogueErrors.NotFound(catalogueId.ToString());
        var id = header.Id;
        var control = await db.CatalogueControls.AsNoTracking().FirstOrDefaultAsync(c => c.CatalogueId == id && c.Key == key, ct);
        if (control is null) return CatalogueErrors.ControlNotFound(key);
        var section = await db.CatalogueSections.AsNoTracking().FirstOrDefaultAsync(s => s.CatalogueId == id && s.Key == control.SectionKey, ct);
        var enhancements = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == id && c.ParentKey == key).OrderBy(c => c.Position)
            .Select(c => new { c.Key, c.Title, c.ParentKey, c.Tags, c.ModuleKey }).ToListAsync(ct);
        var mappings = await (from m in db.ControlMappings.AsNoTracking()
                              where m.CatalogueId == id && m.ControlKey == key
                              join s in db.Standards on m.StandardKey equals s.Key
                              orderby m.Position
                              select new
                              {
                                  m.StandardKey,
                                  StandardTitle = s.Title,
                                  m.ClauseRef,
                                  ClauseTitle = db.StandardClauses.Where(c => c.StandardId == s.Id && c.Ref == m.ClauseRef).Select(c => c.Title).FirstOrDefault(),
                                  m.Relationship,
                                  m.Rationale,
                                  m.IsDemo,
                              }).ToListAsync(ct);
        var parameters = JsonSerializer.Deserialize<List<ParameterDraft>>(control.Parameters, Json) ?? [];

        return new ControlView(Summary(header), control.Key, control.Title, control.SectionKey, section?.Title ?? control.SectionKey, control.ParentKey,
            ParameterText.Render(control.Statement, parameters), control.Statement, control.Guidance, Strings(control.GdprReferences), Strings(control.Tags),
            control.ModuleKey, parameters,
            enhancements.Select(c => new ControlListItem(c.Key, c.Title, c.ParentKey, Strings(c.Tags), c.ModuleKey)).ToList(),
            mappings.Select(m => new MappingView(m.StandardKey, m.StandardTitle, m.ClauseRef, m.ClauseTitle, m.Relationship.ToToken(), m.Rationale, m.IsDemo)).ToList());
    }

    /// <summary>Controls whose key, title, statement or tags contain <paramref name="text"/> (ignoring case), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ControlHit>> SearchAsync(string? text, Guid? catalogueId, int limit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var needle = text.Trim().ToUpperInvariant();
        var query = from c in db.CatalogueControls.AsNoTracking()
                    join v in db.Catalogues on c.CatalogueId equals v.Id
                    where c.SearchText.Contains(needle)
                    select new { c, v };
        if (catalogueId is { } only) query = query.Where(x => x.v.Id == new CatalogueId(only));
        var rows = await query.OrderBy(x => x.v.Name).ThenBy(x => x.v.Version).ThenBy(x => x.c.Position)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(x => new ControlHit(x.v.Id.Value, x.v.Name, x.v.Version, x.c.Key, x.c.Title))
            .ToListAsync(ct);
        return rows;
    }

    internal static CatalogueSummary Summary(CatalogueVersion c) =>
        new(c.Id.Value, c.Name, c.Version, c.Owner, c.PublishedOn, c.ApprovedOn, c.Status.ToString().ToLowerInvariant(), c.IsDemo, c.Origin,
            c.ControlCount, c.FrozenAt is not null, c.UpdatedAt);

    private static List<string> Strings(string json) => JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}

/// <summary>Orders versions such as 2.9, 2.10, 2.11 numerically where they are numbers, as text otherwise.</summary>
public sealed class VersionComparer : IComparer<string>
{
    public static readonly VersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? string.Empty).Split('.', '-', '+');
        var b = (y ?? string.Empty).Split('.', '-', '+');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var p = i < a.Length ? a[i] : string.Empty;
            var q = i < b.Length ? b[i] : string.Empty;
            var c = long.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var m) && long.TryParse(q, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? m.CompareTo(n)
                : string.CompareOrdinal(p, q);
            if (c != 0) return c;
        }

        return 0;
    }
}

public static class CatalogueErrors
{
    public static NotFoundError NotFound(string name, string version) => new("catalogue.not-found", $"No catalogue '{name}' at version '{version}' was found.");

    public static NotFoundError NotFound(string id) => new("catalogue.not-found", $"No catalogue '{id}' was found.");

    public static NotFoundError ControlNotFound(string key) => new("catalogue.control-not-found", $"The catalogue has no control '{key}'.");

    public static ConflictError NoMappings(string name, string version) =>
        new("catalogue.no-mappings", $"{name} {version} has no mappings to standards, so there is no mapping collection to export.");

    public static ConflictError AlreadyFrozen() => new("catalogue.already-frozen", "The catalogue version is already frozen.");
}
