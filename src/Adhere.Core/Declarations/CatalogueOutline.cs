using Adhere.Core.Catalogue;
using Adhere.Core.Persistence;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>A control as a declaration shows it: key, title, statement (parameters inserted), its subsection and top-level section.</summary>
public sealed record OutlineControl(string Key, string Title, string Statement, string? Guidance, string SectionKey, string TopSection, string? ModuleKey);

/// <summary>A section of the catalogue; <see cref="Depth"/> 0 is top level.</summary>
public sealed record OutlineSection(string Key, string? ParentKey, string Title, int Depth);

/// <summary>
/// What declarations need of a catalogue version: the controls that apply (the core plus the declared modules), the
/// sections and the control-to-standard mappings. Read once per version and request.
/// </summary>
public sealed record CatalogueOutline(
    CatalogueId CatalogueId,
    string CodeName,
    string CodeVersion,
    IReadOnlyList<OutlineSection> Sections,
    IReadOnlyList<OutlineControl> AllControls,
    IReadOnlyList<(string Key, string Title)> Modules,
    IReadOnlyList<ControlStandardMapping> Mappings)
{
    /// <summary>The controls a declaration with <paramref name="modules"/> must answer, in catalogue order.</summary>
    public IReadOnlyList<OutlineControl> ControlsFor(IReadOnlyCollection<string> modules) =>
        [.. AllControls.Where(c => c.ModuleKey is null || modules.Contains(c.ModuleKey))];

    public IReadOnlyList<CatalogueControlRef> RefsFor(IReadOnlyCollection<string> modules) =>
        [.. ControlsFor(modules).Select(c => new CatalogueControlRef(c.Key, c.TopSection, Sections.FirstOrDefault(s => s.Key == c.TopSection)?.Title))];

    public string? SectionTitle(string key) => Sections.FirstOrDefault(s => s.Key == key)?.Title;
}

/// <summary>Loads <see cref="CatalogueOutline"/>s, caching them for the scope (catalogue versions in use are frozen).</summary>
public sealed class CatalogueOutlines(AdhereDb db)
{
    private readonly Dictionary<CatalogueId, CatalogueOutline> cache = [];

    public async Task<CatalogueOutline?> GetAsync(CatalogueId id, CancellationToken ct)
    {
        if (cache.TryGetValue(id, out var cached)) return cached;
        var header = await db.Catalogues.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (header is null) return null;
        var sections = await db.CatalogueSections.AsNoTracking().Where(s => s.CatalogueId == id).OrderBy(s => s.Position)
            .Select(s => new { s.Key, s.ParentKey, s.Title }).ToListAsync(ct);
        var controls = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == id).OrderBy(c => c.Position)
            .Select(c => new { c.Key, c.Title, c.Statement, c.Guidance, c.SectionKey, c.ModuleKey, c.Parameters }).ToListAsync(ct);
        var modules = await db.CatalogueModules.AsNoTracking().Where(m => m.CatalogueId == id).OrderBy(m => m.Position)
            .Select(m => new { m.Key, m.Title }).ToListAsync(ct);
        var mappings = await db.ControlMappings.AsNoTracking().Where(m => m.CatalogueId == id).OrderBy(m => m.Position)
            .Select(m => new { m.ControlKey, m.StandardKey }).ToListAsync(ct);

        var parents = sections.ToDictionary(s => s.Key, s => s.ParentKey, StringComparer.Ordinal);
        string Top(string key)
        {
            // Walks up to the root; the validator rejected cycles at import, the bound only guards against bad data.
            for (var i = 0; i < 64 && parents.TryGetValue(key, out var parent) && parent is not null; i++) key = parent;
            return key;
        }

        int Depth(string key)
        {
            var depth = 0;
            while (depth < 64 && parents.TryGetValue(key, out var parent) && parent is not null) (key, depth) = (parent, depth + 1);
            return depth;
        }

        var outline = new CatalogueOutline(
            id, header.Name, header.Version,
            [.. sections.Select(s => new OutlineSection(s.Key, s.ParentKey, s.Title, Depth(s.Key)))],
            [.. controls.Select(c => new OutlineControl(c.Key, c.Title, ParameterText.Render(c.Statement, CatalogueStore.ParametersOf(c.Parameters)),
                c.Guidance, c.SectionKey, Top(c.SectionKey), c.ModuleKey))],
            [.. modules.Select(m => (m.Key, m.Title))],
            [.. mappings.Select(m => new ControlStandardMapping(m.ControlKey, m.StandardKey)).Distinct()]);
        cache[id] = outline;
        return outline;
    }
}
