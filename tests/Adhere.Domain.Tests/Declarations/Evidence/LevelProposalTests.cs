using System.Globalization;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using static Adhere.Domain.Tests.Declarations.Evidence.EvidenceTestData;

namespace Adhere.Domain.Tests.Declarations.Evidence;

public sealed class LevelProposalTests
{
    private static readonly LevelPolicy WithoutWholeSection = new(WholeSectionGivesSecondLevel: false);

    [Fact]
    public void Propose_AllControlsBacked_Level3()
    {
        var coverage = Coverage(("5", 40, 40), ("6", 31, 31));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.Third, proposal.Level);
        Assert.Equal(LevelReason.AllBacked, proposal.Reason);
        Assert.Equal("All 71 controls are backed by checked third-party certificates, so the evidence supports Level 3.", proposal.Explanation);
    }

    [Fact]
    public void Propose_ExactlyTheThresholdShare_Level2()
    {
        var coverage = Coverage(("5", 6, 3), ("6", 4, 2));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.Second, proposal.Level);
        Assert.Equal(LevelReason.ShareReached, proposal.Reason);
        Assert.Equal(
            "5 of 10 controls (50.0 %) are backed by checked third-party certificates; the policy asks for 50 % for Level 2, so the evidence supports Level 2.",
            proposal.Explanation);
    }

    [Fact]
    public void Propose_OneControlBelowTheThresholdAndNoWholeSection_Level1()
    {
        var coverage = Coverage(("5", 6, 2), ("6", 4, 2));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.First, proposal.Level);
        Assert.Equal(LevelReason.BelowThreshold, proposal.Reason);
        Assert.Equal(
            "Only 4 of 10 controls (40.0 %) are backed by checked third-party certificates, below the 50 % the policy asks for Level 2, and no top-level section is fully backed, so the evidence supports Level 1.",
            proposal.Explanation);
    }

    [Fact]
    public void Propose_ShareAboveThreshold_ExplainsWithTheNumbers()
    {
        var coverage = Coverage(("5", 40, 20), ("6", 31, 18));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.Second, proposal.Level);
        Assert.StartsWith("38 of 71 controls (53.5 %) are backed", proposal.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_ShareReachedAndAWholeSection_MentionsTheSectionToo()
    {
        var coverage = Coverage(("5", 6, 2), ("6", 4, 4));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(LevelReason.ShareReached, proposal.Reason);
        Assert.EndsWith(" Section 6 (Security) is fully backed.", proposal.Explanation, StringComparison.Ordinal);
        Assert.Equal(["6"], proposal.FullyBackedSections);
    }

    [Fact]
    public void Propose_BelowThresholdButWholeSectionBacked_Level2()
    {
        var coverage = Coverage(("5", 40, 0), ("6", 31, 31));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.Second, proposal.Level);
        Assert.Equal(LevelReason.WholeSection, proposal.Reason);
        Assert.Equal(["6"], proposal.FullyBackedSections);
        Assert.Equal(
            "Only 31 of 71 controls (43.6 %) are backed by checked third-party certificates, below the 50 % the policy asks for Level 2, but section 6 (Security) is fully backed, and the policy counts a whole section for Level 2, so the evidence supports Level 2.",
            proposal.Explanation);
    }

    [Fact]
    public void Propose_BelowThresholdWholeSectionBackedButRuleOff_Level1()
    {
        var coverage = Coverage(("5", 40, 0), ("6", 31, 31));

        var proposal = LevelProposal.Propose(coverage, WithoutWholeSection);

        Assert.Equal(ComplianceLevel.First, proposal.Level);
        Assert.Equal(LevelReason.BelowThreshold, proposal.Reason);
        Assert.Contains("section 6 (Security) is fully backed, but the policy does not count a whole section for Level 2", proposal.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("so the evidence supports Level 1.", proposal.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_TwoWholeSections_NamesBoth()
    {
        var coverage = Coverage(("5", 20, 0), ("6", 2, 2), ("7", 1, 1));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(LevelReason.WholeSection, proposal.Reason);
        Assert.Contains("sections 6 (Security) and 7 are fully backed", proposal.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_NoneBacked_Level1()
    {
        var coverage = Coverage(("5", 40, 0), ("6", 31, 0));

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.First, proposal.Level);
        Assert.Equal(LevelReason.BelowThreshold, proposal.Reason);
        Assert.Empty(proposal.FullyBackedSections);
        Assert.StartsWith("None of the 71 controls is backed", proposal.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("so the evidence supports Level 1.", proposal.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_EmptyCatalogue_Level1WithExplanation()
    {
        var coverage = EvidenceCoverage.Compute([], []);

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.First, proposal.Level);
        Assert.Equal(LevelReason.NoControls, proposal.Reason);
        Assert.Contains("no controls", proposal.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 7, ComplianceLevel.Second)] // 15 of 20 = exactly 75 %
    [InlineData(7, 7, ComplianceLevel.First)] // 14 of 20 = 70 %
    public void Propose_CustomThreshold_ComparesAgainstIt(int backedIn5, int backedIn6, ComplianceLevel expected)
    {
        var coverage = Coverage(("5", 10, backedIn5), ("6", 10, backedIn6));

        var proposal = LevelProposal.Propose(coverage, new LevelPolicy(SecondLevelShare: 0.75m));

        Assert.Equal(expected, proposal.Level);
        Assert.Contains("75 %", proposal.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_ShareJustBelowThreshold_DoesNotRoundUpToIt()
    {
        var coverage = Coverage(("5", 3, 2));

        var proposal = LevelProposal.Propose(coverage, new LevelPolicy(SecondLevelShare: 0.667m));

        Assert.Equal(ComplianceLevel.First, proposal.Level);
        Assert.Contains("(66.6 %)", proposal.Explanation, StringComparison.Ordinal);
        Assert.Contains("below the 66.7 %", proposal.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    public void Propose_ThresholdOutsideZeroToOne_Throws(double share)
    {
        var coverage = Coverage(("5", 3, 2));

        Assert.Throws<ArgumentOutOfRangeException>(() => LevelProposal.Propose(coverage, new LevelPolicy((decimal)share)));
    }

    [Fact]
    public void Propose_ThresholdOfOne_GivesLevel2OnlyThroughAWholeSection()
    {
        var coverage = Coverage(("5", 3, 2), ("6", 1, 1));

        var proposal = LevelProposal.Propose(coverage, new LevelPolicy(SecondLevelShare: 1m));

        Assert.Equal(LevelReason.WholeSection, proposal.Reason);
    }

    [Fact]
    public void Propose_UnderGermanCulture_FormatsNumbersInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var proposal = LevelProposal.Propose(Coverage(("5", 40, 20), ("6", 31, 18)), LevelPolicy.Default);

            Assert.Contains("(53.5 %)", proposal.Explanation, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Propose_CertificateExpiringDuringValidity_WarnsButStillCounts()
    {
        List<CatalogueControlRef> controls = [.. Controls("5", 3), .. Controls("6", 1)];
        ControlStandardMapping[] mappings = [new("5.1.1", Iso27001), new("5.1.2", Iso27001), new("6.1.1", Iso27001)];
        var expiring = Certificate(claimed: ["5.1.1", "5.1.2"], expiresOn: new DateOnly(2026, 9, 30), number: "ISO-OLD");
        var sound = Certificate(claimed: ["5.1.2", "6.1.1"], number: "ISO-NEW");
        var coverage = EvidenceCoverage.Compute(controls, [(expiring, Check(expiring, mappings)), (sound, Check(sound, mappings))]);

        var proposal = LevelProposal.Propose(coverage, LevelPolicy.Default);

        Assert.Equal(ComplianceLevel.Second, proposal.Level);
        Assert.StartsWith("3 of 4 controls (75.0 %)", proposal.Explanation, StringComparison.Ordinal);
        Assert.Equal(
            ["Certificate ISO-OLD (iso27001) expires on 2026-09-30, before the validity period ends on 2027-03-14; it backs 2 controls, 1 of them through no other certificate."],
            proposal.Warnings);
    }

    [Fact]
    public void Propose_NoExpiringCertificate_NoWarnings()
    {
        var proposal = LevelProposal.Propose(Coverage(("5", 4, 4)), LevelPolicy.Default);

        Assert.Empty(proposal.Warnings);
    }
}
