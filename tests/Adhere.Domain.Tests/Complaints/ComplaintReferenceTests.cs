using Adhere.Domain.Complaints;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintReferenceTests
{
    [Fact]
    public void ToString_PadsToSixDigits() => Assert.Equal("C-2026-000123", new ComplaintReference(2026, 123).ToString());

    [Theory]
    [InlineData("C-2026-000123", 2026, 123)]
    [InlineData(" c-2026-000123 ", 2026, 123)]
    [InlineData("C-2027-1234567", 2027, 1234567)]
    public void Parse_Valid_ReturnsParts(string text, int year, int number) =>
        Assert.Equal(new ComplaintReference(year, number), ComplaintReference.Parse(text).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("C-2026-123")]
    [InlineData("C-2026-000000")]
    [InlineData("X-2026-000123")]
    [InlineData("C-1999-000123")]
    [InlineData("C-2026-0001234567890")]
    public void Parse_Invalid_ReturnsReferenceInvalid(string? text) =>
        Assert.Equal("complaint.reference-invalid", ComplaintReference.Parse(text).Error!.Code);

    [Fact]
    public void StatusKey_New_MatchesOnlyItsOwnSecret()
    {
        var (secret, hash) = ComplaintStatusKey.New();
        var (other, _) = ComplaintStatusKey.New();

        Assert.StartsWith(ComplaintStatusKey.Prefix, secret, StringComparison.Ordinal);
        Assert.True(ComplaintStatusKey.Matches(secret, hash));
        Assert.False(ComplaintStatusKey.Matches(other, hash));
        Assert.False(ComplaintStatusKey.Matches(null, hash));
        Assert.False(ComplaintStatusKey.Matches(new string('a', 500), hash));
        Assert.NotEqual(secret, hash);
    }
}
