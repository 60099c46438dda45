using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;

namespace Adhere.Domain.Complaints;

/// <summary>Identifies a <see cref="ComplaintMeasure"/>.</summary>
public readonly record struct ComplaintMeasureId(Guid Value) : IEntityId
{
    public static ComplaintMeasureId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Where a measure stands. Which states a measure passes through depends on its <see cref="MeasureEffect"/>.</summary>
public enum MeasureState
{
    /// <summary>A reprimand or a revocation: done once imposed; nothing follows.</summary>
    Imposed,

    /// <summary>A corrective action whose follow-up check is still to be recorded.</summary>
    AwaitingFollowUp,

    /// <summary>The follow-up check found the correction made.</summary>
    Met,

    /// <summary>The follow-up check found the correction not made (a further measure may follow).</summary>
    NotMet,

    /// <summary>A suspension in force: the register entry is suspended until the measure is lifted.</summary>
    InForce,

    /// <summary>A suspension lifted by a recorded decision; the entry was reinstated.</summary>
    Lifted,

    /// <summary>A suspension overtaken by a revocation of the same entry; there is nothing left to lift.</summary>
    Superseded,
}

/// <summary>
/// A measure imposed on a provider because a complaint was founded: a <see cref="MeasureKind"/> from the catalogue, with
/// its reasons, on one declaration (register entry). Only a decision maker imposes one, and only while the complaint is
/// <see cref="ComplaintStatus.Decided"/> with the finding <see cref="ComplaintFinding.Founded"/>. A suspension is lifted
/// only through <see cref="Lift"/> (a recorded decision with reasons); a corrective action ends with a follow-up check.
/// Measures stay on record whatever happens to the complaint later.
/// </summary>
public sealed class ComplaintMeasure
{
    public const int MaxReasonsLength = Complaint.MaxReasonLength;
    public const int MaxCorrectionLength = 4000;
    public const int MaxNotesLength = 4000;

    private ComplaintMeasure()
    {
        Key = string.Empty;
        Name = string.Empty;
        Reasons = string.Empty;
        VerificationId = string.Empty;
    }

    public ComplaintMeasureId Id { get; private set; }

    public ComplaintId ComplaintId { get; private set; }

    /// <summary>The catalogue key at the time of imposing, such as <c>suspension</c>.</summary>
    public string Key { get; private set; }

    /// <summary>The catalogue name at the time of imposing; kept so that a later change of the catalogue does not rewrite history.</summary>
    public string Name { get; private set; }

    public MeasureEffect Effect { get; private set; }

    public string Reasons { get; private set; }

    /// <summary>The declaration concerned: the one that spoke for the register entry when the measure was imposed.</summary>
    public DeclarationId DeclarationId { get; private set; }

    /// <summary>The entry's Verification-ID when the measure was imposed.</summary>
    public string VerificationId { get; private set; }

    /// <summary>For a corrective action: the last day to correct; null otherwise.</summary>
    public DateOnly? Deadline { get; private set; }

    /// <summary>For a corrective action: what must be corrected; null otherwise.</summary>
    public string? Correction { get; private set; }

    public MeasureState State { get; private set; }

    public DateTimeOffset ImposedAt { get; private set; }

    /// <summary>When the measure left its first state (followed up, lifted or superseded); null while it has not.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The follow-up check's notes, or the reasons for lifting a suspension.</summary>
    public string? EndNotes { get; private set; }

    /// <summary>True while a suspension holds the register entry suspended.</summary>
    public bool HoldsSuspension => Effect == MeasureEffect.Suspension && State == MeasureState.InForce;

    /// <summary>
    /// Imposes <paramref name="kind"/> on the declaration concerned. Checks, in this order: the role (decision makers only),
    /// the complaint (decided, founded), the reasons (1–<see cref="MaxReasonsLength"/> characters) and, for a corrective
    /// action, the deadline (after <paramref name="now"/>'s date) and what to correct.
    /// </summary>
    public static Result<ComplaintMeasure> Impose(Complaint complaint, MeasureKind kind, Role actor, string? reasons, DateOnly? deadline,
        string? correction, DeclarationId declaration, string verificationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(verificationId);

        var checkedInput = Check(complaint, kind, actor, reasons, deadline, correction, now);
        if (checkedInput.IsError) return checkedInput.Error!;
        var corrective = kind.Effect == MeasureEffect.CorrectiveAction;
        return new ComplaintMeasure
        {
            Id = ComplaintMeasureId.New(),
            ComplaintId = complaint.Id,
            Key = kind.Key,
            Name = kind.Name,
            Effect = kind.Effect,
            Reasons = reasons!.Trim(),
            DeclarationId = declaration,
            VerificationId = verificationId,
            Deadline = corrective ? deadline : null,
            Correction = corrective ? correction!.Trim() : null,
            State = kind.Effect switch
            {
                MeasureEffect.CorrectiveAction => MeasureState.AwaitingFollowUp,
                MeasureEffect.Suspension => MeasureState.InForce,
                _ => MeasureState.Imposed,
            },
            ImposedAt = now,
        };
    }

    /// <summary>The checks of <see cref="Impose"/> alone, so that a caller can refuse before looking up the declaration.</summary>
    public static Result<Done> Check(Complaint complaint, MeasureKind kind, Role actor, string? reasons, DateOnly? deadline, string? correction,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor != Role.MbDecisionMaker) return ComplaintMeasureErrors.RoleNotAllowed(actor, "impose a measure");
        if (complaint.Status != ComplaintStatus.Decided || complaint.Finding != ComplaintFinding.Founded)
            return ComplaintMeasureErrors.NotFounded(complaint.Reference, complaint.Status, complaint.Finding);
        var text = CheckText(reasons, MaxReasonsLength, ComplaintMeasureErrors.ReasonsRequired, ComplaintMeasureErrors.ReasonsTooLong);
        if (text.IsError) return text;
        if (kind.Effect == MeasureEffect.CorrectiveAction)
        {
            if (deadline is not { } day) return ComplaintMeasureErrors.DeadlineRequired();
            if (day <= DateOnly.FromDateTime(now.UtcDateTime)) return ComplaintMeasureErrors.DeadlinePast(day);
            if (string.IsNullOrWhiteSpace(correction)) return ComplaintMeasureErrors.CorrectionRequired();
            if (correction.Trim().Length > MaxCorrectionLength) return ComplaintMeasureErrors.CorrectionTooLong();
        }

        return Done.Value;
    }

    /// <summary>Lifts a suspension in force (decision makers only, reasons required); the caller reinstates the entry.</summary>
    public Result<MeasureState> Lift(Role actor, string? reasons, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor != Role.MbDecisionMaker) return ComplaintMeasureErrors.RoleNotAllowed(actor, "lift a measure");
        if (!HoldsSuspension) return ComplaintMeasureErrors.NotLiftable(Key, State);
        var text = CheckText(reasons, MaxReasonsLength, ComplaintMeasureErrors.ReasonsRequired, ComplaintMeasureErrors.ReasonsTooLong);
        if (text.IsError) return text.Error!;
        return End(MeasureState.Lifted, reasons!.Trim(), now);
    }

    /// <summary>Records the follow-up check of a corrective action (MB case handlers; notes required).</summary>
    public Result<MeasureState> FollowUp(Role actor, bool met, string? notes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor != Role.MbDecisionMaker && actor != Role.MbAssessor) return ComplaintMeasureErrors.RoleNotAllowed(actor, "record a follow-up check");
        if (Effect != MeasureEffect.CorrectiveAction || State != MeasureState.AwaitingFollowUp) return ComplaintMeasureErrors.FollowUpNotAllowed(Key, State);
        var text = CheckText(notes, MaxNotesLength, ComplaintMeasureErrors.NotesRequired, ComplaintMeasureErrors.NotesTooLong);
        if (text.IsError) return text.Error!;
        return End(met ? MeasureState.Met : MeasureState.NotMet, notes!.Trim(), now);
    }

    /// <summary>Marks a suspension in force as overtaken by a revocation of the same entry; does nothing otherwise.</summary>
    public bool Supersede(DateTimeOffset now)
    {
        if (!HoldsSuspension) return false;
        End(MeasureState.Superseded, null, now);
        return true;
    }

    private MeasureState End(MeasureState state, string? notes, DateTimeOffset now)
    {
        State = state;
        EndNotes = notes;
        EndedAt = now;
        return state;
    }

    private static Result<Done> CheckText(string? text, int max, Func<InvalidError> required, Func<InvalidError> tooLong)
    {
        if (string.IsNullOrWhiteSpace(text)) return required();
        if (text.Trim().Length > max) return tooLong();
        return Done.Value;
    }
}
