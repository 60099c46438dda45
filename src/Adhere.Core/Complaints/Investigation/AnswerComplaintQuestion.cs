using System.Globalization;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>
/// A provider's editor answers a question put to the provider, with optional files. The tenancy filter finds only the
/// provider's own questions, so another provider's question is <c>complaint.question-not-found</c> like one that does not
/// exist. The answer, its files, the audit record (<c>complaint.question-answered</c>) and a note to the MB are saved together.
/// </summary>
public sealed class AnswerProviderQuestion(AdhereDb db, InvestigationUploads uploads, Outbox outbox, MailSettings mail, TimeProvider time)
{
    public sealed record Command(Guid QuestionId, string? Text, IReadOnlyList<InvestigationUpload>? Files = null);

    public async Task<Result<Done>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = new ComplaintQuestionId(command.QuestionId);
        var question = await db.ComplaintQuestions.FirstOrDefaultAsync(q => q.Id == id && q.Recipient == QuestionRecipient.Provider, ct);
        if (question is null) return ComplaintQuestionErrors.NotFound();
        // MB staff see every question but do not answer for the provider; a provider's viewers read only.
        if (!db.Caller.IsInRole(Role.CspEditor)) return ComplaintQuestionErrors.AnswerRoleNotAllowed();
        // The complaint belongs to the MB: the provider reads its status here, nothing else.
        var complaint = await db.Complaints.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == question.ComplaintId, ct);
        return await AnswerSaver.SaveAsync(db, uploads, outbox, mail, time, complaint, question, command.Text, command.Files,
            (c, text, now) => question.AnswerAsProvider(c, text, db.Caller.ActorName, now), ct);
    }
}

/// <summary>
/// The complainant answers a question through its secret link, without an account. A forged, mistyped or unknown link
/// is <c>complaint.question-link-invalid</c>; a link whose window has passed is <c>complaint.question-window-closed</c>.
/// </summary>
public sealed class AnswerComplainantQuestion(AdhereDb db, InvestigationUploads uploads, Outbox outbox, MailSettings mail, TimeProvider time)
{
    public sealed record Command(string? Key, string? Text, IReadOnlyList<InvestigationUpload>? Files = null);

    public async Task<Result<Done>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = await ComplainantQuestionLookup.FindAsync(db, command.Key, tracked: true, ct);
        if (found is null) return ComplaintQuestionErrors.LinkInvalid();
        var (question, complaint) = found.Value;
        return await AnswerSaver.SaveAsync(db, uploads, outbox, mail, time, complaint, question, command.Text, command.Files,
            (c, text, now) => question.AnswerAsComplainant(c, text, now), ct);
    }
}

internal static class AnswerSaver
{
    public static async Task<Result<Done>> SaveAsync(AdhereDb db, InvestigationUploads uploads, Outbox outbox, MailSettings mail, TimeProvider time,
        Complaint complaint, ComplaintQuestion question, string? text, IReadOnlyList<InvestigationUpload>? files,
        Func<Complaint, string?, DateTimeOffset, Result<Done>> answer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // The domain's checks first (window, state, text), so that a refused answer never reads its files.
        var answered = answer(complaint, text, now);
        if (answered.IsError) return answered;

        var received = await uploads.ReceiveAsync(files, ct);
        if (received.IsError) return received.Error!;
        await using var batch = received.Value;
        db.InvestigationFiles.AddRange(InvestigationUploads.Rows(batch,
            (name, type, length, sha) => InvestigationFile.ForQuestion(question, InvestigationFilePart.Answer, name, type, length, sha, now)));
        db.Record("complaint.question-answered", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("question", question.Id.ToString())
            .Added("by", AskComplaintQuestion.RecipientName(question.Recipient))
            .Added("late", question.AnsweredLate ? "true" : "false")
            .Added("files", batch.Count.ToString(CultureInfo.InvariantCulture)));
        var staff = await outbox.MonitoringBodyRecipientsAsync(ct);
        outbox.Enqueue(staff, "complaint.question-answered", $"Complaint {complaint.Reference}: the {AskComplaintQuestion.RecipientName(question.Recipient)} answered",
            $"""
            The {AskComplaintQuestion.RecipientName(question.Recipient)} answered a question on complaint {complaint.Reference}.
            Read the answer in the console:
            {mail.Link("/console/complaints/" + complaint.Reference)}
            """);
        await uploads.CommitAsync(batch);
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}
