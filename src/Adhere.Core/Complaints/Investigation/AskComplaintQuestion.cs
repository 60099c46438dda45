using System.Globalization;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>A question just asked: its ID, whom it went to and when the answer is due.</summary>
public sealed record AskedQuestion(Guid Id, string To, DateOnly DueOn);

/// <summary>
/// MB staff ask the provider concerned or the complainant a question about a complaint, with optional files. A provider
/// question goes to the organisation of the complaint's register entry and its editors are e-mailed a pointer to the
/// portal; a complainant question gets a secret link of its own, e-mailed to the complainant (only its hash is kept).
/// The question, its files, the audit record (<c>complaint.question-asked</c>) and the e-mail are saved together.
/// </summary>
public sealed class AskComplaintQuestion(AdhereDb db, InvestigationUploads uploads, Outbox outbox, MailSettings mail, ComplaintSettings settings,
    TimeProvider time)
{
    /// <param name="To"><c>provider</c> or <c>complainant</c>.</param>
    /// <param name="DueOn">For the provider only: a due date later than the standard period; the complainant's window is fixed.</param>
    public sealed record Command(string Reference, string? To, string? Text, DateOnly? DueOn = null, IReadOnlyList<InvestigationUpload>? Files = null);

    public async Task<Result<AskedQuestion>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var complaint = await InvestigationAccess.FindAsync(db, command.Reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(command.Reference);
        if (ParseRecipient(command.To) is not { } to) return ComplaintQuestionErrors.RecipientInvalid(command.To);

        var actor = InvestigationAccess.HandlerRole(db.Caller);
        var now = time.GetUtcNow();
        string? secret = null;
        Result<ComplaintQuestion> asked;
        if (to == QuestionRecipient.Provider)
        {
            var provider = await ComplaintProvider.ResolveAsync(db, complaint.TargetVerificationId, ct);
            // Role and state come before the provider, so that a refused caller learns nothing about the register entry.
            var precheck = ComplaintQuestion.AskProvider(complaint, default, command.Text, command.DueOn, settings, actor, db.Caller.ActorName, now);
            if (precheck.IsError) return precheck.Error!;
            if (provider is null) return ComplaintQuestionErrors.NoProvider();
            asked = ComplaintQuestion.AskProvider(complaint, provider.Value, command.Text, command.DueOn, settings, actor, db.Caller.ActorName, now);
        }
        else
        {
            if (command.DueOn is not null) return ComplaintQuestionErrors.DueFixed(settings.ComplainantAnswerDays);
            var key = ComplaintAnswerKey.New();
            secret = key.Secret;
            asked = ComplaintQuestion.AskComplainant(complaint, key.Hash, command.Text, settings, actor, db.Caller.ActorName, now);
        }

        if (asked.IsError) return asked.Error!;
        var question = asked.Value;

        var received = await uploads.ReceiveAsync(command.Files, ct);
        if (received.IsError) return received.Error!;
        await using var batch = received.Value;
        db.ComplaintQuestions.Add(question);
        db.InvestigationFiles.AddRange(InvestigationUploads.Rows(batch,
            (name, type, length, sha) => InvestigationFile.ForQuestion(question, InvestigationFilePart.Question, name, type, length, sha, now)));
        // The question's text stays on the case; the trail records who asked whom, when it is due and how many files went with it.
        db.Record("complaint.question-asked", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("question", question.Id.ToString())
            .Added("to", RecipientName(to))
            .Added("dueOn", question.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Added("files", batch.Count.ToString(CultureInfo.InvariantCulture)));

        if (to == QuestionRecipient.Provider)
        {
            var editors = await outbox.ProviderEditorsAsync(question.OrganisationId!.Value, ct);
            outbox.Enqueue(editors, "complaint.question-asked", $"A question from the Monitoring Body about complaint {complaint.Reference}", ProviderMail(complaint, question));
        }
        else
        {
            outbox.Enqueue([complaint.ComplainantEmail!], "complaint.question-asked", $"A question about your complaint {complaint.Reference}",
                ComplainantMail(complaint, question, secret!));
        }

        await uploads.CommitAsync(batch);
        await db.SaveChangesAsync(ct);
        return new AskedQuestion(question.Id.Value, RecipientName(to), question.DueOn);
    }

    /// <summary>The public page where the complainant answers; the path carries the secret, so it goes only into the complainant's e-mail.</summary>
    public static string AnswerPath(string secret) => "/complaints/answer/" + Uri.EscapeDataString(secret);

    public static string RecipientName(QuestionRecipient to) => to == QuestionRecipient.Provider ? "provider" : "complainant";

    public static QuestionRecipient? ParseRecipient(string? to) => to?.Trim().ToLowerInvariant() switch
    {
        "provider" or "csp" => QuestionRecipient.Provider,
        "complainant" => QuestionRecipient.Complainant,
        _ => null,
    };

    // Never the complainant's identity: the editors learn it, where agreed, from the portal, which checks the consent.
    private string ProviderMail(Complaint complaint, ComplaintQuestion question) =>
        $"""
        The Monitoring Body has a question for you about complaint {complaint.Reference}, which concerns {Target(complaint)}.
        Please answer by {Day(question.DueOn)} in the provider portal:
        {mail.Link("/portal/complaints")}
        """;

    private string ComplainantMail(Complaint complaint, ComplaintQuestion question, string secret) =>
        $"""
        We are handling your complaint {complaint.Reference} about {Target(complaint)} and have a question for you.
        Please read it and answer by {Day(question.DueOn)} here (no account needed; keep this link private):
        {mail.Link(AnswerPath(secret))}

        If we receive no answer by then, we may have to close the complaint for lack of cooperation.
        """;

    private static string Target(Complaint complaint) => complaint.Company + (complaint.Service is null ? "" : $" ({complaint.Service})");

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Shared look-ups of the investigation's use cases.</summary>
internal static class InvestigationAccess
{
    /// <summary>A complaint by reference as the caller may see it (MB staff and the system only, by the query filter); tracked.</summary>
    public static async Task<Complaint?> FindAsync(AdhereDb db, string? reference, CancellationToken ct)
    {
        var parsed = ComplaintReference.Parse(reference);
        if (parsed.IsError) return null;
        var text = parsed.Value.ToString();
        return await db.Complaints.FirstOrDefaultAsync(c => c.Reference == text, ct);
    }

    /// <summary>The caller's role for case handling: a decision maker or assessor if they are one; the system acts as an assessor.</summary>
    public static Role HandlerRole(Caller caller)
    {
        if (caller.UserId is null && caller.SeesAllOrganisations) return Role.MbAssessor;
        if (caller.IsInRole(Role.MbDecisionMaker)) return Role.MbDecisionMaker;
        if (caller.IsInRole(Role.MbAssessor)) return Role.MbAssessor;
        return Role.All.FirstOrDefault(caller.IsInRole) ?? Role.CspViewer;
    }
}
