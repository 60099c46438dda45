using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>What a complaint is about: a register entry (by its Verification-ID) or a company and service as typed.</summary>
/// <param name="VerificationId">The entry's current Verification-ID when the complainant chose one; null when typed.</param>
/// <param name="Company">The provider's name: the register's for an entry, else as typed.</param>
/// <param name="Service">The service concerned as typed; optional.</param>
public sealed record ComplaintTarget(string? VerificationId, string Company, string? Service);

/// <summary>How to reach the complainant; absent for an anonymous complaint.</summary>
/// <param name="Name">Optional.</param>
/// <param name="Email">Required with a contact.</param>
/// <param name="MayRevealToProvider">Whether the complainant agrees that the provider learns who complains.</param>
public sealed record ComplainantContact(string? Name, string Email, bool MayRevealToProvider);

/// <summary>
/// A complaint to the Monitoring Body about an adherent service or its provider. Filed without an account; moved only
/// by MB staff through <see cref="ComplaintLifecycle"/>. The complainant follows it with its <see cref="Reference"/>
/// and a secret whose hash is <see cref="StatusKeyHash"/>. Complaints belong to the MB, never to a provider's tenancy.
/// </summary>
public sealed class Complaint
{
    public const int MaxConductLength = 20_000;
    public const int MaxReasonLength = 4000;
    public const int MaxNameLength = 200;
    public const int MaxTargetLength = 200;

    /// <summary>Most topic tags one complaint carries.</summary>
    public const int MaxTopics = 20;

    /// <summary>Longest topic tag, as for the MB's attention topics.</summary>
    public const int MaxTopicLength = 100;

    private IReadOnlyList<string> topics = [];

    private Complaint()
    {
        Reference = string.Empty;
        Company = string.Empty;
        Conduct = string.Empty;
        StatusKeyHash = string.Empty;
    }

    public ComplaintId Id { get; private set; }

    /// <summary>The public reference in text form, such as <c>C-2026-000123</c>; unique.</summary>
    public string Reference { get; private set; }

    /// <summary>The year part of <see cref="Reference"/>, which numbers run within.</summary>
    public int Year { get; private set; }

    /// <summary>The running number part of <see cref="Reference"/>.</summary>
    public int Number { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>When the status last changed (the receipt for a new complaint).</summary>
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>When the MB first acknowledged the complaint (started the admissibility check); null before.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>The acknowledgement target (<see cref="ComplaintClocks.AcknowledgementDue"/>), fixed at receipt.</summary>
    public DateOnly AcknowledgeBy { get; private set; }

    /// <summary>The decision target (<see cref="ComplaintClocks.DecisionDue"/>), fixed at receipt.</summary>
    public DateOnly DecideBy { get; private set; }

    public ComplainantRole ComplainantRole { get; private set; }

    public string? ComplainantName { get; private set; }

    /// <summary>Null for an anonymous complaint.</summary>
    public string? ComplainantEmail { get; private set; }

    /// <summary>Whether the complainant agreed that the provider may learn their identity; always false when anonymous.</summary>
    public bool MayRevealToProvider { get; private set; }

    public bool IsAnonymous => ComplainantEmail is null;

    public string? TargetVerificationId { get; private set; }

    public string Company { get; private set; }

    public string? Service { get; private set; }

    /// <summary>The conduct complained of, in the complainant's words.</summary>
    public string Conduct { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the status secret (<see cref="ComplaintStatusKey"/>).</summary>
    public string StatusKeyHash { get; private set; }

    public DismissalReason? DismissalReason { get; private set; }

    public ComplaintFinding? Finding { get; private set; }

    /// <summary>When the latest decision (finding) was made; cleared by an appeal or reopening.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>When handling last ended (closed or dismissed); cleared by an appeal or reopening.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>How many appeals were accepted.</summary>
    public int AppealCount { get; private set; }

    /// <summary>
    /// The catalogue topic tags the MB gave the complaint (such as <c>transfers</c>), trimmed, without duplicates (ignoring
    /// case), in the order given. An ad-hoc assessment opened from the complaint examines the controls tagged with them.
    /// </summary>
    public IReadOnlyList<string> Topics => topics;

    /// <summary>
    /// Files a complaint. Checks the input (conduct 1–<see cref="MaxConductLength"/> characters after trimming, a target,
    /// a plausible e-mail with a contact) and sets the clocks from <paramref name="now"/>. The reference and the status
    /// key come from the caller, which allocates the number and keeps the secret to show once.
    /// </summary>
    public static Result<Complaint> File(ComplaintReference reference, string statusKeyHash, ComplainantRole role, ComplainantContact? contact,
        ComplaintTarget target, string? conduct, ComplaintSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(statusKeyHash);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);

        var checkedInput = Check(role, contact, target, conduct);
        if (checkedInput.IsError) return checkedInput.Error!;

        return new Complaint
        {
            Id = ComplaintId.New(),
            Reference = reference.ToString(),
            Year = reference.Year,
            Number = reference.Number,
            Status = ComplaintStatus.Received,
            ReceivedAt = now,
            StatusChangedAt = now,
            AcknowledgeBy = ComplaintClocks.AcknowledgementDue(now, settings),
            DecideBy = ComplaintClocks.DecisionDue(now, settings),
            ComplainantRole = role,
            ComplainantName = contact is null ? null : Trimmed(contact.Name),
            ComplainantEmail = contact?.Email.Trim(),
            MayRevealToProvider = contact?.MayRevealToProvider ?? false,
            TargetVerificationId = Trimmed(target.VerificationId),
            Company = target.Company.Trim(),
            Service = Trimmed(target.Service),
            Conduct = conduct!.Trim(),
            StatusKeyHash = statusKeyHash,
        };
    }

    /// <summary>
    /// The input checks of <see cref="File"/>, in the order a form shows them, so that the caller can refuse a submission
    /// before allocating a reference.
    /// </summary>
    public static Result<Done> Check(ComplainantRole role, ComplainantContact? contact, ComplaintTarget target, string? conduct)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Enum.IsDefined(role)) return ComplaintErrors.RoleInvalid();
        if (string.IsNullOrWhiteSpace(target.Company) && string.IsNullOrWhiteSpace(target.VerificationId)) return ComplaintErrors.TargetRequired();
        if ((target.Company?.Trim().Length ?? 0) > MaxTargetLength || (target.Service?.Trim().Length ?? 0) > MaxTargetLength) return ComplaintErrors.TargetTooLong();
        if (string.IsNullOrWhiteSpace(conduct)) return ComplaintErrors.ConductRequired();
        if (conduct.Trim().Length > MaxConductLength) return ComplaintErrors.ConductTooLong();
        if (contact is not null)
        {
            if ((contact.Name?.Trim().Length ?? 0) > MaxNameLength) return ComplaintErrors.NameTooLong();
            if (!EmailAddress.IsPlausible(contact.Email?.Trim())) return ComplaintErrors.EmailInvalid();
        }

        return Done.Value;
    }

    /// <summary>Starts the admissibility check, which acknowledges the complaint.</summary>
    public Result<ComplaintStatus> StartAdmissibilityCheck(Role actor, DateTimeOffset now) => Move(ComplaintTrigger.StartAdmissibilityCheck, actor, null, now);

    /// <summary>Finds the complaint admissible: investigation begins.</summary>
    public Result<ComplaintStatus> Admit(Role actor, DateTimeOffset now) => Move(ComplaintTrigger.Admit, actor, null, now);

    /// <summary>
    /// Dismisses the complaint for <paramref name="reason"/>, explained in <paramref name="explanation"/> (required).
    /// <see cref="DismissalReason.LackOfCooperation"/> needs one of <paramref name="questions"/> (the complaint's) to be a
    /// question to the complainant that lapsed unanswered (<c>complaint.no-lapsed-question</c> otherwise).
    /// </summary>
    public Result<ComplaintStatus> Dismiss(Role actor, DismissalReason reason, string? explanation, DateTimeOffset now,
        IEnumerable<ComplaintQuestion>? questions = null)
    {
        if (!Enum.IsDefined(reason)) return ComplaintErrors.DismissalReasonInvalid();
        if (reason == Complaints.DismissalReason.LackOfCooperation)
        {
            // Role and state first, as for every move, so that a caller without the right learns nothing about the questions.
            var allowed = ComplaintLifecycle.Fire(Status, ComplaintTrigger.Dismiss, actor);
            if (allowed.IsError) return allowed;
            if (!ComplaintQuestion.ComplainantHasLapsed(questions, Id, now)) return ComplaintQuestionErrors.NoLapsedQuestion();
        }

        var moved = Move(ComplaintTrigger.Dismiss, actor, explanation, now);
        if (!moved.IsError) DismissalReason = reason;
        return moved;
    }

    /// <summary>Records the finding with its reasons (required).</summary>
    public Result<ComplaintStatus> Decide(Role actor, ComplaintFinding finding, string? reasons, DateTimeOffset now)
    {
        if (!Enum.IsDefined(finding)) return ComplaintErrors.FindingInvalid();
        var moved = Move(ComplaintTrigger.Decide, actor, reasons, now);
        if (!moved.IsError)
        {
            Finding = finding;
            DecidedAt = now;
        }

        return moved;
    }

    /// <summary>Closes a decided complaint.</summary>
    public Result<ComplaintStatus> Close(Role actor, DateTimeOffset now) => Move(ComplaintTrigger.Close, actor, null, now);

    /// <summary>Accepts an appeal against the outcome (reasons required): the case is investigated again.</summary>
    public Result<ComplaintStatus> Appeal(Role actor, string? reasons, DateTimeOffset now)
    {
        var moved = Move(ComplaintTrigger.Appeal, actor, reasons, now);
        if (!moved.IsError) AppealCount++;
        return moved;
    }

    /// <summary>Reopens a dismissed or closed complaint on the MB's initiative (reasons required).</summary>
    public Result<ComplaintStatus> Reopen(Role actor, string? reasons, DateTimeOffset now) => Move(ComplaintTrigger.Reopen, actor, reasons, now);

    /// <summary>
    /// Replaces <see cref="Topics"/> while the complaint is open (<see cref="ComplaintLifecycle.IsOpen"/>): at most
    /// <see cref="MaxTopics"/> tags of 1–<see cref="MaxTopicLength"/> characters; an empty list clears them.
    /// </summary>
    public Result<IReadOnlyList<string>> Tag(IEnumerable<string?>? tags)
    {
        if (!ComplaintLifecycle.IsOpen(Status)) return ComplaintHandlingErrors.NotOpen(Status);
        var list = (tags ?? []).Select(t => (t ?? string.Empty).Trim()).ToList();
        if (list.Any(t => t.Length is 0 or > MaxTopicLength)) return ComplaintHandlingErrors.TopicInvalid();
        list = [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (list.Count > MaxTopics) return ComplaintHandlingErrors.TooManyTopics();
        topics = list;
        return list;
    }

    /// <summary>True while the acknowledgement is owed and its target date has passed.</summary>
    public bool IsAcknowledgementOverdue(DateTimeOffset now) =>
        Status == ComplaintStatus.Received && ComplaintClocks.IsOverdue(AcknowledgeBy, now);

    /// <summary>True while the complaint is open (<see cref="ComplaintLifecycle.IsOpen"/>) and its decision target has passed.</summary>
    public bool IsDecisionOverdue(DateTimeOffset now) =>
        ComplaintLifecycle.IsOpen(Status) && ComplaintClocks.IsOverdue(DecideBy, now);

    private Result<ComplaintStatus> Move(ComplaintTrigger trigger, Role actor, string? reason, DateTimeOffset now)
    {
        // Role and state first, then the reasons, so that a caller without the right learns nothing more.
        var to = ComplaintLifecycle.Fire(Status, trigger, actor);
        if (to.IsError) return to;
        if (ComplaintLifecycle.NeedsReason(trigger))
        {
            if (string.IsNullOrWhiteSpace(reason)) return ComplaintErrors.ReasonRequired(trigger);
            if (reason.Trim().Length > MaxReasonLength) return ComplaintErrors.ReasonTooLong();
        }

        if (trigger is ComplaintTrigger.Appeal or ComplaintTrigger.Reopen)
        {
            DismissalReason = null;
            Finding = null;
            DecidedAt = null;
            EndedAt = null;
        }

        if (to.Value is ComplaintStatus.Dismissed or ComplaintStatus.Closed) EndedAt = now;
        if (trigger == ComplaintTrigger.StartAdmissibilityCheck) AcknowledgedAt ??= now;
        Status = to.Value;
        StatusChangedAt = now;
        return to;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
