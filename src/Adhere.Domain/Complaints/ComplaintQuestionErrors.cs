using System.Globalization;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>The expected failures of a complaint's investigation: questions, answers and notes (<c>complaint.question-*</c>, <c>complaint.note-*</c>).</summary>
public static class ComplaintQuestionErrors
{
    public static ForbiddenError RoleNotAllowed(Role actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new("complaint.question-role-not-allowed",
            $"The role '{actor.Name}' does not handle complaints; MB assessors and decision makers ask questions and keep notes.");
    }

    public static ConflictError NotNow(ComplaintStatus status) => new("complaint.question-not-now",
        $"Questions can be asked during the admissibility check or the investigation, not while the complaint is '{status}'.");

    public static InvalidError TextRequired() => new("complaint.question-text-required", "Write the text.", "text");

    public static InvalidError NoteRequired() => new("complaint.note-text-required", "Write the note.", "text");

    public static InvalidError TextTooLong() => new("complaint.question-text-too-long",
        $"The text may have at most {ComplaintQuestion.MaxTextLength:N0} characters; attach longer texts as files.", "text");

    public static InvalidError DueInvalid(DateOnly earliest, DateOnly latest) => new("complaint.question-due-invalid",
        string.Create(CultureInfo.InvariantCulture, $"The due date must lie between {earliest:yyyy-MM-dd} (the standard period) and {latest:yyyy-MM-dd}."), "dueOn");

    public static InvalidError DueInvalidFormat() => new("complaint.question-due-invalid", "Give the due date as yyyy-MM-dd.", "dueOn");

    public static InvalidError DueFixed(int days) => new("complaint.question-due-fixed",
        $"The complainant always has {days} days to answer; a due date can only be set for the provider.", "dueOn");

    public static ForbiddenError AnswerRoleNotAllowed() => new("complaint.question-answer-not-allowed",
        "Only the provider's editors answer its questions in the portal.");

    public static ConflictError Anonymous() => new("complaint.question-anonymous",
        "The complaint is anonymous: there is nobody to ask. Ask the provider, or decide on what the complaint says.");

    public static InvalidError RecipientInvalid(string? to) => new("complaint.question-recipient-invalid",
        $"'{to}' is not someone to ask; use provider or complainant.", "to");

    public static ConflictError NoProvider() => new("complaint.question-no-provider",
        "The complaint names no register entry, so there is no provider account to ask; link it to a register entry, or contact the company directly.");

    public static ConflictError AlreadyAnswered() => new("complaint.question-already-answered", "This question has already been answered.");

    public static ConflictError CaseEnded() => new("complaint.question-case-ended",
        "The complaint is no longer being checked or investigated, so answers are not taken any more.");

    public static ConflictError WindowClosed(DateOnly dueOn) => new("complaint.question-window-closed",
        string.Create(CultureInfo.InvariantCulture, $"The time to answer this question ended on {dueOn:d MMMM yyyy}. Contact the Monitoring Body if you still want to add something."));

    public static ConflictError NoLapsedQuestion() => new("complaint.no-lapsed-question",
        "A complaint can be dismissed for lack of cooperation only after a question to the complainant went unanswered past its due date.");

    public static InvalidError TooManyFiles() => new("complaint.question-too-many-files",
        $"At most {ComplaintQuestion.MaxFiles} files can be sent at once.", "files");

    public static NotFoundError NotFound() => new("complaint.question-not-found", "No such question was found.");

    /// <summary>One answer for a forged, mistyped or unknown link, so that nobody learns which links exist.</summary>
    public static NotFoundError LinkInvalid() => new("complaint.question-link-invalid",
        "This answer link is not valid. Use the exact link from our e-mail; if it still fails, write to the Monitoring Body.");

    public static NotFoundError FileNotFound() => new("complaint.file-not-found", "No such file was found.");
}
