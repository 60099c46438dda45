using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Services;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Services;

/// <summary>A category of a Code's list.</summary>
public sealed record ServiceCategoryDetails(Guid Id, string CodeName, string Name, int Position);

/// <summary>Adds a category at the end of a Code's list (MB administrators).</summary>
public sealed class AddServiceCategory(AdhereDb db)
{
    public sealed record Command(string? CodeName, string? Name);

    public async Task<Result<ServiceCategoryDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var code = ServiceCategory.Normalize(command.CodeName ?? string.Empty);
        var last = await db.ServiceCategories.Where(c => c.NormalizedCodeName == code).MaxAsync(c => (int?)c.Position, ct);
        var created = ServiceCategory.Create(command.CodeName, command.Name, (last ?? 0) + 1);
        if (created.IsError) return created.Error!;
        var category = created.Value;

        if (await db.ServiceCategories.AnyAsync(c => c.NormalizedCodeName == category.NormalizedCodeName && c.NormalizedName == category.NormalizedName, ct))
        {
            return ServiceErrors.DuplicateCategory(category.Name);
        }

        db.ServiceCategories.Add(category);
        db.Record("service-category.added", "service-category", category.Id.ToString(), null, new AuditChanges()
            .Added("code", category.CodeName)
            .Added("name", category.Name));
        await db.SaveChangesAsync(ct);
        return ServiceCategoryQueries.ToDetails(category);
    }
}

/// <summary>
/// Removes a category from a Code's list (MB administrators). Services are not tied to a Code yet, so a category is
/// "in use" only when some service names it and no other Code's list still has it; that is a conflict.
/// </summary>
public sealed class RemoveServiceCategory(AdhereDb db)
{
    public async Task<Result<Done>> HandleAsync(Guid id, CancellationToken ct)
    {
        var category = await db.ServiceCategories.FirstOrDefaultAsync(c => c.Id == new ServiceCategoryId(id), ct);
        if (category is null) return ServiceErrors.CategoryNotFound(id.ToString());

        var elsewhere = await db.ServiceCategories.AnyAsync(c => c.Id != category.Id && c.NormalizedName == category.NormalizedName, ct);
        if (!elsewhere)
        {
            // Every organisation's services count, whoever asks: a category must not vanish under another provider.
            var users = await db.Services.IgnoreQueryFilters().CountAsync(s => s.Category == category.Name, ct);
            if (users > 0) return ServiceErrors.CategoryInUse(category.Name, users);
        }

        db.ServiceCategories.Remove(category);
        db.Record("service-category.removed", "service-category", category.Id.ToString(), null, new AuditChanges()
            .Set("code", category.CodeName, null)
            .Set("name", category.Name, null));
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}

/// <summary>Reads the Codes' category lists; public reference data, no tenancy filter.</summary>
public sealed class ServiceCategoryQueries(AdhereDb db)
{
    /// <summary>The categories of one Code (ignoring case) in list order, or of every Code when <paramref name="codeName"/> is blank.</summary>
    public async Task<IReadOnlyList<ServiceCategoryDetails>> ListAsync(string? codeName, CancellationToken ct)
    {
        var categories = db.ServiceCategories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(codeName))
        {
            var code = ServiceCategory.Normalize(codeName);
            categories = categories.Where(c => c.NormalizedCodeName == code);
        }

        var rows = await categories.ToListAsync(ct);
        return rows.OrderBy(c => c.CodeName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Position).Select(ToDetails).ToList();
    }

    /// <summary>Every category name any Code lists, once each, in list order: the choices a service has today.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken ct)
    {
        var rows = await ListAsync(null, ct);
        return rows.OrderBy(c => c.Position).Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Checks a service's category. Services are not tied to a Code yet, so any category that at least one Code's list
    /// holds is accepted; it is stored as that list spells it. Blank means "not chosen yet" and gives null. When services
    /// are declared under a Code, submission will check the category against that Code's list.
    /// </summary>
    public async Task<Result<string?>> CanonicalNameAsync(string? category, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(category)) return Result<string?>.Success(null);
        var normalized = ServiceCategory.Normalize(category);
        var name = await db.ServiceCategories.AsNoTracking()
            .Where(c => c.NormalizedName == normalized)
            .OrderBy(c => c.Position)
            .Select(c => c.Name)
            .FirstOrDefaultAsync(ct);
        return name is null ? ServiceErrors.UnknownCategory(category.Trim()) : Result<string?>.Success(name);
    }

    internal static ServiceCategoryDetails ToDetails(ServiceCategory c) => new(c.Id.Value, c.CodeName, c.Name, c.Position);
}
