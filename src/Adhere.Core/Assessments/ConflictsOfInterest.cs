using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

/// <summary>A conflict of interest as the console and the API show it.</summary>
public sealed record ConflictDetails(Guid Id, Guid UserId, string UserEmail, Guid OrganisationId, string OrganisationName, string Reason,
    DateOnly DeclaredOn, DateOnly? EndsOn, bool IsActive);

/// <summary>
/// MB staff declare their conflicts of interest towards a provider; an MB administrator may record one for any staff
/// member. Conflicts are never deleted, only ended, so that past assignments can still be judged against them.
/// </summary>
public sealed class DeclareConflict(AdhereDb db, ConflictQueries queries, TimeProvider time)
{
    /// <param name="UserId">Whose conflict; omitted means the caller's own. Only MB administrators name someone else.</param>
    /// <param name="DeclaredOn">The first day it counts; default today.</param>
    public sealed record Command(Guid? UserId, Guid OrganisationId, string? Reason, DateOnly? DeclaredOn, DateOnly? EndsOn);

    public async Task<Result<ConflictDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var caller = db.Caller.UserId ?? throw new InvalidOperationException("Conflicts of interest are declared by signed-in staff.");
        var user = command.UserId is { } other ? new UserId(other) : caller;
        if (user != caller && !db.Caller.IsInRole(Role.MbAdministrator)) return AssessmentErrors.ConflictForSomeoneElse();
        var staff = await db.Users.AsNoTracking().Where(u => u.Id == user.Value).Select(u => u.OrganisationId).FirstOrDefaultAsync(ct);
        var mb = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.MonitoringBody).Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (staff == default || staff != mb) return AssessmentErrors.ConflictUserNotStaff(user.ToString());
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == new OrganisationId(command.OrganisationId), ct);
        if (organisation is null || organisation.IsMonitoringBody) return OrganisationErrors.NotFound(command.OrganisationId.ToString());

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var declared = ConflictOfInterest.Declare(user, organisation.Id, command.Reason, command.DeclaredOn ?? today, command.EndsOn);
        if (declared.IsError) return declared.Error!;
        db.ConflictsOfInterest.Add(declared.Value);
        db.Record("conflict.declared", "conflict-of-interest", declared.Value.Id.ToString(), organisation.Id, new AuditChanges()
            .Added("user", user.ToString())
            .Added("reason", declared.Value.Reason)
            .Added("declaredOn", Iso(declared.Value.DeclaredOn))
            .Added("endsOn", declared.Value.EndsOn is { } end ? Iso(end) : null));
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(declared.Value.Id.Value, ct)).Value;
    }

    internal static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Ends a conflict of interest; its last day counts. Staff end their own; MB administrators any.</summary>
public sealed class EndConflict(AdhereDb db, ConflictQueries queries)
{
    public async Task<Result<ConflictDetails>> HandleAsync(Guid id, DateOnly lastDay, CancellationToken ct)
    {
        var conflict = await db.ConflictsOfInterest.FirstOrDefaultAsync(c => c.Id == new ConflictOfInterestId(id), ct);
        if (conflict is null) return AssessmentErrors.ConflictNotFound(id.ToString());
        if (conflict.UserId != db.Caller.UserId && !db.Caller.IsInRole(Role.MbAdministrator)) return AssessmentErrors.ConflictForSomeoneElse();
        var before = conflict.EndsOn;
        var ended = conflict.End(lastDay);
        if (ended.IsError) return ended.Error!;
        db.Record("conflict.ended", "conflict-of-interest", conflict.Id.ToString(), conflict.OrganisationId, new AuditChanges()
            .Set("endsOn", before is { } b ? DeclareConflict.Iso(b) : null, DeclareConflict.Iso(lastDay)));
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(id, ct)).Value;
    }
}

/// <summary>Reads conflicts of interest (MB staff only; providers never see them).</summary>
public sealed class ConflictQueries(AdhereDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ConflictDetails>> ListAsync(Guid? userId, Guid? organisationId, CancellationToken ct)
    {
        var query = db.ConflictsOfInterest.AsNoTracking();
        if (userId is { } u) query = query.Where(c => c.UserId == new UserId(u));
        if (organisationId is { } o) query = query.Where(c => c.OrganisationId == new OrganisationId(o));
        var rows = await DetailsAsync(await query.ToListAsync(ct), ct);
        return [.. rows.OrderBy(r => r.OrganisationName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.UserEmail, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.DeclaredOn)];
    }

    public async Task<Result<ConflictDetails>> GetAsync(Guid id, CancellationToken ct)
    {
        var conflict = await db.ConflictsOfInterest.AsNoTracking().FirstOrDefaultAsync(c => c.Id == new ConflictOfInterestId(id), ct);
        return conflict is null ? AssessmentErrors.ConflictNotFound(id.ToString()) : (await DetailsAsync([conflict], ct))[0];
    }

    /// <summary>Every conflict that could concern an assessment of <paramref name="organisation"/>'s declarations.</summary>
    public async Task<IReadOnlyList<ConflictOfInterest>> TowardsAsync(OrganisationId organisation, CancellationToken ct) =>
        await db.ConflictsOfInterest.AsNoTracking().Where(c => c.OrganisationId == organisation).ToListAsync(ct);

    // Users are keyed by a bare GUID and conflicts by a typed ID, which EF cannot join; two small reads instead.
    private async Task<List<ConflictDetails>> DetailsAsync(List<ConflictOfInterest> conflicts, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var userIds = conflicts.Select(c => c.UserId.Value).Distinct().ToList();
        var orgIds = conflicts.Select(c => c.OrganisationId).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? string.Empty, ct);
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. conflicts.Select(c => new ConflictDetails(c.Id.Value, c.UserId.Value, emails.GetValueOrDefault(c.UserId.Value, string.Empty),
            c.OrganisationId.Value, names.GetValueOrDefault(c.OrganisationId, string.Empty), c.Reason, c.DeclaredOn, c.EndsOn, c.IsActiveOn(today)))];
    }
}
