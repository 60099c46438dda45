using Adhere.Core.Complaints;
using Adhere.Core.Complaints.Investigation;
using Adhere.Core.Complaints.Measures;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Demo;

/// <summary>
/// Demo complaints in every stage, filed and moved through the real use cases, then dated back so that the clocks, the
/// work queue and the yearly summary have something to show: a new complaint whose acknowledgement is overdue, one in the
/// admissibility check, one under investigation, one dismissed, one found unfounded and closed, and founded ones.
/// The audit trail keeps the seeding time of each step, as for any imported history. All text is invented.
/// </summary>
public sealed class DemoComplaints(AdhereDb db, SubmitComplaint submit, MoveComplaint move, ImposeComplaintMeasure impose,
    AskComplaintQuestion ask, ComplaintSettings settings, TimeProvider time)
{
    /// <summary>What happens to a demo complaint, in days before the seeding (received, acknowledged, admitted, decided, ended).</summary>
    private sealed record Plan(string? Provider, string Company, string Service, string Role, string? Name, string? Email, bool Reveal, string Conduct,
        int ReceivedDaysAgo, ComplaintTrigger[] Steps, DismissalReason? Dismissal = null, ComplaintFinding? Finding = null, string? Reasons = null,
        Func<string, CancellationToken, Task<Result<Done>>>? Then = null);

    private Plan[] Plans() =>
    [
        new("Stratus Hosting SAS", "Stratus Hosting SAS", "Stratus Backup", "customer", "Amélie Roux", "amelie.roux@customer.demo.example", true,
            "Our backups were restored for another customer's support ticket: the engineer could see our file names.", 12, []),
        new("Nimbus Cloud GmbH", "Nimbus Cloud GmbH", "Nimbus Team Mail", "data-subject", null, null, false,
            "I asked for a copy of my data held in a company mailbox hosted by Nimbus and was told to ask my former employer, who no longer exists.", 4,
            [ComplaintTrigger.StartAdmissibilityCheck]),
        new("Stratus Hosting SAS", "Stratus Hosting SAS", "Stratus Web Hosting", "customer", "Jonas Weber", "jonas.weber@shop.demo.example", false,
            "Stratus moved our site to a new data centre outside the EU without the notice its contract promises.", 30,
            [ComplaintTrigger.StartAdmissibilityCheck, ComplaintTrigger.Admit], Then: AskStratusAsync),
        new(null, "Bluesky Webspace Ltd", "Bluesky Mail", "customer", "Maria Costa", "maria.costa@demo.example", false,
            "The provider reads our e-mails to show advertising.", 55,
            [ComplaintTrigger.StartAdmissibilityCheck, ComplaintTrigger.Dismiss], Dismissal: DismissalReason.NotAboutAdherentService,
            Reasons: "Demo: Bluesky Webspace has declared no service adherent to the Code; the complainant was pointed to the supervisory authority."),
        new("Nimbus Cloud GmbH", "Nimbus Cloud GmbH", "Nimbus Object Storage", "csp", "Reseller desk", "desk@reseller.demo.example", false,
            "Nimbus's subprocessor list was out of date for two months.", 80,
            [ComplaintTrigger.StartAdmissibilityCheck, ComplaintTrigger.Admit, ComplaintTrigger.Decide, ComplaintTrigger.Close], Finding: ComplaintFinding.Unfounded,
            Reasons: "Demo: the list was updated within the thirty days of notice the contract allows; no obligation of the Code was missed."),
        new("Nimbus Cloud GmbH", "Nimbus Cloud GmbH", "Nimbus Managed PostgreSQL", "customer", "Lea Novak", "lea.novak@customer.demo.example", true,
            "Deleted database snapshots could still be restored by Nimbus support three months after we closed our account.", 70,
            [ComplaintTrigger.StartAdmissibilityCheck, ComplaintTrigger.Admit, ComplaintTrigger.Decide], Finding: ComplaintFinding.Founded,
            Reasons: "Demo: snapshots of closed accounts were kept for 90 days, while the declaration states 30. Founded; a corrective action follows.",
            Then: CorrectNimbusAsync),
        new("Cumulus Compute AB", "Cumulus Compute AB", "Cumulus Object Store", "data-subject", "Sven Berg", "sven.berg@demo.example", false,
            "My personal data stayed in a former customer's buckets for a year after the customer's contract had ended.", 45,
            [ComplaintTrigger.StartAdmissibilityCheck, ComplaintTrigger.Admit, ComplaintTrigger.Decide], Finding: ComplaintFinding.Founded,
            Reasons: "Demo: Cumulus kept ended customers' data well beyond its deletion statement and could not show when it would be deleted.",
            Then: SuspendCumulusAsync),
    ];

    /// <summary>Files and moves the demo complaints; returns their references in the order of the plan.</summary>
    public async Task<Result<IReadOnlyList<string>>> SeedAsync(CancellationToken ct)
    {
        var references = new List<string>();
        foreach (var plan in Plans())
        {
            var verificationId = plan.Provider is null ? null : await VerificationIdAsync(plan.Provider, ct);
            var filed = await submit.HandleAsync(new(verificationId, plan.Company, plan.Service, plan.Role, plan.Name, plan.Email, plan.Reveal, plan.Conduct), ct);
            if (filed.IsError) return filed.Error!;
            foreach (var step in plan.Steps)
            {
                var moved = await move.HandleAsync(new(filed.Value.Reference, step,
                    step is ComplaintTrigger.Dismiss or ComplaintTrigger.Decide ? plan.Reasons : null, plan.Dismissal, plan.Finding), ct);
                if (moved.IsError) return moved.Error!;
            }

            await BackDateAsync(filed.Value.Reference, plan, ct);
            if (plan.Then is { } then)
            {
                var followed = await then(filed.Value.Reference, ct);
                if (followed.IsError) return followed.Error!;
            }

            references.Add(filed.Value.Reference);
        }

        return references;
    }

    // The investigation asks the provider; its answer is still due.
    private async Task<Result<Done>> AskStratusAsync(string reference, CancellationToken ct)
    {
        var asked = await ask.HandleAsync(new(reference,
            "provider", "Please tell us when the sites were moved, which notice customers received and where the data centre is located."), ct);
        return asked.IsError ? asked.Error! : Done.Value;
    }

    // A founded complaint ends in a corrective action with a deadline and a follow-up check still to come.
    private async Task<Result<Done>> CorrectNimbusAsync(string reference, CancellationToken ct)
    {
        var imposed = await impose.HandleAsync(new(reference, "corrective-action",
            "Demo: the retention of snapshots after an account is closed must match the declaration.",
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(30),
            "Delete snapshots of closed accounts within 30 days and show the Monitoring Body the changed deletion job and its first run."), ct);
        return imposed.IsError ? imposed.Error! : Done.Value;
    }

    // The other founded complaint suspends the provider's register entry: the register, badge, status document, feed and
    // log show it, and a notice to the supervisory authority is written.
    private async Task<Result<Done>> SuspendCumulusAsync(string reference, CancellationToken ct)
    {
        var imposed = await impose.HandleAsync(new(reference, "suspension",
            "Demo: suspended until Cumulus shows that data of ended contracts is deleted as its declaration states."), ct);
        return imposed.IsError ? imposed.Error! : Done.Value;
    }

    private async Task<string?> VerificationIdAsync(string provider, CancellationToken ct)
    {
        var organisation = await db.Organisations.IgnoreQueryFilters().Where(o => o.Name == provider && o.Kind == OrganisationKind.CloudServiceProvider)
            .Select(o => o.Id).FirstAsync(ct);
        return await db.Declarations.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.OrganisationId == organisation && d.VerificationId != null && d.Status != DeclarationStatus.Withdrawn)
            .OrderByDescending(d => d.ValidUntil).Select(d => d.VerificationId).FirstOrDefaultAsync(ct);
    }

    // The acknowledgement comes two days after the receipt; the later steps are spread evenly up to a few days ago.
    private async Task BackDateAsync(string reference, Plan plan, CancellationToken ct)
    {
        var complaint = await db.Complaints.FirstAsync(c => c.Reference == reference, ct);
        var received = time.GetUtcNow().AddDays(-plan.ReceivedDaysAgo).AddHours(-3);
        var entry = db.Entry(complaint);
        entry.Property(c => c.ReceivedAt).CurrentValue = received;
        entry.Property(c => c.AcknowledgeBy).CurrentValue = ComplaintClocks.AcknowledgementDue(received, settings);
        entry.Property(c => c.DecideBy).CurrentValue = ComplaintClocks.DecisionDue(received, settings);
        var gap = Math.Max(1, (plan.ReceivedDaysAgo - 2) / Math.Max(1, plan.Steps.Length));
        var at = received;
        for (var i = 0; i < plan.Steps.Length; i++)
        {
            at = i == 0 ? received.AddDays(2) : at.AddDays(gap);
            var step = plan.Steps[i];
            if (step == ComplaintTrigger.StartAdmissibilityCheck) entry.Property(c => c.AcknowledgedAt).CurrentValue = at;
            if (step == ComplaintTrigger.Decide) entry.Property(c => c.DecidedAt).CurrentValue = at;
            if (step is ComplaintTrigger.Dismiss or ComplaintTrigger.Close) entry.Property(c => c.EndedAt).CurrentValue = at;
        }

        entry.Property(c => c.StatusChangedAt).CurrentValue = at;
        await db.SaveChangesAsync(ct);
    }
}
