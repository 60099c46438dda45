using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Adhere.Core.Reports;
using Adhere.Domain.Reports;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Outline;

namespace Adhere.Web.Tests.Reports;

/// <summary>
/// The PDF of a real assessment, driven to approval through the API, built by <see cref="ReportBuilder"/> and read back
/// with PdfPig: what a reader checks on paper (cover, contents, services, controls, page count, bookmarks, fonts).
/// </summary>
public sealed partial class ReportPdfTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    /// <summary>Services beyond "Compute" and "Storage", so section 2 has several numbered categories and runs over a page.</summary>
    private static readonly (string Category, string Name)[] MoreServices =
    [
        ("Networking", "Load Balancer"), ("Networking", "Private Network"), ("Networking", "Content Delivery"),
        ("Networking", "DNS Resolver"), ("Networking", "Site-to-Site VPN Gateway"),
        ("Databases", "Managed PostgreSQL"), ("Databases", "Document Store"), ("Databases", "Key-Value Cache"), ("Databases", "Column Warehouse"),
        ("Security", "Key Management"), ("Security", "Web Application Firewall"), ("Security", "Identity Directory"), ("Security", "Audit Trail"),
        ("Security", "Hardware Security Module (dedicated, single-tenant)"),
    ];

    private const string FirstCategory = "Infrastructure";

    private sealed record Approved(AssessmentScenario S, Guid Assessment, JsonElement Decision, ReportDocument Report, byte[] Bytes);

    // Approving is most of this class's time; the tests that only read the report share one approval per fixture.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AdhereAppFactory, Lazy<Task<Approved>>> SharedApproval = [];

    /// <summary>The fixture's approved report, approved once; for tests that read it and change nothing.</summary>
    private Task<Approved> ApproveAsync() => SharedApproval.GetValue(app, _ => new Lazy<Task<Approved>>(ApproveNewAsync)).Value;

    /// <summary>A report of its own, for a test that goes on to change the declaration.</summary>
    private async Task<Approved> ApproveNewAsync()
    {
        var s = await AssessmentScenario.SubmittedAsync(app, FirstCategory, MoreServices);
        var id = await s.ReadyForDecisionAsync();
        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));
        var report = await BuildAsync(id);
        return new Approved(s, id, approved, report, PdfReportRenderer.Render(report));
    }

    private Task<ReportDocument> BuildAsync(Guid assessment) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<ReportBuilder>().BuildAsync(assessment, CancellationToken.None)).Value);

    [Fact]
    public async Task Render_ApprovedAssessment_CoverStatesTheFacts()
    {
        var a = await ApproveAsync();

        using var pdf = PdfDocument.Open(a.Bytes);

        var lines = Lines(pdf.GetPage(1));
        var cover = lines.Select(l => l.Text).ToList();
        var decision = a.Decision.GetProperty("decision");
        // The title is the largest type on the cover and may take two lines.
        Assert.Equal(ReportTemplateDefaults.Find("title")!.Text, string.Join(" ", lines.Where(l => l.Size >= 20).Select(l => l.Text)));
        Assert.Contains($"Declaring Company: {a.Decision.GetProperty("organisationName").GetString()}", string.Join(" ", cover), StringComparison.Ordinal);
        Assert.Contains($"Verification-ID {a.Decision.GetProperty("verificationId").GetString()}", cover);
        Assert.Contains($"Date of Approval {ReportBuilder.Date(Day(decision, "decidedOn"))}", cover);
        Assert.Contains($"Valid until {ReportBuilder.Date(Day(decision, "validUntil"))}", cover);
        Assert.DoesNotContain(cover, l => l.Contains("DRAFT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_ApprovedAssessment_ContentsListEveryHeadingWithThePageItIsOn()
    {
        var a = await ApproveAsync();

        using var pdf = PdfDocument.Open(a.Bytes);

        var headings = a.Report.Body.OfType<Heading>().Where(h => h.Level <= 3).ToList();
        var entries = ContentsEntries(pdf, headings);
        Assert.Equal(headings.Select(h => $"{h.Number} {h.Text}"), entries.Select(e => e.Title));
        foreach (var (heading, entry) in headings.Zip(entries))
            Assert.True(PageOf(pdf, heading) == entry.Page, $"{heading.Number} is listed on page {entry.Page} but printed on page {PageOf(pdf, heading)}");
        Assert.Contains(entries, e => e.Title.StartsWith("2.1.4 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_ApprovedAssessment_ListsTheDeclaredServicesUnderNumberedCategories()
    {
        var a = await ApproveAsync();
        var declaration = await HttpAssert.JsonAsync(await a.S.ProviderClient.GetAsync($"/api/v1/declarations/{a.S.DeclarationId}"));

        using var pdf = PdfDocument.Open(a.Bytes);

        var expected = declaration.GetProperty("services").EnumerateArray()
            .GroupBy(x => x.GetProperty("category").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(x => x.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList());
        var sections = Sections(pdf, a.Report).Where(x => x.Heading.Number.StartsWith("2.1.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => $"2.1.{i}"), sections.Select(x => x.Heading.Number));
        var printed = sections.ToDictionary(x => x.Heading.Text, x => Bullets(x.Lines).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), printed.Keys.Order(StringComparer.Ordinal));
        foreach (var (category, names) in expected)
            Assert.Equal(names, printed[category]);
        Assert.Equal(2 + MoreServices.Length, printed.Values.Sum(v => v.Count));
    }

    [Fact]
    public async Task Render_ApprovedAssessment_ExaminesExactlyTheFrozenSelection()
    {
        var a = await ApproveAsync();
        var selection = await HttpAssert.JsonAsync(await a.S.AssessorClient.GetAsync($"/api/v1/assessments/{a.Assessment}/selection"));

        using var pdf = PdfDocument.Open(a.Bytes);

        var examined = Sections(pdf, a.Report).Single(x => x.Heading.Number == "4.3.1").Lines
            .Where(l => l.Size < BodySize)
            .Select(l => l.Text.Split(' ')[0])
            .Where(w => ControlKey().IsMatch(w))
            .ToList();
        Assert.True(selection.GetProperty("frozenAt").ValueKind != JsonValueKind.Null, "the selection should be frozen");
        Assert.NotEmpty(examined);
        Assert.Equal(AssessmentScenario.SelectedControls(selection), examined);
    }

    [Fact]
    public async Task Render_ApprovedAssessment_StatesItsRealPageCountAndClosesWithTheVerificationId()
    {
        var a = await ApproveAsync();

        using var pdf = PdfDocument.Open(a.Bytes);

        var total = pdf.NumberOfPages;
        Assert.InRange(total, 6, 20);
        var verificationId = a.Decision.GetProperty("verificationId").GetString()!;
        var validity = string.Join(" ", Sections(pdf, a.Report).Single(x => x.Heading.Number == "6").Lines.Select(l => l.Text));
        Assert.Contains($" {total} pages.", validity, StringComparison.Ordinal);
        Assert.Contains(verificationId, validity, StringComparison.Ordinal);
        Assert.Contains(verificationId, Text(pdf.GetPage(total)), StringComparison.Ordinal);
        for (var n = 2; n <= total; n++)
        {
            var lines = Lines(pdf.GetPage(n));
            Assert.Equal(a.Report.RunningHeader, lines[0].Text);
            Assert.Equal($"{n} | {total}", lines[^1].Text);
        }
    }

    [Fact]
    public async Task Render_ApprovedAssessment_BookmarksFollowTheHeadingsToTheirPages()
    {
        var a = await ApproveAsync();

        using var pdf = PdfDocument.Open(a.Bytes);

        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var nodes = bookmarks.GetNodes().ToList();
        var headings = a.Report.Body.OfType<Heading>().ToList();
        Assert.Equal(headings.Select(h => $"{h.Number} {h.Text}"), nodes.Select(n => n.Title));
        foreach (var (heading, node) in headings.Zip(nodes))
        {
            Assert.Equal(heading.Level - 1, node.Level);
            Assert.Equal(PageOf(pdf, heading), Assert.IsType<DocumentBookmarkNode>(node).PageNumber);
        }

        var services = Assert.Single(bookmarks.Roots, r => r.Title == "2 List of declared services");
        var declared = Assert.Single(services.Children);
        Assert.Equal(4, declared.Children.Count);
    }

    [Fact]
    public async Task Render_ApprovedAssessment_EmbedsEveryFontItUses()
    {
        var a = await ApproveAsync();

        using var pdf = PdfDocument.Open(a.Bytes);

        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct(StringComparer.Ordinal).ToList();
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+DejaVu", f));
        var raw = Encoding.Latin1.GetString(a.Bytes);
        Assert.Equal(fonts.Count, CountOf(raw, "/FontFile2"));
        Assert.Equal(CountOf(raw, "/Type/FontDescriptor"), CountOf(raw, "/FontFile2"));
    }

    [Fact]
    public async Task Render_ApprovedAssessment_NamesTheCertificatesReliedOn()
    {
        var a = await ApproveAsync();
        var declaration = await HttpAssert.JsonAsync(await a.S.ProviderClient.GetAsync($"/api/v1/declarations/{a.S.DeclarationId}"));

        using var pdf = PdfDocument.Open(a.Bytes);

        var factFinding = string.Join(" ", Sections(pdf, a.Report).Single(x => x.Heading.Number == "4.1").Lines.Select(l => l.Text));
        var certificate = Assert.Single(declaration.GetProperty("certificates").EnumerateArray());
        Assert.Contains($"certificate {certificate.GetProperty("number").GetString()}", factFinding, StringComparison.Ordinal);
        Assert.Contains($"issued by {certificate.GetProperty("certificationBody").GetString()}", factFinding, StringComparison.Ordinal);
        // The standard by its title (such as ISO/IEC 27001:2022), not by its key.
        var key = certificate.GetProperty("standard").GetString()!;
        var title = await app.WithSystemAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            sp.GetRequiredService<Adhere.Core.Persistence.AdhereDb>().Standards, x => x.Key == key));
        Assert.Contains(title.Title, factFinding, StringComparison.Ordinal);
        Assert.DoesNotContain(key, factFinding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ApprovedAssessment_KeepsEveryLetterInsideTheMargins()
    {
        var a = await ApproveAsync();

        using var pdf = PdfDocument.Open(a.Bytes);

        // A4 with 2.5 cm side margins; header and footer sit in the top and bottom margins but stay 30 pt off the edge.
        const double side = 70.87, edge = 30;
        foreach (var page in pdf.GetPages())
        {
            var outside = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)
                && (l.BoundingBox.Left < side - 0.5 || l.BoundingBox.Right > page.Width - side + 0.5
                    || l.BoundingBox.Bottom < edge || l.BoundingBox.Top > page.Height - edge)).ToList();
            Assert.True(outside.Count == 0, $"page {page.Number}: '{string.Concat(outside.Take(40).Select(l => l.Value))}' lies outside the margins");
        }
    }

    [Fact]
    public async Task Render_SameAssessmentTwice_GivesIdenticalBytes()
    {
        var a = await ApproveAsync();

        var again = PdfReportRenderer.Render(await BuildAsync(a.Assessment));

        Assert.Equal(a.Bytes, again);
    }

    [Fact]
    public async Task Render_Renewal_ComparesTheServicesWithThePreviousYear()
    {
        var a = await ApproveNewAsync();
        var previous = await HttpAssert.JsonAsync(await a.S.ProviderClient.GetAsync($"/api/v1/declarations/{a.S.DeclarationId}"));
        var dropped = previous.GetProperty("services").EnumerateArray().Single(x => x.GetProperty("name").GetString() == "Key-Value Cache").GetProperty("id").GetGuid();
        var added = (await HttpAssert.JsonAsync(await a.S.ProviderClient.PostAsJsonAsync("/api/v1/services", new { name = "Object Archive", category = FirstCategory }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var renewal = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await a.S.ProviderClient.PostAsync($"/api/v1/declarations/{a.S.DeclarationId}/renewal", null), HttpStatusCode.Created));
        var kept = previous.GetProperty("services").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).Where(x => x != dropped);
        await HttpAssert.JsonAsync(await a.S.ProviderClient.PutAsJsonAsync($"/api/v1/declarations/{renewal}", new { services = kept.Append(added).ToArray() }));
        await HttpAssert.JsonAsync(await a.S.ProviderClient.PutAsJsonAsync($"/api/v1/declarations/{renewal}/renewal-statement", new
        {
            noMaterialChange = true,
            removalReasons = new Dictionary<Guid, string> { [dropped] = "Merged into the managed PostgreSQL service." },
            sameFamilyConfirmed = new[] { added },
        }));
        await HttpAssert.JsonAsync(await a.S.ProviderClient.PostAsync($"/api/v1/declarations/{renewal}/submit", null));
        var id = await a.S.ReadyForDecisionAsync(renewal);
        await HttpAssert.JsonAsync(await a.S.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));
        var report = await BuildAsync(id);
        var bytes = PdfReportRenderer.Render(report);
        WriteSample(bytes, "renewal");

        using var pdf = PdfDocument.Open(bytes);

        var factFinding = Sections(pdf, report).Single(x => x.Heading.Number == "4.1").Lines;
        var rows = factFinding.Where(l => l.Size < BodySize).Select(l => l.Text).ToList();
        Assert.Contains(rows, r => r.StartsWith("Service Category Previous", StringComparison.Ordinal));
        Assert.Contains($"Object Archive {FirstCategory} Not declared Declared", rows);
        Assert.Contains("Key-Value Cache Databases Declared Not declared", rows);
        Assert.Contains($"Compute {FirstCategory} Declared Declared", rows);
        var services = Sections(pdf, report).Where(x => x.Heading.Number.StartsWith("2.1.", StringComparison.Ordinal)).SelectMany(x => Bullets(x.Lines)).ToList();
        Assert.Contains("Object Archive", services);
        Assert.DoesNotContain("Key-Value Cache", services);
    }

    [Fact]
    public async Task Render_Sample_WritesFileWhenAsked()
    {
        // To look at a real report: ADHERE_REPORT_PDF_SAMPLE=/tmp/report dotnet test ... writes /tmp/report-approved.pdf.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SampleVariable))) return;
        var a = await ApproveAsync();
        WriteSample(a.Bytes, "approved");
        Assert.True(File.Exists($"{Environment.GetEnvironmentVariable(SampleVariable)}-approved.pdf"));
    }

    private const string SampleVariable = "ADHERE_REPORT_PDF_SAMPLE";

    private static void WriteSample(byte[] bytes, string name)
    {
        var path = Environment.GetEnvironmentVariable(SampleVariable);
        if (!string.IsNullOrEmpty(path)) File.WriteAllBytes($"{path}-{name}.pdf", bytes);
    }

    // ---- reading the PDF back ----

    private const double BodySize = 9.5;

    [GeneratedRegex("^[0-9]+\\.[0-9]+\\.[A-Z]+$")]
    private static partial Regex ControlKey();

    [GeneratedRegex("^(?<title>.*?)(?: \\.)* (?<page>[0-9]+)$")]
    private static partial Regex ContentsLine();

    private sealed record TextLine(int Page, string Text, double Bottom, double Size, bool IsHeading);

    private sealed record Section(Heading Heading, int Page, IReadOnlyList<TextLine> Lines);

    private static DateOnly Day(JsonElement e, string name) => DateOnly.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static string Text(Page page) => string.Join(" ", Lines(page).Select(l => l.Text));

    /// <summary>The page's words grouped into lines, top to bottom; a line is a heading when its first word is bold and 11 pt or larger.</summary>
    private static List<TextLine> Lines(Page page) =>
        [.. page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom / 2))
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var words = g.OrderBy(w => w.BoundingBox.Left).ToList();
                var first = words[0].Letters;
                var size = first.Max(l => l.PointSize);
                var isHeading = first.All(l => l.PointSize >= 11 && (l.FontName ?? "").Contains("Bold", StringComparison.Ordinal));
                return new TextLine(page.Number, string.Join(" ", words.Select(w => w.Text)), g.Key * 2, size, isHeading);
            })];

    /// <summary>The body lines of every page after the cover, in reading order, without running header, footer and footnotes.</summary>
    private static List<TextLine> BodyLines(PdfDocument pdf) =>
        [.. pdf.GetPages().Skip(1).SelectMany(p =>
        {
            var lines = Lines(p);
            return lines.Skip(1).Take(lines.Count - 2).Where(l => l.Size > 8.25);
        })];

    /// <summary>The page on which the heading is printed; a long heading may wrap, so the page's heading lines are read as one text.</summary>
    private static int PageOf(PdfDocument pdf, Heading heading)
    {
        var pages = pdf.GetPages().Skip(1)
            .Where(p => $" {string.Join(" ", Lines(p).Where(l => l.IsHeading).Select(l => l.Text))} ".Contains($" {heading.Number} {heading.Text} ", StringComparison.Ordinal))
            .Select(p => p.Number).ToList();
        Assert.True(pages.Count == 1, $"heading {heading.Number} is printed on pages [{string.Join(", ", pages)}]");
        return pages[0];
    }

    /// <summary>The body split at the headings of <paramref name="report"/>; each section's lines run to the next heading.</summary>
    private static List<Section> Sections(PdfDocument pdf, ReportDocument report)
    {
        var headings = report.Body.OfType<Heading>().ToList();
        var lines = BodyLines(pdf);
        var starts = new List<(Heading Heading, int Page, int Start, int Content)>();
        var at = 0;
        foreach (var heading in headings)
        {
            var page = PageOf(pdf, heading);
            var start = lines.FindIndex(at, l => l.Page == page && l.IsHeading && l.Text.StartsWith($"{heading.Number} ", StringComparison.Ordinal));
            Assert.True(start >= 0, $"heading {heading.Number} not found in the body");
            // A wrapped heading continues on heading-styled lines that do not start with a number of their own.
            at = start + 1;
            while (at < lines.Count && lines[at].IsHeading && !headings.Any(h => lines[at].Text.StartsWith($"{h.Number} ", StringComparison.Ordinal))) at++;
            starts.Add((heading, page, start, at));
        }

        return [.. starts.Select((s, i) => new Section(s.Heading, s.Page, lines[s.Content..(i + 1 < starts.Count ? starts[i + 1].Start : lines.Count)]))];
    }

    private static IEnumerable<string> Bullets(IEnumerable<TextLine> lines) =>
        lines.Where(l => l.Text.StartsWith("• ", StringComparison.Ordinal)).Select(l => l.Text[2..]);

    /// <summary>The contents pages' entries, a wrapped title joined to its first line, with the page printed after the leader dots.</summary>
    private static List<(string Title, int Page)> ContentsEntries(PdfDocument pdf, IReadOnlyList<Heading> headings)
    {
        var lines = new List<TextLine>();
        foreach (var page in pdf.GetPages().Skip(1))
        {
            var all = Lines(page);
            if (all.Any(l => l.IsHeading && l.Text.StartsWith("1 ", StringComparison.Ordinal))) break;
            lines.AddRange(all.Skip(1).Take(all.Count - 2).Where(l => !l.IsHeading));
        }

        var entries = new List<string>();
        foreach (var line in lines)
        {
            if (headings.Any(h => line.Text.StartsWith($"{h.Number} ", StringComparison.Ordinal)) || entries.Count == 0) entries.Add(line.Text);
            else entries[^1] += " " + line.Text;
        }

        return [.. entries.Select(e =>
        {
            var m = ContentsLine().Match(e);
            Assert.True(m.Success, $"contents entry without a page number: {e}");
            return (m.Groups["title"].Value, int.Parse(m.Groups["page"].Value, CultureInfo.InvariantCulture));
        })];
    }

    private static int CountOf(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
