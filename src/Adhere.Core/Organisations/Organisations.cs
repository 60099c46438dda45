using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Organisations;

/// <summary>An organisation as pages and the API show it.</summary>
public sealed record OrganisationDetails(Guid Id, string Name, string Kind, string? Address, string? Website,
    string? PrivacyContactEmail, DateTimeOffset CreatedAt, int MemberCount);

/// <summary>Registers an organisation: a cloud service provider, or the installation's one Monitoring Body.</summary>
public sealed class CreateOrganisation(AdhereDb db, TimeProvider time)
{
    public sealed record Command(string? Name, string? Kind);

    public async Task<Result<OrganisationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!TryParseKind(command.Kind, out var kind)) return OrganisationErrors.UnknownKind(command.Kind ?? string.Empty);
        var created = Organisation.Create(command.Name, kind, time.GetUtcNow());
        if (created.IsError) return created.Error!;
        var org = created.Value;

        if (kind == OrganisationKind.MonitoringBody && await db.Organisations.AnyAsync(o => o.Kind == OrganisationKind.MonitoringBody, ct))
        {
            return OrganisationErrors.MonitoringBodyExists();
        }

        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.NormalizedName == org.NormalizedName, ct))
        {
            return OrganisationErrors.DuplicateName(org.Name);
        }

        db.Organisations.Add(org);
        db.Record("organisation.created", "organisation", org.Id.ToString(), org.Id, new AuditChanges()
            .Added("name", org.Name)
            .Added("kind", KindName(org.Kind)));
        await db.SaveChangesAsync(ct);
        return OrganisationQueries.ToDetails(org, 0);
    }

    /// <summary>Accepts the short forms used by the CLI and API: <c>csp</c> and <c>mb</c>.</summary>
    public static bool TryParseKind(string? text, out OrganisationKind kind)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "" or "CSP" or "CLOUDSERVICEPROVIDER":
                kind = OrganisationKind.CloudServiceProvider;
                return true;
            case "MB" or "MONITORINGBODY":
                kind = OrganisationKind.MonitoringBody;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static string KindName(OrganisationKind kind) => kind == OrganisationKind.MonitoringBody ? "mb" : "csp";
}

/// <summary>Edits an organisation's descriptive profile; another organisation's answers as not found.</summary>
public sealed class UpdateOrganisationProfile(AdhereDb db, OrganisationQueries queries)
{
    public sealed record Command(Guid Id, string? Name, string? Address, string? Website, string? PrivacyContactEmail);

    public async Task<Result<OrganisationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == new OrganisationId(command.Id), ct);
        if (org is null) return OrganisationErrors.NotFound(command.Id.ToString());

        var before = (org.Name, org.Address, org.Website, org.PrivacyContactEmail);
        var updated = org.UpdateProfile(command.Name, command.Address, command.Website, command.PrivacyContactEmail);
        if (updated.IsError) return updated.Error!;

        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Id != org.Id && o.NormalizedName == org.NormalizedName, ct))
        {
            return OrganisationErrors.DuplicateName(org.Name);
        }

        var changes = new AuditChanges()
            .Set("name", before.Name, org.Name)
            .Set("address", before.Address, org.Address)
            .Set("website", before.Website, org.Website)
            .Set("privacyContactEmail", before.PrivacyContactEmail, org.PrivacyContactEmail);
        if (changes.Fields.Count > 0)
        {
            db.Record("organisation.profile-updated", "organisation", org.Id.ToString(), org.Id, changes);
            await db.SaveChangesAsync(ct);
        }

        return await queries.GetAsync(org.Id.Value, ct);
    }
}

/// <summary>Reads organisations; the tenancy filter limits a CSP member to its own.</summary>
public sealed class OrganisationQueries(AdhereDb db)
{
    public async Task<IReadOnlyList<OrganisationDetails>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Organisations.AsNoTracking()
            .Select(o => new { Org = o, Members = db.Users.Count(u => u.OrganisationId == o.Id) })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Org.Kind).ThenBy(r => r.Org.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => ToDetails(r.Org, r.Members)).ToList();
    }

    public async Task<Result<OrganisationDetails>> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == new OrganisationId(id))
            .Select(o => new { Org = o, Members = db.Users.Count(u => u.OrganisationId == o.Id) })
            .FirstOrDefaultAsync(ct);
        return row is null ? OrganisationErrors.NotFound(id.ToString()) : ToDetails(row.Org, row.Members);
    }

    /// <summary>Finds a visible organisation by its ID or by its name (ignoring case), as <c>--org</c> options and invitations name it.</summary>
    public async Task<Organisation?> FindByReferenceAsync(string? reference, CancellationToken ct)
    {
        var key = reference?.Trim();
        if (string.IsNullOrEmpty(key)) return null;
        if (Guid.TryParse(key, out var id)) return await db.Organisations.FirstOrDefaultAsync(o => o.Id == new OrganisationId(id), ct);
        var normalized = Organisation.Normalize(key);
        return await db.Organisations.FirstOrDefaultAsync(o => o.NormalizedName == normalized, ct);
    }

    internal static OrganisationDetails ToDetails(Organisation o, int members) =>
        new(o.Id.Value, o.Name, CreateOrganisation.KindName(o.Kind), o.Address, o.Website, o.PrivacyContactEmail, o.CreatedAt, members);
}
