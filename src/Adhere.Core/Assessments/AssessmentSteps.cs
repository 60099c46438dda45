using System.Globalization;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Mail;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

// The steps an assessor and an MB administrator take inside an assessment, one class each. Each loads the assessment
// with its declaration, lets the aggregate decide, and either saves with an audit entry or refuses without a trace.

/// <summary>An MB administrator adds an assessor, who must hold the assessor role and have no conflict towards the provider.</summary>
public sealed class AssignAssessor(AssessmentWork work)
{
    public sealed record Command(Guid AssessmentId, Guid UserId);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var user = new UserId(command.UserId);
        if (!await work.IsStaffWithRoleAsync(user, Role.MbAssessor, ct)) return NotAnAssessor(command.UserId);
        var done = loaded.Value.Assessment.AssignAssessor(user, await work.ConflictsAsync(loaded.Value, ct), work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "assessment.assessor-assigned", AuditChanges.None.Added("assessor", user.ToString()), ct);
    }

    internal static InvalidError NotAnAssessor(Guid id) =>
        new("assessment.user-not-assessor", $"User '{id}' is not an active assessor of the Monitoring Body.", "userId");
}

/// <summary>An MB administrator assigns (or replaces) the decision maker: a holder of the decision-maker role, not an assessor of this assessment.</summary>
public sealed class AssignDecisionMaker(AssessmentWork work)
{
    public sealed record Command(Guid AssessmentId, Guid UserId);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var user = new UserId(command.UserId);
        if (!await work.IsStaffWithRoleAsync(user, Role.MbDecisionMaker, ct))
        {
            return new InvalidError("assessment.user-not-decision-maker", $"User '{command.UserId}' is not an active decision maker of the Monitoring Body.", "userId");
        }

        var done = loaded.Value.Assessment.AssignDecisionMaker(user, await work.ConflictsAsync(loaded.Value, ct), work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "assessment.decision-maker-assigned", AuditChanges.None.Added("decisionMaker", user.ToString()), ct);
    }
}

/// <summary>An assessor records one item of the fact-finding checklist: confirmed, or an issue (with a note).</summary>
public sealed class RecordChecklistItem(AssessmentWork work)
{
    /// <param name="Item">answers-complete, service-agreement-present, no-material-change-reviewed, removed-services-reviewed, added-services-reviewed.</param>
    /// <param name="Status">open, confirmed or issue.</param>
    public sealed record Command(Guid AssessmentId, string? Item, string? Status, string? Note);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var item = AssessmentWords.Parse<ChecklistItem>(command.Item, "item", "fact-finding.item-invalid", "a checklist item");
        if (item.IsError) return item.Error!;
        var status = AssessmentWords.Parse<ChecklistStatus>(command.Status, "status", "fact-finding.status-invalid", "a checklist status");
        if (status.IsError) return status.Error!;
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.RecordChecklistItem(item.Value, status.Value, command.Note, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "assessment.checklist-recorded", AuditChanges.None
            .Added("item", command.Item).Added("status", command.Status).Added("note", done.Value.Note), ct);
    }
}

/// <summary>An assessor accepts or rejects the automated check of one certificate (a rejection needs a note).</summary>
public sealed class ReviewCertificateCheck(AssessmentWork work)
{
    /// <param name="Verdict">accepted or rejected.</param>
    public sealed record Command(Guid AssessmentId, Guid CertificateId, string? Verdict, string? Note);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var verdict = AssessmentWords.Parse<CertificateReviewVerdict>(command.Verdict, "verdict", "fact-finding.verdict-invalid", "a verdict");
        if (verdict.IsError) return verdict.Error!;
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.ReviewCertificateCheck(new CertificateId(command.CertificateId), verdict.Value, command.Note, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "assessment.certificate-reviewed", AuditChanges.None
            .Added("certificate", command.CertificateId.ToString()).Added("verdict", command.Verdict).Added("note", done.Value.Note), ct);
    }
}

/// <summary>An assessor closes fact finding; every checklist item and certificate review must be settled.</summary>
public sealed class CompleteFactFinding(AssessmentWork work)
{
    public async Task<Result<AssessmentSummary>> HandleAsync(Guid assessmentId, CancellationToken ct)
    {
        var loaded = await work.LoadAsync(assessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.CompleteFactFinding(loaded.Value.Declaration, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, null, null, ct);
    }
}

/// <summary>
/// An assessor asks the provider a question about a control or a topic, with a due date (default from the settings).
/// The first open question pauses the assessment; the provider's editors are told by e-mail.
/// </summary>
public sealed class RequestClarification(AssessmentWork work, AssessmentSettings settings, Outbox outbox, MailSettings mail)
{
    /// <param name="ControlKey">The control asked about; give this or <paramref name="Topic"/>.</param>
    /// <param name="Topic">A topic in the assessor's words (such as "subprocessors"), when no single control is meant.</param>
    /// <param name="DueOn">The due date; omitted: the default number of days from today.</param>
    public sealed record Command(Guid AssessmentId, string? ControlKey, string? Topic, string? Question, DateOnly? DueOn);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hasControl = !string.IsNullOrWhiteSpace(command.ControlKey);
        var hasTopic = !string.IsNullOrWhiteSpace(command.Topic);
        if (hasControl == hasTopic)
        {
            return new InvalidError("clarification.subject-required", "Name either the control or the topic the question is about (one of them).", "controlKey");
        }

        var subject = hasControl ? ClarificationSubject.ForControl(command.ControlKey) : ClarificationSubject.ForTopic(command.Topic);
        if (subject.IsError) return subject.Error!;
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var (assessment, declaration, _) = loaded.Value;
        if (hasControl && declaration.Answers.All(a => !string.Equals(a.ControlKey, subject.Value.ControlKey, StringComparison.Ordinal))
            && !await ControlExistsAsync(declaration, subject.Value.ControlKey!, ct))
        {
            return new InvalidError("clarification.unknown-control", $"The declaration's catalogue has no control '{subject.Value.ControlKey}'.", "controlKey");
        }

        var asked = assessment.RequestClarification(declaration, subject.Value, command.Question, command.DueOn, settings.Clarifications, work.User, work.Role, work.Now);
        if (asked.IsError) return work.Refuse(asked.Error!);
        var request = asked.Value;
        var name = declaration.Title ?? $"{declaration.CodeName} {declaration.CodeVersion}";
        outbox.Enqueue(await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), "clarification.requested",
            $"A question from the Monitoring Body about {request.Subject}, due {Day(request.DueOn)}",
            $"""
            The Monitoring Body assessing your declaration "{name}" asks about {request.Subject}:

            {request.Question}

            Please reply by {Day(request.DueOn)} in the portal:
            {mail.Link($"/portal/declarations/{declaration.Id}/clarifications")}
            """);
        return await work.SaveAsync(loaded.Value, "clarification.requested", AuditChanges.None
            .Added("request", request.Id.ToString()).Added("subject", request.Subject.ToString()).Added("question", request.Question)
            .Added("dueOn", Day(request.DueOn)), ct);
    }

    private Task<bool> ControlExistsAsync(Declaration declaration, string key, CancellationToken ct) =>
        work.Db.CatalogueControls.AnyAsync(c => c.CatalogueId == declaration.CatalogueId && c.Key == key, ct);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>An assessor closes a clarification request with a note (answered to satisfaction, or no longer needed).</summary>
public sealed class CloseClarification(AssessmentWork work)
{
    public sealed record Command(Guid AssessmentId, Guid RequestId, string? Note);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.CloseClarification(new ClarificationRequestId(command.RequestId), command.Note, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "clarification.closed", AuditChanges.None
            .Added("request", command.RequestId.ToString()).Added("note", command.Note?.Trim()), ct);
    }
}

/// <summary>An assessor resumes a paused assessment once no question waits for the provider's reply.</summary>
public sealed class ResumeAssessment(AssessmentWork work)
{
    public async Task<Result<AssessmentSummary>> HandleAsync(Guid assessmentId, CancellationToken ct)
    {
        var loaded = await work.LoadAsync(assessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.Resume(loaded.Value.Declaration, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, null, null, ct);
    }
}

/// <summary>
/// An assessor records the result of examining one control (satisfied, not satisfied, observation) with notes and the
/// samples consulted. Once the selection is frozen, only selected controls take findings.
/// </summary>
public sealed class RecordControlFinding(AssessmentWork work, SelectionQueries selections)
{
    /// <param name="Result">satisfied, not-satisfied or observation.</param>
    public sealed record Command(Guid AssessmentId, string? ControlKey, string? Result, string? Notes, IReadOnlyList<string>? SamplesConsulted);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = AssessmentWords.Parse<FindingResult>(command.Result, "result", "finding.result-invalid", "a finding result");
        if (result.IsError) return result.Error!;
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var assessment = loaded.Value.Assessment;
        var selected = await selections.FrozenControlsAsync(assessment.Id, ct);
        var key = command.ControlKey?.Trim();
        if (selected is not null && key is not null && !selected.Contains(key, StringComparer.Ordinal))
        {
            return work.Refuse(new InvalidError("finding.control-not-selected", $"Control {key} is not in the frozen selection of this assessment.", "controlKey"));
        }

        var done = assessment.RecordControlFinding(key, result.Value, command.Notes, command.SamplesConsulted, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "finding.recorded", AuditChanges.None
            .Added("control", done.Value.ControlKey).Added("result", command.Result).Added("notes", done.Value.Notes), ct);
    }
}

/// <summary>An assessor writes (or rewrites) the narrative finding on a topic, which the report quotes.</summary>
public sealed class RecordNarrativeFinding(AssessmentWork work)
{
    /// <param name="Topic">service-agreement, subprocessors, international-transfers, personal-data-breaches, confidentiality, … or other (with a title).</param>
    public sealed record Command(Guid AssessmentId, string? Topic, string? Title, string? Text);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var topic = AssessmentWords.Parse<NarrativeTopic>(command.Topic, "topic", "finding.topic-invalid", "a finding topic");
        if (topic.IsError) return topic.Error!;
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.RecordNarrativeFinding(topic.Value, command.Title, command.Text, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, "finding.narrative-recorded", AuditChanges.None
            .Added("topic", command.Topic).Added("title", done.Value.Title).Added("text", done.Value.Text), ct);
    }
}
