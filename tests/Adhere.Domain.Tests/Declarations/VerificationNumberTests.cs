using Adhere.Domain.Declarations;

namespace Adhere.Domain.Tests.Declarations;

public class VerificationNumberTests
{
    [Theory]
    [InlineData("2020LVL02SCOPE013", 2020, 2, "SCOPE", 13)]
    [InlineData("2023LVL02SCOPE4316", 2023, 2, "SCOPE", 4316)]
    [InlineData("2021LVL03MB001", 2021, 3, "MB", 1)]
    public void Parse_SeenForms_ReadsEveryPart(string text, int year, int level, string body, int number)
    {
        var parsed = VerificationNumber.Parse(text).Value;

        Assert.Equal((year, (ComplianceLevel)level, body, number), (parsed.Year, parsed.Level, parsed.BodyCode, parsed.RunningNumber));
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2020LVL04SCOPE013")]
    [InlineData("2020LVL00SCOPE013")]
    [InlineData("2020lvl02scope013")]
    [InlineData("2020LVL02SCOPE13")]
    [InlineData(" 2020LVL02SCOPE013")]
    [InlineData("1999LVL02SCOPE013")]
    public void Parse_Malformed_ReturnsInvalid(string? text)
    {
        Assert.Equal("verification-id.invalid", VerificationNumber.Parse(text).Error!.Code);
    }

    [Fact]
    public void WithLevel_KeepsYearBodyAndNumber()
    {
        var raised = VerificationNumber.Parse("2020LVL02SCOPE013").Value.WithLevel(ComplianceLevel.Third);

        Assert.Equal("2020LVL03SCOPE013", raised.ToString());
    }
}
