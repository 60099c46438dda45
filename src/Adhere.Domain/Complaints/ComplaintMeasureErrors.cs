using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>The expected failures of complaint measures and authority notices (<c>complaint.measure-*</c>, <c>complaint.notice-*</c>; docs/errors.md).</summary>
public static class ComplaintMeasureErrors
{
    public static ForbiddenError RoleNotAllowed(Role actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new("complaint.measure-role-not-allowed", $"The role '{actor.Name}' may not {what}; measures are decided by a decision maker.");
    }

    public static ConflictError NotFounded(string reference, ComplaintStatus status, ComplaintFinding? finding) => new("complaint.measure-not-founded",
        $"Measures are imposed only on a decided complaint found founded; {reference} is '{status}'" + (finding is { } f ? $" with the finding '{f}'." : " without a finding."));

    public static InvalidError Unknown(string? key, IEnumerable<string> known) => new("complaint.measure-unknown",
        $"'{key}' is not a measure of the catalogue; choose one of: {string.Join(", ", known)}.", "key");

    public static InvalidError ReasonsRequired() => new("complaint.measure-reasons-required",
        "A measure needs its reasons in words; they are kept with the case and reported to the supervisory authority for a suspension or revocation.", "reasons");

    public static InvalidError ReasonsTooLong() => new("complaint.measure-reasons-too-long",
        $"The reasons may have at most {ComplaintMeasure.MaxReasonsLength} characters.", "reasons");

    public static InvalidError DeadlineRequired() => new("complaint.measure-deadline-required",
        "A corrective action needs a deadline (a date) by which the provider must have corrected.", "deadline");

    public static InvalidError DeadlinePast(DateOnly deadline) => new("complaint.measure-deadline-past",
        $"The deadline {deadline:yyyy-MM-dd} is not in the future.", "deadline");

    public static InvalidError DeadlineInvalid(string? text) => new("complaint.measure-deadline-invalid",
        $"'{text}' is not a date; write the deadline as yyyy-MM-dd.", "deadline");

    public static InvalidError CorrectionRequired() => new("complaint.measure-correction-required",
        "Say what the provider must correct.", "correction");

    public static InvalidError CorrectionTooLong() => new("complaint.measure-correction-too-long",
        $"What must be corrected may have at most {ComplaintMeasure.MaxCorrectionLength} characters.", "correction");

    public static InvalidError DeclarationRequired() => new("complaint.measure-declaration-required",
        "The complaint names no register entry: give the Verification-ID of the declaration the measure concerns.", "verificationId");

    public static InvalidError DeclarationNotFound(string? verificationId) => new("complaint.measure-declaration-not-found",
        $"No register entry '{verificationId}' was found for the measure.", "verificationId");

    public static NotFoundError NotFound(string? id) => new("complaint.measure-not-found", $"The complaint has no measure '{id}'.");

    public static ConflictError NotLiftable(string key, MeasureState state) => new("complaint.measure-not-liftable",
        $"Only a suspension in force can be lifted; this measure ('{key}') is '{state}'.");

    public static ConflictError FollowUpNotAllowed(string key, MeasureState state) => new("complaint.measure-follow-up-not-allowed",
        $"A follow-up check is recorded once, for a corrective action awaiting it; this measure ('{key}') is '{state}'.");

    public static InvalidError OutcomeInvalid() => new("complaint.measure-outcome-invalid", "The follow-up outcome is met or not-met.", "outcome");

    public static InvalidError NotesRequired() => new("complaint.measure-notes-required", "Record what the follow-up check found.", "notes");

    public static InvalidError NotesTooLong() => new("complaint.measure-notes-too-long",
        $"The notes may have at most {ComplaintMeasure.MaxNotesLength} characters.", "notes");

    public static NotFoundError NoticeNotFound(string? id) => new("complaint.notice-not-found", $"The complaint has no authority notice '{id}'.");
}
