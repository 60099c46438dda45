using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Documents;

/// <summary>A file type on the evidence allow-list: the media type served on download and the extensions a name may carry.</summary>
public sealed record SniffedType(string ContentType, string Description, IReadOnlyList<string> Extensions);

/// <summary>
/// Decides a file's type from its first bytes, never from its name. Allowed: PDF, PNG, JPEG, Word/Excel/PowerPoint
/// (Office Open XML: a ZIP whose first entries name <c>word/</c>, <c>xl/</c> or <c>ppt/</c>) and UTF-8 text (plain,
/// CSV, Markdown) without NUL bytes or HTML/SVG markup. Everything else, executables and markup in particular, is
/// not allowed. <see cref="Check"/> also requires the name's extension, when it has one, to fit the detected type,
/// so that a page named <c>report.pdf</c> is reported as disguised.
/// </summary>
public static class FileSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at; pass at least this many when the file is longer.</summary>
    public const int HeadLength = 4096;

    public static readonly SniffedType Pdf = new("application/pdf", "a PDF document", [".pdf"]);
    public static readonly SniffedType Png = new("image/png", "a PNG image", [".png"]);
    public static readonly SniffedType Jpeg = new("image/jpeg", "a JPEG image", [".jpg", ".jpeg"]);
    public static readonly SniffedType Word = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document", [".docx"]);
    public static readonly SniffedType Excel = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel workbook", [".xlsx"]);
    public static readonly SniffedType PowerPoint = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "a PowerPoint presentation", [".pptx"]);
    public static readonly SniffedType Text = new("text/plain; charset=utf-8", "plain text", [".txt", ".csv", ".md"]);

    private static readonly SniffedType[] AllowList = [Pdf, Png, Jpeg, Word, Excel, PowerPoint, Text];

    private static readonly string[] Markup = ["<script", "<html", "<svg", "<!doctype html", "<iframe", "<?xml"];

    /// <summary>The allowed type of a file starting with <paramref name="head"/>, or null when it is not allowed (or empty).</summary>
    public static SniffedType? Detect(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return null;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])) return Office(head[..Math.Min(head.Length, HeadLength)]);
        return IsText(head[..Math.Min(head.Length, HeadLength)]) ? Text : null;
    }

    /// <summary>
    /// The detected type when it is allowed and <paramref name="fileName"/>'s extension (ignoring case) is one of its
    /// extensions or absent; otherwise <c>document.type-not-allowed</c>, naming the real content when it was disguised.
    /// </summary>
    public static Result<SniffedType> Check(ReadOnlySpan<byte> head, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var detected = Detect(head);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (detected is not null && (extension.Length == 0 || detected.Extensions.Contains(extension))) return detected;
        return AllowList.Any(t => t.Extensions.Contains(extension))
            ? DocumentErrors.Disguised(extension, detected?.Description)
            : DocumentErrors.TypeNotAllowed();
    }

    private static SniffedType? Office(ReadOnlySpan<byte> head)
    {
        // Office writes its parts' folders into the first local headers; a plain ZIP (or a JAR) has none of them.
        if (head.IndexOf("word/"u8) >= 0) return Word;
        if (head.IndexOf("xl/"u8) >= 0) return Excel;
        if (head.IndexOf("ppt/"u8) >= 0) return PowerPoint;
        return null;
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0) return false;
        if (head.StartsWith("MZ"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])) return false;
        // A head of full length may end inside a multi-byte character (the file goes on); a shorter head is the whole file.
        var chars = new char[head.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(head, chars, out _, out var written, replaceInvalidSequences: false, isFinalBlock: head.Length < HeadLength);
        if (status != System.Buffers.OperationStatus.Done && status != System.Buffers.OperationStatus.NeedMoreData) return false;
        var text = new string(chars, 0, written);
        return !Markup.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}
