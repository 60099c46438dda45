using System.Text;
using Adhere.Domain.Declarations.Documents;

namespace Adhere.Domain.Tests.Declarations.Documents;

public sealed class FileSnifferTests
{
    private static byte[] Zip(string firstEntry)
    {
        // A local file header: signature, then fields up to the name; the name is what the sniffer looks for.
        var header = new byte[30];
        header[0] = 0x50;
        header[1] = 0x4B;
        header[2] = 0x03;
        header[3] = 0x04;
        return [.. header, .. Encoding.ASCII.GetBytes("[Content_Types].xml"), .. Encoding.ASCII.GetBytes(firstEntry)];
    }

    public static TheoryData<byte[], string> Allowed => new()
    {
        { Encoding.ASCII.GetBytes("%PDF-1.7\n"), "application/pdf" },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "image/png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "image/jpeg" },
        { Zip("word/document.xml"), FileSniffer.Word.ContentType },
        { Zip("xl/workbook.xml"), FileSniffer.Excel.ContentType },
        { Zip("ppt/presentation.xml"), FileSniffer.PowerPoint.ContentType },
        { Encoding.UTF8.GetBytes("id;name\n1;Zürich\n"), FileSniffer.Text.ContentType },
        { Encoding.UTF8.GetBytes("# Policy\n\nAccess is reviewed yearly.\n"), FileSniffer.Text.ContentType },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Detect_AllowedContent_ReturnsItsType(byte[] head, string contentType)
    {
        Assert.Equal(contentType, FileSniffer.Detect(head)?.ContentType);
    }

    public static TheoryData<byte[]> Rejected => new()
    {
        Array.Empty<byte>(),
        Encoding.ASCII.GetBytes("MZ\u0090\0\u0003"),
        new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1 },
        Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>hi</body></html>"),
        Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
        Encoding.UTF8.GetBytes("hello <SCRIPT>alert(1)</SCRIPT>"),
        Zip("META-INF/MANIFEST.MF"),
        new byte[] { 0x41, 0x00, 0x42 },
        new byte[] { 0x41, 0xC3, 0x28, 0x42 },
        new byte[] { 0x41, 0x42, 0xC3 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Detect_OtherContent_ReturnsNull(byte[] head)
    {
        Assert.Null(FileSniffer.Detect(head));
    }

    [Fact]
    public void Detect_FullHeadCutInsideMultiByteCharacter_StillText()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', FileSniffer.HeadLength - 1) + "ü");
        var cut = bytes[..FileSniffer.HeadLength]; // ends with the first byte of "ü"

        Assert.Equal(FileSniffer.Text, FileSniffer.Detect(cut));
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("REPORT.PDF")]
    [InlineData("report")]
    public void Check_PdfWithFittingOrNoExtension_ReturnsPdf(string name)
    {
        var result = FileSniffer.Check("%PDF-1.4"u8, name);

        Assert.Equal(FileSniffer.Pdf, result.Value);
    }

    [Theory]
    [InlineData("<html><script>x</script></html>", "report.pdf")]
    [InlineData("%PDF-1.4", "notes.txt")]
    [InlineData("plain words", "photo.png")]
    [InlineData("plain words", "run.bat")]
    public void Check_DisguisedOrNotAllowed_ReturnsTypeNotAllowed(string content, string name)
    {
        var result = FileSniffer.Check(Encoding.UTF8.GetBytes(content), name);

        Assert.True(result.IsError);
        Assert.Equal("document.type-not-allowed", result.Error!.Code);
    }
}
