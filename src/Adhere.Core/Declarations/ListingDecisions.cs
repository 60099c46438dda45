using System.Globalization;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>
/// The decision maker suspends a listed declaration: the register shows it as suspended at once (entry, verification,
/// badge, signed status, feed and transparency log) until it is reinstated or revoked. A reason is required; it is
/// kept in the audit trail and told to the provider.
/// </summary>
public sealed class SuspendDeclaration(ListingDecisions decisions)
{
    public sealed record Command(Guid DeclarationId, string? Reason);

    public Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decisions.DecideAsync(command.DeclarationId, DeclarationTrigger.Suspend, command.Reason, ct);
    }
}

/// <summary>The decision maker lifts a suspension; the entry is valid again (renewal-due again if the window has opened, by the monitoring job).</summary>
public sealed class ReinstateDeclaration(ListingDecisions decisions)
{
    public sealed record Command(Guid DeclarationId, string? Reason);

    public Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decisions.DecideAsync(command.DeclarationId, DeclarationTrigger.Reinstate, command.Reason, ct);
    }
}

/// <summary>The decision maker revokes (excludes) a listed or suspended declaration; final, and shown as revoked in the register.</summary>
public sealed class RevokeDeclaration(ListingDecisions decisions)
{
    public sealed record Command(Guid DeclarationId, string? Reason);

    public Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        return decisions.DecideAsync(command.DeclarationId, DeclarationTrigger.Revoke, command.Reason, ct);
    }
}

/// <summary>
/// What the three listing decisions share: the lifecycle decides who may fire what from where (decision makers only),
/// the status change, its audit record, the transparency log entry and the provider's e-mail are written in one
/// transaction, so the register never shows a change the database does not hold, nor the reverse.
/// </summary>
public sealed class ListingDecisions(AdhereDb db, DeclarationAccess access, DeclarationQueries queries, Outbox outbox, MailSettings mail,
    TransparencyLog register, TimeProvider time)
{
    public const int MaxReasonLength = 4000;

    internal Task<Result<DeclarationDetails>> DecideAsync(Guid id, DeclarationTrigger trigger, string? reason, CancellationToken ct) =>
        DecideAsync(id, trigger, reason, byComplaintMeasure: false, ct);

    /// <summary>
    /// The decision itself. A complaint measure (<paramref name="byComplaintMeasure"/>) calls this inside its own unit, which
    /// the unit here joins, so that the measure, the status change and the register's entries commit together; only a
    /// measure may reinstate a declaration whose suspension a complaint measure holds.
    /// </summary>
    internal async Task<Result<DeclarationDetails>> DecideAsync(Guid id, DeclarationTrigger trigger, string? reason, bool byComplaintMeasure, CancellationToken ct)
    {
        reason = reason?.Trim();
        await using var unit = await db.BeginUnitAsync(ct);
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        var from = declaration.Status;
        var now = time.GetUtcNow();
        // The role and the transition are checked before the reason, so that a caller without the right learns nothing more.
        var fired = declaration.Fire(trigger, access.RoleOfCaller(Role.MbDecisionMaker), now);
        if (fired.IsError) return fired.Error!;
        if (string.IsNullOrEmpty(reason)) return ListingDecisionErrors.ReasonRequired();
        if (reason.Length > MaxReasonLength) return ListingDecisionErrors.ReasonTooLong();
        var holding = await db.ComplaintMeasures.Where(m => m.DeclarationId == declaration.Id && m.Effect == MeasureEffect.Suspension && m.State == MeasureState.InForce)
            .ToListAsync(ct);
        if (trigger == DeclarationTrigger.Reinstate && !byComplaintMeasure && holding.Count > 0)
        {
            var ids = holding.Select(m => m.ComplaintId).ToList();
            var references = await db.Complaints.Where(c => ids.Contains(c.Id)).Select(c => c.Reference).OrderBy(r => r).ToListAsync(ct);
            return ListingDecisionErrors.SuspendedByComplaint(references);
        }

        // A revocation leaves nothing to lift: a suspension held by a complaint measure is overtaken by it.
        if (trigger == DeclarationTrigger.Revoke) foreach (var measure in holding) measure.Supersede(now);

        var (topic, logEvent, verb) = trigger switch
        {
            DeclarationTrigger.Suspend => ("declaration.suspended", TransparencyLogEvents.Suspended, "suspended"),
            DeclarationTrigger.Reinstate => ("declaration.reinstated", TransparencyLogEvents.Reinstated, "reinstated"),
            DeclarationTrigger.Revoke => ("declaration.revoked", TransparencyLogEvents.Revoked, "revoked"),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a listing decision."),
        };
        db.Record(topic, "declaration", declaration.Id.ToString(), declaration.OrganisationId,
            new AuditChanges().Set("status", from.ToString(), declaration.Status.ToString()).Added("reason", reason));

        var company = await db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        if (declaration.VerificationId is { } verificationId && declaration.GrantedLevel is { } level)
        {
            await register.AppendAsync(new TransparencyLogChange(logEvent, verificationId, null, company, (int)level, declaration.ValidUntil), ct);
        }

        var name = declaration.Title ?? $"{declaration.CodeName} {declaration.CodeVersion}";
        outbox.Enqueue(await outbox.ProviderEditorsAsync(declaration.OrganisationId, ct), topic,
            $"Declaration {verb}: {name} ({declaration.VerificationId})",
            $"""
            The Monitoring Body has {verb} your declaration "{name}" ({declaration.VerificationId}) on {now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.
            The public register shows the new status from now on.

            Reason given:
            {reason}

            {(byComplaintMeasure ? "The decision is a measure taken on a complaint handled by the Monitoring Body.\n" : string.Empty)}{mail.Link($"/portal/declarations/{declaration.Id}")}
            """);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await queries.DetailsAsync(declaration, ct);
    }
}

public static class ListingDecisionErrors
{
    public static InvalidError ReasonRequired() => new("declaration.reason-required",
        "A suspension, reinstatement or revocation needs its reasons in words; they are kept with the decision and sent to the provider.", "reason");

    public static InvalidError ReasonTooLong() => new("declaration.reason-too-long",
        $"The reasons may have at most {ListingDecisions.MaxReasonLength} characters; attach longer texts to the case instead.", "reason");

    public static ConflictError SuspendedByComplaint(IReadOnlyList<string> complaints) => new("declaration.suspended-by-complaint",
        $"The suspension was imposed as a measure on complaint {string.Join(", ", complaints)}; it can only be lifted by lifting that measure on the complaint's case.");
}
