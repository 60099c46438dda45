using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class FindingsTests
{
    [Fact]
    public void RecordControlFinding_SatisfiedWithoutNotes_IsRecorded()
    {
        var s = In(AssessmentPhase.InDepthReview);

        var finding = Ok(s.Assessment.RecordControlFinding(" 5.1.A ", FindingResult.Satisfied, null, ["CSA §4", " ", "Ticket 123"], Assessor, Role.MbAssessor, s.Now));

        Assert.Equal(("5.1.A", FindingResult.Satisfied), (finding.ControlKey, finding.Result));
        Assert.Equal(["CSA §4", "Ticket 123"], finding.SamplesConsulted);
        Assert.Equal([finding], s.Assessment.ControlFindings);
    }

    [Theory]
    [InlineData(FindingResult.NotSatisfied)]
    [InlineData(FindingResult.Observation)]
    public void RecordControlFinding_NotSatisfiedOrObservationWithoutNotes_IsRefused(FindingResult result)
    {
        var s = In(AssessmentPhase.InDepthReview);

        Assert.Equal("assessment.note-required", s.Assessment.RecordControlFinding("5.1.A", result, "  ", [], Assessor, Role.MbAssessor, s.Now).Error!.Code);
        Assert.Empty(s.Assessment.ControlFindings);
    }

    [Fact]
    public void RecordControlFinding_Again_ReplacesTheFindingForThatControl()
    {
        var s = In(AssessmentPhase.InDepthReview);
        Ok(s.Assessment.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, [], Assessor, Role.MbAssessor, s.Now));
        Ok(s.Assessment.RecordControlFinding("5.1.B", FindingResult.Satisfied, null, [], Assessor, Role.MbAssessor, s.Now));

        Ok(s.Assessment.RecordControlFinding("5.1.A", FindingResult.Observation, "Policy dated 2019", [], Assessor, Role.MbAssessor, s.Now));

        Assert.Equal([("5.1.A", FindingResult.Observation), ("5.1.B", FindingResult.Satisfied)], s.Assessment.ControlFindings.Select(f => (f.ControlKey, f.Result)));
    }

    [Fact]
    public void RecordControlFinding_NotesTooLong_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);

        var result = s.Assessment.RecordControlFinding("5.1.A", FindingResult.NotSatisfied, new string('x', ControlFinding.MaxNotesLength + 1), [], Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("assessment.text-too-long", result.Error!.Code);
    }

    [Fact]
    public void RecordControlFinding_NotesAtTheLimit_IsAccepted()
    {
        var s = In(AssessmentPhase.InDepthReview);

        Assert.False(s.Assessment.RecordControlFinding("5.1.A", FindingResult.NotSatisfied, new string('x', ControlFinding.MaxNotesLength), [], Assessor, Role.MbAssessor, s.Now).IsError);
    }

    [Fact]
    public void RecordControlFinding_TooManySamples_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);
        var samples = Enumerable.Range(1, ControlFinding.MaxSamples + 1).Select(i => $"Sample {i}");

        Assert.Equal("finding.too-many-samples", s.Assessment.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, samples, Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }

    [Theory]
    [InlineData(AssessmentPhase.FactFinding)]
    [InlineData(AssessmentPhase.FactFindingAwaitingClarification)]
    [InlineData(AssessmentPhase.DecisionPending)]
    [InlineData(AssessmentPhase.Approved)]
    public void RecordControlFinding_OutsideInDepthReview_IsNotInPhase(AssessmentPhase phase)
    {
        var s = In(phase);

        Assert.Equal("assessment.phase-not-allowed", s.Assessment.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, [], Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }

    [Fact]
    public void RecordControlFinding_WhileReviewPausedForClarification_IsAllowed()
    {
        var s = In(AssessmentPhase.InDepthReviewAwaitingClarification);

        Assert.False(s.Assessment.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, [], Assessor, Role.MbAssessor, s.Now).IsError);
    }

    [Fact]
    public void RecordControlFinding_ByDecisionMaker_IsForbidden()
    {
        var s = In(AssessmentPhase.InDepthReview);

        Assert.Equal("assessment.role-not-allowed", s.Assessment.RecordControlFinding("5.1.A", FindingResult.Satisfied, null, [], DecisionMakerUser, Role.MbDecisionMaker, s.Now).Error!.Code);
    }

    [Fact]
    public void RecordNarrativeFinding_OnATopic_IsRecordedAndReplacedPerTopic()
    {
        var s = In(AssessmentPhase.InDepthReview);
        Ok(s.Assessment.RecordNarrativeFinding(NarrativeTopic.Subprocessors, null, "First draft", Assessor, Role.MbAssessor, s.Now));

        Ok(s.Assessment.RecordNarrativeFinding(NarrativeTopic.Subprocessors, null, "The provider keeps a public list.", Assessor, Role.MbAssessor, s.Now));

        var finding = Assert.Single(s.Assessment.NarrativeFindings);
        Assert.Equal("The provider keeps a public list.", finding.Text);
    }

    [Fact]
    public void RecordNarrativeFinding_OtherWithoutTitle_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);

        var result = s.Assessment.RecordNarrativeFinding(NarrativeTopic.Other, " ", "Text", Assessor, Role.MbAssessor, s.Now);

        Assert.Equal(("assessment.field-required", "title"), (result.Error!.Code, ((InvalidError)result.Error).Field));
    }

    [Fact]
    public void RecordNarrativeFinding_TitleOnListedTopic_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);

        Assert.Equal("finding.title-only-for-other", s.Assessment.RecordNarrativeFinding(NarrativeTopic.InternationalTransfers, "Mine", "Text", Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }

    [Fact]
    public void RecordNarrativeFinding_OtherWithDifferentTitles_KeepsBoth_SameTitleIgnoringCaseReplaces()
    {
        var s = In(AssessmentPhase.InDepthReview);
        Ok(s.Assessment.RecordNarrativeFinding(NarrativeTopic.Other, "AI features", "One", Assessor, Role.MbAssessor, s.Now));
        Ok(s.Assessment.RecordNarrativeFinding(NarrativeTopic.Other, "Support access", "Two", Assessor, Role.MbAssessor, s.Now));

        Ok(s.Assessment.RecordNarrativeFinding(NarrativeTopic.Other, "ai features", "Three", Assessor, Role.MbAssessor, s.Now));

        Assert.Equal(["Three", "Two"], s.Assessment.NarrativeFindings.Select(f => f.Text));
    }

    [Fact]
    public void RecordNarrativeFinding_TextTooLong_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);

        var result = s.Assessment.RecordNarrativeFinding(NarrativeTopic.PersonalDataBreaches, null, new string('x', NarrativeFinding.MaxTextLength + 1), Assessor, Role.MbAssessor, s.Now);

        Assert.Equal("assessment.text-too-long", result.Error!.Code);
    }

    [Fact]
    public void RecordNarrativeFinding_UndefinedTopic_IsRefused()
    {
        var s = In(AssessmentPhase.InDepthReview);

        Assert.Equal("finding.topic-invalid", s.Assessment.RecordNarrativeFinding((NarrativeTopic)50, null, "x", Assessor, Role.MbAssessor, s.Now).Error!.Code);
    }
}
