using Adhere.Core.Assessments;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Demo;

/// <summary>
/// The demo's assessments, taken step by step through the same use cases as on the web, each by the demo user whose
/// role it needs: an attention topic on international transfers; Nimbus's declaration assessed completely (fact
/// finding, a frozen selection with one control added by hand, two clarification questions answered by Nimbus,
/// findings and narratives, approval at Level 2 with a new Verification-ID); and Stratus's renewal (one service added
/// in the same family, no material change), assessed and waiting for the decision, so that its draft report shows the
/// year-over-year comparison and approving it issues a renewal report.
/// </summary>
public sealed class DemoAssessments(AdhereDb db, Caller caller, AddAttentionTopic addTopic, OpenAssessment open, RecordChecklistItem checklist,
    ReviewCertificateCheck review, SelectControls select, AdjustSelection adjust, FreezeSelection freeze, CompleteFactFinding completeFactFinding,
    RequestClarification ask, ReplyToClarification reply, CloseClarification close, ResumeAssessment resume, RecordControlFinding controlFinding,
    RecordNarrativeFinding narrative, SendToDecision sendToDecision, ApproveAssessment approve, StartRenewal startRenewal, StateRenewal stateRenewal,
    SubmitDeclaration submit, Services.CreateService createService, UpdateDeclaration updateDeclaration, TimeProvider time)
{
    /// <summary>The seed of the demo selection, so that every demo shows the same sample.</summary>
    public const long SelectionSeed = 2026_11_29;

    private static readonly (string Topic, string Text)[] Narratives =
    [
        ("service-agreement", "Nimbus's customer agreement and data processing addendum together cover every processor duty the Code lists. The addendum is versioned and customers are told of changes sixty days ahead."),
        ("subprocessors", "Nimbus publishes its subprocessor list with the country and purpose of each. A sample of three subprocessor contracts showed the same data protection terms as the customer addendum."),
        ("international-transfers", "Customer data stays in German data centres. Support staff in a third country can reach metadata only, under standard contractual clauses and a documented transfer assessment."),
        ("personal-data-breaches", "The incident procedure sets a 24-hour target for telling customers. The two incidents of the past year were reported within that time, with the details customers need."),
        ("confidentiality", "Staff sign confidentiality terms on joining and repeat data protection training every year; access to customer systems is granted per ticket and expires by itself."),
    ];

    public async Task<Result<Done>> SeedAsync(Guid nimbusDeclaration, Guid stratusDeclaration, CancellationToken ct)
    {
        var (actorId, actorName) = (caller.ActorId, caller.ActorName);
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null && u.Email.EndsWith(".demo.example"))
            .ToDictionaryAsync(u => u.Email!, u => u, StringComparer.OrdinalIgnoreCase, ct);
        try
        {
            var assessed = await AssessNimbusAsync(nimbusDeclaration, users, ct);
            if (assessed.IsError) return assessed;
            return await RenewStratusAsync(stratusDeclaration, users, ct);
        }
        finally
        {
            caller.ActAsSystem(actorId, actorName);
        }
    }

    private async Task<Result<Done>> AssessNimbusAsync(Guid declaration, Dictionary<string, Accounts.AdhereUser> users, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Act(users["admin@mb.demo.example"], Role.MbAdministrator, monitoringBody: true);
        var topic = await addTopic.HandleAsync(new("transfers", "Transfers to third countries",
            "Supervisory authorities are looking closely at transfers after recent rulings; every assessment examines the transfer controls.",
            null, today.AddMonths(-2), null), ct);
        if (topic.IsError) return topic.Error!;

        Act(users["assessor@mb.demo.example"], Role.MbAssessor, monitoringBody: true);
        var opened = await open.HandleAsync(new(declaration, null, null), ct);
        if (opened.IsError) return opened.Error!;
        var id = opened.Value.Id;
        foreach (var entry in opened.Value.Checklist)
        {
            var done = await checklist.HandleAsync(new(id, entry.Item.ToString(), "confirmed", Note(entry.Item.ToString())), ct);
            if (done.IsError) return done.Error!;
        }

        foreach (var certificate in opened.Value.CertificateReviews)
        {
            var done = await review.HandleAsync(new(id, certificate.CertificateId.Value, "accepted",
                "Certificate and audit report read; the scope names every declared service."), ct);
            if (done.IsError) return done.Error!;
        }

        var selected = await select.HandleAsync(new(id, SelectionSeed, null), ct);
        if (selected.IsError) return selected.Error!;
        var extra = await db.CatalogueControls.AsNoTracking()
            .Where(c => c.CatalogueId == db.Declarations.Where(d => d.Id == new Domain.Declarations.DeclarationId(declaration)).Select(d => d.CatalogueId).First())
            .OrderBy(c => c.Position).Select(c => c.Key).ToListAsync(ct);
        var chosen = selected.Value.Selection.Controls.Select(c => c.ControlKey).ToHashSet(StringComparer.Ordinal);
        var byHand = extra.FirstOrDefault(k => k.StartsWith("5.8.", StringComparison.Ordinal) && !chosen.Contains(k)) ?? extra.First(k => !chosen.Contains(k));
        var added = await adjust.HandleAsync(new(id, AdjustmentKind.Added, byHand, "A customer asked the MB about this last spring."), ct);
        if (added.IsError) return added.Error!;
        var frozen = await freeze.HandleAsync(id, ct);
        if (frozen.IsError) return frozen.Error!;
        var completed = await completeFactFinding.HandleAsync(id, ct);
        if (completed.IsError) return completed.Error!;

        var examined = frozen.Value.Controls.Select(c => c.ControlKey).ToList();
        var transferControl = examined.FirstOrDefault(k => k.StartsWith("5.4.", StringComparison.Ordinal)) ?? examined[0];
        var first = await ask.HandleAsync(new(id, transferControl, null,
            "Which support locations outside the EEA can reach customer metadata, and under which transfer mechanism?", null), ct);
        if (first.IsError) return first.Error!;
        var second = await ask.HandleAsync(new(id, null, "subprocessors",
            "Please send the subprocessor list as it stood on the first of the month, with the date each entry was added.", today.AddDays(10)), ct);
        if (second.IsError) return second.Error!;

        Act(users["editor@nimbus.demo.example"], Role.CspEditor, monitoringBody: false);
        var answers = new[]
        {
            "Our second-level support in Serbia can read ticket metadata only; the transfer rests on the 2021 standard contractual clauses, module 3.",
            "The list is attached to this reply as it stood on the first; two entries were added in the spring, both announced thirty days ahead.",
        };
        foreach (var (request, text) in second.Value.Clarifications.Select(c => c.Id).Zip(answers))
        {
            var replied = await reply.HandleAsync(new(declaration, request, text, null), ct);
            if (replied.IsError) return replied.Error!;
        }

        Act(users["assessor@mb.demo.example"], Role.MbAssessor, monitoringBody: true);
        foreach (var request in second.Value.Clarifications)
        {
            var closed = await close.HandleAsync(new(id, request.Id, "The reply answers the question; checked against the contract annex."), ct);
            if (closed.IsError) return closed.Error!;
        }

        var resumed = await resume.HandleAsync(id, ct);
        if (resumed.IsError) return resumed.Error!;
        foreach (var key in examined)
        {
            var observation = string.Equals(key, transferControl, StringComparison.Ordinal);
            var recorded = await controlFinding.HandleAsync(new(id, key, observation ? "observation" : "satisfied",
                observation ? "Satisfied, but the public transfer notice does not yet name the support location in Serbia; Nimbus agreed to add it." : "Policy and a sample of records match the answer.",
                ["Policy register 2026", "Sample of three customer tickets"]), ct);
            if (recorded.IsError) return recorded.Error!;
        }

        foreach (var (topicName, text) in Narratives)
        {
            var written = await narrative.HandleAsync(new(id, topicName, null, text), ct);
            if (written.IsError) return written.Error!;
        }

        var sent = await sendToDecision.HandleAsync(id, ct);
        if (sent.IsError) return sent.Error!;

        Act(users["decider@mb.demo.example"], Role.MbDecisionMaker, monitoringBody: true);
        var proposed = sent.Value.ProposedLevel.Level;
        var approved = await approve.HandleAsync(new(id, 2, proposed == 2 ? null
            : "Level 2 is granted: the certificates back the security controls, while the data protection controls rest on Nimbus's own evidence."), ct);
        return approved.IsError ? approved.Error! : Done.Value;
    }

    private async Task<Result<Done>> RenewStratusAsync(Guid verified, Dictionary<string, Accounts.AdhereUser> users, CancellationToken ct)
    {
        var editor = users["editor@stratus.demo.example"];
        Act(editor, Role.CspEditor, monitoringBody: false);
        // A service launched since last year, in a family already verified: the renewal's comparison shows it as new.
        var added = await createService.HandleAsync(new(editor.OrganisationId.Value, "Stratus Managed PostgreSQL", "Managed PostgreSQL databases for web applications.",
            "Database", "Stratus Web"), ct);
        if (added.IsError) return added.Error!;
        var renewal = await startRenewal.HandleAsync(new(verified, null), ct);
        if (renewal.IsError) return renewal.Error!;
        var id = renewal.Value.Summary.Id;
        var scope = renewal.Value.Services.Select(s => s.Id).Append(added.Value.Id).ToList();
        var updated = await updateDeclaration.HandleAsync(new(id, null, null, null, null, scope, null), ct);
        if (updated.IsError) return updated.Error!;
        var stated = await stateRenewal.HandleAsync(new(id, true, null, null, [added.Value.Id]), ct);
        if (stated.IsError) return stated.Error!;
        var submitted = await submit.HandleAsync(id, ct);
        if (submitted.IsError) return submitted.Error!;

        Act(users["assessor@mb.demo.example"], Role.MbAssessor, monitoringBody: true);
        var opened = await open.HandleAsync(new(id, null, null), ct);
        if (opened.IsError) return opened.Error!;
        var assessment = opened.Value.Id;
        foreach (var entry in opened.Value.Checklist)
        {
            var done = await checklist.HandleAsync(new(assessment, entry.Item.ToString(), "confirmed", Note(entry.Item.ToString())), ct);
            if (done.IsError) return done.Error!;
        }

        foreach (var certificate in opened.Value.CertificateReviews)
        {
            var done = await review.HandleAsync(new(assessment, certificate.CertificateId.Value, "accepted",
                "Surveillance audit report read; the certificate is current and names the hosting services."), ct);
            if (done.IsError) return done.Error!;
        }

        var selected = await select.HandleAsync(new(assessment, SelectionSeed + 1, null), ct);
        if (selected.IsError) return selected.Error!;
        var frozen = await freeze.HandleAsync(assessment, ct);
        if (frozen.IsError) return frozen.Error!;
        var completed = await completeFactFinding.HandleAsync(assessment, ct);
        if (completed.IsError) return completed.Error!;
        foreach (var key in frozen.Value.Controls.Select(c => c.ControlKey))
        {
            var recorded = await controlFinding.HandleAsync(new(assessment, key, "satisfied",
                "Unchanged since last year's verification; the current policy and two recent records confirm it.", ["Policy register 2026"]), ct);
            if (recorded.IsError) return recorded.Error!;
        }

        var written = await narrative.HandleAsync(new(assessment, "subprocessors", null,
            "Stratus still uses the same two subprocessors as last year; the new database service runs on the existing Lyon infrastructure."), ct);
        if (written.IsError) return written.Error!;
        var sent = await sendToDecision.HandleAsync(assessment, ct);
        return sent.IsError ? sent.Error! : Done.Value;
    }

    private static string Note(string item) => item switch
    {
        "AnswersComplete" => "Every control is answered; the answers name owners and evidence.",
        "ServiceAgreementPresent" => "Customer agreement and data processing addendum are attached.",
        _ => "Reviewed.",
    };

    private void Act(Accounts.AdhereUser user, Role role, bool monitoringBody) =>
        caller.ActAsUser(user.UserId, user.Email!, user.OrganisationId, monitoringBody, [role.Name]);
}
