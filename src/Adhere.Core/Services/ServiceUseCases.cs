using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Services;

/// <summary>A service as pages and the API show it.</summary>
public sealed record ServiceDetails(Guid Id, Guid OrganisationId, string OrganisationName, string Name, string? Description,
    string? Category, string? Family, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);

/// <summary>
/// Adds a service. A CSP member always adds to its own organisation (taken from the caller); naming another
/// organisation answers as if it did not exist. MB staff and the system name the provider.
/// </summary>
public sealed class CreateService(AdhereDb db, ServiceCategoryQueries categories, ServiceQueries queries, TimeProvider time)
{
    public sealed record Command(Guid? OrganisationId, string? Name, string? Description, string? Category, string? Family);

    public async Task<Result<ServiceDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var owner = await OwnerAsync(command.OrganisationId, ct);
        if (owner.IsError) return owner.Error!;

        var category = await categories.CanonicalNameAsync(command.Category, ct);
        if (category.IsError) return category.Error!;

        var created = CloudService.Create(owner.Value, command.Name, command.Description, category.Value, command.Family, time.GetUtcNow());
        if (created.IsError) return created.Error!;
        var service = created.Value;

        if (await db.Services.AnyAsync(s => s.OrganisationId == service.OrganisationId && s.NormalizedName == service.NormalizedName, ct))
        {
            return ServiceErrors.DuplicateName(service.Name);
        }

        db.Services.Add(service);
        db.Record("service.created", "service", service.Id.ToString(), service.OrganisationId, new AuditChanges()
            .Added("name", service.Name)
            .Added("description", service.Description)
            .Added("category", service.Category)
            .Added("family", service.Family));
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(service.Id.Value, ct);
    }

    private async Task<Result<OrganisationId>> OwnerAsync(Guid? requested, CancellationToken ct)
    {
        if (!db.Caller.SeesAllOrganisations)
        {
            var own = db.Caller.OrganisationId ?? throw new InvalidOperationException("A caller without an organisation cannot add services.");
            if (requested is { } other && other != own.Value) return OrganisationErrors.NotFound(other.ToString());
            return own;
        }

        if (requested is not { } id) return ServiceErrors.OrganisationRequired();
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == new OrganisationId(id), ct);
        if (org is null) return OrganisationErrors.NotFound(id.ToString());
        return org.IsMonitoringBody ? ServiceErrors.OrganisationNotProvider() : org.Id;
    }
}

/// <summary>Edits a service's name, description, category and family; another organisation's answers as not found.</summary>
public sealed class UpdateService(AdhereDb db, ServiceCategoryQueries categories, ServiceQueries queries)
{
    public sealed record Command(Guid Id, string? Name, string? Description, string? Category, string? Family);

    public async Task<Result<ServiceDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == new ServiceId(command.Id), ct);
        if (service is null) return ServiceErrors.NotFound(command.Id.ToString());

        var category = await categories.CanonicalNameAsync(command.Category, ct);
        if (category.IsError) return category.Error!;

        var before = (service.Name, service.Description, service.Category, service.Family);
        var updated = service.Update(command.Name, command.Description, category.Value, command.Family);
        if (updated.IsError) return updated.Error!;

        if (await db.Services.AnyAsync(s => s.Id != service.Id && s.OrganisationId == service.OrganisationId && s.NormalizedName == service.NormalizedName, ct))
        {
            return ServiceErrors.DuplicateName(service.Name);
        }

        var changes = new AuditChanges()
            .Set("name", before.Name, service.Name)
            .Set("description", before.Description, service.Description)
            .Set("category", before.Category, service.Category)
            .Set("family", before.Family, service.Family);
        if (changes.Fields.Count > 0)
        {
            db.Record("service.updated", "service", service.Id.ToString(), service.OrganisationId, changes);
            await db.SaveChangesAsync(ct);
        }

        return await queries.GetAsync(service.Id.Value, ct);
    }
}

/// <summary>Retires a service the provider no longer offers.</summary>
public sealed class RetireService(AdhereDb db, ServiceQueries queries, TimeProvider time)
{
    public async Task<Result<ServiceDetails>> HandleAsync(Guid id, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == new ServiceId(id), ct);
        if (service is null) return ServiceErrors.NotFound(id.ToString());

        var retired = service.Retire(time.GetUtcNow());
        if (retired.IsError) return retired.Error!;

        db.Record("service.retired", "service", service.Id.ToString(), service.OrganisationId,
            new AuditChanges().Set("status", "active", "retired"));
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(id, ct);
    }
}

/// <summary>Offers a retired service again.</summary>
public sealed class ReactivateService(AdhereDb db, ServiceQueries queries)
{
    public async Task<Result<ServiceDetails>> HandleAsync(Guid id, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == new ServiceId(id), ct);
        if (service is null) return ServiceErrors.NotFound(id.ToString());

        var reactivated = service.Reactivate();
        if (reactivated.IsError) return reactivated.Error!;

        db.Record("service.reactivated", "service", service.Id.ToString(), service.OrganisationId,
            new AuditChanges().Set("status", "retired", "active"));
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(id, ct);
    }
}

/// <summary>Reads services; the tenancy filter limits a CSP member to its own organisation's.</summary>
public sealed class ServiceQueries(AdhereDb db)
{
    /// <summary>Visible services, optionally of one organisation, ordered by category (uncategorised last) and name.</summary>
    public async Task<IReadOnlyList<ServiceDetails>> ListAsync(Guid? organisationId, CancellationToken ct)
    {
        var services = db.Services.AsNoTracking();
        if (organisationId is { } id) services = services.Where(s => s.OrganisationId == new OrganisationId(id));
        var rows = await Project(services).ToListAsync(ct);
        return rows
            .OrderBy(s => s.Category is null)
            .ThenBy(s => s.Category, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<Result<ServiceDetails>> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await Project(db.Services.AsNoTracking().Where(s => s.Id == new ServiceId(id))).FirstOrDefaultAsync(ct);
        return row is null ? ServiceErrors.NotFound(id.ToString()) : row;
    }

    private IQueryable<ServiceDetails> Project(IQueryable<CloudService> services) =>
        from s in services
        join o in db.Organisations on s.OrganisationId equals o.Id
        select new ServiceDetails(s.Id.Value, o.Id.Value, o.Name, s.Name, s.Description, s.Category, s.Family,
            s.Status == ServiceStatus.Active ? "active" : "retired", s.CreatedAt, s.RetiredAt);
}
