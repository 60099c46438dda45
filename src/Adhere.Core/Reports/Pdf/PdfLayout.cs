using System.Globalization;
using Adhere.Domain.Reports;
using PdfSharp.Drawing;

namespace Adhere.Core.Reports.Pdf;

internal enum FontFace { Regular, Bold, Italic, BoldItalic }

/// <summary>Something to draw on a page, positioned in points from the top-left corner.</summary>
internal abstract record DrawOp;

/// <summary>Text whose baseline starts at (X, Y).</summary>
internal sealed record TextOp(double X, double Y, string Text, FontFace Face, double Size, XColor Color) : DrawOp;

internal sealed record LineOp(double X1, double Y1, double X2, double Y2, double Width, XColor Color) : DrawOp;

internal sealed record FillOp(XRect Rect, XColor Color) : DrawOp;

internal sealed record WebLinkOp(XRect Rect, string Url) : DrawOp;

/// <summary>A click area that jumps to a page (1-based).</summary>
internal sealed record PageLinkOp(XRect Rect, int Page) : DrawOp;

internal sealed record LaidOutHeading(Heading Heading, int Page, double Y);

internal sealed class LaidOutPage
{
    public List<DrawOp> Ops { get; } = [];
}

/// <summary>The result of one layout pass: pages (index 0 is the cover) and where each heading landed.</summary>
internal sealed record LayoutResult(IReadOnlyList<LaidOutPage> Pages, IReadOnlyList<LaidOutHeading> Headings);

/// <summary>
/// Lays a <see cref="ReportDocument"/> out onto A4 pages. Page numbers in the table of contents and the total page count
/// are inputs (from the previous pass), because they are only known after layout; the renderer repeats the layout until
/// they no longer change.
/// </summary>
internal sealed class PdfLayout
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 70.87; // 2.5 cm
    public const double ContentLeft = Margin;
    public const double ContentRight = PageWidth - Margin;
    public const double ContentWidth = ContentRight - ContentLeft;
    public const double ContentTop = Margin;
    public const double ContentBottom = PageHeight - Margin;

    private const double BodySize = 10;
    private const double BodyLeading = 14;
    private const double NoteSize = 8;
    private const double NoteLeading = 10.5;
    private const double ParagraphGap = 6;
    private const double TableSize = 9;
    private const double TableLeading = 12;
    private const double CellPadding = 4;
    private const double NoteSeparatorGap = 8;

    public static readonly XColor Black = XColors.Black;
    public static readonly XColor LinkBlue = XColor.FromArgb(0x1A, 0x4E, 0xA8);
    public static readonly XColor Grey = XColor.FromArgb(0x66, 0x66, 0x66);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xE6, 0xEA, 0xF0);
    public static readonly XColor Rule = XColor.FromArgb(0x99, 0x99, 0x99);

    private readonly ReportDocument document;
    private readonly IReadOnlyDictionary<string, int> headingPages;
    private readonly int totalPages;
    private readonly FontCatalog fonts;

    private readonly List<LaidOutPage> pages = [];
    private readonly List<LaidOutHeading> headings = [];
    private LaidOutPage page = null!;
    private double y;
    private double notesHeight;
    private readonly List<Note> pageNotes = [];
    private int noteCount;

    private sealed record Note(int Number, IReadOnlyList<Line> Lines);

    public PdfLayout(ReportDocument document, IReadOnlyDictionary<string, int> headingPages, int totalPages, FontCatalog fonts)
    {
        this.document = document;
        this.headingPages = headingPages;
        this.totalPages = totalPages;
        this.fonts = fonts;
    }

    public LayoutResult Run()
    {
        pages.Add(new LaidOutPage()); // the cover is drawn by the renderer
        NewPage();
        var first = true;
        for (var index = 0; index < document.Body.Count; index++)
        {
            var block = document.Body[index];
            switch (block)
            {
                case TableOfContents toc:
                    LayOutTableOfContents(toc);
                    break;
                case Heading heading:
                    // Each level-1 section after the contents starts where it fits; the TOC gets a page of its own.
                    LayOutHeading(heading, first, KeepWithHeading(index + 1));
                    break;
                case Paragraph paragraph:
                    LayOutInlines(paragraph.Inlines, ContentLeft, ContentWidth, null);
                    y += ParagraphGap;
                    break;
                case BulletList list:
                    foreach (var item in list.Items)
                        LayOutInlines(item, ContentLeft + 14, ContentWidth - 14, "•");
                    y += ParagraphGap;
                    break;
                case Table table:
                    LayOutTable(table);
                    break;
                default:
                    throw new NotSupportedException($"Unknown report block {block.GetType().Name}.");
            }
            first = false;
        }
        FlushNotes();
        return new LayoutResult(pages, headings);
    }

    private double Bottom => ContentBottom - notesHeight;

    private void NewPage()
    {
        if (pages.Count > 1) FlushNotes();
        page = new LaidOutPage();
        pages.Add(page);
        y = ContentTop;
        notesHeight = 0;
        pageNotes.Clear();
    }

    private void EnsureSpace(double height)
    {
        if (y + height > Bottom && y > ContentTop) NewPage();
    }

    private void LayOutTableOfContents(TableOfContents toc)
    {
        if (y > ContentTop) NewPage();
        Emit(ContentLeft, y + 16, toc.Title, FontFace.Bold, 16, Black);
        y += 30;
        foreach (var block in document.Body)
        {
            if (block is not Heading { Level: >= 1 and <= 3 } h) continue;
            var size = h.Level == 1 ? BodySize + 0.5 : BodySize;
            var face = h.Level == 1 ? FontFace.Bold : FontFace.Regular;
            var indent = (h.Level - 1) * 14;
            var numberWidth = 30 + (h.Level - 1) * 6;
            var pageNumber = headingPages.TryGetValue(h.Anchor, out var p) ? p : 0;
            var pageText = pageNumber.ToString(CultureInfo.InvariantCulture);
            const double pageColumn = 28;
            var textLeft = ContentLeft + indent + numberWidth;
            var textWidth = ContentRight - pageColumn - textLeft;
            var lines = Wrap(Tokenize([new TextRun(h.Text, Bold: h.Level == 1)], size), textWidth);
            var leading = size * 1.45;
            var height = lines.Count * leading + (h.Level == 1 ? 4 : 0);
            EnsureSpace(height);
            if (h.Level == 1) y += 4;
            var top = y;
            Emit(ContentLeft + indent, y + size, h.Number, face, size, Black);
            double lastEnd = textLeft;
            foreach (var line in lines)
            {
                lastEnd = DrawLine(line, textLeft, y + size);
                y += leading;
            }
            var baseline = y - leading + size;
            var pageWidth = fonts.Measure(pageText, face, size);
            // Leaders of one size, all ending at the same x, so their dots line up from entry to entry.
            var dotsStart = lastEnd + 6;
            var dotsEnd = ContentRight - LeaderGap;
            var count = (int)Math.Max(0, Math.Floor((dotsEnd - dotsStart) / fonts.Measure(". ", FontFace.Regular, BodySize)));
            while (count > 0 && fonts.Measure(Leaders(count), FontFace.Regular, BodySize) > dotsEnd - dotsStart) count--;
            if (count > 0)
                Emit(dotsEnd - fonts.Measure(Leaders(count), FontFace.Regular, BodySize), baseline, Leaders(count), FontFace.Regular, BodySize, Grey);
            Emit(ContentRight - pageWidth, baseline, pageText, face, size, Black);
            if (pageNumber > 0)
                page.Ops.Add(new PageLinkOp(new XRect(ContentLeft, top, ContentWidth, y - top), pageNumber));
        }
        // The body starts on a fresh page, as in a printed report.
        NewPage();
    }

    // Room right of the leaders for a page number of up to three digits.
    private const double LeaderGap = 22;

    private static string Leaders(int count) => string.Concat(Enumerable.Repeat(". ", count)).TrimEnd();

    private static (double Size, double Before, double After) HeadingStyle(int level) => level switch
    {
        1 => (15.0, 16.0, 8.0),
        2 => (12.5, 12.0, 6.0),
        3 => (11.0, 10.0, 4.0),
        _ => (10.5, 8.0, 3.0),
    };

    private List<Line> HeadingLines(Heading heading, double size)
    {
        var numberWidth = fonts.Measure(heading.Number, FontFace.Bold, size) + size * 0.8;
        return Wrap(Tokenize([new TextRun(heading.Text, Bold: true)], size), ContentWidth - numberWidth);
    }

    /// <summary>
    /// The room a heading needs below it so that it does not end a page alone: any headings directly after it, then the
    /// start of the first content (two lines of text, or a table's header and first row).
    /// </summary>
    private double KeepWithHeading(int index)
    {
        var needed = 0.0;
        // A run of headings is short; the cap only keeps a pathological body from asking for more than a page.
        for (var i = index; i < document.Body.Count && needed < ContentBottom - ContentTop; i++)
        {
            switch (document.Body[i])
            {
                case Heading h:
                    var (size, before, after) = HeadingStyle(h.Level);
                    needed += before + HeadingLines(h, size).Count * size * 1.3 + after;
                    continue;
                case Table t:
                    return needed + TableStartHeight(t);
                case Paragraph or BulletList:
                    return needed + 2 * BodyLeading;
                default:
                    return needed;
            }
        }
        return Math.Min(needed, ContentBottom - ContentTop);
    }

    private void LayOutHeading(Heading heading, bool first, double keep)
    {
        var (size, before, after) = HeadingStyle(heading.Level);
        var numberWidth = fonts.Measure(heading.Number, FontFace.Bold, size) + size * 0.8;
        var lines = HeadingLines(heading, size);
        var leading = size * 1.3;
        var height = lines.Count * leading;
        if (y > ContentTop && !first) y += before;
        // No heading alone at a page bottom: it moves to the next page with the headings and text that follow it.
        if (y + height + after + keep > Bottom && y > ContentTop) NewPage();
        var top = y;
        Emit(ContentLeft, y + size, heading.Number, FontFace.Bold, size, Black);
        foreach (var line in lines)
        {
            DrawLine(line, ContentLeft + numberWidth, y + size);
            y += leading;
        }
        y += after;
        headings.Add(new LaidOutHeading(heading, pages.Count, top));
    }

    private void LayOutInlines(IReadOnlyList<Inline> inlines, double left, double width, string? bullet)
    {
        var tokens = Tokenize(inlines, BodySize);
        var lines = Wrap(tokens, width);
        var firstLine = true;
        foreach (var line in lines)
        {
            var notes = line.Tokens.Where(t => t.NoteNumber is not null).Select(t => t.NoteNumber!.Value).ToList();
            var newNotes = notes.Select(n => new Note(n, NoteLines(n))).ToList();
            var extra = NotesHeight(newNotes, pageNotes.Count == 0);
            if (y + BodyLeading + extra > Bottom - 0 && y > ContentTop) NewPage();
            if (pageNotes.Count == 0 && newNotes.Count > 0) extra = NotesHeight(newNotes, true);
            pageNotes.AddRange(newNotes);
            notesHeight += extra;
            if (firstLine && bullet is not null)
                Emit(left - 11, y + BodySize, bullet, FontFace.Regular, BodySize, Black);
            DrawLine(line, left, y + BodySize);
            y += BodyLeading;
            firstLine = false;
        }
    }

    private static double NotesHeight(List<Note> notes, bool includeSeparator) =>
        notes.Count == 0 ? 0 : notes.Sum(n => n.Lines.Count * NoteLeading) + (includeSeparator ? NoteSeparatorGap + 4 : 0);

    private readonly Dictionary<int, FootnoteRun> noteRuns = [];

    private List<Line> NoteLines(int number)
    {
        var run = noteRuns[number];
        // The trailing space keeps the note's text and its link apart.
        var inlines = new List<Inline> { new TextRun(run.Url is null ? run.Text : run.Text + " ") };
        if (run.Url is not null) inlines.Add(new LinkRun(run.Url, run.Url));
        return Wrap(Tokenize(inlines, NoteSize), ContentWidth - 14);
    }

    private void FlushNotes()
    {
        if (pageNotes.Count == 0) return;
        var top = ContentBottom - notesHeight;
        page.Ops.Add(new LineOp(ContentLeft, top + 4, ContentLeft + 120, top + 4, 0.5, Rule));
        var ny = top + NoteSeparatorGap + 4;
        foreach (var note in pageNotes)
        {
            Emit(ContentLeft, ny + NoteSize, note.Number.ToString(CultureInfo.InvariantCulture), FontFace.Regular, NoteSize, Black);
            foreach (var line in note.Lines)
            {
                DrawLine(line, ContentLeft + 14, ny + NoteSize);
                ny += NoteLeading;
            }
        }
        pageNotes.Clear();
        notesHeight = 0;
    }

    /// <summary>
    /// Column widths from the table's weights, corrected so that no word has to be broken between letters and a column
    /// of short entries ("Not declared") keeps each entry on one line. The room comes from columns wider than their
    /// longest word, in proportion to what they can spare; when it cannot be found the weights stand.
    /// </summary>
    private double[] ColumnWidths(Table table)
    {
        var columns = table.Headers.Count;
        var weights = table.ColumnWeights ?? Enumerable.Repeat(1.0, columns).ToList();
        var sum = weights.Sum();
        var weighted = weights.Select(w => ContentWidth * w / sum).ToArray();

        var minimum = new double[columns];
        var natural = new double[columns];
        for (var i = 0; i < columns; i++)
        {
            var cells = table.Rows.Select(r => i < r.Count ? r[i] : "").ToList();
            var words = Words(table.Headers[i]).Select(w => fonts.Measure(w, FontFace.Bold, TableSize))
                .Concat(cells.SelectMany(Words).Select(w => fonts.Measure(w, FontFace.Regular, TableSize)));
            minimum[i] = Math.Min(words.DefaultIfEmpty(0).Max() + 2 * CellPadding, weighted[i] * 2);
            natural[i] = cells.Select(c => fonts.Measure(c, FontFace.Regular, TableSize)).DefaultIfEmpty(0).Max() + 2 * CellPadding;
        }

        double[] Widen(bool shortEntriesToo)
        {
            var target = weighted.Select((w, i) => Math.Max(w, shortEntriesToo && natural[i] <= ContentWidth / 4 ? Math.Max(natural[i], minimum[i]) : minimum[i])).ToArray();
            var needed = target.Select((t, i) => t - weighted[i]).Sum();
            if (needed <= 0) return target;
            var donors = Enumerable.Range(0, columns).Where(i => target[i] <= weighted[i]).ToList();
            var slack = donors.Sum(i => weighted[i] - minimum[i]);
            if (slack < needed) return [];
            foreach (var i in donors) target[i] = weighted[i] - needed * (weighted[i] - minimum[i]) / slack;
            return target;
        }

        var widths = Widen(true);
        if (widths.Length == 0) widths = Widen(false);
        return widths.Length == 0 ? weighted : widths;
    }

    private static IEnumerable<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private List<IReadOnlyList<Line>> WrapRow(IReadOnlyList<string> cells, bool bold, double[] widths) =>
        [.. Enumerable.Range(0, widths.Length).Select(i =>
            (IReadOnlyList<Line>)Wrap(Tokenize([new TextRun(i < cells.Count ? cells[i] : "", bold)], TableSize), widths[i] - 2 * CellPadding))];

    private static double RowHeight(List<IReadOnlyList<Line>> cells) =>
        Math.Max(1, cells.Max(c => c.Count)) * TableLeading + 2 * CellPadding - (TableLeading - TableSize);

    /// <summary>The header row and the first row: a table never starts with its header alone at a page bottom.</summary>
    private double TableStartHeight(Table table)
    {
        var widths = ColumnWidths(table);
        return RowHeight(WrapRow(table.Headers, true, widths)) + (table.Rows.Count > 0 ? RowHeight(WrapRow(table.Rows[0], false, widths)) : 0);
    }

    private void LayOutTable(Table table)
    {
        var columns = table.Headers.Count;
        var widths = ColumnWidths(table);
        var header = WrapRow(table.Headers, true, widths);
        var headerHeight = RowHeight(header);

        void DrawRow(List<IReadOnlyList<Line>> cells, double height, bool isHeader)
        {
            var x = ContentLeft;
            if (isHeader) page.Ops.Add(new FillOp(new XRect(ContentLeft, y, ContentWidth, height), HeaderFill));
            for (var i = 0; i < columns; i++)
            {
                var ly = y + CellPadding + TableSize;
                foreach (var line in cells[i])
                {
                    DrawLine(line, x + CellPadding, ly);
                    ly += TableLeading;
                }
                page.Ops.Add(new LineOp(x, y, x, y + height, 0.5, Rule));
                x += widths[i];
            }
            page.Ops.Add(new LineOp(ContentRight, y, ContentRight, y + height, 0.5, Rule));
            page.Ops.Add(new LineOp(ContentLeft, y, ContentRight, y, 0.5, Rule));
            page.Ops.Add(new LineOp(ContentLeft, y + height, ContentRight, y + height, 0.5, Rule));
            y += height;
        }

        EnsureSpace(TableStartHeight(table));
        DrawRow(header, headerHeight, true);
        var rows = table.Rows.Select(r => WrapRow(r, false, widths)).ToList();
        var rowsOnPage = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r];
            var height = RowHeight(cells);
            // The last row does not go alone under a repeated header: the row before it goes along.
            var lastAlone = r == rows.Count - 2 && rowsOnPage >= 2 && y + height <= Bottom && y + height + RowHeight(rows[r + 1]) > Bottom;
            if (y + height > Bottom || lastAlone)
            {
                rowsOnPage = 0;
                NewPage();
                // The header row repeats so every page of a long table can be read alone.
                DrawRow(header, headerHeight, true);
            }
            DrawRow(cells, height, false);
            rowsOnPage++;
        }
        y += ParagraphGap * 2;
    }

    // ---- inline text ----

    /// <summary>A word (or footnote mark) with its style; SpaceBefore says whether a space separates it from the previous one.</summary>
    private sealed record Token(string Text, FontFace Face, double Size, string? Url, bool SpaceBefore, bool Superscript, int? NoteNumber = null);

    private sealed record Line(IReadOnlyList<Token> Tokens);

    private List<Token> Tokenize(IReadOnlyList<Inline> inlines, double size)
    {
        var tokens = new List<Token>();
        var pendingSpace = false;
        void AddWords(string text, FontFace face, string? url)
        {
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && !char.IsWhiteSpace(text[i])) continue;
                if (i > start)
                {
                    tokens.Add(new Token(text[start..i], face, size, url, pendingSpace && tokens.Count > 0, false));
                    pendingSpace = false;
                }
                if (i < text.Length) pendingSpace = true;
                start = i + 1;
            }
        }
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextRun run:
                    AddWords(run.Text, (run.Bold, run.Italic) switch
                    {
                        (true, true) => FontFace.BoldItalic,
                        (true, false) => FontFace.Bold,
                        (false, true) => FontFace.Italic,
                        _ => FontFace.Regular,
                    }, null);
                    break;
                case LinkRun link:
                    AddWords(link.Text, FontFace.Regular, link.Url);
                    break;
                case FootnoteRun note:
                    var number = ++noteCount;
                    noteRuns[number] = note;
                    tokens.Add(new Token(number.ToString(CultureInfo.InvariantCulture), FontFace.Regular, size * 0.65, null, false, true, number));
                    break;
                case TotalPagesRun:
                    // The same phrase as the HTML and Markdown editions ("15 pages"), so the wording reads alike in each.
                    AddWords(ReportText.TotalPages(totalPages), FontFace.Regular, null);
                    break;
                default:
                    throw new NotSupportedException($"Unknown inline {inline.GetType().Name}.");
            }
        }
        return tokens;
    }

    private List<Line> Wrap(List<Token> tokens, double width)
    {
        var lines = new List<Line>();
        var current = new List<Token>();
        double used = 0;
        foreach (var original in tokens)
        {
            foreach (var token in SplitTooLong(original, width))
            {
                var space = token.SpaceBefore && current.Count > 0 ? fonts.Measure(" ", token.Face, token.Size) : 0;
                var w = fonts.Measure(token.Text, token.Face, token.Size);
                if (current.Count > 0 && used + space + w > width)
                {
                    lines.Add(new Line(current));
                    current = [];
                    used = 0;
                    space = 0;
                }
                current.Add(current.Count == 0 ? token with { SpaceBefore = false } : token);
                used += space + w;
            }
        }
        if (current.Count > 0 || lines.Count == 0) lines.Add(new Line(current));
        return lines;
    }

    // A long URL or identifier would overflow its column; break it between characters instead.
    private IEnumerable<Token> SplitTooLong(Token token, double width)
    {
        if (fonts.Measure(token.Text, token.Face, token.Size) <= width)
        {
            yield return token;
            yield break;
        }
        var start = 0;
        var first = true;
        for (var end = 1; end <= token.Text.Length; end++)
        {
            if (end < token.Text.Length && fonts.Measure(token.Text[start..(end + 1)], token.Face, token.Size) <= width) continue;
            yield return token with { Text = token.Text[start..end], SpaceBefore = first && token.SpaceBefore };
            first = false;
            start = end;
        }
    }

    /// <summary>Draws a line with its baseline at <paramref name="baseline"/>; returns where it ends.</summary>
    private double DrawLine(Line line, double x, double baseline)
    {
        foreach (var token in line.Tokens)
        {
            if (token.SpaceBefore) x += fonts.Measure(" ", token.Face, token.Size);
            var w = fonts.Measure(token.Text, token.Face, token.Size);
            var ty = token.Superscript ? baseline - BodySize * 0.35 : baseline;
            var color = token.Url is null ? Black : LinkBlue;
            Emit(x, ty, token.Text, token.Face, token.Size, color);
            if (token.Url is not null)
            {
                page.Ops.Add(new LineOp(x, baseline + 1.2, x + w, baseline + 1.2, 0.4, LinkBlue));
                page.Ops.Add(new WebLinkOp(new XRect(x, baseline - token.Size, w, token.Size * 1.3), token.Url));
            }
            x += w;
        }
        return x;
    }

    private void Emit(double x, double baseline, string text, FontFace face, double size, XColor color) =>
        page.Ops.Add(new TextOp(x, baseline, text, face, size, color));
}

/// <summary>The fonts in use, cached per face and size, with a measuring context.</summary>
internal sealed class FontCatalog : IDisposable
{
    private readonly Dictionary<(FontFace, double), XFont> cache = [];
    private readonly Dictionary<(string, FontFace, double), double> widths = [];
    private readonly XGraphics measure = XGraphics.CreateMeasureContext(new XSize(PdfLayout.PageWidth, PdfLayout.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);

    public XFont Get(FontFace face, double size)
    {
        if (cache.TryGetValue((face, size), out var font)) return font;
        var style = face switch
        {
            FontFace.Bold => XFontStyleEx.Bold,
            FontFace.Italic => XFontStyleEx.Italic,
            FontFace.BoldItalic => XFontStyleEx.BoldItalic,
            _ => XFontStyleEx.Regular,
        };
        font = new XFont(DejaVuFontResolver.Family, size, style, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
        cache[(face, size)] = font;
        return font;
    }

    public double Measure(string text, FontFace face, double size)
    {
        if (widths.TryGetValue((text, face, size), out var w)) return w;
        w = measure.MeasureString(text, Get(face, size)).Width;
        widths[(text, face, size)] = w;
        return w;
    }

    public void Dispose() => measure.Dispose();
}
