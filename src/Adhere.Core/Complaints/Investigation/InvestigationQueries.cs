using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>A file of a question, an answer or a note.</summary>
public sealed record InvestigationFileView(Guid Id, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt);

/// <summary>
/// A question as MB staff see it. <paramref name="To"/> is <c>provider</c> or <c>complainant</c>; <paramref name="Provider"/>
/// names the provider's organisation for a provider question. <paramref name="Lapsed"/> marks a complainant question
/// left unanswered past its window (grounds for dismissing for lack of cooperation).
/// </summary>
public sealed record CaseQuestionView(Guid Id, string To, string? Provider, string Question, DateTimeOffset AskedAt, string AskedBy, DateOnly DueOn,
    bool Overdue, bool Lapsed, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy, bool AnsweredLate,
    IReadOnlyList<InvestigationFileView> QuestionFiles, IReadOnlyList<InvestigationFileView> AnswerFiles);

/// <summary>An internal note of MB staff.</summary>
public sealed record CaseNoteView(Guid Id, string Text, DateTimeOffset WrittenAt, string WrittenBy, IReadOnlyList<InvestigationFileView> Files);

/// <summary>
/// A case's investigation for MB staff: questions (oldest first) and notes (oldest first). <paramref name="CanAskProvider"/>
/// is false for a complaint without a register entry, <paramref name="CanAskComplainant"/> false for an anonymous one.
/// </summary>
public sealed record ComplaintInvestigation(IReadOnlyList<CaseQuestionView> Questions, IReadOnlyList<CaseNoteView> Notes, bool ComplainantLapsed,
    bool CanAskProvider, bool CanAskComplainant);

/// <summary>Who complained, for a provider, only where the complainant agreed to be named.</summary>
public sealed record RevealedComplainant(string? Name, string Email);

/// <summary>
/// A question as the provider sees it: the complaint's reference and target, never the complaint's text or (unless the
/// complainant agreed) who complained. <paramref name="CanAnswer"/> says whether an answer is still taken.
/// </summary>
public sealed record ProviderQuestionView(Guid Id, string Reference, string Company, string? Service, string? VerificationId,
    RevealedComplainant? Complainant, string Question, DateTimeOffset AskedAt, DateOnly DueOn, bool Overdue, bool Answered, string? Answer,
    DateTimeOffset? AnsweredAt, string? AnsweredBy, bool AnsweredLate, bool CanAnswer, IReadOnlyList<InvestigationFileView> QuestionFiles,
    IReadOnlyList<InvestigationFileView> AnswerFiles);

/// <summary>A file to send, with what the download needs.</summary>
public sealed record InvestigationDownload(Stream Content, string FileName, string ContentType, long Length);

/// <summary>
/// Reads a complaint's investigation. MB staff get the whole case; a provider gets the questions put to it and their
/// files, found through the tenancy filter on questions (it carries the provider's organisation), never by reading the
/// complaint, of which only safe fields are projected.
/// </summary>
public sealed class InvestigationQueries(AdhereDb db, DocumentStore store, TimeProvider time)
{
    /// <summary>The investigation of <paramref name="complaint"/>, for MB staff (the caller of <see cref="ComplaintQueries.CaseAsync"/>).</summary>
    public static async Task<ComplaintInvestigation> ForCaseAsync(AdhereDb db, Complaint complaint, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(complaint);
        var questions = await db.ComplaintQuestions.AsNoTracking().Where(q => q.ComplaintId == complaint.Id).OrderBy(q => q.AskedAt).ToListAsync(ct);
        var notes = await db.ComplaintNotes.AsNoTracking().Where(n => n.ComplaintId == complaint.Id).OrderBy(n => n.WrittenAt).ToListAsync(ct);
        var files = await db.InvestigationFiles.AsNoTracking().Where(f => f.ComplaintId == complaint.Id).OrderBy(f => f.UploadedAt).ToListAsync(ct);
        var providerIds = questions.Where(q => q.OrganisationId is not null).Select(q => q.OrganisationId!.Value).Distinct().ToList();
        var providers = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => providerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var views = questions.Select(q => new CaseQuestionView(q.Id.Value, AskComplaintQuestion.RecipientName(q.Recipient),
            q.OrganisationId is { } p && providers.TryGetValue(p, out var name) ? name : null, q.Text, q.AskedAt, q.AskedBy, q.DueOn, q.IsOverdue(now),
            q.Recipient == QuestionRecipient.Complainant && q.IsOverdue(now), q.Answer, q.AnsweredAt, q.AnsweredBy, q.AnsweredLate,
            Files(files, q.Id, InvestigationFilePart.Question), Files(files, q.Id, InvestigationFilePart.Answer))).ToList();
        var noteViews = notes.Select(n => new CaseNoteView(n.Id.Value, n.Text, n.WrittenAt, n.WrittenBy,
            [.. files.Where(f => f.NoteId == n.Id).Select(View)])).ToList();
        var canAskProvider = await ComplaintProvider.ResolveAsync(db, complaint.TargetVerificationId, ct) is not null;
        return new ComplaintInvestigation(views, noteViews, ComplaintQuestion.ComplainantHasLapsed(questions, complaint.Id, now), canAskProvider,
            !complaint.IsAnonymous);
    }

    /// <summary>The questions put to the caller's organisation, the newest first (for MB staff: to every provider).</summary>
    public async Task<IReadOnlyList<ProviderQuestionView>> ProviderQuestionsAsync(CancellationToken ct)
    {
        var questions = await db.ComplaintQuestions.AsNoTracking().Where(q => q.Recipient == QuestionRecipient.Provider)
            .OrderByDescending(q => q.AskedAt).ToListAsync(ct);
        return await ProviderViewsAsync(questions, ct);
    }

    /// <summary>One question put to the caller's organisation; <c>complaint.question-not-found</c> for any other.</summary>
    public async Task<Result<ProviderQuestionView>> ProviderQuestionAsync(Guid id, CancellationToken ct)
    {
        var key = new ComplaintQuestionId(id);
        var question = await db.ComplaintQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == key && q.Recipient == QuestionRecipient.Provider, ct);
        if (question is null) return ComplaintQuestionErrors.NotFound();
        return (await ProviderViewsAsync([question], ct))[0];
    }

    /// <summary>A file of a question put to the caller's organisation (its question's or its answer's).</summary>
    public async Task<Result<InvestigationDownload>> ProviderFileAsync(Guid questionId, Guid fileId, CancellationToken ct)
    {
        var question = new ComplaintQuestionId(questionId);
        var file = await db.InvestigationFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == new InvestigationFileId(fileId) && f.QuestionId == question && f.OrganisationId != null, ct);
        return file is null ? ComplaintQuestionErrors.FileNotFound() : Open(file.Sha256, file.FileName, file.ContentType, file.Length);
    }

    /// <summary>
    /// A file of a case for the MB staff who handle cases: one sent with the complaint, a question, an answer or a note. Another case's file is
    /// <c>complaint.file-not-found</c>.
    /// </summary>
    public async Task<Result<InvestigationDownload>> CaseFileAsync(string? reference, Guid fileId, CancellationToken ct)
    {
        // Files may name the complainant: only the staff who handle cases open them, checked first so nothing else leaks.
        var role = InvestigationAccess.HandlerRole(db.Caller);
        if (db.Caller.SeesAllOrganisations && !ComplaintQuestion.IsCaseHandler(role)) return ComplaintQuestionErrors.RoleNotAllowed(role);
        var complaint = await InvestigationAccess.FindAsync(db, reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(reference);
        var file = await db.InvestigationFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == new InvestigationFileId(fileId) && f.ComplaintId == complaint.Id, ct);
        if (file is not null) return Open(file.Sha256, file.FileName, file.ContentType, file.Length);
        var attachment = await db.ComplaintAttachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == new ComplaintAttachmentId(fileId) && a.ComplaintId == complaint.Id, ct);
        return attachment is null ? ComplaintQuestionErrors.FileNotFound() : Open(attachment.Sha256, attachment.FileName, attachment.ContentType, attachment.Length);
    }

    private async Task<IReadOnlyList<ProviderQuestionView>> ProviderViewsAsync(List<ComplaintQuestion> questions, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var complaintIds = questions.Select(q => q.ComplaintId).Distinct().ToList();
        // The filter hides complaints from providers; the questions above prove which ones concern the caller, and only
        // these fields leave the complaint. The identity is taken only where the complainant agreed.
        var complaints = await db.Complaints.IgnoreQueryFilters().AsNoTracking().Where(c => complaintIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.Company,
                c.Service,
                c.TargetVerificationId,
                c.Status,
                Name = c.MayRevealToProvider ? c.ComplainantName : null,
                Email = c.MayRevealToProvider ? c.ComplainantEmail : null,
            })
            .ToDictionaryAsync(c => c.Id, ct);
        var questionIds = questions.Select(q => (ComplaintQuestionId?)q.Id).ToList();
        var files = await db.InvestigationFiles.AsNoTracking().Where(f => questionIds.Contains(f.QuestionId) && f.OrganisationId != null)
            .OrderBy(f => f.UploadedAt).ToListAsync(ct);
        return [.. questions.Select(q =>
        {
            var c = complaints[q.ComplaintId];
            return new ProviderQuestionView(q.Id.Value, c.Reference, c.Company, c.Service, c.TargetVerificationId,
                c.Email is null ? null : new RevealedComplainant(c.Name, c.Email), q.Text, q.AskedAt, q.DueOn, q.IsOverdue(now), q.IsAnswered,
                q.Answer, q.AnsweredAt, q.AnsweredBy, q.AnsweredLate, !q.IsAnswered && ComplaintQuestion.MayAskIn(c.Status),
                Files(files, q.Id, InvestigationFilePart.Question), Files(files, q.Id, InvestigationFilePart.Answer));
        })];
    }

    private Result<InvestigationDownload> Open(string sha256, string fileName, string contentType, long length)
    {
        var content = store.Open(sha256) ?? throw new InvalidOperationException($"The content {sha256} is missing from the evidence store.");
        return new InvestigationDownload(content, fileName, contentType, length);
    }

    internal static IReadOnlyList<InvestigationFileView> Files(IEnumerable<InvestigationFile> files, ComplaintQuestionId question, InvestigationFilePart part) =>
        [.. files.Where(f => f.QuestionId == question && f.Part == part).Select(View)];

    internal static InvestigationFileView View(InvestigationFile f) => new(f.Id.Value, f.FileName, f.ContentType, f.Length, f.UploadedAt);
}

/// <summary>What the holder of an answer link sees: the question, its files, and whether it was answered.</summary>
public sealed record ComplainantQuestionView(string Reference, DateTimeOffset AskedAt, DateOnly DueOn, string Question,
    IReadOnlyList<InvestigationFileView> Files, bool Answered, DateTimeOffset? AnsweredAt);

/// <summary>
/// Finds a complainant question by the secret of its link, for anyone holding the link. A forged or unknown link gives
/// <c>complaint.question-link-invalid</c>; an unanswered question whose window has passed, or whose case has ended, gives
/// its error without showing the question.
/// </summary>
public sealed class ComplainantQuestionLookup(AdhereDb db, DocumentStore store, TimeProvider time)
{
    public async Task<Result<ComplainantQuestionView>> HandleAsync(string? key, CancellationToken ct)
    {
        var found = await FindAsync(db, key, tracked: false, ct);
        if (found is null) return ComplaintQuestionErrors.LinkInvalid();
        var (question, complaint) = found.Value;
        if (!question.IsAnswered)
        {
            if (question.IsOverdue(time.GetUtcNow())) return ComplaintQuestionErrors.WindowClosed(question.DueOn);
            if (!ComplaintQuestion.MayAskIn(complaint.Status)) return ComplaintQuestionErrors.CaseEnded();
        }

        var files = await db.InvestigationFiles.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.QuestionId == question.Id && f.Part == InvestigationFilePart.Question).OrderBy(f => f.UploadedAt).ToListAsync(ct);
        return new ComplainantQuestionView(complaint.Reference, question.AskedAt, question.DueOn, question.Text,
            [.. files.Select(InvestigationQueries.View)], question.IsAnswered, question.AnsweredAt);
    }

    /// <summary>A file the MB sent with the question, for the holder of the link, under the same conditions as the question.</summary>
    public async Task<Result<InvestigationDownload>> FileAsync(string? key, Guid fileId, CancellationToken ct)
    {
        var view = await HandleAsync(key, ct);
        if (view.IsError) return view.Error!;
        var hash = ComplaintAnswerKey.HashOf(key)!;
        var file = await (from f in db.InvestigationFiles.IgnoreQueryFilters().AsNoTracking()
                          join q in db.ComplaintQuestions.IgnoreQueryFilters() on f.QuestionId equals (ComplaintQuestionId?)q.Id
                          where q.AnswerKeyHash == hash && f.Id == new InvestigationFileId(fileId) && f.Part == InvestigationFilePart.Question
                          select f).FirstOrDefaultAsync(ct);
        if (file is null) return ComplaintQuestionErrors.FileNotFound();
        var content = store.Open(file.Sha256) ?? throw new InvalidOperationException($"The content {file.Sha256} is missing from the evidence store.");
        return new InvestigationDownload(content, file.FileName, file.ContentType, file.Length);
    }

    /// <summary>The question whose link carries <paramref name="key"/> and its complaint (never tracked); null for any other text.</summary>
    internal static async Task<(ComplaintQuestion Question, Complaint Complaint)?> FindAsync(AdhereDb db, string? key, bool tracked, CancellationToken ct)
    {
        if (ComplaintAnswerKey.HashOf(key) is not { } hash) return null;
        // The caller is anonymous, so the filters would hide everything; the secret is the authorisation here.
        var questions = db.ComplaintQuestions.IgnoreQueryFilters();
        if (!tracked) questions = questions.AsNoTracking();
        var question = await questions.FirstOrDefaultAsync(q => q.AnswerKeyHash == hash && q.Recipient == QuestionRecipient.Complainant, ct);
        if (question is null) return null;
        var complaint = await db.Complaints.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == question.ComplaintId, ct);
        return (question, complaint);
    }
}
