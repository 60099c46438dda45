using Adhere.Core.Catalogue;
using Adhere.Core.Persistence;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>A Code version a declaration can be started against, with its optional modules.</summary>
public sealed record CodeVersionChoice(Guid CatalogueId, string Name, string Version, string Status, IReadOnlyList<ModuleChoice> Modules);

/// <summary>An optional module of a Code version.</summary>
public sealed record ModuleChoice(string Key, string Title);

/// <summary>A standard a certificate can name; <see cref="Mapped"/> when the declaration's catalogue maps controls to it.</summary>
public sealed record StandardChoice(string Key, string Title, bool Mapped);

/// <summary>The choices the declaration forms offer: Code versions to declare against and standards to cite.</summary>
public sealed class DeclarationChoices(AdhereDb db, CatalogueOutlines outlines)
{
    /// <summary>Every Code version that is not retired (drafts included, as the start use case accepts them), by name and newest version first.</summary>
    public async Task<IReadOnlyList<CodeVersionChoice>> CodeVersionsAsync(CancellationToken ct)
    {
        var versions = await db.Catalogues.AsNoTracking().Where(c => c.Status != CatalogueStatus.Retired)
            .Select(c => new { c.Id, c.Name, c.Version, c.Status }).ToListAsync(ct);
        var ids = versions.Select(v => v.Id).ToList();
        var modules = await db.CatalogueModules.AsNoTracking().Where(m => ids.Contains(m.CatalogueId)).OrderBy(m => m.Position)
            .Select(m => new { m.CatalogueId, m.Key, m.Title }).ToListAsync(ct);
        return [.. versions
            .OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(v => v.Version, VersionComparer.Instance)
            .Select(v => new CodeVersionChoice(v.Id.Value, v.Name, v.Version, v.Status.ToString().ToLowerInvariant(),
                [.. modules.Where(m => m.CatalogueId == v.Id).Select(m => new ModuleChoice(m.Key, m.Title))]))];
    }

    /// <summary>
    /// The standards a certificate of the declaration can name: first those its catalogue maps controls to (a certificate of
    /// one of them claims the mapped controls by default), then every other known standard.
    /// </summary>
    public async Task<Result<IReadOnlyList<StandardChoice>>> StandardsAsync(Guid declarationId, CancellationToken ct)
    {
        var declaration = await db.Declarations.AsNoTracking().Where(d => d.Id == new DeclarationId(declarationId))
            .Select(d => new { d.CatalogueId }).FirstOrDefaultAsync(ct);
        if (declaration is null) return DeclarationErrors.NotFound(declarationId.ToString());
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct);
        var mapped = (outline?.Mappings ?? []).Select(m => m.StandardKey).ToHashSet(StringComparer.Ordinal);
        var standards = await db.Standards.AsNoTracking().Select(s => new { s.Key, s.Title }).ToListAsync(ct);
        return standards
            .OrderBy(s => mapped.Contains(s.Key) ? 0 : 1).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new StandardChoice(s.Key, s.Title, mapped.Contains(s.Key)))
            .ToList();
    }
}
