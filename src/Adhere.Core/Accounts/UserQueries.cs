using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Accounts;

/// <summary>A user as the administration pages and API show it.</summary>
public sealed record UserSummary(
    Guid Id,
    string Email,
    string Role,
    Guid OrganisationId,
    string OrganisationName,
    string Status,
    DateTimeOffset CreatedAt);

/// <summary>
/// Reads users. Users are listed through their organisation, so the organisation filter decides what a caller
/// sees: a CSP member only the members of its own organisation, MB staff everyone.
/// </summary>
public sealed class UserQueries(AdhereDb db, TimeProvider time)
{
    public sealed record Filter(Guid? OrganisationId = null, string? Role = null, string? Text = null);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Filter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Project();
        if (filter.OrganisationId is { } org) query = query.Where(u => u.OrganisationId == new OrganisationId(org));
        if (!string.IsNullOrWhiteSpace(filter.Role)) query = query.Where(u => u.Role == filter.Role.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail.Contains(text) || u.NormalizedOrganisationName.Contains(text));
        }

        var rows = await query.OrderBy(u => u.OrganisationName).ThenBy(u => u.Email).Take(500).ToListAsync(ct);
        return rows.Select(ToSummary).ToList();
    }

    public async Task<Result<UserSummary>> GetAsync(UserId id, CancellationToken ct)
    {
        var row = await Project().FirstOrDefaultAsync(u => u.Id == id.Value, ct);
        return row is null ? AccountErrors.UserNotFound(id.ToString()) : ToSummary(row);
    }

    /// <summary>The one role of a user, or null for an account without one.</summary>
    public async Task<Role?> RoleOfAsync(UserId id, CancellationToken ct)
    {
        var name = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ur.UserId == id.Value
                          select r.Name).FirstOrDefaultAsync(ct);
        return Role.TryParse(name, out var role) ? role : null;
    }

    // A member-init projection (not a record constructor) so that EF can still filter and sort on its members.
    private IQueryable<Row> Project() =>
        from u in db.Users
        join o in db.Organisations on u.OrganisationId equals o.Id
        select new Row
        {
            Id = u.Id,
            Email = u.Email!,
            NormalizedEmail = u.NormalizedEmail!,
            Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault() ?? "",
            OrganisationId = o.Id,
            OrganisationName = o.Name,
            NormalizedOrganisationName = o.NormalizedName,
            DisabledAt = u.DisabledAt,
            Invited = u.InvitationHash != null,
            LockoutEnd = u.LockoutEnd,
            CreatedAt = u.CreatedAt,
        };

    private UserSummary ToSummary(Row r)
    {
        var status = r.DisabledAt is not null ? "disabled"
            : r.Invited ? "invited"
            : r.LockoutEnd is { } end && end > time.GetUtcNow() ? "locked"
            : "active";
        return new UserSummary(r.Id, r.Email, r.Role, r.OrganisationId.Value, r.OrganisationName, status, r.CreatedAt);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Email { get; init; } = "";

        public string NormalizedEmail { get; init; } = "";

        public string Role { get; init; } = "";

        public OrganisationId OrganisationId { get; init; }

        public string OrganisationName { get; init; } = "";

        public string NormalizedOrganisationName { get; init; } = "";

        public DateTimeOffset? DisabledAt { get; init; }

        public bool Invited { get; init; }

        public DateTimeOffset? LockoutEnd { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }
}
