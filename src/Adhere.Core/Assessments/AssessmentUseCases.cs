using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

/// <summary>An assessment as the console and the API show it.</summary>
public sealed record AssessmentSummary(
    Guid Id,
    Guid DeclarationId,
    Guid OrganisationId,
    string OrganisationName,
    string Kind,
    string? AdHocReason,
    string Phase,
    string DeclarationStatus,
    IReadOnlyList<Guid> Assessors,
    Guid? DecisionMaker,
    DateTimeOffset OpenedAt,
    DateTimeOffset PhaseChangedAt,
    IReadOnlyList<ChecklistEntry> Checklist,
    IReadOnlyList<CertificateCheckReview> CertificateReviews,
    IReadOnlyList<ProblemItem> OpenChecklistItems,
    IReadOnlyList<string> AllowedActions,
    string DeclarationTitle,
    string? VerificationId,
    ProposedLevelView ProposedLevel,
    IReadOnlyList<ClarificationView> Clarifications,
    DeadlineView Deadlines,
    IReadOnlyList<ControlFinding> ControlFindings,
    IReadOnlyList<NarrativeFinding> NarrativeFindings,
    DecisionView? Decision,
    IReadOnlyList<PhaseChangeView> History);

/// <summary>The level the evidence supports (certificates whose check the assessor rejected left out), with Adhere's explanation.</summary>
public sealed record ProposedLevelView(int Level, string Explanation, IReadOnlyList<string> Warnings);

/// <summary>A clarification request with its replies; <c>Overdue</c> is as of today.</summary>
public sealed record ClarificationView(
    Guid Id,
    string? ControlKey,
    string? Topic,
    string Question,
    Guid AskedBy,
    DateTimeOffset AskedAt,
    DateOnly DueOn,
    string State,
    bool Overdue,
    string Deadline,
    IReadOnlyList<ClarificationReply> Replies,
    string? ClosingNote,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? MarkedOverdueAt);

/// <summary>Whether the provider met the clarification deadlines: <c>EveryDeadlineMet</c> is null while a request is still pending.</summary>
public sealed record DeadlineView(int Total, int Met, int Pending, int Missed, bool? EveryDeadlineMet);

/// <summary>The decision, with levels as numbers (1–3).</summary>
public sealed record DecisionView(string Outcome, int ProposedLevel, int? GrantedLevel, string? Rationale, string? RejectionReason, DateOnly DecidedOn,
    DateOnly? ValidUntil, Guid DecidedBy, DateTimeOffset DecidedAt)
{
    public static DecisionView? Of(AssessmentDecision? d) => d is null ? null
        : new(DeclarationQueries.Kebab(d.Outcome.ToString()), (int)d.ProposedLevel, (int?)d.GrantedLevel, d.Rationale, d.RejectionReason, d.DecidedOn,
            d.ValidUntil, d.DecidedBy.Value, d.DecidedAt);
}

/// <summary>One entry of the assessment's history.</summary>
public sealed record PhaseChangeView(string? Action, string? From, string To, string? DeclarationStatus, Guid By, string Role, DateTimeOffset At, string? Note);

/// <summary>
/// An MB assessor opens the assessment of a declaration: initial for a submitted initial declaration, recurring for a
/// submitted renewal, ad hoc (with a reason) for a listed one. The assessor must have no active conflict of interest
/// towards the provider. The declaration moves to under assessment in the same save; every phase change is audited.
/// </summary>
public sealed class OpenAssessment(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, ConflictQueries conflicts,
    AssessmentQueries queries, TimeProvider time)
{
    /// <param name="Kind">initial, recurring or ad-hoc; omitted: initial or recurring after the declaration's kind.</param>
    /// <param name="AdHocReason">For ad hoc: complaint, significant-change, media-reports, new-guidance or other.</param>
    public sealed record Command(Guid DeclarationId, string? Kind, string? AdHocReason);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var declaration = await access.LoadAsync(command.DeclarationId, ct);
        if (declaration is null) return DeclarationErrors.NotFound(command.DeclarationId.ToString());
        var kind = ParseKind(command.Kind, declaration.Kind);
        if (kind.IsError) return kind.Error!;
        AdHocReason? reason = null;
        if (command.AdHocReason is { } text)
        {
            if (!Enum.TryParse<AdHocReason>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return new InvalidError("assessment.ad-hoc-reason-invalid", $"'{text}' is not a reason for an ad-hoc assessment.", "adHocReason");
            }

            reason = parsed;
        }

        if (await evidence.RefreshChecksAsync(declaration, ct)) await db.SaveChangesAsync(ct);
        var toReview = declaration.Certificates
            .Select(c => new CertificateToReview(c.Id, $"{c.StandardKey} {c.Number}", c.CheckOutcome ?? CertificateCheckOutcome.Failed))
            .ToList();
        var user = db.Caller.UserId ?? throw new InvalidOperationException("Assessments are opened by signed-in staff.");
        var opened = Assessment.Open(declaration, kind.Value, reason, toReview, await conflicts.TowardsAsync(declaration.OrganisationId, ct),
            user, access.RoleOfCaller(Role.MbAssessor), time.GetUtcNow());
        if (opened.IsError)
        {
            db.ChangeTracker.Clear(); // the declaration may not be saved half-moved
            return opened.Error!;
        }

        var assessment = opened.Value;
        db.Assessments.Add(assessment);
        foreach (var change in assessment.History) db.RecordEntry(change.ToAuditEntry(assessment.Id, assessment.OrganisationId.Value, db.Caller.ActorName));
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(assessment.Id.Value, ct)).Value;
    }

    private static Result<AssessmentKind> ParseKind(string? kind, DeclarationKind declarationKind) => (kind ?? string.Empty).Trim().ToUpperInvariant() switch
    {
        "" => declarationKind == DeclarationKind.Renewal ? AssessmentKind.Recurring : AssessmentKind.Initial,
        "INITIAL" => AssessmentKind.Initial,
        "RECURRING" => AssessmentKind.Recurring,
        "AD-HOC" or "ADHOC" => AssessmentKind.AdHoc,
        _ => new InvalidError("assessment.kind-invalid", $"'{kind}' is not a kind of assessment: use initial, recurring or ad-hoc.", "kind"),
    };
}

/// <summary>Reads assessments (MB staff).</summary>
public sealed class AssessmentQueries(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, TimeProvider time)
{
    public async Task<IReadOnlyList<AssessmentSummary>> ListAsync(Guid? declarationId, CancellationToken ct)
    {
        var query = db.Assessments.AsNoTracking();
        if (declarationId is { } d) query = query.Where(a => a.DeclarationId == new DeclarationId(d));
        var ids = await query.OrderByDescending(a => a.OpenedAt).Select(a => a.Id).ToListAsync(ct);
        var list = new List<AssessmentSummary>();
        foreach (var id in ids) list.Add((await GetAsync(id.Value, ct)).Value);
        return list;
    }

    public async Task<Result<AssessmentSummary>> GetAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == new AssessmentId(id), ct);
        if (assessment is null) return AssessmentErrors.NotFound(id.ToString());
        var declaration = await access.LoadAsync(assessment.DeclarationId.Value, ct) ?? throw new InvalidOperationException($"The declaration of assessment {id} is missing.");
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == assessment.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var role = access.RoleOfCaller(Role.MbAssessor);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rejected = assessment.FactFinding.Certificates.Where(c => c.Verdict == CertificateReviewVerdict.Rejected).Select(c => c.CertificateId).ToHashSet();
        var (_, proposal) = await evidence.AssessAsync(declaration, ct, rejected);
        var deadlines = assessment.Deadlines(today);
        return new AssessmentSummary(assessment.Id.Value, assessment.DeclarationId.Value, assessment.OrganisationId.Value, organisation,
            DeclarationQueries.Kebab(assessment.Kind.ToString()), assessment.AdHocReason is { } r ? DeclarationQueries.Kebab(r.ToString()) : null,
            DeclarationQueries.Kebab(assessment.Phase.ToString()), declaration.Status.ToString(),
            [.. assessment.Assessors.Select(a => a.Value)], assessment.DecisionMaker?.Value, assessment.OpenedAt, assessment.PhaseChangedAt,
            assessment.FactFinding.Items, assessment.FactFinding.Certificates, assessment.FactFinding.OpenItems(),
            [.. AssessmentWorkflow.AllowedActions(assessment.Phase, role).Select(a => DeclarationQueries.Kebab(a.ToString()))],
            declaration.Title ?? $"{declaration.CodeName} {declaration.CodeVersion}", declaration.VerificationId,
            new ProposedLevelView((int)proposal.Level, proposal.Explanation, proposal.Warnings),
            [.. assessment.Clarifications.Select(c => new ClarificationView(c.Id.Value, c.Subject.ControlKey, c.Subject.Topic, c.Question, c.AskedBy.Value, c.AskedAt,
                c.DueOn, DeclarationQueries.Kebab(c.State.ToString()), c.IsOverdue(today), DeclarationQueries.Kebab(c.Deadline(today).ToString()),
                c.Replies, c.ClosingNote, c.ClosedAt, c.RemindedAt, c.MarkedOverdueAt))],
            new DeadlineView(deadlines.Total, deadlines.Met, deadlines.Pending, deadlines.Missed.Count, deadlines.EveryDeadlineMet),
            assessment.ControlFindings, assessment.NarrativeFindings, DecisionView.Of(assessment.Decision),
            [.. assessment.History.Select(h => new PhaseChangeView(h.Action is { } a ? DeclarationQueries.Kebab(a.ToString()) : null,
                h.From is { } f ? DeclarationQueries.Kebab(f.ToString()) : null, DeclarationQueries.Kebab(h.To.ToString()),
                h.DeclarationFrom != h.DeclarationTo ? h.DeclarationTo.ToString() : null, h.By.Value, h.Role.Name, h.At, h.Note))]);
    }
}
