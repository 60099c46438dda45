using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Complaints;

/// <summary>Identifies an <see cref="InvestigationFile"/>.</summary>
public readonly record struct InvestigationFileId(Guid Value) : IEntityId
{
    public static InvestigationFileId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>What an <see cref="InvestigationFile"/> is attached to.</summary>
public enum InvestigationFilePart
{
    /// <summary>Sent by the MB with a question.</summary>
    Question,

    /// <summary>Sent by the provider or the complainant with an answer.</summary>
    Answer,

    /// <summary>Kept by the MB with an internal note.</summary>
    Note,
}

/// <summary>
/// A file of a complaint's investigation: metadata only, the bytes live in the evidence store under their SHA-256, and the
/// evidence upload rules apply (<see cref="EvidenceDocument.CheckFileName"/>, size limit, sniffed type).
/// <see cref="OrganisationId"/> is the provider's for the files of a provider question (its question and its answer), so
/// that the provider reads those and nothing else; it is null for complainant questions and notes (MB staff only).
/// </summary>
public sealed class InvestigationFile
{
    private InvestigationFile()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
    }

    public InvestigationFileId Id { get; private set; }

    public ComplaintId ComplaintId { get; private set; }

    public InvestigationFilePart Part { get; private set; }

    public ComplaintQuestionId? QuestionId { get; private set; }

    public ComplaintNoteId? NoteId { get; private set; }

    public OrganisationId? OrganisationId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Length { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content: its address in the store.</summary>
    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>A file sent with <paramref name="question"/> (<paramref name="part"/> Question or Answer); it is the question's provider's too.</summary>
    public static Result<InvestigationFile> ForQuestion(ComplaintQuestion question, InvestigationFilePart part, string? fileName, string contentType, long length,
        string sha256, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (part == InvestigationFilePart.Note) throw new ArgumentOutOfRangeException(nameof(part), part, "A note's file belongs to the note.");
        return Create(question.ComplaintId, part, question.Id, null, question.OrganisationId, fileName, contentType, length, sha256, now);
    }

    /// <summary>A file kept with an internal note.</summary>
    public static Result<InvestigationFile> ForNote(ComplaintNote note, string? fileName, string contentType, long length, string sha256, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Create(note.ComplaintId, InvestigationFilePart.Note, null, note.Id, null, fileName, contentType, length, sha256, now);
    }

    private static Result<InvestigationFile> Create(ComplaintId complaint, InvestigationFilePart part, ComplaintQuestionId? question, ComplaintNoteId? note,
        OrganisationId? organisation, string? fileName, string contentType, long length, string sha256, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var name = EvidenceDocument.CheckFileName(fileName);
        if (name.IsError) return name.Error!;
        return new InvestigationFile
        {
            Id = InvestigationFileId.New(),
            ComplaintId = complaint,
            Part = part,
            QuestionId = question,
            NoteId = note,
            OrganisationId = organisation,
            FileName = name.Value,
            ContentType = contentType,
            Length = length,
            Sha256 = sha256,
            UploadedAt = now,
        };
    }
}
