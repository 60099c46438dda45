using System.Globalization;
using Adhere.Core.Reports.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Adhere.Core.Complaints.AuthorityNotices;

/// <summary>What a notice to the supervisory authority states; every text is the MB's own, never the complainant's identity.</summary>
public sealed record AuthorityNoticeContent(string MonitoringBody, string? AuthorityName, string CodeName, string MeasureName, string Effect,
    string Company, string VerificationId, string ComplaintReference, DateTimeOffset DecidedAt, string Reasons, string? Service);

/// <summary>
/// Lays an authority notice out as a one- or two-page A4 PDF with PDFsharp and the report's fonts (ADR 0013). Plain
/// layout on purpose: a letter, not a report.
/// </summary>
public static class AuthorityNoticePdf
{
    private const double Size = 10.5;
    private const double Leading = 15;

    public static byte[] Render(AuthorityNoticeContent notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        DejaVuFontResolver.EnsureInstalled();
        using var fonts = new FontCatalog();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Notice of {notice.Effect}: {notice.VerificationId}";
        pdf.Info.Author = notice.MonitoringBody;
        pdf.Info.Subject = notice.ComplaintReference;
        pdf.Info.CreationDate = notice.DecidedAt.UtcDateTime;
        pdf.Info.ModificationDate = notice.DecidedAt.UtcDateTime;

        var writer = new Writer(pdf, fonts);
        writer.Line(notice.MonitoringBody, FontFace.Regular, 9, PdfLayout.Grey);
        writer.Gap(18);
        writer.Paragraph($"Notice to the supervisory authority: {notice.MeasureName}", FontFace.Bold, 16, 21);
        writer.Gap(8);
        writer.Paragraph(notice.AuthorityName is { } authority ? $"To: {authority}" : "To: the competent supervisory authority", FontFace.Regular, Size, Leading);
        writer.Gap(10);
        var date = notice.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var action = notice.Effect == "revocation" ? "revoked the adherence of" : "suspended the adherence of";
        writer.Paragraph(
            $"On {date} the Monitoring Body {action} the declaration listed below to the Code \"{notice.CodeName}\", as a measure decided on "
            + $"complaint {notice.ComplaintReference}. The public register shows the new status from that day. We report the measure "
            + "and its reasons as the monitoring of a code of conduct requires (GDPR Article 41(4)).",
            FontFace.Regular, Size, Leading);
        writer.Gap(10);
        writer.Field("Measure", $"{notice.MeasureName} ({notice.Effect})");
        writer.Field("Provider", notice.Company);
        if (notice.Service is { } service) writer.Field("Service", service);
        writer.Field("Verification-ID", notice.VerificationId);
        writer.Field("Code of Conduct", notice.CodeName);
        writer.Field("Complaint", notice.ComplaintReference);
        writer.Field("Date of the measure", date);
        writer.Gap(10);
        writer.Paragraph("Reasons", FontFace.Bold, 12, 17);
        foreach (var paragraph in notice.Reasons.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(paragraph)) writer.Gap(6);
            else writer.Paragraph(paragraph, FontFace.Regular, Size, Leading);
        }

        writer.Gap(14);
        writer.Paragraph("The complainant's identity is not part of this notice; the case file is available to the authority on request.",
            FontFace.Italic, 9, 13);
        writer.Finish();

        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private sealed class Writer(PdfDocument pdf, FontCatalog fonts)
    {
        private XGraphics? gfx;
        private double y;

        public void Line(string text, FontFace face, double size, XColor color)
        {
            Room(size * 1.4);
            gfx!.DrawString(text, fonts.Get(face, size), new XSolidBrush(color), PdfLayout.ContentLeft, y, XStringFormats.BaseLineLeft);
            y += size * 1.4;
        }

        public void Gap(double points) => y += points;

        public void Paragraph(string text, FontFace face, double size, double leading)
        {
            foreach (var line in Wrap(text, face, size, PdfLayout.ContentWidth))
            {
                Room(leading);
                gfx!.DrawString(line, fonts.Get(face, size), XBrushes.Black, PdfLayout.ContentLeft, y, XStringFormats.BaseLineLeft);
                y += leading;
            }
        }

        public void Field(string label, string value)
        {
            const double labelWidth = 130;
            var lines = Wrap(value, FontFace.Bold, Size, PdfLayout.ContentWidth - labelWidth);
            Room(Leading * lines.Count);
            gfx!.DrawString(label, fonts.Get(FontFace.Regular, Size), new XSolidBrush(PdfLayout.Grey), PdfLayout.ContentLeft, y, XStringFormats.BaseLineLeft);
            foreach (var line in lines)
            {
                gfx.DrawString(line, fonts.Get(FontFace.Bold, Size), XBrushes.Black, PdfLayout.ContentLeft + labelWidth, y, XStringFormats.BaseLineLeft);
                y += Leading;
            }
        }

        public void Finish()
        {
            if (gfx is null) Room(0);
            gfx!.Dispose();
        }

        private void Room(double height)
        {
            if (gfx is not null && y + height <= PdfLayout.ContentBottom) return;
            gfx?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PdfLayout.PageWidth);
            page.Height = XUnit.FromPoint(PdfLayout.PageHeight);
            gfx = XGraphics.FromPdfPage(page);
            y = PdfLayout.ContentTop;
        }

        private List<string> Wrap(string text, FontFace face, double size, double width)
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
                else
                {
                    current = candidate;
                }

                // A word wider than the line (a long URL) is cut where it no longer fits.
                while (fonts.Measure(current, face, size) > width && current.Length > 1)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && fonts.Measure(current[..cut], face, size) > width) cut--;
                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }

            if (current.Length > 0) lines.Add(current);
            return lines;
        }
    }
}
