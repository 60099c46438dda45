using System.Globalization;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Declarations;
using Adhere.Core.Mail;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments;

// The end of an assessment: hand-over to a decision maker, the decision (approve with the Verification-ID, or reject),
// and cancellation. Deciding needs the frozen selection, because the examined controls are what must carry findings.

/// <summary>Errors of the decision steps that the aggregate cannot know.</summary>
public static class DecisionErrors
{
    public static ConflictError SelectionNotFrozen() =>
        new("assessment.selection-not-frozen", "Select the controls for in-depth examination and freeze the selection first.");
}

/// <summary>An assessor hands the assessment to the decision maker once every examined control has a finding and every question is closed.</summary>
public sealed class SendToDecision(AssessmentWork work, SelectionQueries selections)
{
    public async Task<Result<AssessmentSummary>> HandleAsync(Guid assessmentId, CancellationToken ct)
    {
        var loaded = await work.LoadAsync(assessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var examined = await selections.FrozenControlsAsync(loaded.Value.Assessment.Id, ct);
        if (examined is null)
        {
            // Role and phase come first, so that an illegal move reads as such rather than as a missing selection.
            var allowed = AssessmentWorkflow.Check(loaded.Value.Assessment.Phase, AssessmentAction.SendToDecision, work.Role);
            return work.Refuse(allowed.IsError ? allowed.Error! : DecisionErrors.SelectionNotFrozen());
        }

        var done = loaded.Value.Assessment.SendToDecision(loaded.Value.Declaration, examined, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, null, null, ct);
    }
}

/// <summary>The decision maker sends the assessment back to the in-depth review with a reason.</summary>
public sealed class SendBackAssessment(AssessmentWork work)
{
    public sealed record Command(Guid AssessmentId, string? Reason);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.SendBack(loaded.Value.Declaration, command.Reason, await work.ConflictsAsync(loaded.Value, ct), work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, null, null, ct);
    }
}

/// <summary>
/// The decision maker approves. The granted level defaults to the proposed one (from the evidence, leaving out
/// certificates whose check the assessor rejected); another level needs a rationale. An initial or recurring assessment
/// verifies the declaration for one year and records its Verification-ID: a new one on first approval (the running
/// number taken atomically), the renewed declaration's ID on renewal (its level part changed when the level changed,
/// the old ID staying in the history), and marks the renewed declaration as renewed. An ad-hoc assessment confirms the
/// listing; at another level it changes the ID's level part. The provider's editors are told by e-mail.
/// </summary>
public sealed class ApproveAssessment(AssessmentWork work, SelectionQueries selections, DeclarationEvidence evidence, DeclarationAccess access,
    VerificationNumbers numbers, AssessmentSettings settings, Outbox outbox, MailSettings mail, Reports.Frozen.ReportFreezer reports,
    Register.TransparencyLog register)
{
    /// <param name="GrantedLevel">1, 2 or 3; omitted: the proposed level.</param>
    public sealed record Command(Guid AssessmentId, int? GrantedLevel, string? Rationale);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var unit = await work.Db.BeginUnitAsync(ct);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var (assessment, declaration, _) = loaded.Value;
        var examined = await selections.FrozenControlsAsync(assessment.Id, ct);
        if (examined is null)
        {
            var allowed = AssessmentWorkflow.Check(assessment.Phase, AssessmentAction.Approve, work.Role);
            return work.Refuse(allowed.IsError ? allowed.Error! : DecisionErrors.SelectionNotFrozen());
        }

        var proposed = await ProposedLevelAsync(assessment, declaration, evidence, ct);
        var granted = command.GrantedLevel is { } level ? (ComplianceLevel)level : proposed;
        var now = work.Now;
        var decided = assessment.Approve(declaration, proposed, granted, command.Rationale, examined, await work.ConflictsAsync(loaded.Value, ct), work.User, work.Role, now);
        if (decided.IsError) return work.Refuse(decided.Error!);
        var decision = decided.Value;

        Declaration? renewed = null;
        if (assessment.Kind == AssessmentKind.Recurring && declaration.RenewsId is { } renewsId) renewed = await access.LoadAsync(renewsId.Value, ct);
        var existingText = declaration.VerificationId ?? renewed?.VerificationId;
        VerificationNumber? existing = null;
        if (existingText is not null)
        {
            var parsed = VerificationNumber.Parse(existingText);
            if (parsed.IsError) return work.Refuse(parsed.Error!);
            existing = parsed.Value;
        }

        var running = existing is null ? await numbers.AllocateAsync(settings.BodyCode, ct) : 0;
        var issued = VerificationIdIssuer.Issue(existing, granted, decision.DecidedOn, settings.BodyCode, running);
        if (issued.IsError) return work.Refuse(issued.Error!);
        var issue = issued.Value;

        if (assessment.Kind == AssessmentKind.AdHoc)
        {
            if (issue.IsLevelChange)
            {
                declaration.ChangeLevel(issue.Id, now);
                work.Db.VerificationRecords.Add(VerificationRecord.Create(declaration.Id, declaration.OrganisationId, issue.Id, decision.DecidedOn,
                    declaration.ValidUntil ?? decision.ValidUntil!.Value, null, VerificationSource.Issued, now));
            }
        }
        else
        {
            declaration.RecordVerification(issue.Id, decision.DecidedOn, decision.ValidUntil!.Value, now);
            work.Db.VerificationRecords.Add(VerificationRecord.Create(declaration.Id, declaration.OrganisationId, issue.Id, decision.DecidedOn,
                decision.ValidUntil!.Value, null, VerificationSource.Issued, now));
            if (renewed is not null && renewed.Status is DeclarationStatus.Verified or DeclarationStatus.RenewalDue)
            {
                var from = renewed.Status;
                var moved = renewed.Fire(DeclarationTrigger.Renew, Role.MbDecisionMaker, now);
                if (moved.IsError) return work.Refuse(moved.Error!);
                work.Db.Record("declaration.renewed", "declaration", renewed.Id.ToString(), renewed.OrganisationId,
                    AuditChanges.None.Set("status", from.ToString(), renewed.Status.ToString()).Added("renewedBy", declaration.Id.ToString()));
            }
        }

        work.Db.Record("verification.issued", "declaration", declaration.Id.ToString(), declaration.OrganisationId, AuditChanges.None
            .Added("verificationId", issue.Id.ToString())
            .Added("level", ((int)granted).ToString(CultureInfo.InvariantCulture))
            .Added("approvedOn", Day(decision.DecidedOn))
            .Added("validUntil", declaration.ValidUntil is { } until ? Day(until) : null)
            .Added("previousId", issue.Aliases.Count > 0 ? issue.Aliases[0].ToString() : null)
            .Added("assessment", assessment.Id.ToString()));

        if (RegisterEvent(assessment.Kind, existing is null, issue.IsLevelChange) is { } registerEvent)
        {
            var company = await work.Db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
            await register.AppendAsync(new Register.TransparencyLogChange(registerEvent, issue.Id.ToString(),
                issue.IsLevelChange ? issue.Aliases[0].ToString() : null, company, (int)granted, declaration.ValidUntil), ct);
        }

        var name = declaration.Title ?? $"{declaration.CodeName} {declaration.CodeVersion}";
        outbox.Enqueue(await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), "verification.issued",
            $"Verified: {name} at Level {(int)granted} ({issue.Id})",
            $"""
            The Monitoring Body has verified your declaration "{name}".
            Verification-ID: {issue.Id}
            Level of compliance: {(int)granted}
            Valid until: {(declaration.ValidUntil is { } end ? Day(end) : "unchanged")}
            {mail.Link($"/portal/declarations/{declaration.Id}")}
            """);
        var saved = await work.SaveAsync(loaded.Value, null, null, ct);
        if (saved.IsError) return saved;
        // The report is issued with the approval, in the same transaction: rendered once, stored, signed (ADR 0015).
        var frozen = await reports.FreezeAsync(assessment.Id, ct);
        if (frozen.IsError) return frozen.Error!;
        await unit.CommitAsync(ct);
        return saved;
    }

    /// <summary>
    /// What the register shows of an approval: a first approval lists the entry, a renewal renews it (at another level the
    /// entry carries its former ID too), an ad-hoc assessment changes only a level; an ad-hoc confirmation changes nothing.
    /// </summary>
    private static string? RegisterEvent(AssessmentKind kind, bool isFirst, bool isLevelChange) => kind switch
    {
        AssessmentKind.AdHoc => isLevelChange ? Register.TransparencyLogEvents.LevelChanged : null,
        _ when isFirst => Register.TransparencyLogEvents.Listed,
        _ => Register.TransparencyLogEvents.Renewed,
    };

    /// <summary>The level the evidence supports, leaving out certificates whose automated check the assessor rejected.</summary>
    internal static async Task<ComplianceLevel> ProposedLevelAsync(Assessment assessment, Declaration declaration, DeclarationEvidence evidence, CancellationToken ct)
    {
        var rejected = assessment.FactFinding.Certificates.Where(c => c.Verdict == CertificateReviewVerdict.Rejected).Select(c => c.CertificateId).ToHashSet();
        var (_, proposal) = await evidence.AssessAsync(declaration, ct, rejected);
        return proposal.Level;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The decision maker rejects with a reason; an initial or recurring assessment rejects the declaration, and the provider is told.</summary>
public sealed class RejectAssessment(AssessmentWork work, DeclarationEvidence evidence, Outbox outbox, MailSettings mail)
{
    public sealed record Command(Guid AssessmentId, string? Reason);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var (assessment, declaration, _) = loaded.Value;
        var proposed = await ApproveAssessment.ProposedLevelAsync(assessment, declaration, evidence, ct);
        var decided = assessment.Reject(declaration, proposed, command.Reason, await work.ConflictsAsync(loaded.Value, ct), work.User, work.Role, work.Now);
        if (decided.IsError) return work.Refuse(decided.Error!);
        if (assessment.Kind != AssessmentKind.AdHoc)
        {
            var name = declaration.Title ?? $"{declaration.CodeName} {declaration.CodeVersion}";
            outbox.Enqueue(await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), "declaration.rejected",
                $"Not verified: {name}",
                $"""
                The Monitoring Body has decided not to verify your declaration "{name}".
                Reason: {decided.Value.RejectionReason}
                {mail.Link($"/portal/declarations/{declaration.Id}")}
                """);
        }

        return await work.SaveAsync(loaded.Value, null, null, ct);
    }
}

/// <summary>An MB administrator cancels an assessment whose declaration was withdrawn (or an ad-hoc one at any time), with a reason.</summary>
public sealed class CancelAssessment(AssessmentWork work)
{
    public sealed record Command(Guid AssessmentId, string? Reason);

    public async Task<Result<AssessmentSummary>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = await work.LoadAsync(command.AssessmentId, ct);
        if (loaded.IsError) return loaded.Error!;
        var done = loaded.Value.Assessment.Cancel(loaded.Value.Declaration, command.Reason, work.User, work.Role, work.Now);
        if (done.IsError) return work.Refuse(done.Error!);
        return await work.SaveAsync(loaded.Value, null, null, ct);
    }
}
