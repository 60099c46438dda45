using Adhere.Domain.Declarations.Documents;

namespace Adhere.Domain.Tests.Declarations.Documents;

public sealed class EvidenceDocumentTests
{
    [Theory]
    [InlineData("Policy 2026.pdf")]
    [InlineData("  trimmed.txt ")]
    [InlineData("Zertifikat für Köln.pdf")]
    public void CheckFileName_PlainName_Accepted(string name)
    {
        Assert.Equal(name.Trim(), EvidenceDocument.CheckFileName(name).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("../secret.pdf")]
    [InlineData("dir/report.pdf")]
    [InlineData("dir\\report.pdf")]
    [InlineData("report..pdf")]
    [InlineData("line\nbreak.pdf")]
    [InlineData("nul\0.pdf")]
    public void CheckFileName_PathOrControlCharacters_Rejected(string? name)
    {
        Assert.Equal("document.invalid-file-name", EvidenceDocument.CheckFileName(name).Error?.Code);
    }

    [Fact]
    public void CheckFileName_LongerThanLimit_Rejected()
    {
        var name = new string('a', EvidenceDocument.MaxFileNameLength - 3) + ".pdf";

        Assert.Equal("document.invalid-file-name", EvidenceDocument.CheckFileName(name).Error?.Code);
        Assert.True(EvidenceDocument.CheckFileName(name[1..]).IsError is false);
    }

    [Theory]
    [InlineData(25L * 1024 * 1024, "limit of 25 MB.")]
    [InlineData(1536L * 1024, "limit of 1.5 MB.")]
    [InlineData(2048L, "limit of 2 KB.")]
    [InlineData(100L, "limit of 100 bytes.")]
    [InlineData(1L, "limit of 1 byte.")]
    public void TooLarge_AnyLimit_NamesItInAUnitThatIsNotZero(long limit, string expected)
    {
        Assert.EndsWith(expected, DocumentErrors.TooLarge(limit).Message, StringComparison.Ordinal);
    }
}
