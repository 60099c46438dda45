using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

/// <summary>An assessment loaded for a change, with the declaration it concerns (tracked, fully loaded).</summary>
public sealed record AssessmentUnderWork(Assessment Assessment, Declaration Declaration, int HistoryBefore);

/// <summary>
/// What every assessment step shares: loading the assessment with its declaration, the caller as a user and role, the
/// conflicts of interest towards the provider, and the save that writes new phase changes (and the step's own entry) to
/// the audit trail. A refused step abandons everything it touched, so nothing is saved or logged half-done.
/// </summary>
public sealed class AssessmentWork(AdhereDb db, DeclarationAccess access, ConflictQueries conflicts, AssessmentQueries queries, TimeProvider time)
{
    public AdhereDb Db => db;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The caller's user; steps are taken by signed-in staff (the CLI acts as a named user).</summary>
    public UserId User => db.Caller.UserId ?? throw new InvalidOperationException("Assessment steps are taken by a named user.");

    /// <summary>The caller's role; a system caller without a user cannot take steps (see <see cref="User"/>).</summary>
    public Role Role => access.RoleOfCaller(Role.MbAssessor);

    public async Task<Result<AssessmentUnderWork>> LoadAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == new AssessmentId(id), ct);
        if (assessment is null) return AssessmentErrors.NotFound(id.ToString());
        var declaration = await access.LoadAsync(assessment.DeclarationId.Value, ct)
            ?? throw new InvalidOperationException($"The declaration of assessment {id} is missing.");
        return new AssessmentUnderWork(assessment, declaration, assessment.History.Count);
    }

    public Task<IReadOnlyList<ConflictOfInterest>> ConflictsAsync(AssessmentUnderWork work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        return conflicts.TowardsAsync(work.Assessment.OrganisationId, ct);
    }

    /// <summary>Drops every tracked change and pending audit entry of a refused step and returns its error.</summary>
    public Error Refuse(Error error)
    {
        db.ChangeTracker.Clear();
        db.DiscardPendingAudit();
        return error;
    }

    /// <summary>
    /// Writes the phase changes made since loading to the audit trail, plus <paramref name="action"/> when given (steps
    /// that do not change the phase), saves, and returns the assessment as it now stands.
    /// </summary>
    public async Task<Result<AssessmentSummary>> SaveAsync(AssessmentUnderWork work, string? action, AuditChanges? changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        var assessment = work.Assessment;
        foreach (var change in assessment.History.Skip(work.HistoryBefore))
        {
            db.RecordEntry(change.ToAuditEntry(assessment.Id, assessment.OrganisationId.Value, db.Caller.ActorName));
        }

        if (action is not null) db.Record(action, "assessment", assessment.Id.ToString(), assessment.OrganisationId, changes);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await queries.GetAsync(assessment.Id.Value, ct);
    }

    /// <summary>Whether <paramref name="user"/> is an active MB member holding <paramref name="role"/>.</summary>
    public async Task<bool> IsStaffWithRoleAsync(UserId user, Role role, CancellationToken ct)
    {
        var roleId = RoleIds.For(role);
        var mb = await db.Organisations.AsNoTracking().Where(o => o.Kind == Domain.Organisations.OrganisationKind.MonitoringBody).Select(o => o.Id).ToListAsync(ct);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      where u.Id == user.Value && ur.RoleId == roleId && u.DisabledAt == null && mb.Contains(u.OrganisationId)
                      select u.Id).AnyAsync(ct);
    }
}

/// <summary>Reads the kebab-case words of requests (<c>not-satisfied</c>, <c>service-agreement</c>) into enum values.</summary>
internal static class AssessmentWords
{
    public static Result<T> Parse<T>(string? text, string field, string code, string what)
        where T : struct, Enum
    {
        var squeezed = (text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        if (squeezed.Length > 0 && !char.IsDigit(squeezed[0]) && Enum.TryParse<T>(squeezed, ignoreCase: true, out var value) && Enum.IsDefined(value)) return value;
        var allowed = string.Join(", ", Enum.GetNames<T>().Select(DeclarationQueries.Kebab));
        return new InvalidError(code, $"'{text}' is not {what}: use one of {allowed}.", field);
    }
}
