using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>Identifies a <see cref="ComplaintNote"/>.</summary>
public readonly record struct ComplaintNoteId(Guid Value) : IEntityId
{
    public static ComplaintNoteId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// An internal note of MB staff on a complaint (what they found, a call they made), with optional files as evidence.
/// Notes are the Monitoring Body's own working papers: never shown to the provider or the complainant. They may be added
/// in any status, since evidence can arrive after a decision too (for an appeal).
/// </summary>
public sealed class ComplaintNote
{
    public const int MaxTextLength = 8000;

    private ComplaintNote()
    {
        Text = string.Empty;
        WrittenBy = string.Empty;
    }

    public ComplaintNoteId Id { get; private set; }

    public ComplaintId ComplaintId { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }

    public string WrittenBy { get; private set; }

    /// <summary>Writes a note; only the staff who handle complaints (assessors and decision makers) may.</summary>
    public static Result<ComplaintNote> Write(Complaint complaint, string? text, Role actor, string writtenBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(writtenBy);
        if (!ComplaintQuestion.IsCaseHandler(actor)) return ComplaintQuestionErrors.RoleNotAllowed(actor);
        if (string.IsNullOrWhiteSpace(text)) return ComplaintQuestionErrors.NoteRequired();
        if (text.Trim().Length > MaxTextLength) return ComplaintQuestionErrors.TextTooLong();
        return new ComplaintNote { Id = ComplaintNoteId.New(), ComplaintId = complaint.Id, Text = text.Trim(), WrittenAt = now, WrittenBy = writtenBy };
    }
}
