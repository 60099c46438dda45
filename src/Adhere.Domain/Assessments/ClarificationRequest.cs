using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;

namespace Adhere.Domain.Assessments;

/// <summary>Where a clarification request stands.</summary>
public enum ClarificationState
{
    /// <summary>Asked; waits for the provider's reply. Blocks resuming the assessment.</summary>
    Open = 1,

    /// <summary>The provider replied at least once; the assessor has not closed it. The provider may add replies.</summary>
    Answered = 2,

    /// <summary>The assessor closed it with a note; final.</summary>
    Closed = 3,
}

/// <summary>
/// The settings of clarification requests (DOMAIN.md: due date by default 14 days after asking). Days are calendar days.
/// </summary>
/// <param name="DefaultDueDays">Days from the day of asking to the default due date; at least 1.</param>
/// <param name="ReminderDaysBefore">How many days before the due date the provider is reminded; 0 for no reminder.</param>
public sealed record ClarificationSettings(int DefaultDueDays = 14, int ReminderDaysBefore = 3)
{
    /// <summary>The defaults: due after 14 days, reminder 3 days before.</summary>
    public static ClarificationSettings Default { get; } = new();

    /// <summary>Throws for settings out of range (a configuration error).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultDueDays, 1, nameof(DefaultDueDays));
        ArgumentOutOfRangeException.ThrowIfNegative(ReminderDaysBefore, nameof(ReminderDaysBefore));
    }
}

/// <summary>What a clarification request is about: a control (by catalogue key) or a free topic. Exactly one is set.</summary>
public sealed record ClarificationSubject
{
    public const int MaxLength = 200;

    private ClarificationSubject(string? controlKey, string? topic)
    {
        ControlKey = controlKey;
        Topic = topic;
    }

    public string? ControlKey { get; }

    public string? Topic { get; }

    /// <summary>About the control <paramref name="controlKey"/> (such as <c>5.1.A</c>); the caller checked it against the catalogue.</summary>
    public static Result<ClarificationSubject> ForControl(string? controlKey) => Make(controlKey, isControl: true);

    /// <summary>About a topic in free words (such as "subprocessor list").</summary>
    public static Result<ClarificationSubject> ForTopic(string? topic) => Make(topic, isControl: false);

    /// <summary>The control key or the topic, for display.</summary>
    public override string ToString() => ControlKey ?? Topic ?? string.Empty;

    private static Result<ClarificationSubject> Make(string? text, bool isControl)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return AssessmentErrors.ClarificationSubjectRequired();
        if (text.Length > MaxLength) return AssessmentErrors.TextTooLong("subject", MaxLength);
        return isControl ? new ClarificationSubject(text, null) : new ClarificationSubject(null, text);
    }
}

/// <summary>One reply of the provider.</summary>
public sealed record ClarificationReply(string Text, IReadOnlyList<DocumentId> Documents, UserId RepliedBy, DateTimeOffset RepliedAt);

/// <summary>
/// A question of the Monitoring Body to the provider during an assessment, with a due date, the provider's replies and
/// the assessor's closure. Calendar days are the days of the instants passed in, in their own offset: callers pass
/// times in the Monitoring Body's offset so that days are counted as the MB counts them. A reply on the due date is in
/// time. Changed only through the <see cref="Assessment"/>.
/// </summary>
public sealed class ClarificationRequest
{
    public const int MaxQuestionLength = 4000;

    public const int MaxReplyLength = 8000;

    public const int MaxNoteLength = 4000;

    public const int MaxDocumentsPerReply = 20;

    private readonly List<ClarificationReply> replies = [];

    private ClarificationRequest()
    {
        Subject = null!;
        Question = string.Empty;
    }

    public ClarificationRequestId Id { get; private set; }

    public ClarificationSubject Subject { get; private set; }

    public string Question { get; private set; }

    public UserId AskedBy { get; private set; }

    public DateTimeOffset AskedAt { get; private set; }

    /// <summary>The day of <see cref="AskedAt"/>.</summary>
    public DateOnly AskedOn => DateOnly.FromDateTime(AskedAt.DateTime);

    /// <summary>The last day for a reply in time.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The day the provider is reminded, or null when the due date is too close to the day of asking (or reminders are off).</summary>
    public DateOnly? ReminderOn { get; private set; }

    public ClarificationState State { get; private set; }

    public IReadOnlyList<ClarificationReply> Replies => replies;

    public string? ClosingNote { get; private set; }

    public UserId? ClosedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When the reminder was sent (recorded by the caller); null until then.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>When the request was marked overdue (recorded by the caller); null until then.</summary>
    public DateTimeOffset? MarkedOverdueAt { get; private set; }

    /// <summary>The day of the first reply, or null.</summary>
    public DateOnly? FirstRepliedOn => replies.Count == 0 ? null : DateOnly.FromDateTime(replies[0].RepliedAt.DateTime);

    /// <summary>
    /// True when the first reply came on or before <see cref="DueOn"/>; false when it came later; null while there is
    /// no reply.
    /// </summary>
    public bool? WasAnsweredInTime => FirstRepliedOn is { } day ? day <= DueOn : null;

    /// <summary>True when the request still waits for a reply (<see cref="ClarificationState.Open"/>) and <paramref name="today"/> lies after <see cref="DueOn"/>.</summary>
    public bool IsOverdue(DateOnly today) => State == ClarificationState.Open && today > DueOn;

    /// <summary>
    /// Whether the provider met the deadline, as the report states it: <see cref="DeadlineOutcome.Met"/> when the first
    /// reply came in time, or when the assessor closed the request without a reply on or before the due date (the
    /// question was dropped); <see cref="DeadlineOutcome.Missed"/> when the first reply came late, or there is none and
    /// the due date has passed (<paramref name="today"/>, or the day of closing if closed); otherwise
    /// <see cref="DeadlineOutcome.Pending"/>.
    /// </summary>
    public DeadlineOutcome Deadline(DateOnly today)
    {
        if (WasAnsweredInTime is { } inTime) return inTime ? DeadlineOutcome.Met : DeadlineOutcome.Missed;
        var day = ClosedAt is { } closed ? DateOnly.FromDateTime(closed.DateTime) : today;
        if (day > DueOn) return DeadlineOutcome.Missed;
        return State == ClarificationState.Closed ? DeadlineOutcome.Met : DeadlineOutcome.Pending;
    }

    internal static Result<ClarificationRequest> Ask(ClarificationSubject subject, string? question, DateOnly? dueOn, ClarificationSettings settings, UserId by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        question = question?.Trim();
        if (string.IsNullOrEmpty(question)) return AssessmentErrors.QuestionRequired();
        if (question.Length > MaxQuestionLength) return AssessmentErrors.TextTooLong("question", MaxQuestionLength);
        var today = DateOnly.FromDateTime(now.DateTime);
        var due = dueOn ?? today.AddDays(settings.DefaultDueDays);
        if (due < today) return AssessmentErrors.DueInPast(due, today);
        return new ClarificationRequest
        {
            Id = ClarificationRequestId.New(),
            Subject = subject,
            Question = question,
            AskedBy = by,
            AskedAt = now,
            DueOn = due,
            ReminderOn = ReminderFor(today, due, settings.ReminderDaysBefore),
            State = ClarificationState.Open,
        };
    }

    /// <summary>
    /// The reminder day for a request asked on <paramref name="askedOn"/> and due on <paramref name="dueOn"/>:
    /// <paramref name="daysBefore"/> days before the due date, or null when that is not after the day of asking or
    /// <paramref name="daysBefore"/> is 0.
    /// </summary>
    public static DateOnly? ReminderFor(DateOnly askedOn, DateOnly dueOn, int daysBefore)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBefore);
        if (daysBefore == 0) return null;
        var day = dueOn.AddDays(-daysBefore);
        return day > askedOn ? day : null;
    }

    internal Result<ClarificationReply> Reply(string? text, IReadOnlyList<DocumentId> documents, UserId by, DateTimeOffset now)
    {
        if (State == ClarificationState.Closed) return AssessmentErrors.ClarificationClosed(Id);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return AssessmentErrors.ReplyRequired();
        if (text.Length > MaxReplyLength) return AssessmentErrors.TextTooLong("text", MaxReplyLength);
        if (documents.Count > MaxDocumentsPerReply) return AssessmentErrors.TooManyDocuments(MaxDocumentsPerReply);
        var reply = new ClarificationReply(text, [.. documents.Distinct()], by, now);
        replies.Add(reply);
        State = ClarificationState.Answered;
        return reply;
    }

    internal Result<Done> Close(string? note, UserId by, DateTimeOffset now)
    {
        if (State == ClarificationState.Closed) return AssessmentErrors.ClarificationClosed(Id);
        note = note?.Trim();
        if (string.IsNullOrEmpty(note)) return AssessmentErrors.NoteRequired("Closing a clarification request needs a note: was the reply sufficient, or why is the question dropped?");
        if (note.Length > MaxNoteLength) return AssessmentErrors.TextTooLong("note", MaxNoteLength);
        ClosingNote = note;
        ClosedBy = by;
        ClosedAt = now;
        State = ClarificationState.Closed;
        return Done.Value;
    }

    internal void MarkReminded(DateTimeOffset now) => RemindedAt ??= now;

    internal void MarkOverdue(DateTimeOffset now) => MarkedOverdueAt ??= now;
}

/// <summary>Whether a clarification deadline was met; see <see cref="ClarificationRequest.Deadline"/>.</summary>
public enum DeadlineOutcome
{
    /// <summary>No reply yet, and the due date has not passed.</summary>
    Pending = 1,

    Met = 2,

    Missed = 3,
}

/// <summary>
/// Whether the provider met every clarification deadline of an assessment, as the report states it.
/// <see cref="EveryDeadlineMet"/> is true when all are met (also when there were no requests), false when one was
/// missed, and null when none was missed but some are still pending.
/// </summary>
/// <param name="Missed">The requests whose deadline was missed, in the order given.</param>
public sealed record DeadlineSummary(int Total, int Met, int Pending, IReadOnlyList<ClarificationRequest> Missed)
{
    public bool? EveryDeadlineMet => Missed.Count > 0 ? false : Pending > 0 ? null : true;

    /// <summary>Summarises <paramref name="requests"/> on <paramref name="today"/>.</summary>
    public static DeadlineSummary Of(IEnumerable<ClarificationRequest> requests, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var outcomes = requests.Select(r => (Request: r, Outcome: r.Deadline(today))).ToList();
        return new DeadlineSummary(
            outcomes.Count,
            outcomes.Count(o => o.Outcome == DeadlineOutcome.Met),
            outcomes.Count(o => o.Outcome == DeadlineOutcome.Pending),
            [.. outcomes.Where(o => o.Outcome == DeadlineOutcome.Missed).Select(o => o.Request)]);
    }
}
