using System.Globalization;
using System.Text;
using Adhere.Core.Reports;
using Adhere.Domain.Reports;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Outline;

namespace Adhere.Web.Tests.Reports;

public sealed class PdfReportRendererTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 6, 15, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Render_LongReport_CoverShowsTheFacts()
    {
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(CreateReport()));

        var cover = Text(pdf.GetPage(1));
        Assert.Contains("Verification of Declaration of Adherence", cover, StringComparison.Ordinal);
        Assert.Contains("Example Cloud GmbH", cover, StringComparison.Ordinal);
        Assert.Contains("EU Cloud CoC v2.11", cover, StringComparison.Ordinal);
        Assert.Contains("2026LVL02SCOPE013", cover, StringComparison.Ordinal);
        Assert.Contains("15 June 2026", cover, StringComparison.Ordinal);
        Assert.Contains("14 June 2027", cover, StringComparison.Ordinal);
        Assert.Contains("SCOPE Europe", cover, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", cover, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongReport_HasAboutFifteenPages()
    {
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(CreateReport()));

        Assert.InRange(pdf.NumberOfPages, 12, 25);
    }

    [Fact]
    public void Render_LongReport_TableOfContentsPointsToThePageOfEachHeading()
    {
        var report = CreateReport();
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(report));
        var headings = report.Body.OfType<Heading>().Where(h => h.Level <= 3).ToList();

        var tocLines = Enumerable.Range(2, 3).SelectMany(p => Lines(pdf.GetPage(p))).ToList();
        foreach (var heading in headings)
        {
            var entry = tocLines.FirstOrDefault(l => l.Text.StartsWith($"{heading.Number} {heading.Text} ", StringComparison.Ordinal));
            Assert.True(entry is not null, $"TOC entry for {heading.Number} missing");
            var printed = int.Parse(entry.Text.Split(' ')[^1], CultureInfo.InvariantCulture);

            var actual = Enumerable.Range(1, pdf.NumberOfPages).First(p => Lines(pdf.GetPage(p))
                .Any(l => l.IsHeading && l.Text == $"{heading.Number} {heading.Text}"));
            Assert.Equal(actual, printed);
        }
    }

    [Fact]
    public void Render_LongReport_BookmarksNestEveryHeading()
    {
        var report = CreateReport();
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(report));

        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var nodes = bookmarks.GetNodes().ToList();
        var expected = report.Body.OfType<Heading>().Select(h => $"{h.Number} {h.Text}").ToList();
        Assert.Equal(expected, nodes.Select(n => n.Title).ToList());
        var servicesBookmark = Assert.Single(bookmarks.Roots, r => r.Title == "2 List of declared services");
        Assert.Equal(15, servicesBookmark.Children.Count);
        Assert.All(nodes.OfType<DocumentBookmarkNode>(), n => Assert.InRange(n.PageNumber, 2, pdf.NumberOfPages));
    }

    [Fact]
    public void Render_LongReport_FontsAreEmbeddedDejaVu()
    {
        var bytes = PdfReportRenderer.Render(CreateReport());
        using var pdf = PdfDocument.Open(bytes);

        var fontNames = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.All(fontNames, n => Assert.Contains("+DejaVu Sans", n, StringComparison.Ordinal));
        Assert.Contains(fontNames, n => n!.EndsWith("DejaVu Sans,Bold", StringComparison.Ordinal));
        Assert.Contains(fontNames, n => n!.Contains("Oblique", StringComparison.Ordinal));
        // One embedded TrueType program per face in use.
        var raw = Encoding.Latin1.GetString(bytes);
        Assert.Equal(fontNames.Count, CountOf(raw, "/FontFile2"));
    }

    [Fact]
    public void Render_LongReport_StatedTotalAndFootersMatchRealPageCount()
    {
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(CreateReport()));
        var total = pdf.NumberOfPages;

        var all = string.Join("\n", pdf.GetPages().Select(Text));
        Assert.Contains($"This report has {total} pages.", all, StringComparison.Ordinal);
        for (var n = 2; n <= total; n++)
        {
            var lines = Lines(pdf.GetPage(n));
            Assert.Equal($"{n} | {total}", lines[^1].Text);
            Assert.Equal("Verification report · Example Cloud GmbH · EU Cloud CoC v2.11", lines[0].Text);
        }
    }

    [Fact]
    public void Render_LongReport_FootnotesAreAtTheBottomOfTheirPage()
    {
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(CreateReport()));

        for (var i = 1; i <= 3; i++)
        {
            var page = pdf.GetPages().Single(p => Text(p).Contains($"Noted-claim-{i}", StringComparison.Ordinal));
            var lines = Lines(page);
            var note = lines.FindIndex(l => l.Text.StartsWith($"{i} Source number {i}", StringComparison.Ordinal));
            Assert.True(note > lines.FindIndex(l => l.Text.Contains($"Noted-claim-{i}", StringComparison.Ordinal)), $"footnote {i} not below its reference");
            Assert.True(lines[note].Bottom < 200, $"footnote {i} not at the page bottom");
        }
        var linked = pdf.GetPages().SelectMany(p => p.GetHyperlinks()).Select(h => h.Uri).ToList();
        Assert.Contains("https://eucoc.cloud/source-2", linked);
        Assert.Contains("https://scope-europe.eu", linked);
    }

    [Fact]
    public void Render_LongReport_TablesRepeatTheirHeaderOnEveryPage()
    {
        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(CreateReport()));

        var controlPages = pdf.GetPages().Where(p => Text(p).Contains("CONTROL-", StringComparison.Ordinal)).ToList();
        Assert.True(controlPages.Count >= 2, "the control table should span pages for this test to mean anything");
        Assert.All(controlPages, p => Assert.Contains("Control Requirement Finding", Text(p), StringComparison.Ordinal));
        Assert.Contains("CONTROL-33", string.Join(" ", controlPages.Select(Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameDocumentTwice_GivesIdenticalBytes()
    {
        var first = PdfReportRenderer.Render(CreateReport());
        var second = PdfReportRenderer.Render(CreateReport());

        Assert.Equal(first, second);
        var raw = Encoding.Latin1.GetString(first);
        Assert.Contains("D:20260615103000", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Draft_SaysDraftOnCoverAndPages()
    {
        var report = CreateReport() with
        {
            Cover = CreateReport().Cover with { IsDraft = true, VerificationId = null, ApprovedOn = null, ValidUntil = null },
        };

        using var pdf = PdfDocument.Open(PdfReportRenderer.Render(report));

        Assert.Contains("DRAFT", Text(pdf.GetPage(1)), StringComparison.Ordinal);
        Assert.All(pdf.GetPages().Skip(1), p => Assert.StartsWith("DRAFT", Lines(p)[0].Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Sample_WritesFileWhenAsked()
    {
        // Lets a developer look at the layout: ADHERE_PDF_SAMPLE=/tmp/report-sample.pdf dotnet test ...
        var path = Environment.GetEnvironmentVariable("ADHERE_PDF_SAMPLE");
        if (string.IsNullOrEmpty(path)) return;
        File.WriteAllBytes(path, PdfReportRenderer.Render(CreateReport()));
        Assert.True(File.Exists(path));
    }

    private sealed record TextLine(string Text, double Bottom, bool IsHeading);

    private static string Text(Page page) => string.Join(" ", Lines(page).Select(l => l.Text));

    private static List<TextLine> Lines(Page page) =>
        [.. page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom / 2))
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var words = g.OrderBy(w => w.BoundingBox.Left).ToList();
                var isHeading = words[0].Letters.All(l => l.PointSize >= 11 && (l.FontName ?? "").Contains("Bold", StringComparison.Ordinal));
                return new TextLine(string.Join(" ", words.Select(w => w.Text)), g.Key * 2, isHeading);
            })];

    private static int CountOf(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static ReportDocument CreateReport()
    {
        var body = new List<ReportBlock>
        {
            new TableOfContents("Table of Contents"),
            new Heading(1, "1", "Verification against v2.11 of the EU Cloud CoC", "sec-1"),
            new Paragraph([
                new TextRun("This Declaration of Adherence was verified against the "),
                new TextRun("European Data Protection Code of Conduct for Cloud Service Providers", Italic: true),
                new TextRun(" ('"), new TextRun("EU Cloud CoC", Bold: true), new TextRun("'), Noted-claim-1"),
                new FootnoteRun("Source number 1 explains the Code."),
                new TextRun(" in its version 2.11. Noted-claim-2"),
                new FootnoteRun("Source number 2 at", "https://eucoc.cloud/source-2"),
                new TextRun(" The Monitoring Body is "), new LinkRun("SCOPE Europe", "https://scope-europe.eu"), new TextRun("."),
            ]),
            new Heading(1, "2", "List of declared services", "sec-2"),
        };
        for (var c = 1; c <= 15; c++)
        {
            body.Add(new Heading(2, $"2.{c}", $"Category {c}", $"sec-2-{c}"));
            body.Add(Paragraph.Of($"The services of category {c} as declared by the company, with their scope and the regions in which they are offered to customers."));
            body.Add(new Table(["Service", "Description"],
                [.. Enumerable.Range(1, 10).Select(s => (IReadOnlyList<string>)[$"Service {c}.{s}", $"A managed service number {s} of category {c} that customers use to store, process and move their personal data in the cloud."])],
                [1, 2]));
        }
        body.Add(new Heading(1, "3", "Assessment", "sec-3"));
        body.Add(new Heading(2, "3.1", "Examined controls", "sec-3-1"));
        body.Add(new Heading(3, "3.1.1", "Controls and findings", "sec-3-1-1"));
        body.Add(new Table(["Control", "Requirement", "Finding"],
            [.. Enumerable.Range(1, 33).Select(i => (IReadOnlyList<string>)[$"CONTROL-{i}", $"The provider shall document requirement {i} and keep the records available for the Monitoring Body at all times.", i % 3 == 0 ? "Compliant; the evidence was complete and current." : "Compliant."])],
            [1, 3, 2]));
        body.Add(new Paragraph([new TextRun("The assessment closes with Noted-claim-3"), new FootnoteRun("Source number 3 is the assessment record.")]));
        body.Add(new BulletList([
            [new TextRun("First finding, "), new TextRun("in bold", Bold: true)],
            [new TextRun("Second finding, "), new TextRun("in italics", Italic: true)],
        ]));
        body.Add(new Heading(1, "4", "Validity", "sec-4"));
        body.Add(new Paragraph([new TextRun("This report has "), new TotalPagesRun(), new TextRun(".")]));

        return new ReportDocument(
            new ReportCover("Verification of Declaration of Adherence", "Example Cloud GmbH", "EU Cloud CoC v2.11",
                "2026LVL02SCOPE013", new DateOnly(2026, 6, 15), new DateOnly(2027, 6, 14), "SCOPE Europe", IsDraft: false),
            "Verification report · Example Cloud GmbH · EU Cloud CoC v2.11",
            body,
            CreatedAt,
            "0123456789abcdef0123456789abcdef");
    }
}
