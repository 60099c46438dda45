using System.Globalization;
using Adhere.Core.Declarations;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Documents;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

/// <summary>A document attached to a reply, by name.</summary>
public sealed record ClarificationDocument(Guid Id, string FileName);

/// <summary>One reply of the provider, as the provider sees it.</summary>
public sealed record ClarificationReplyView(string Text, IReadOnlyList<ClarificationDocument> Documents, DateTimeOffset RepliedAt, string RepliedBy);

/// <summary>
/// A clarification request as the provider sees it: the question, its dates and state, the replies and the closing
/// note. Who asked and the assessment's internals (findings, notes, phase) stay with the Monitoring Body.
/// </summary>
/// <param name="State">open, answered or closed.</param>
/// <param name="IsOverdue">Still open after its due date.</param>
/// <param name="AnsweredInTime">Whether the first reply came by the due date; null while there is none.</param>
/// <param name="CanReply">The request takes replies: not closed, and its assessment is not over.</param>
public sealed record ProviderClarificationView(Guid Id, string Subject, string? ControlKey, string? Topic, string Question, DateOnly AskedOn, DateOnly DueOn,
    string State, bool IsOverdue, DateTimeOffset? RemindedAt, DateTimeOffset? MarkedOverdueAt, IReadOnlyList<ClarificationReplyView> Replies,
    string? ClosingNote, DateTimeOffset? ClosedAt, bool? AnsweredInTime, bool CanReply);

/// <summary>A declaration's clarification requests, newest first, with how many wait for a reply and how many of those are overdue.</summary>
public sealed record ProviderClarificationList(Guid DeclarationId, int Open, int Overdue, IReadOnlyList<ProviderClarificationView> Requests);

/// <summary>The expected failures of the provider's side of clarification requests; the rest come from <see cref="AssessmentErrors"/>.</summary>
public static class ClarificationReplyErrors
{
    public static NotFoundError NotFound(Guid id) =>
        new("clarification.not-found", $"No clarification request '{id}' was found for this declaration.");

    public static InvalidError DocumentNotFound(Guid id) =>
        new("clarification.document-not-found", $"Your organisation has no document '{id}'; upload it first.", "documentIds");
}

/// <summary>
/// A CSP editor replies to a clarification request on one of the organisation's declarations, with text and any of
/// the organisation's documents. The reply is saved and audited, and the assessment's assessors get an e-mail, all in
/// one save. Another provider's declaration or request reads as not found.
/// </summary>
public sealed class ReplyToClarification(AdhereDb db, DeclarationAccess access, Outbox outbox, MailSettings mail, ProviderClarifications queries, TimeProvider time)
{
    public sealed record Command(Guid DeclarationId, Guid RequestId, string? Text, IReadOnlyList<Guid>? DocumentIds);

    public async Task<Result<ProviderClarificationView>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The tenancy filter hides other providers' declarations and assessments, so foreign IDs end here as not found.
        var declaration = await db.Declarations.AsNoTracking().Where(d => d.Id == new DeclarationId(command.DeclarationId))
            .Select(d => new { d.Id, d.OrganisationId, d.Title, d.CodeName }).FirstOrDefaultAsync(ct);
        if (declaration is null) return DeclarationErrors.NotFound(command.DeclarationId.ToString());
        var requestId = new ClarificationRequestId(command.RequestId);
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.DeclarationId == declaration.Id && a.Clarifications.Any(c => c.Id == requestId), ct);
        if (assessment is null) return ClarificationReplyErrors.NotFound(command.RequestId);

        // The role goes first so that a reader learns about the role, not about the documents it may not attach anyway.
        var role = access.RoleOfCaller(Role.CspEditor);
        if (role != Role.CspEditor) return AssessmentErrors.RoleNotAllowed(role, "reply to clarification requests", [Role.CspEditor]);
        var wanted = (command.DocumentIds ?? []).Distinct().ToList();
        var documents = await DocumentNamesAsync(declaration.OrganisationId, wanted, ct);
        foreach (var wantedId in wanted)
        {
            if (!documents.ContainsKey(wantedId)) return ClarificationReplyErrors.DocumentNotFound(wantedId);
        }

        var user = db.Caller.UserId ?? throw new InvalidOperationException("Replies come from signed-in CSP editors.");
        var replied = assessment.ReplyToClarification(requestId, command.Text, [.. wanted.Select(id => new DocumentId(id))], user, role, time.GetUtcNow());
        if (replied.IsError) return replied.Error!;

        var request = assessment.Clarifications.First(c => c.Id == requestId);
        db.Record("clarification.replied", "assessment", assessment.Id.ToString(), assessment.OrganisationId, new AuditChanges()
            .Added("request", requestId.ToString())
            .Added("subject", request.Subject.ToString())
            .Added("documents", wanted.Count.ToString(CultureInfo.InvariantCulture)));
        var name = declaration.Title ?? declaration.CodeName;
        var provider = await db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        outbox.Enqueue(await AssessorEmailsAsync(db, assessment, ct), "clarification.replied",
            $"Reply from {provider}: {request.Subject}",
            $"""
            {provider} replied to the clarification request on "{request.Subject}" for "{name}"{(wanted.Count > 0 ? $", with {wanted.Count} document(s)" : string.Empty)}.
            Read the reply and close the request when it suffices:
            {mail.Link($"/console/assessments/{assessment.Id}")}
            """);
        await db.SaveChangesAsync(ct);

        var list = await queries.GetAsync(command.DeclarationId, ct);
        return list.IsError ? list.Error! : list.Value.Requests.First(r => r.Id == command.RequestId);
    }

    /// <summary>The active assessors' addresses, looked up by user ID (they belong to the Monitoring Body, outside any tenancy filter).</summary>
    internal static async Task<IReadOnlyList<string>> AssessorEmailsAsync(AdhereDb db, Assessment assessment, CancellationToken ct)
    {
        var ids = assessment.Assessors.Select(a => a.Value).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisabledAt == null).Select(u => u.Email).ToListAsync(ct);
        return [.. emails.OfType<string>().Order(StringComparer.OrdinalIgnoreCase)];
    }

    private async Task<Dictionary<Guid, string>> DocumentNamesAsync(Domain.Organisations.OrganisationId organisation, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var typed = ids.Select(i => new DocumentId(i)).ToList();
        var rows = await db.Documents.AsNoTracking().Where(d => d.OrganisationId == organisation && typed.Contains(d.Id))
            .Select(d => new { d.Id, d.FileName }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id.Value, r => r.FileName);
    }
}

/// <summary>
/// A declaration's clarification requests for the provider's portal and API (the provider's members, or MB staff).
/// Days are counted in UTC, as the monitoring job counts them.
/// </summary>
public sealed class ProviderClarifications(AdhereDb db, TimeProvider time)
{
    public async Task<Result<ProviderClarificationList>> GetAsync(Guid declarationId, CancellationToken ct)
    {
        var id = new DeclarationId(declarationId);
        if (!await db.Declarations.AsNoTracking().AnyAsync(d => d.Id == id, ct)) return DeclarationErrors.NotFound(declarationId.ToString());
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.DeclarationId == id).ToListAsync(ct);
        var today = Today();

        var documentIds = assessments.SelectMany(a => a.Clarifications).SelectMany(c => c.Replies).SelectMany(r => r.Documents).Distinct().ToList();
        var documents = documentIds.Count == 0 ? [] : await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.FileName, ct);
        var userIds = assessments.SelectMany(a => a.Clarifications).SelectMany(c => c.Replies).Select(r => r.RepliedBy.Value).Distinct().ToList();
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? "a former member", ct);

        var views = assessments
            .SelectMany(a => a.Clarifications.Select(c => View(c, !AssessmentWorkflow.IsFinal(a.Phase), today, documents, users)))
            .OrderByDescending(v => v.AskedOn).ThenBy(v => v.DueOn)
            .ToList();
        return new ProviderClarificationList(declarationId, views.Count(v => v.State == "open" && v.CanReply), views.Count(v => v.IsOverdue && v.CanReply), views);
    }

    /// <summary>How many requests wait for a reply per visible declaration (only declarations with any), for overviews and the portal home.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> WaitingAsync(CancellationToken ct)
    {
        var open = await db.Assessments.AsNoTracking()
            .Where(a => a.Clarifications.Any(c => c.State == ClarificationState.Open))
            .ToListAsync(ct);
        return open.Where(a => !AssessmentWorkflow.IsFinal(a.Phase))
            .GroupBy(a => a.DeclarationId.Value)
            .ToDictionary(g => g.Key, g => g.Sum(a => a.OpenClarifications.Count));
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static ProviderClarificationView View(ClarificationRequest c, bool active, DateOnly today, Dictionary<DocumentId, string> documents, Dictionary<Guid, string> users) =>
        new(c.Id.Value, c.Subject.ToString(), c.Subject.ControlKey, c.Subject.Topic, c.Question, c.AskedOn, c.DueOn,
            DeclarationQueries.Kebab(c.State.ToString()), c.IsOverdue(today), c.RemindedAt, c.MarkedOverdueAt,
            [.. c.Replies.Select(r => new ClarificationReplyView(r.Text,
                [.. r.Documents.Select(d => new ClarificationDocument(d.Value, documents.GetValueOrDefault(d, "(document no longer available)")))],
                r.RepliedAt, users.GetValueOrDefault(r.RepliedBy.Value, "a former member")))],
            c.ClosingNote, c.ClosedAt, c.WasAnsweredInTime, active && c.State != ClarificationState.Closed);
}
