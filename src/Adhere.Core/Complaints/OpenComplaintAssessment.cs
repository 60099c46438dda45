using Adhere.Core.Assessments;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// An MB assessor opens an ad-hoc assessment (reason: complaint) of the declaration a complaint under investigation
/// concerns: the current declaration of the register entry it names (a former Verification-ID resolves through the
/// renewal chain). The complaint and the assessment are linked in the same transaction, and the assessment's control
/// selection takes the complaint's topics as attention topics (<see cref="ComplaintLinkQueries.TopicsForAssessmentAsync"/>).
/// The assessment workflow's own rules apply on top: the opener becomes its assessor and must have no conflict of interest.
/// </summary>
public sealed class OpenComplaintAssessment(AdhereDb db, ComplaintAccess access, OpenAssessment open, TimeProvider time)
{
    public async Task<Result<AssessmentSummary>> HandleAsync(string? reference, CancellationToken ct)
    {
        var complaint = await access.FindAsync(reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(reference);
        if (!db.Caller.IsInRole(Role.MbAssessor) || db.Caller.UserId is not { } user)
        {
            return AssessmentErrors.RoleNotAllowed(Role.All.FirstOrDefault(db.Caller.IsInRole) ?? Role.CspViewer, "open an assessment", [Role.MbAssessor]);
        }

        if (await access.ConflictAsync(complaint, ct) is { } conflicted) return conflicted;
        if (complaint.Status != ComplaintStatus.Investigation) return ComplaintHandlingErrors.NotUnderInvestigation(complaint.Status);
        if (complaint.Topics.Count == 0) return ComplaintHandlingErrors.TopicsRequired();
        var provider = await access.ProviderAsync(complaint.TargetVerificationId, ct);
        if (provider?.CurrentDeclaration is not { } declaration) return ComplaintHandlingErrors.NoRegisterEntry();
        if (!DeclarationLifecycle.IsListed(declaration.Status))
        {
            return ComplaintHandlingErrors.DeclarationNotListed(declaration.VerificationId ?? complaint.TargetVerificationId!, declaration.Status.ToString());
        }

        var running = await db.Assessments.AsNoTracking()
            .Where(a => a.DeclarationId == declaration.Id
                && a.Phase != AssessmentPhase.Approved && a.Phase != AssessmentPhase.Rejected && a.Phase != AssessmentPhase.Cancelled)
            .Select(a => (Guid?)a.Id.Value).FirstOrDefaultAsync(ct);
        if (running is { } busy) return ComplaintHandlingErrors.AssessmentRunning(busy);

        await using var unit = await db.BeginUnitAsync(ct);
        var opened = await open.HandleAsync(new OpenAssessment.Command(declaration.Id.Value, "ad-hoc", "complaint"), ct);
        if (opened.IsError) return opened.Error!;
        var assessment = new AssessmentId(opened.Value.Id);
        db.ComplaintAssessments.Add(ComplaintAssessmentLink.Create(complaint.Id, assessment, user, time.GetUtcNow()));
        db.Record("complaint.assessment-opened", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("assessment", assessment.ToString())
            .Added("verificationId", declaration.VerificationId)
            .Added("topics", string.Join(", ", complaint.Topics)));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return opened.Value;
    }
}

/// <summary>An assessment opened from a complaint, as the case shows it.</summary>
public sealed record ComplaintAssessmentView(Guid AssessmentId, string Kind, string Phase, DateTimeOffset OpenedAt);

/// <summary>
/// The handling facts of a complaint beyond its lifecycle: its topics, the assessments opened from it, and, when the
/// caller has a conflict of interest towards the provider, why they may not handle it (then no step is offered).
/// </summary>
public sealed record ComplaintHandlingView(IReadOnlyList<string> Topics, IReadOnlyList<ComplaintAssessmentView> Assessments, string? ConflictOfInterest);

/// <summary>Reads the links between complaints and assessments, both ways (MB staff).</summary>
public sealed class ComplaintLinkQueries(AdhereDb db, ComplaintAccess access)
{
    /// <summary>True for the callers who handle complaints: MB assessors and decision makers, and the system.</summary>
    public static bool Handles(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (caller.UserId is null && caller.SeesAllOrganisations) || caller.IsInRole(Role.MbAssessor) || caller.IsInRole(Role.MbDecisionMaker);
    }

    public async Task<ComplaintHandlingView> HandlingAsync(Complaint complaint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var links = await db.ComplaintAssessments.AsNoTracking().Where(l => l.ComplaintId == complaint.Id).Select(l => l.AssessmentId).ToListAsync(ct);
        var assessments = await db.Assessments.AsNoTracking().Where(a => links.Contains(a.Id))
            .Select(a => new { a.Id, a.Kind, a.Phase, a.OpenedAt }).ToListAsync(ct);
        var conflict = await access.ConflictAsync(complaint, ct);
        return new ComplaintHandlingView(complaint.Topics,
            [.. assessments.OrderBy(a => a.OpenedAt).Select(a => new ComplaintAssessmentView(a.Id.Value, ComplaintQueries.Kebab(a.Kind.ToString()),
                ComplaintQueries.Kebab(a.Phase.ToString()), a.OpenedAt))],
            conflict?.Message);
    }

    /// <summary>The references of the complaints an assessment was opened for, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ForAssessmentAsync(Guid assessmentId, CancellationToken ct)
    {
        var id = new AssessmentId(assessmentId);
        var complaints = await db.ComplaintAssessments.AsNoTracking().Where(l => l.AssessmentId == id).Select(l => l.ComplaintId).ToListAsync(ct);
        if (complaints.Count == 0) return [];
        return await db.Complaints.AsNoTracking().Where(c => complaints.Contains(c.Id)).OrderBy(c => c.ReceivedAt).Select(c => c.Reference).ToListAsync(ct);
    }

    /// <summary>The topics of the complaints an assessment was opened for, as they stand now: the selection's extra attention topics.</summary>
    public async Task<IReadOnlyList<string>> TopicsForAssessmentAsync(AssessmentId assessment, CancellationToken ct)
    {
        var complaints = await db.ComplaintAssessments.AsNoTracking().Where(l => l.AssessmentId == assessment).Select(l => l.ComplaintId).ToListAsync(ct);
        if (complaints.Count == 0) return [];
        var rows = await db.Complaints.AsNoTracking().Where(c => complaints.Contains(c.Id)).ToListAsync(ct);
        return [.. rows.SelectMany(c => c.Topics).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
