using System.Globalization;
using Adhere.Core.Reports.Pdf;
using Adhere.Domain.Reports;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Adhere.Core.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as an A4 PDF with PDFsharp (see docs/decisions/0013-pdf-engine.md): cover,
/// table of contents with page numbers, bookmarks, running header, "n | N" footer and footnotes at the page bottom.
/// The same document always gives the same bytes.
/// </summary>
public sealed partial class PdfReportRenderer
{
    // Layout converges in two or three passes; the cap only guards against a TOC that oscillates on a page boundary.
    private const int MaxPasses = 6;

    /// <summary>The document-information key that carries the Verification-ID of an issued report.</summary>
    public const string VerificationIdKey = "/AdhereVerificationId";

    public static byte[] Render(ReportDocument document) => Render(document, out _);

    /// <summary>Renders <paramref name="document"/> and tells how many pages the PDF has.</summary>
    public static byte[] Render(ReportDocument document, out int pageCount)
    {
        ArgumentNullException.ThrowIfNull(document);
        DejaVuFontResolver.EnsureInstalled();
        using var fonts = new FontCatalog();

        var headingPages = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        LayoutResult layout;
        var pass = 0;
        while (true)
        {
            layout = new PdfLayout(document, headingPages, total, fonts).Run();
            var pages = layout.Headings.ToDictionary(h => h.Heading.Anchor, h => h.Page, StringComparer.Ordinal);
            var stable = layout.Pages.Count == total && pages.Count == headingPages.Count
                && pages.All(p => headingPages.TryGetValue(p.Key, out var old) && old == p.Value);
            if (stable || ++pass >= MaxPasses) break;
            headingPages = pages;
            total = layout.Pages.Count;
        }

        pageCount = layout.Pages.Count;
        return Write(document, layout, fonts);
    }

    private static byte[] Write(ReportDocument document, LayoutResult layout, FontCatalog fonts)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Cover.Title;
        pdf.Info.Author = document.Cover.MonitoringBody;
        pdf.Info.Subject = document.Cover.Company;
        pdf.Info.CreationDate = document.CreatedAt.UtcDateTime;
        pdf.Info.ModificationDate = document.CreatedAt.UtcDateTime;
        pdf.PageMode = PdfPageMode.UseOutlines;
        // A plain ASCII entry in the document information, so a verifier can name the report a file claims to be even
        // when the file was altered (ReportVerifier reads it from the raw bytes).
        if (document.Cover.VerificationId is { } verificationId) pdf.Info.Elements.SetString(VerificationIdKey, verificationId);
        PinDocumentId(pdf, document.DocumentId);

        var total = layout.Pages.Count;
        var pdfPages = new List<PdfPage>();
        for (var i = 0; i < total; i++)
        {
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PdfLayout.PageWidth);
            page.Height = XUnit.FromPoint(PdfLayout.PageHeight);
            pdfPages.Add(page);
        }

        for (var i = 0; i < total; i++)
        {
            var page = pdfPages[i];
            using var gfx = XGraphics.FromPdfPage(page);
            if (i == 0)
                DrawCover(gfx, document.Cover, fonts);
            else
                DrawHeaderAndFooter(gfx, document, i + 1, total, fonts);
            foreach (var op in layout.Pages[i].Ops)
                Draw(gfx, page, op, pdfPages, fonts, document.CreatedAt.UtcDateTime);
        }

        AddBookmarks(pdf, layout, pdfPages);

        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return PinRandomNames(stream.ToArray(), DocumentGuid(document.DocumentId));
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with a random six-letter tag (ABCDEF+Font). Replacing the tags, in order of
    /// first appearance, with fixed ones of the same length keeps every byte offset in the cross-reference table valid
    /// and makes the output deterministic.
    /// </summary>
    private static byte[] PinRandomNames(byte[] pdf, Guid documentGuid)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        // The XMP metadata carries fresh UUIDs as document and instance ID; both become the report's own ID.
        text = XmpUuid().Replace(text, "uuid:" + documentGuid.ToString("D", CultureInfo.InvariantCulture));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var pinned = SubsetTag().Replace(text, m =>
        {
            var tag = m.Groups[1].Value;
            if (!tags.TryGetValue(tag, out var fixedTag))
            {
                var n = tags.Count;
                fixedTag = "ADH" + (char)('A' + n / 676 % 26) + (char)('A' + n / 26 % 26) + (char)('A' + n % 26);
                tags[tag] = fixedTag;
            }
            return "/" + fixedTag + "+";
        });
        return System.Text.Encoding.Latin1.GetBytes(pinned);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    [System.Text.RegularExpressions.GeneratedRegex(@"/([A-Z]{6})\+(?=DejaVu)")]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    private static Guid DocumentGuid(string documentId) =>
        new(documentId.Length == 32 && documentId.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(documentId)
            : System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(documentId))[..16], bigEndian: true);

    private static void PinDocumentId(PdfDocument pdf, string documentId)
    {
        // PDFsharp would otherwise put a fresh GUID into the trailer /ID on every save.
        // The ID is a byte string; PDFsharp takes it as a string of chars 0-255.
        var bytes = DocumentGuid(documentId).ToByteArray(bigEndian: true);
        var id = new string([.. bytes.Select(b => (char)b)]);
        pdf.Internals.FirstDocumentID = id;
        pdf.Internals.SecondDocumentID = id;
    }

    // PDFsharp stamps each annotation with a random name (/NM) and the current time (/M).
    private static void Pin(PdfSharp.Pdf.Annotations.PdfAnnotation annotation, DateTime createdAt)
    {
        annotation.Elements.Remove("/NM");
        annotation.Elements.SetDateTime("/M", createdAt);
    }

    private static void Draw(XGraphics gfx, PdfPage page, DrawOp op, List<PdfPage> pages, FontCatalog fonts, DateTime createdAt)
    {
        switch (op)
        {
            case TextOp t:
                gfx.DrawString(t.Text, fonts.Get(t.Face, t.Size), new XSolidBrush(t.Color), t.X, t.Y, XStringFormats.BaseLineLeft);
                break;
            case LineOp l:
                gfx.DrawLine(new XPen(l.Color, l.Width), l.X1, l.Y1, l.X2, l.Y2);
                break;
            case FillOp f:
                gfx.DrawRectangle(new XSolidBrush(f.Color), f.Rect);
                break;
            case WebLinkOp w:
                Pin(page.AddWebLink(new PdfRectangle(gfx.Transformer.WorldToDefaultPage(w.Rect)), w.Url), createdAt);
                break;
            case PageLinkOp p when p.Page >= 1 && p.Page <= pages.Count:
                Pin(page.AddDocumentLink(new PdfRectangle(gfx.Transformer.WorldToDefaultPage(p.Rect)), p.Page), createdAt);
                break;
            case PageLinkOp:
                break;
            default:
                throw new NotSupportedException($"Unknown drawing operation {op.GetType().Name}.");
        }
    }

    private static void DrawCover(XGraphics gfx, ReportCover cover, FontCatalog fonts)
    {
        var left = PdfLayout.ContentLeft;
        var black = new XSolidBrush(PdfLayout.Black);
        var grey = new XSolidBrush(PdfLayout.Grey);
        var y = 200.0;
        if (cover.IsDraft)
        {
            var draftFont = fonts.Get(FontFace.Bold, 40);
            gfx.DrawString("DRAFT", draftFont, new XSolidBrush(XColor.FromArgb(0xB0, 0x1E, 0x1E)), left, 140, XStringFormats.BaseLineLeft);
        }
        foreach (var line in WrapPlain(cover.Title, FontFace.Bold, 24, PdfLayout.ContentWidth, fonts))
        {
            gfx.DrawString(line, fonts.Get(FontFace.Bold, 24), black, left, y, XStringFormats.BaseLineLeft);
            y += 30;
        }
        y += 10;
        // Company and Code names come from the data and can be long: they wrap instead of running off the page.
        foreach (var text in new[] { "Declaring Company: " + cover.Company, cover.CodeName })
        {
            foreach (var line in WrapPlain(text, FontFace.Regular, 13, PdfLayout.ContentWidth, fonts))
            {
                gfx.DrawString(line, fonts.Get(FontFace.Regular, 13), black, left, y, XStringFormats.BaseLineLeft);
                y += 17;
            }
            y += 5;
        }
        y += 58;

        static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "—";
        (string Label, string Value)[] facts =
        [
            ("Verification-ID", cover.VerificationId ?? (cover.IsDraft ? "— (draft, not yet issued)" : "—")),
            ("Date of Approval", cover.IsDraft && cover.ApprovedOn is null ? "— (draft)" : Date(cover.ApprovedOn)),
            ("Valid until", Date(cover.ValidUntil)),
            ("Monitoring Body", cover.MonitoringBody),
        ];
        foreach (var (label, value) in facts)
        {
            gfx.DrawString(label, fonts.Get(FontFace.Regular, 11), grey, left, y, XStringFormats.BaseLineLeft);
            var lines = WrapPlain(value, FontFace.Bold, 11, PdfLayout.ContentWidth - 130, fonts);
            if (lines.Count == 0) lines.Add("");
            foreach (var line in lines)
            {
                gfx.DrawString(line, fonts.Get(FontFace.Bold, 11), black, left + 130, y, XStringFormats.BaseLineLeft);
                y += 15;
            }
            y += 7;
        }
        if (cover.IsDraft)
        {
            gfx.DrawString("DRAFT — not an approved verification report", fonts.Get(FontFace.Bold, 12),
                new XSolidBrush(XColor.FromArgb(0xB0, 0x1E, 0x1E)), left, y + 20, XStringFormats.BaseLineLeft);
        }
    }

    private static void DrawHeaderAndFooter(XGraphics gfx, ReportDocument document, int number, int total, FontCatalog fonts)
    {
        var small = fonts.Get(FontFace.Regular, 8.5);
        var grey = new XSolidBrush(PdfLayout.Grey);
        var header = document.Cover.IsDraft ? "DRAFT · " + document.RunningHeader : document.RunningHeader;
        var headerY = PdfLayout.Margin - 28;
        var (headerText, headerSize) = FitHeader(header, fonts);
        gfx.DrawString(headerText, fonts.Get(FontFace.Regular, headerSize), grey, PdfLayout.ContentLeft, headerY, XStringFormats.BaseLineLeft);
        gfx.DrawLine(new XPen(PdfLayout.Rule, 0.5), PdfLayout.ContentLeft, headerY + 5, PdfLayout.ContentRight, headerY + 5);
        var footer = string.Create(CultureInfo.InvariantCulture, $"{number} | {total}");
        var width = fonts.Measure(footer, FontFace.Regular, 8.5);
        gfx.DrawString(footer, small, grey, (PdfLayout.PageWidth - width) / 2, PdfLayout.PageHeight - PdfLayout.Margin + 32, XStringFormats.BaseLineLeft);
    }

    /// <summary>
    /// A long company name would run the header past the right margin: the header first gets smaller (down to 7 pt), and
    /// only if that is not enough loses characters before its last part (the Verification-ID), marked by an ellipsis.
    /// </summary>
    private static (string Text, double Size) FitHeader(string header, FontCatalog fonts)
    {
        for (var size = 8.5; size >= 7; size -= 0.5)
        {
            if (fonts.Measure(header, FontFace.Regular, size) <= PdfLayout.ContentWidth) return (header, size);
        }

        const double smallest = 7;
        var cut = header.LastIndexOf(" · ", StringComparison.Ordinal);
        var tail = cut >= 0 ? header[cut..] : "";
        var head = cut >= 0 ? header[..cut] : header;
        while (head.Length > 0 && fonts.Measure(head + "…" + tail, FontFace.Regular, smallest) > PdfLayout.ContentWidth) head = head[..^1];
        return (head.TrimEnd() + "…" + tail, smallest);
    }

    private static void AddBookmarks(PdfDocument pdf, LayoutResult layout, List<PdfPage> pages)
    {
        // A stack of the open outline collections by level, so a 2.1.3 lands under 2.1 under 2.
        var stack = new List<(int Level, PdfOutlineCollection Children)> { (0, pdf.Outlines) };
        foreach (var h in layout.Headings)
        {
            while (stack.Count > 1 && stack[^1].Level >= h.Heading.Level) stack.RemoveAt(stack.Count - 1);
            var outline = stack[^1].Children.Add($"{h.Heading.Number} {h.Heading.Text}", pages[h.Page - 1], h.Heading.Level == 1);
            stack.Add((h.Heading.Level, outline.Outlines));
        }
    }

    private static List<string> WrapPlain(string text, FontFace face, double size, double width, FontCatalog fonts)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && fonts.Measure(candidate, face, size) > width)
            {
                lines.Add(current);
                current = word;
            }
            else current = candidate;
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }
}
