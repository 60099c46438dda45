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
    IReadOnlyList<string> AllowedActions);

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
public sealed class AssessmentQueries(AdhereDb db, DeclarationAccess access)
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
        var declaration = await db.Declarations.AsNoTracking().Where(d => d.Id == assessment.DeclarationId).Select(d => d.Status).FirstAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == assessment.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var role = access.RoleOfCaller(Role.MbAssessor);
        return new AssessmentSummary(assessment.Id.Value, assessment.DeclarationId.Value, assessment.OrganisationId.Value, organisation,
            DeclarationQueries.Kebab(assessment.Kind.ToString()), assessment.AdHocReason is { } r ? DeclarationQueries.Kebab(r.ToString()) : null,
            DeclarationQueries.Kebab(assessment.Phase.ToString()), declaration.ToString(),
            [.. assessment.Assessors.Select(a => a.Value)], assessment.DecisionMaker?.Value, assessment.OpenedAt, assessment.PhaseChangedAt,
            assessment.FactFinding.Items, assessment.FactFinding.Certificates, assessment.FactFinding.OpenItems(),
            [.. AssessmentWorkflow.AllowedActions(assessment.Phase, role).Select(a => DeclarationQueries.Kebab(a.ToString()))]);
    }
}
