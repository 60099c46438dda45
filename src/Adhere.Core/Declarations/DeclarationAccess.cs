using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>
/// What every declaration use case needs: loading a declaration with its parts (the tenancy filter hides other
/// providers' ones, which then read as not found), deciding the owning organisation, and checking references.
/// </summary>
public sealed class DeclarationAccess(AdhereDb db)
{
    public async Task<Declaration?> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Declarations
            .Include(d => d.Services)
            .Include(d => d.Answers)
            .Include(d => d.Certificates)
            .Include(d => d.Agreements)
            .Include(d => d.RemovedServices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == new DeclarationId(id), ct);

    /// <summary>The caller's one role; system callers (CLI, seeding) act with <paramref name="systemRole"/>.</summary>
    public Role RoleOfCaller(Role systemRole) =>
        Role.All.FirstOrDefault(db.Caller.IsInRole) ?? (db.Caller.UserId is null ? systemRole : throw new InvalidOperationException("A signed-in caller without a role."));

    /// <summary>A CSP member's own organisation; MB staff and the system must name a provider.</summary>
    public async Task<Result<OrganisationId>> OwnerAsync(Guid? requested, CancellationToken ct)
    {
        if (!db.Caller.SeesAllOrganisations)
        {
            var own = db.Caller.OrganisationId ?? throw new InvalidOperationException("A caller without an organisation cannot declare.");
            if (requested is { } other && other != own.Value) return OrganisationErrors.NotFound(other.ToString());
            return own;
        }

        if (requested is not { } id) return ServiceErrors.OrganisationRequired();
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == new OrganisationId(id), ct);
        if (org is null) return OrganisationErrors.NotFound(id.ToString());
        return org.IsMonitoringBody ? ServiceErrors.OrganisationNotProvider() : org.Id;
    }

    /// <summary>Checks that each service belongs to <paramref name="organisation"/>, is active and listed once.</summary>
    public async Task<Result<IReadOnlyList<CloudService>>> ServicesAsync(OrganisationId organisation, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Select(i => new ServiceId(i)).ToList();
        var found = await db.Services.AsNoTracking().Where(s => s.OrganisationId == organisation && wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var seen = new HashSet<ServiceId>();
        var result = new List<CloudService>();
        foreach (var id in wanted)
        {
            if (!found.TryGetValue(id, out var service)) return DeclarationErrors.ServiceNotFound(id.ToString());
            if (!seen.Add(id)) return DeclarationErrors.DuplicateService(service.Name);
            if (service.Status == ServiceStatus.Retired) return DeclarationErrors.ServiceRetired(service.Name);
            result.Add(service);
        }

        return result;
    }

    /// <summary>Checks that each document belongs to <paramref name="organisation"/>.</summary>
    public async Task<Result<Done>> DocumentsExistAsync(OrganisationId organisation, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().Select(i => new DocumentId(i)).ToList();
        if (wanted.Count == 0) return Done.Value;
        var found = await db.Documents.AsNoTracking().Where(d => d.OrganisationId == organisation && wanted.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        var missing = wanted.FirstOrDefault(w => !found.Contains(w));
        return found.Count == wanted.Count ? Done.Value : DeclarationErrors.DocumentNotFound(missing.ToString());
    }
}
