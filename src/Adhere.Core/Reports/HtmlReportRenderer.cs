using System.Globalization;
using System.Net;
using System.Text;
using Adhere.Domain.Reports;

namespace Adhere.Core.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as a self-contained, print-friendly HTML page: a small inline stylesheet,
/// headings whose ids are the anchors, the table of contents as links, footnotes as a numbered list at the end and a
/// draft watermark. Every piece of text is HTML-encoded.
/// </summary>
public static class HtmlReportRenderer
{
    private const string Style =
        "body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45;color:#111}" +
        "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}" +
        ".cover{border-bottom:2px solid #333;margin-bottom:2em}.cover dt{font-weight:bold}.toc ul{list-style:none}" +
        ".draft{color:#b00;font-weight:bold;border:2px solid #b00;padding:.3em;text-align:center}" +
        ".watermark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:6em;color:rgba(200,0,0,.12);transform:rotate(-30deg);pointer-events:none}" +
        ".notes{font-size:.9em;border-top:1px solid #999}@media print{.cover{page-break-after:always}h2{page-break-before:auto}}";

    /// <param name="totalPages">The page count of the PDF edition, printed where the report states it; null prints a phrase without a number.</param>
    public static string Render(ReportDocument document, int? totalPages = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var notes = new List<FootnoteRun>();
        var c = document.Cover;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(document.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(c.Title)).Append(" – ").Append(E(c.Company)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        if (c.IsDraft) sb.Append("<div class=\"watermark\" aria-hidden=\"true\">DRAFT</div>\n<p class=\"draft\">DRAFT – not approved; no Verification-ID has been issued.</p>\n");
        sb.Append("<header class=\"cover\">\n<h1>").Append(E(c.Title)).Append("</h1>\n<dl>\n");
        Fact(sb, "Declaring company", c.Company);
        Fact(sb, "Code", c.CodeName);
        Fact(sb, "Verification-ID", c.VerificationId ?? "(draft)");
        Fact(sb, "Date of approval", ReportText.Date(c.ApprovedOn, "(draft)"));
        Fact(sb, "Valid until", ReportText.Date(c.ValidUntil, "(draft)"));
        Fact(sb, "Monitoring Body", c.MonitoringBody);
        sb.Append("</dl>\n</header>\n<main>\n");

        foreach (var block in document.Body)
        {
            switch (block)
            {
                case TableOfContents toc:
                    sb.Append("<nav class=\"toc\">\n<h2>").Append(E(toc.Title)).Append("</h2>\n<ul>\n");
                    foreach (var h in ReportText.Headings(document))
                        sb.Append("<li class=\"toc-").Append(h.Level.ToString(CultureInfo.InvariantCulture)).Append("\"><a href=\"#").Append(E(h.Anchor)).Append("\">")
                            .Append(E(h.Number)).Append(' ').Append(E(h.Text)).Append("</a></li>\n");
                    sb.Append("</ul>\n</nav>\n");
                    break;
                case Heading h:
                    var tag = "h" + Math.Min(h.Level + 1, 6).ToString(CultureInfo.InvariantCulture);
                    sb.Append('<').Append(tag).Append(" id=\"").Append(E(h.Anchor)).Append("\">").Append(E(h.Number)).Append(' ').Append(E(h.Text))
                        .Append("</").Append(tag).Append(">\n");
                    break;
                case Paragraph p:
                    sb.Append("<p>").Append(Inlines(p.Inlines, notes, totalPages)).Append("</p>\n");
                    break;
                case BulletList list:
                    sb.Append("<ul>\n");
                    foreach (var item in list.Items) sb.Append("<li>").Append(Inlines(item, notes, totalPages)).Append("</li>\n");
                    sb.Append("</ul>\n");
                    break;
                case Table t:
                    sb.Append("<table>\n<thead><tr>");
                    foreach (var head in t.Headers) sb.Append("<th>").Append(E(head)).Append("</th>");
                    sb.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("<tr>");
                        foreach (var cell in row) sb.Append("<td>").Append(E(cell)).Append("</td>");
                        sb.Append("</tr>\n");
                    }

                    sb.Append("</tbody>\n</table>\n");
                    break;
            }
        }

        sb.Append("</main>\n");
        if (notes.Count > 0)
        {
            sb.Append("<section class=\"notes\">\n<ol>\n");
            for (var i = 0; i < notes.Count; i++)
            {
                sb.Append("<li id=\"note-").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\">").Append(E(notes[i].Text));
                if (notes[i].Url is { } url) sb.Append(" <a href=\"").Append(E(url)).Append("\">").Append(E(url)).Append("</a>");
                sb.Append("</li>\n");
            }

            sb.Append("</ol>\n</section>\n");
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Fact(StringBuilder sb, string label, string value) =>
        sb.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string Inlines(IEnumerable<Inline> inlines, List<FootnoteRun> notes, int? totalPages)
    {
        var sb = new StringBuilder();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextRun t:
                    var text = E(t.Text);
                    if (t.Bold) text = $"<strong>{text}</strong>";
                    if (t.Italic) text = $"<em>{text}</em>";
                    sb.Append(text);
                    break;
                case LinkRun l:
                    sb.Append("<a href=\"").Append(E(l.Url)).Append("\">").Append(E(l.Text)).Append("</a>");
                    break;
                case FootnoteRun f:
                    notes.Add(f);
                    var n = notes.Count.ToString(CultureInfo.InvariantCulture);
                    sb.Append("<sup><a href=\"#note-").Append(n).Append("\">").Append(n).Append("</a></sup>");
                    break;
                case TotalPagesRun:
                    sb.Append(E(ReportText.TotalPages(totalPages)));
                    break;
            }
        }

        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
