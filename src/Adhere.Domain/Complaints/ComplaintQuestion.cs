using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Complaints;

/// <summary>Identifies a <see cref="ComplaintQuestion"/>.</summary>
public readonly record struct ComplaintQuestionId(Guid Value) : IEntityId
{
    public static ComplaintQuestionId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>Whom the Monitoring Body asks during an investigation.</summary>
public enum QuestionRecipient
{
    /// <summary>The provider the complaint concerns; it reads and answers in its portal.</summary>
    Provider,

    /// <summary>The complainant; reached by e-mail with a secret link, no account.</summary>
    Complainant,
}

/// <summary>
/// A question MB staff put to the provider concerned or to the complainant while checking admissibility or investigating,
/// with the date by which an answer is due and (once given) the answer. A provider question carries the provider's
/// <see cref="OrganisationId"/> so that the tenancy filter shows it to that provider alone; a complainant question carries
/// none and is reached only through its secret link, of which the row keeps the SHA-256 (<see cref="AnswerKeyHash"/>).
/// </summary>
/// <remarks>
/// One answer per question. The provider may still answer after the due date (the answer is marked late); the
/// complainant may not: once <see cref="DueOn"/> has passed unanswered, the question has <em>lapsed</em>, which is what
/// allows a dismissal for <see cref="DismissalReason.LackOfCooperation"/>.
/// </remarks>
public sealed class ComplaintQuestion
{
    public const int MaxTextLength = 8000;

    /// <summary>Most files one question or one answer may carry.</summary>
    public const int MaxFiles = 5;

    /// <summary>The latest due date the MB may set for a provider, in days from asking.</summary>
    public const int MaxProviderDays = 90;

    private ComplaintQuestion()
    {
        Text = string.Empty;
        AskedBy = string.Empty;
    }

    public ComplaintQuestionId Id { get; private set; }

    public ComplaintId ComplaintId { get; private set; }

    public QuestionRecipient Recipient { get; private set; }

    /// <summary>The provider asked; null for a complainant question.</summary>
    public OrganisationId? OrganisationId { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset AskedAt { get; private set; }

    /// <summary>Who asked (the MB member's sign-in name); for MB staff only.</summary>
    public string AskedBy { get; private set; }

    /// <summary>The last day an answer is in time (UTC date).</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the answer link's secret; complainant questions only.</summary>
    public string? AnswerKeyHash { get; private set; }

    public string? Answer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The provider member who answered; null for the complainant (whose identity stays on the complaint).</summary>
    public string? AnsweredBy { get; private set; }

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>True while unanswered and past <see cref="DueOn"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => !IsAnswered && ComplaintClocks.IsOverdue(DueOn, now);

    /// <summary>True for an answer given after <see cref="DueOn"/>.</summary>
    public bool AnsweredLate => AnsweredAt is { } at && ComplaintClocks.DateOf(at) > DueOn;

    /// <summary>
    /// Asks the provider <paramref name="provider"/> about <paramref name="complaint"/>. The answer is due
    /// <see cref="ComplaintClocks.CspAnswerDue"/> after asking, or on <paramref name="dueOn"/> when the MB gives a later
    /// date (at most <see cref="MaxProviderDays"/> days ahead).
    /// </summary>
    public static Result<ComplaintQuestion> AskProvider(Complaint complaint, OrganisationId provider, string? text, DateOnly? dueOn,
        ComplaintSettings settings, Role actor, string askedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(settings);
        var allowed = CheckAsking(complaint, actor, text);
        if (allowed.IsError) return allowed.Error!;
        var standard = ComplaintClocks.CspAnswerDue(now, settings);
        var latest = ComplaintClocks.DateOf(now).AddDays(MaxProviderDays);
        if (dueOn is { } given && (given < standard || given > latest)) return ComplaintQuestionErrors.DueInvalid(standard, latest);
        return New(complaint, QuestionRecipient.Provider, provider, null, text!, dueOn ?? standard, askedBy, now);
    }

    /// <summary>
    /// Asks the complainant of <paramref name="complaint"/>, who has <see cref="ComplaintSettings.ComplainantAnswerDays"/>
    /// days to answer through the link whose secret hashes to <paramref name="answerKeyHash"/>. Refused for an anonymous
    /// complaint: there is nobody to ask.
    /// </summary>
    public static Result<ComplaintQuestion> AskComplainant(Complaint complaint, string answerKeyHash, string? text, ComplaintSettings settings,
        Role actor, string askedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentException.ThrowIfNullOrWhiteSpace(answerKeyHash);
        ArgumentNullException.ThrowIfNull(settings);
        var allowed = CheckAsking(complaint, actor, text);
        if (allowed.IsError) return allowed.Error!;
        if (complaint.IsAnonymous) return ComplaintQuestionErrors.Anonymous();
        return New(complaint, QuestionRecipient.Complainant, null, answerKeyHash, text!, ComplaintClocks.ComplainantAnswerDue(now, settings), askedBy, now);
    }

    /// <summary>
    /// Records the provider's answer by <paramref name="answeredBy"/>. Late answers are taken (and shown as late); a second
    /// answer, an answer to a complainant question and an answer once the case no longer runs are refused.
    /// </summary>
    public Result<Done> AnswerAsProvider(Complaint complaint, string? text, string answeredBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answeredBy);
        if (Recipient != QuestionRecipient.Provider) throw new InvalidOperationException("A complainant question is answered through its link.");
        var allowed = CheckAnswering(complaint, text);
        if (allowed.IsError) return allowed;
        Record(text!, answeredBy, now);
        return Done.Value;
    }

    /// <summary>Records the complainant's answer; refused once the window (<see cref="DueOn"/>) has passed.</summary>
    public Result<Done> AnswerAsComplainant(Complaint complaint, string? text, DateTimeOffset now)
    {
        if (Recipient != QuestionRecipient.Complainant) throw new InvalidOperationException("A provider question is answered in the portal.");
        if (!IsAnswered && ComplaintClocks.IsOverdue(DueOn, now)) return ComplaintQuestionErrors.WindowClosed(DueOn);
        var allowed = CheckAnswering(complaint, text);
        if (allowed.IsError) return allowed;
        Record(text!, null, now);
        return Done.Value;
    }

    /// <summary>True when a question to the complainant of <paramref name="complaint"/> went unanswered past its due date.</summary>
    public static bool ComplainantHasLapsed(IEnumerable<ComplaintQuestion>? questions, ComplaintId complaint, DateTimeOffset now) =>
        questions?.Any(q => q.ComplaintId == complaint && q.Recipient == QuestionRecipient.Complainant && q.IsOverdue(now)) ?? false;

    /// <summary>A question may be asked while the MB checks admissibility or investigates, by the staff who handle cases.</summary>
    public static bool MayAskIn(ComplaintStatus status) => status is ComplaintStatus.AdmissibilityCheck or ComplaintStatus.Investigation;

    /// <summary>Whether <paramref name="actor"/> handles complaints: asks questions and keeps notes.</summary>
    public static bool IsCaseHandler(Role actor) => actor == Role.MbAssessor || actor == Role.MbDecisionMaker;

    private static Result<Done> CheckAsking(Complaint complaint, Role actor, string? text)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsCaseHandler(actor)) return ComplaintQuestionErrors.RoleNotAllowed(actor);
        if (!MayAskIn(complaint.Status)) return ComplaintQuestionErrors.NotNow(complaint.Status);
        return CheckText(text);
    }

    private Result<Done> CheckAnswering(Complaint complaint, string? text)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (complaint.Id != ComplaintId) throw new ArgumentException("The question belongs to another complaint.", nameof(complaint));
        if (IsAnswered) return ComplaintQuestionErrors.AlreadyAnswered();
        if (!MayAskIn(complaint.Status)) return ComplaintQuestionErrors.CaseEnded();
        return CheckText(text);
    }

    internal static Result<Done> CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ComplaintQuestionErrors.TextRequired();
        if (text.Trim().Length > MaxTextLength) return ComplaintQuestionErrors.TextTooLong();
        return Done.Value;
    }

    private void Record(string text, string? answeredBy, DateTimeOffset now)
    {
        Answer = text.Trim();
        AnsweredAt = now;
        AnsweredBy = answeredBy;
    }

    private static ComplaintQuestion New(Complaint complaint, QuestionRecipient recipient, OrganisationId? provider, string? keyHash, string text,
        DateOnly dueOn, string askedBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(askedBy);
        return new ComplaintQuestion
        {
            Id = ComplaintQuestionId.New(),
            ComplaintId = complaint.Id,
            Recipient = recipient,
            OrganisationId = provider,
            Text = text.Trim(),
            AskedAt = now,
            AskedBy = askedBy,
            DueOn = dueOn,
            AnswerKeyHash = keyHash,
        };
    }
}
