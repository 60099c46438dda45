using System.Globalization;
using System.Text;
using Adhere.Domain.Reports;

namespace Adhere.Core.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as Markdown: headings with their numbers, a linked table of contents and numbered notes at the end.</summary>
public static class MarkdownReportRenderer
{
    /// <param name="totalPages">The page count of the PDF edition, printed where the report states it; null prints a phrase without a number.</param>
    public static string Render(ReportDocument document, int? totalPages = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var notes = new List<FootnoteRun>();
        var sb = new StringBuilder();
        var c = document.Cover;
        if (c.IsDraft) sb.Append("> **DRAFT** — not approved; no Verification-ID has been issued.\n\n");
        sb.Append("# ").Append(Escape(c.Title)).Append("\n\n");
        sb.Append("- Declaring company: ").Append(Escape(c.Company)).Append('\n');
        sb.Append("- Code: ").Append(Escape(c.CodeName)).Append('\n');
        sb.Append("- Verification-ID: ").Append(Escape(c.VerificationId ?? "(draft)")).Append('\n');
        sb.Append("- Date of approval: ").Append(ReportText.Date(c.ApprovedOn, "(draft)")).Append('\n');
        sb.Append("- Valid until: ").Append(ReportText.Date(c.ValidUntil, "(draft)")).Append('\n');
        sb.Append("- Monitoring Body: ").Append(Escape(c.MonitoringBody)).Append("\n\n");

        foreach (var block in document.Body)
        {
            switch (block)
            {
                case TableOfContents toc:
                    sb.Append("## ").Append(Escape(toc.Title)).Append("\n\n");
                    foreach (var h in ReportText.Headings(document))
                        sb.Append(new string(' ', (h.Level - 1) * 2)).Append("- [").Append(h.Number).Append(' ').Append(Escape(h.Text)).Append("](#").Append(h.Anchor).Append(")\n");
                    sb.Append('\n');
                    break;
                case Heading h:
                    sb.Append(new string('#', Math.Min(h.Level + 1, 6))).Append(' ').Append(h.Number).Append(' ').Append(Escape(h.Text))
                        .Append(" {#").Append(h.Anchor).Append("}\n\n");
                    break;
                case Paragraph p:
                    sb.Append(Inlines(p.Inlines, notes, totalPages)).Append("\n\n");
                    break;
                case BulletList list:
                    foreach (var item in list.Items) sb.Append("- ").Append(Inlines(item, notes, totalPages)).Append('\n');
                    sb.Append('\n');
                    break;
                case Table t:
                    sb.Append("| ").Append(string.Join(" | ", t.Headers.Select(Cell))).Append(" |\n");
                    sb.Append('|').Append(string.Concat(t.Headers.Select(_ => " --- |"))).Append('\n');
                    foreach (var row in t.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                    sb.Append('\n');
                    break;
            }
        }

        if (notes.Count > 0)
        {
            sb.Append("---\n\n");
            for (var i = 0; i < notes.Count; i++)
            {
                sb.Append('[').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("] ").Append(Escape(notes[i].Text));
                if (notes[i].Url is { } url) sb.Append(" <").Append(url).Append('>');
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Inlines(IEnumerable<Inline> inlines, List<FootnoteRun> notes, int? totalPages)
    {
        var sb = new StringBuilder();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextRun t:
                    var text = Escape(t.Text);
                    if (t.Bold) text = $"**{text}**";
                    if (t.Italic) text = $"*{text}*";
                    sb.Append(text);
                    break;
                case LinkRun l:
                    sb.Append('[').Append(Escape(l.Text)).Append("](").Append(l.Url).Append(')');
                    break;
                case FootnoteRun f:
                    notes.Add(f);
                    sb.Append("[^").Append(notes.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
                case TotalPagesRun:
                    sb.Append(ReportText.TotalPages(totalPages));
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // Only what would change the meaning of provider-supplied text.
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
}
