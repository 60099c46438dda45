using Adhere.Domain.Assessments;
using Adhere.Domain.Declarations;
using static Adhere.Domain.Tests.Assessments.AssessmentScenario;

namespace Adhere.Domain.Tests.Assessments;

public sealed class VerificationIdIssuerTests
{
    private static readonly DateOnly ApprovedOn = new(2026, 6, 15);

    [Fact]
    public void Issue_FirstApproval_NewIdWithPaddedNumber()
    {
        var issue = Ok(VerificationIdIssuer.Issue(null, ComplianceLevel.Second, ApprovedOn, "SCOPE", 13));

        Assert.Equal("2026LVL02SCOPE013", issue.Id.ToString());
        Assert.True(issue.IsNew);
        Assert.Empty(issue.Aliases);
    }

    [Theory]
    [InlineData(1, "2026LVL03SCOPE001")]
    [InlineData(999, "2026LVL03SCOPE999")]
    [InlineData(1000, "2026LVL03SCOPE1000")]
    [InlineData(4316, "2026LVL03SCOPE4316")]
    public void Issue_RunningNumbers_PrintAtLeastThreeDigits(int number, string expected)
    {
        var issue = Ok(VerificationIdIssuer.Issue(null, ComplianceLevel.Third, ApprovedOn, "SCOPE", number));

        Assert.Equal(expected, issue.Id.ToString());
        Assert.Equal(issue.Id, VerificationNumber.Parse(expected).Value);
    }

    [Fact]
    public void Issue_RenewalAtSameLevel_KeepsTheIdAndUsesNoNumber()
    {
        var existing = VerificationNumber.Parse("2020LVL02SCOPE013").Value;

        var issue = Ok(VerificationIdIssuer.Issue(existing, ComplianceLevel.Second, ApprovedOn, "SCOPE", 500));

        Assert.Equal("2020LVL02SCOPE013", issue.Id.ToString());
        Assert.False(issue.IsNew);
        Assert.False(issue.IsLevelChange);
    }

    [Fact]
    public void Issue_LevelChange_KeepsYearAndNumberAndRecordsTheOldIdAsAlias()
    {
        var existing = VerificationNumber.Parse("2020LVL02SCOPE013").Value;

        var issue = Ok(VerificationIdIssuer.Issue(existing, ComplianceLevel.Third, ApprovedOn, "SCOPE", 500));

        Assert.Equal("2020LVL03SCOPE013", issue.Id.ToString());
        Assert.False(issue.IsNew);
        Assert.True(issue.IsLevelChange);
        Assert.Equal(["2020LVL02SCOPE013"], issue.Aliases.Select(a => a.ToString()));
    }

    [Fact]
    public void Issue_ExistingIdOfAnotherBodyCode_KeepsItsCode()
    {
        var existing = VerificationNumber.Parse("2021LVL01OLDMB116").Value;

        Assert.Equal("2021LVL01OLDMB116", Ok(VerificationIdIssuer.Issue(existing, ComplianceLevel.First, ApprovedOn, "SCOPE", 1)).Id.ToString());
    }

    [Theory]
    [InlineData("scope")]
    [InlineData("S")]
    [InlineData("SCOPE1")]
    [InlineData("")]
    public void Issue_FirstApprovalWithBadBodyCode_IsInvalid(string code) =>
        Assert.Equal("verification-id.body-code-invalid", VerificationIdIssuer.Issue(null, ComplianceLevel.First, ApprovedOn, code, 1).Error!.Code);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_000_000)]
    public void Issue_FirstApprovalWithBadRunningNumber_IsInvalid(int number) =>
        Assert.Equal("verification-id.running-number-invalid", VerificationIdIssuer.Issue(null, ComplianceLevel.First, ApprovedOn, "SCOPE", number).Error!.Code);

    [Fact]
    public void Issue_YearIsTheApprovalYear()
    {
        Assert.Equal(2027, Ok(VerificationIdIssuer.Issue(null, ComplianceLevel.First, new DateOnly(2027, 1, 1), "SCOPE", 7)).Id.Year);
    }
}
