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

    [Fact]
    public void TooLarge_NamesTheLimitInMegabytes()
    {
        Assert.Contains("25 MB", DocumentErrors.TooLarge(25L * 1024 * 1024).Message, StringComparison.Ordinal);
    }
}
