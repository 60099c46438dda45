using Adhere.Core.Complaints.AuthorityNotices;
using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Measures;

/// <summary>
/// A decision maker imposes a measure from the catalogue on a founded complaint. A suspension or revocation changes the
/// register entry at once through <see cref="ListingDecisions"/>, and a notice to the supervisory authority is written;
/// the measure, the status change, the register's log, the provider's e-mail, the notice and the audit records commit
/// in one transaction or not at all.
/// </summary>
public sealed class ImposeComplaintMeasure(AdhereDb db, ComplaintMeasureSettings settings, ListingDecisions decisions, AuthorityNoticeWriter notices,
    ComplaintMeasureQueries queries, TimeProvider time)
{
    /// <param name="VerificationId">The entry concerned when the complaint names none (typed without an entry); ignored otherwise.</param>
    public sealed record Command(string Reference, string? Key, string? Reasons, DateOnly? Deadline = null, string? Correction = null, string? VerificationId = null);

    public async Task<Result<ComplaintMeasureView>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var complaint = await ComplaintMeasureQueries.FindAsync(db, command.Reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(command.Reference);
        if (settings.Catalogue.Find(command.Key) is not { } kind) return ComplaintMeasureErrors.Unknown(command.Key, settings.Catalogue.Kinds.Select(k => k.Key));

        var actor = MeasureActor.Of(db.Caller, Role.MbDecisionMaker);
        var now = time.GetUtcNow();
        var check = ComplaintMeasure.Check(complaint, kind, actor, command.Reasons, command.Deadline, command.Correction, now);
        if (check.IsError) return check.Error!;

        var asked = complaint.TargetVerificationId ?? command.VerificationId;
        if (string.IsNullOrWhiteSpace(asked)) return ComplaintMeasureErrors.DeclarationRequired();
        var normalised = RegisterQueries.NormalizeId(asked);
        var current = normalised is null ? null : RenewalChain.Current(await RenewalChain.LoadByIdAsync(db, normalised, ct));
        if (current?.VerificationId is not { } verificationId) return ComplaintMeasureErrors.DeclarationNotFound(asked);

        var imposed = ComplaintMeasure.Impose(complaint, kind, actor, command.Reasons, command.Deadline, command.Correction, current.Id, verificationId, now);
        if (imposed.IsError) return imposed.Error!;
        var measure = imposed.Value;

        await using var unit = await db.BeginUnitAsync(ct);
        db.ComplaintMeasures.Add(measure);
        var changes = new AuditChanges().Added("measure", measure.Id.ToString()).Added("key", measure.Key)
            .Added("effect", MeasureCatalogue.EffectName(measure.Effect)).Added("verificationId", verificationId).Added("reasons", measure.Reasons);
        if (measure.Deadline is { } deadline) changes.Added("deadline", deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (measure.Correction is { } correction) changes.Added("correction", correction);
        db.Record("complaint.measure-imposed", "complaint", complaint.Id.ToString(), null, changes);

        if (kind.ChangesRegister)
        {
            var trigger = kind.Effect == MeasureEffect.Suspension ? DeclarationTrigger.Suspend : DeclarationTrigger.Revoke;
            var decided = await decisions.DecideAsync(measure.DeclarationId.Value, trigger, measure.Reasons, byComplaintMeasure: true, ct);
            if (decided.IsError)
            {
                Abandon();
                return decided.Error!;
            }

            await notices.WriteAsync(complaint, measure, ct);
        }

        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await queries.MeasureAsync(measure.Id, ct);
    }

    // The refused decision may have changed tracked entities before it failed; none of it may reach a later save.
    private void Abandon()
    {
        db.ChangeTracker.Clear();
        db.DiscardPendingAudit();
    }
}

/// <summary>
/// A decision maker lifts a suspension imposed as a complaint measure, with reasons: the measure is marked lifted and
/// the declaration reinstated, in one transaction. This is the only way to end such a suspension (ADR 0025).
/// </summary>
public sealed class LiftComplaintMeasure(AdhereDb db, ListingDecisions decisions, ComplaintMeasureQueries queries, TimeProvider time)
{
    public sealed record Command(string Reference, Guid MeasureId, string? Reasons);

    public async Task<Result<ComplaintMeasureView>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var complaint = await ComplaintMeasureQueries.FindAsync(db, command.Reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(command.Reference);
        var id = new ComplaintMeasureId(command.MeasureId);
        var measure = await db.ComplaintMeasures.FirstOrDefaultAsync(m => m.Id == id && m.ComplaintId == complaint.Id, ct);
        if (measure is null) return ComplaintMeasureErrors.NotFound(command.MeasureId.ToString());

        var lifted = measure.Lift(MeasureActor.Of(db.Caller, Role.MbDecisionMaker), command.Reasons, time.GetUtcNow());
        if (lifted.IsError) return lifted.Error!;

        await using var unit = await db.BeginUnitAsync(ct);
        db.Record("complaint.measure-lifted", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("measure", measure.Id.ToString()).Set("measureState", nameof(MeasureState.InForce), measure.State.ToString()).Added("reasons", measure.EndNotes));
        var decided = await decisions.DecideAsync(measure.DeclarationId.Value, DeclarationTrigger.Reinstate, measure.EndNotes, byComplaintMeasure: true, ct);
        if (decided.IsError)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingAudit();
            return decided.Error!;
        }

        await unit.CommitAsync(ct);
        return await queries.MeasureAsync(measure.Id, ct);
    }
}

/// <summary>MB case handlers record the follow-up check of a corrective action: met or not met, with notes.</summary>
public sealed class FollowUpComplaintMeasure(AdhereDb db, ComplaintMeasureQueries queries, TimeProvider time)
{
    public sealed record Command(string Reference, Guid MeasureId, bool Met, string? Notes);

    public async Task<Result<ComplaintMeasureView>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var complaint = await ComplaintMeasureQueries.FindAsync(db, command.Reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(command.Reference);
        var id = new ComplaintMeasureId(command.MeasureId);
        var measure = await db.ComplaintMeasures.FirstOrDefaultAsync(m => m.Id == id && m.ComplaintId == complaint.Id, ct);
        if (measure is null) return ComplaintMeasureErrors.NotFound(command.MeasureId.ToString());

        var checkedUp = measure.FollowUp(MeasureActor.Of(db.Caller, Role.MbDecisionMaker, Role.MbAssessor), command.Met, command.Notes, time.GetUtcNow());
        if (checkedUp.IsError) return checkedUp.Error!;
        db.Record("complaint.measure-followed-up", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("measure", measure.Id.ToString()).Set("measureState", nameof(MeasureState.AwaitingFollowUp), measure.State.ToString())
            .Added("reasons", measure.EndNotes));
        await db.SaveChangesAsync(ct);
        return await queries.MeasureAsync(measure.Id, ct);
    }
}

/// <summary>Which role a caller acts in on a measure: the first preferred role it holds; the system acts in the first.</summary>
internal static class MeasureActor
{
    public static Role Of(Caller caller, params Role[] preferred)
    {
        if (caller.UserId is null && caller.SeesAllOrganisations) return preferred[0];
        return preferred.FirstOrDefault(caller.IsInRole) ?? Role.All.FirstOrDefault(caller.IsInRole) ?? Role.CspViewer;
    }
}
