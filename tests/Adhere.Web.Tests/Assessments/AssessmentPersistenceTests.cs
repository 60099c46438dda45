using System.Text.Json;
using System.Text.Json.Serialization;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

/// <summary>
/// The EF mapping of the <see cref="Assessment"/> aggregate: what is saved comes back equal in a new context (every
/// public property and list, in order), across saves that add to a loaded aggregate, and only for its organisation.
/// </summary>
public sealed class AssessmentPersistenceTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    /// <summary>Every public property of the aggregate, recursively, lists in order; enums by name.</summary>
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    private sealed record People(TestUser Assessor, TestUser SecondAssessor, TestUser DecisionMaker, TestUser Administrator, TestUser Editor);

    private static string Snapshot(Assessment assessment) => JsonSerializer.Serialize(assessment, Canonical);

    private static Task<Assessment> LoadAsync(AdhereDb db, AssessmentId id) =>
        db.Assessments.SingleAsync(a => a.Id == id);

    private async Task<(AssessmentId Id, DeclarationId DeclarationId, People People, string Saved, List<DocumentId> Documents)> OpenAndClarifyAsync()
    {
        var scenario = await DeclarationScenario.CreateAsync(app);
        var declarationId = new DeclarationId(DeclarationScenario.IdOf(await scenario.StartAsync()));
        List<DocumentId> documents = [new(await scenario.UploadAsync("policy.pdf")), new(await scenario.UploadAsync("subprocessors.pdf"))];
        var people = new People(
            await app.CreateUserAsync(Role.MbAssessor),
            await app.CreateUserAsync(Role.MbAssessor),
            await app.CreateUserAsync(Role.MbDecisionMaker),
            await app.CreateUserAsync(Role.MbAdministrator),
            scenario.Editor);
        CertificateToReview[] certificates =
        [
            new(new CertificateId(Guid.NewGuid()), "ISO/IEC 27001 CERT-1", CertificateCheckOutcome.Passed),
            new(new CertificateId(Guid.NewGuid()), "ISO/IEC 27701 CERT-2", CertificateCheckOutcome.PassedWithWarnings),
        ];

        var (id, saved) = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var now = app.Time.GetUtcNow();
            var declaration = await db.Declarations.SingleAsync(d => d.Id == declarationId);
            Ok(declaration.Fire(DeclarationTrigger.Submit, Role.CspEditor, now));
            var a = Ok(Assessment.Open(declaration, AssessmentKind.Initial, null, certificates, [], people.Assessor.Id, Role.MbAssessor, now));
            Ok(a.AssignAssessor(people.SecondAssessor.Id, [], people.Administrator.Id, Role.MbAdministrator, now.AddMinutes(1)));
            Ok(a.AssignDecisionMaker(people.DecisionMaker.Id, [], people.Administrator.Id, Role.MbAdministrator, now.AddMinutes(2)));
            Ok(a.RecordChecklistItem(ChecklistItem.ServiceAgreementPresent, ChecklistStatus.Issue, "The DPA annex is unsigned.", people.Assessor.Id, Role.MbAssessor, now.AddMinutes(3)));
            Ok(a.RecordChecklistItem(ChecklistItem.AnswersComplete, ChecklistStatus.Confirmed, null, people.SecondAssessor.Id, Role.MbAssessor, now.AddMinutes(4)));
            Ok(a.ReviewCertificateCheck(certificates[1].CertificateId, CertificateReviewVerdict.Rejected, "Scope excludes storage.", people.Assessor.Id, Role.MbAssessor, now.AddMinutes(5)));
            Ok(a.ReviewCertificateCheck(certificates[0].CertificateId, CertificateReviewVerdict.Accepted, null, people.Assessor.Id, Role.MbAssessor, now.AddMinutes(6)));
            Ok(a.CompleteFactFinding(declaration, people.Assessor.Id, Role.MbAssessor, now.AddMinutes(7)));
            var onControl = Ok(a.RequestClarification(declaration, Ok(ClarificationSubject.ForControl("5.1.A")), "Where are the terms written down?", null,
                ClarificationSettings.Default, people.Assessor.Id, Role.MbAssessor, now.AddMinutes(8)));
            var onTopic = Ok(a.RequestClarification(declaration, Ok(ClarificationSubject.ForTopic("subprocessor list")), "Please send the current list.",
                DateOnly.FromDateTime(now.UtcDateTime).AddDays(30), ClarificationSettings.Default, people.SecondAssessor.Id, Role.MbAssessor, now.AddMinutes(9)));
            Ok(a.ReplyToClarification(onControl.Id, "See the policy.", [documents[0]], people.Editor.Id, Role.CspEditor, now.AddHours(1)));
            Ok(a.ReplyToClarification(onControl.Id, "And the list, for completeness.", [documents[1], documents[0]], people.Editor.Id, Role.CspEditor, now.AddHours(2)));
            Ok(a.ReplyToClarification(onTopic.Id, "We are collecting it.", [], people.Editor.Id, Role.CspEditor, now.AddHours(3)));
            Ok(a.RecordClarificationNotice(onTopic.Id, ClarificationNoticeKind.Reminder, now.AddDays(1)));
            Ok(a.CloseClarification(onControl.Id, "The policy answers it.", people.Assessor.Id, Role.MbAssessor, now.AddDays(2)));
            db.Assessments.Add(a);
            await db.SaveChangesAsync();
            return (a.Id, Snapshot(a));
        });
        return (id, declarationId, people, saved, documents);
    }

    [Fact]
    public async Task Save_ClarificationsPending_ReloadsEqualInANewContext()
    {
        var (id, _, _, saved, _) = await OpenAndClarifyAsync();

        var (loaded, positions) = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var assessment = await LoadAsync(db, id);
            int Position(object owned) => (int)db.Entry(owned).Property("Position").CurrentValue!;
            return (assessment, assessment.Clarifications.Select(c => (Position(c), c.Replies.Select(Position).ToList())).ToList());
        });

        Assert.Equal(saved, Snapshot(loaded));
        Assert.Equal([1, 2], positions.Select(p => p.Item1)); // the stored order is the list order, not the ID order
        Assert.Equal([1, 2], positions[0].Item2);
        Assert.Equal([1], positions[1].Item2);
        Assert.Equal(AssessmentPhase.InDepthReviewAwaitingClarification, loaded.Phase);
        Assert.Equal(["5.1.A", null], loaded.Clarifications.Select(c => c.Subject.ControlKey));
        Assert.Equal([ClarificationState.Closed, ClarificationState.Answered], loaded.Clarifications.Select(c => c.State));
        Assert.Equal(["See the policy.", "And the list, for completeness."], loaded.Clarifications[0].Replies.Select(r => r.Text));
        Assert.Equal(2, loaded.Clarifications[0].Replies[1].Documents.Count);
        Assert.Equal([ChecklistItem.AnswersComplete, ChecklistItem.ServiceAgreementPresent], loaded.FactFinding.Items.Select(i => i.Item));
        Assert.Equal([CertificateReviewVerdict.Accepted, CertificateReviewVerdict.Rejected], loaded.FactFinding.Certificates.Select(c => c.Verdict));
        Assert.Null(loaded.Decision);
    }

    [Fact]
    public async Task Save_MoreWorkOnTheLoadedAggregateUntilApproved_ReloadsEqualIncludingTheDecision()
    {
        var (id, declarationId, people, _, documents) = await OpenAndClarifyAsync();

        var saved = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var a = await LoadAsync(db, id);
            var declaration = await db.Declarations.SingleAsync(d => d.Id == declarationId);
            var now = app.Time.GetUtcNow().AddDays(3);
            var onTopic = a.Clarifications[1].Id;
            Ok(a.ReplyToClarification(onTopic, "Here it is.", [documents[1]], people.Editor.Id, Role.CspEditor, now));
            Ok(a.CloseClarification(onTopic, "Complete now.", people.SecondAssessor.Id, Role.MbAssessor, now.AddMinutes(1)));
            Ok(a.Resume(declaration, people.Assessor.Id, Role.MbAssessor, now.AddMinutes(2)));
            Ok(a.RecordControlFinding("6.1.A", FindingResult.NotSatisfied, "No programme yet.", ["ISMS manual v1"], people.Assessor.Id, Role.MbAssessor, now.AddMinutes(3)));
            Ok(a.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, ["Terms PDF", "Intranet page"], people.Assessor.Id, Role.MbAssessor, now.AddMinutes(4)));
            Ok(a.RecordControlFinding("6.1.A", FindingResult.Observation, "Programme exists, reviews are late.", ["ISMS manual v2", "Review minutes 2025"],
                people.SecondAssessor.Id, Role.MbAssessor, now.AddMinutes(5)));
            Ok(a.RecordNarrativeFinding(NarrativeTopic.Subprocessors, null, "Twelve subprocessors, all under contract.", people.Assessor.Id, Role.MbAssessor, now.AddMinutes(6)));
            Ok(a.RecordNarrativeFinding(NarrativeTopic.Other, "Onboarding", "Customers are onboarded in writing.", people.Assessor.Id, Role.MbAssessor, now.AddMinutes(7)));
            Ok(a.RecordNarrativeFinding(NarrativeTopic.ServiceAgreement, null, "The agreement is complete.", people.Assessor.Id, Role.MbAssessor, now.AddMinutes(8)));
            Ok(a.SendToDecision(declaration, ["5.1.A", "6.1.A"], people.Assessor.Id, Role.MbAssessor, now.AddMinutes(9)));
            Ok(a.Approve(declaration, ComplianceLevel.Second, ComplianceLevel.First, "One control is only observed.", ["5.1.A", "6.1.A"], [],
                people.DecisionMaker.Id, Role.MbDecisionMaker, now.AddMinutes(10)));
            await db.SaveChangesAsync();
            return Snapshot(a);
        });

        var loaded = await app.WithSystemAsync(async sp => await LoadAsync(sp.GetRequiredService<AdhereDb>(), id));

        Assert.Equal(saved, Snapshot(loaded));
        Assert.Equal(AssessmentPhase.Approved, loaded.Phase);
        Assert.Equal([people.Assessor.Id, people.SecondAssessor.Id], loaded.Assessors);
        Assert.Equal(["Here it is."], loaded.Clarifications[1].Replies.Skip(1).Select(r => r.Text));
        Assert.Equal([("6.1.A", FindingResult.Observation), ("5.1.A", FindingResult.Satisfied)], loaded.ControlFindings.Select(f => (f.ControlKey, f.Result)));
        Assert.Equal(["ISMS manual v2", "Review minutes 2025"], loaded.ControlFindings[0].SamplesConsulted);
        Assert.Equal([NarrativeTopic.Subprocessors, NarrativeTopic.Other, NarrativeTopic.ServiceAgreement], loaded.NarrativeFindings.Select(f => f.Topic));
        Assert.Equal(
            [null, AssessmentAction.CompleteFactFinding, AssessmentAction.RequestClarification, AssessmentAction.Resume, AssessmentAction.SendToDecision, AssessmentAction.Approve],
            loaded.History.Select(h => h.Action));
        Assert.Equal(Role.MbDecisionMaker, loaded.History[^1].Role);
        var decision = Assert.IsType<AssessmentDecision>(loaded.Decision);
        Assert.Equal((DecisionOutcome.Approved, ComplianceLevel.First, people.DecisionMaker.Id), (decision.Outcome, decision.GrantedLevel!.Value, decision.DecidedBy));
        Assert.Equal(people.DecisionMaker.Id, loaded.DecisionMaker);
    }

    [Fact]
    public async Task Query_ByAnotherOrganisationsUser_SeesNoAssessment()
    {
        var (id, _, people, _, _) = await OpenAndClarifyAsync();
        var stranger = await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync());

        var seenByStranger = await app.WithUserAsync(stranger, sp => sp.GetRequiredService<AdhereDb>().Assessments.CountAsync(a => a.Id == id));
        var seenByOwner = await app.WithUserAsync(people.Editor, sp => sp.GetRequiredService<AdhereDb>().Assessments.CountAsync(a => a.Id == id));

        Assert.Equal(0, seenByStranger);
        Assert.Equal(1, seenByOwner);
    }

    private static T Ok<T>(Adhere.Domain.Common.Result<T> result) =>
        result.IsError ? throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}") : result.Value;
}
