using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Assessments;

/// <summary>A declaration and its assessment with the people around it, driven to a phase through the public API.</summary>
internal sealed class AssessmentScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly CertificateId Certificate = CertificateId.New();

    private AssessmentScenario(Declaration declaration, Assessment assessment)
    {
        Declaration = declaration;
        Assessment = assessment;
    }

    public static UserId Assessor { get; } = UserId.New();

    public static UserId DecisionMakerUser { get; } = UserId.New();

    public static UserId Admin { get; } = UserId.New();

    public static UserId Editor { get; } = UserId.New();

    public Declaration Declaration { get; }

    public Assessment Assessment { get; }

    public DateTimeOffset Now { get; set; } = T0;

    public static Declaration SubmittedDeclaration(AssessmentKind kind = AssessmentKind.Initial)
    {
        var declaration = Declaration.Start(OrganisationId.New(), new CatalogueId(Guid.NewGuid()), "EU Cloud CoC", "2.11", [], T0,
            renews: kind == AssessmentKind.Recurring ? DeclarationId.New() : null);
        Ok(declaration.Fire(DeclarationTrigger.Submit, Role.CspEditor, T0));
        return declaration;
    }

    public static Declaration VerifiedDeclaration()
    {
        var declaration = SubmittedDeclaration();
        Ok(declaration.Fire(DeclarationTrigger.StartAssessment, Role.MbAssessor, T0));
        Ok(declaration.Fire(DeclarationTrigger.SendToDecision, Role.MbAssessor, T0));
        Ok(declaration.Fire(DeclarationTrigger.Verify, Role.MbDecisionMaker, T0));
        return declaration;
    }

    public static AssessmentScenario Opened(AssessmentKind kind = AssessmentKind.Initial, bool withCertificate = true)
    {
        var declaration = kind == AssessmentKind.AdHoc ? VerifiedDeclaration() : SubmittedDeclaration(kind);
        CertificateToReview[] certificates = withCertificate ? [new(Certificate, "ISO/IEC 27001 cert 42", CertificateCheckOutcome.Passed)] : [];
        var assessment = Ok(Assessment.Open(declaration, kind, kind == AssessmentKind.AdHoc ? AdHocReason.Complaint : null, certificates, [], Assessor, Role.MbAssessor, T0));
        return new AssessmentScenario(declaration, assessment);
    }

    /// <summary>Drives a fresh assessment to <paramref name="phase"/> so that every rule of the moves out of it is satisfied.</summary>
    public static AssessmentScenario In(AssessmentPhase phase, AssessmentKind kind = AssessmentKind.Initial)
    {
        var s = Opened(kind);
        s.CompleteChecklist();
        switch (phase)
        {
            case AssessmentPhase.FactFinding:
                break;
            case AssessmentPhase.FactFindingAwaitingClarification:
                s.AskAnswerAndClose();
                break;
            case AssessmentPhase.InDepthReview:
                s.ToReview();
                break;
            case AssessmentPhase.InDepthReviewAwaitingClarification:
                s.ToReview();
                s.AskAnswerAndClose();
                break;
            case AssessmentPhase.DecisionPending:
                s.ToReview();
                s.ToDecision();
                break;
            case AssessmentPhase.Approved:
                s.ToReview();
                s.ToDecision();
                Ok(s.Assessment.Approve(s.Declaration, ComplianceLevel.Second, ComplianceLevel.Second, null, [], [], DecisionMakerUser, Role.MbDecisionMaker, s.Now));
                break;
            case AssessmentPhase.Rejected:
                s.ToReview();
                s.ToDecision();
                Ok(s.Assessment.Reject(s.Declaration, ComplianceLevel.Second, "Not enough", [], DecisionMakerUser, Role.MbDecisionMaker, s.Now));
                break;
            case AssessmentPhase.Cancelled:
                Ok(s.Declaration.Fire(DeclarationTrigger.Withdraw, Role.CspEditor, s.Now));
                Ok(s.Assessment.Cancel(s.Declaration, "Withdrawn", Admin, Role.MbAdministrator, s.Now));
                break;
        }

        Assert.Equal(phase, s.Assessment.Phase);
        return s;
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.False(result.IsError, result.Error?.Code + ": " + result.Error?.Message);
        return result.Value;
    }

    public void CompleteChecklist()
    {
        foreach (var item in Assessment.FactFinding.Items.ToList()) Ok(Assessment.RecordChecklistItem(item.Item, ChecklistStatus.Confirmed, null, Assessor, Role.MbAssessor, Now));
        foreach (var c in Assessment.FactFinding.Certificates.ToList()) Ok(Assessment.ReviewCertificateCheck(c.CertificateId, CertificateReviewVerdict.Accepted, null, Assessor, Role.MbAssessor, Now));
    }

    public ClarificationRequest Ask(string topic = "Subprocessors", DateOnly? dueOn = null, ClarificationSettings? settings = null) =>
        Ok(Assessment.RequestClarification(Declaration, Ok(ClarificationSubject.ForTopic(topic)), "Please send the list.", dueOn, settings ?? ClarificationSettings.Default,
            Assessor, Role.MbAssessor, Now));

    public void Reply(ClarificationRequest request, DateTimeOffset at) =>
        Ok(Assessment.ReplyToClarification(request.Id, "Here it is.", [], Editor, Role.CspEditor, at));

    public void Close(ClarificationRequest request) => Ok(Assessment.CloseClarification(request.Id, "Sufficient.", Assessor, Role.MbAssessor, Now));

    public void AskAnswerAndClose()
    {
        var request = Ask();
        Reply(request, Now);
        Close(request);
    }

    public void ToReview() => Ok(Assessment.CompleteFactFinding(Declaration, Assessor, Role.MbAssessor, Now));

    public void ToDecision() => Ok(Assessment.SendToDecision(Declaration, [], Assessor, Role.MbAssessor, Now));
}
