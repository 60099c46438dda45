using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class FactFindingChecklistTests
{
    [Fact]
    public void ItemsFor_Initial_HasNoRenewalItems() =>
        Assert.Equal([ChecklistItem.AnswersComplete, ChecklistItem.ServiceAgreementPresent], FactFindingChecklist.ItemsFor(AssessmentKind.Initial));

    [Fact]
    public void ItemsFor_Recurring_AddsTheRenewalConfirmations() =>
        Assert.Equal(
            [ChecklistItem.AnswersComplete, ChecklistItem.ServiceAgreementPresent, ChecklistItem.NoMaterialChangeReviewed, ChecklistItem.RemovedServicesReviewed, ChecklistItem.AddedServicesReviewed],
            FactFindingChecklist.ItemsFor(AssessmentKind.Recurring));

    [Fact]
    public void CompleteFactFinding_NothingDone_ListsEveryOpenItemAndCertificateAtOnce()
    {
        var s = Opened(AssessmentKind.Recurring);

        var result = s.Assessment.CompleteFactFinding(s.Declaration, Assessor, Role.MbAssessor, s.Now);

        var error = Assert.IsType<ProblemListError>(result.Error);
        Assert.Equal("assessment.fact-finding-incomplete", error.Code);
        Assert.Equal(
            ["AnswersComplete", "ServiceAgreementPresent", "NoMaterialChangeReviewed", "RemovedServicesReviewed", "AddedServicesReviewed", Certificate.ToString()],
            error.Problems.Select(p => p.Subject));
        Assert.Equal("fact-finding.certificate-not-reviewed", error.Problems[^1].Code);
        Assert.Equal(AssessmentPhase.FactFinding, s.Assessment.Phase);
    }

    [Fact]
    public void CompleteFactFinding_OneItemLeft_ListsOnlyThatItem()
    {
        var s = Opened();
        s.CompleteChecklist();
        Ok(s.Assessment.RecordChecklistItem(ChecklistItem.ServiceAgreementPresent, ChecklistStatus.Open, null, Assessor, Role.MbAssessor, s.Now));

        var error = Assert.IsType<ProblemListError>(s.Assessment.CompleteFactFinding(s.Declaration, Assessor, Role.MbAssessor, s.Now).Error);

        Assert.Equal("ServiceAgreementPresent", Assert.Single(error.Problems).Subject);
    }

    [Fact]
    public void CompleteFactFinding_ItemWithIssue_CountsAsDone()
    {
        var s = Opened();
        s.CompleteChecklist();
        Ok(s.Assessment.RecordChecklistItem(ChecklistItem.AnswersComplete, ChecklistStatus.Issue, "5.3.B is answered with a link only", Assessor, Role.MbAssessor, s.Now));

        Assert.False(s.Assessment.CompleteFactFinding(s.Declaration, Assessor, Role.MbAssessor, s.Now).IsError);
        Assert.Equal(AssessmentPhase.InDepthReview, s.Assessment.Phase);
        Assert.Equal(s.Now, s.Assessment.FactFindingCompletedAt);
    }

    [Fact]
    public void RecordChecklistItem_IssueWithoutNote_IsRefused()
    {
        var s = Opened();

        var result = s.Assessment.RecordChecklistItem(ChecklistItem.AnswersComplete, ChecklistStatus.Issue, " ", Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("assessment.note-required", result.Error!.Code);
        Assert.Equal(ChecklistStatus.Open, s.Assessment.FactFinding.Items[0].Status);
    }

    [Fact]
    public void RecordChecklistItem_RenewalItemInInitialAssessment_IsNotApplicable()
    {
        var s = Opened();

        var result = s.Assessment.RecordChecklistItem(ChecklistItem.RemovedServicesReviewed, ChecklistStatus.Confirmed, null, Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("fact-finding.item-not-applicable", result.Error!.Code);
    }

    [Fact]
    public void RecordChecklistItem_Confirmed_KeepsNoteAndWho()
    {
        var s = Opened();

        var entry = Ok(s.Assessment.RecordChecklistItem(ChecklistItem.ServiceAgreementPresent, ChecklistStatus.Confirmed, " DPA v3 attached ", Assessor, Role.MbAssessor, s.Now));

        Assert.Equal(("DPA v3 attached", Assessor), (entry.Note, entry.RecordedBy!.Value));
        Assert.Equal(entry, s.Assessment.FactFinding.Items[1]);
    }

    [Fact]
    public void RecordChecklistItem_DuringInDepthReview_IsNotInPhase()
    {
        var s = In(AssessmentPhase.InDepthReview);

        var result = s.Assessment.RecordChecklistItem(ChecklistItem.AnswersComplete, ChecklistStatus.Confirmed, null, Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("assessment.phase-not-allowed", result.Error!.Code);
    }

    [Fact]
    public void RecordChecklistItem_WhilePausedInFactFinding_IsAllowed()
    {
        var s = Opened();
        s.Ask();

        Assert.False(s.Assessment.RecordChecklistItem(ChecklistItem.AnswersComplete, ChecklistStatus.Confirmed, null, Assessor, Role.MbAssessor, s.Now).IsError);
    }

    [Fact]
    public void RecordChecklistItem_ByCspEditor_IsForbidden()
    {
        var s = Opened();

        Assert.Equal("assessment.role-not-allowed", s.Assessment.RecordChecklistItem(ChecklistItem.AnswersComplete, ChecklistStatus.Confirmed, null, Editor, Role.CspEditor, s.Now).Error!.Code);
    }

    [Fact]
    public void ReviewCertificateCheck_RejectWithoutNote_IsRefused()
    {
        var s = Opened();

        var result = s.Assessment.ReviewCertificateCheck(Certificate, CertificateReviewVerdict.Rejected, null, Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("assessment.note-required", result.Error!.Code);
        Assert.Null(s.Assessment.FactFinding.Certificates[0].Verdict);
    }

    [Fact]
    public void ReviewCertificateCheck_RejectWithNote_IsRecorded()
    {
        var s = Opened();

        var review = Ok(s.Assessment.ReviewCertificateCheck(Certificate, CertificateReviewVerdict.Rejected, "Scope excludes the EU region", Assessor, Role.MbAssessor, s.Now));

        Assert.Equal((CertificateReviewVerdict.Rejected, "Scope excludes the EU region"), (review.Verdict, review.Note));
        Assert.DoesNotContain(s.Assessment.FactFinding.OpenItems(), p => p.Code == "fact-finding.certificate-not-reviewed");
    }

    [Fact]
    public void ReviewCertificateCheck_UnknownCertificate_IsNotFound()
    {
        var s = Opened();

        Assert.Equal("certificate.not-found", s.Assessment.ReviewCertificateCheck(CertificateId.New(), CertificateReviewVerdict.Accepted, null, Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }

    [Fact]
    public void IsComplete_NoCertificatesAndItemsDone_IsTrue()
    {
        var s = Opened(withCertificate: false);
        Assert.False(s.Assessment.FactFinding.IsComplete);

        s.CompleteChecklist();

        Assert.True(s.Assessment.FactFinding.IsComplete);
    }
}
