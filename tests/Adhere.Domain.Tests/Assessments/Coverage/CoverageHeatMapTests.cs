using System.Globalization;
using System.Xml.Linq;
using Adhere.Domain.Assessments.Coverage;
using Adhere.Domain.Assessments.Selection;
using static Adhere.Domain.Tests.Assessments.Selection.SelectionTestData;

namespace Adhere.Domain.Tests.Assessments.Coverage;

public sealed class CoverageHeatMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly DateOnly AsOf = new(2026, 5, 1);

    private static readonly Examination[] History =
    [
        new("5.1.A", new DateOnly(2022, 4, 1), SelectionReason.Random),
        new("5.1.A", new DateOnly(2025, 4, 1), SelectionReason.Rotation),
        new("5.1.B", new DateOnly(2024, 4, 1), SelectionReason.WeakEvidence),
        new("5.1.B", new DateOnly(2024, 9, 1), SelectionReason.Attention),
        new("6.1.A", new DateOnly(2026, 4, 1), SelectionReason.Assessor),
        new("6.1.B", new DateOnly(2023, 4, 1)),
        new("6.1.B", new DateOnly(2026, 6, 1), SelectionReason.Rotation),
    ];

    private static CoverageView View() =>
        CoverageView.Compute(CatalogueOf(("5.1", 3), ("6.1", 2)), History, AsOf, cycleStart: new DateOnly(2022, 4, 1),
            sectionTitles: new Dictionary<string, string> { ["5"] = "Data protection", ["6"] = "Security" });

    private static XElement Render(CoverageView? view = null, int years = 5, string title = "Example Cloud") =>
        XElement.Parse(CoverageHeatMap.Render(view ?? View(), new HeatMapOptions(title, years)));

    private static List<XElement> Cells(XElement svg) =>
        [.. svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("cell") == true)];

    [Fact]
    public void Render_IsAnAccessibleStandaloneSvg()
    {
        var svg = Render();

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        var labelledBy = ((string?)svg.Attribute("aria-labelledby"))!.Split(' ');
        Assert.Equal(2, labelledBy.Length);
        Assert.All(labelledBy, id => Assert.Single(svg.Descendants(), e => (string?)e.Attribute("id") == id));
        Assert.Equal("Example Cloud", svg.Element(Svg + "title")?.Value);
        Assert.Contains("5 controls in 2 sections per calendar year from 2022 to 2026", svg.Element(Svg + "desc")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneCellPerControlAndYear()
    {
        var cells = Cells(Render());

        Assert.Equal(5 * 5, cells.Count);
        var pairs = cells.Select(c => ((string?)c.Attribute("data-control"), (string?)c.Attribute("data-year"))).ToHashSet();
        Assert.Equal(25, pairs.Count);
        Assert.Contains(("6.1.B", "2022"), pairs);
    }

    [Fact]
    public void Render_ExactlyTheExaminedCellsCarryTheReasonLetter()
    {
        var cells = Cells(Render());

        var marked = cells.Where(c => c.Element(Svg + "text") is not null)
            .ToDictionary(c => $"{c.Attribute("data-control")?.Value}@{c.Attribute("data-year")?.Value}", c => c.Element(Svg + "text")!.Value);
        // 6.1.B's examination of 2026-06-01 lies after the view date, so 2026 stays empty for it.
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["5.1.A@2022"] = "X",
                ["5.1.A@2025"] = "R",
                ["5.1.B@2024"] = "A",
                ["6.1.A@2026"] = "M",
                ["6.1.B@2023"] = "E",
            },
            marked);
        Assert.All(cells.Where(c => c.Element(Svg + "text") is null), c => Assert.DoesNotContain("examined", ((string?)c.Attribute("class"))!.Split(' ')));
        Assert.Equal("5.1.B, 2024: examined on 2024-04-01 (weak evidence); examined on 2024-09-01 (attention topic)",
            cells.Single(c => (string?)c.Attribute("data-control") == "5.1.B" && (string?)c.Attribute("data-year") == "2024").Element(Svg + "title")?.Value);
    }

    [Fact]
    public void Render_LegendExplainsEveryLetterAndTheEmptyCell()
    {
        var legend = Render().Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");

        var letters = legend.Elements(Svg + "g").Select(g => (string?)g.Attribute("data-letter")).ToList();
        Assert.Equal(["A", "R", "W", "X", "M", "E", ""], letters);
        Assert.Contains("W = examined: weak evidence", legend.Value, StringComparison.Ordinal);
        Assert.Contains("empty = not examined that year", legend.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SectionLabelsAndDueColumn()
    {
        var svg = Render();

        var labels = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "section-label").Select(t => t.Value);
        Assert.Equal(["Section 5 – Data protection", "Section 6 – Security"], labels);
        var due = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "due").Select(t => t.Value).ToList();
        // 5.1.A examined 2025 → 2028; 5.1.B 2024 → 2027; 5.1.C never, cycle from 2022 → 2024, overdue; 6.1.A 2026 → 2029; 6.1.B 2023 → 2026.
        Assert.Equal(["by 2028", "by 2027", "OVERDUE (was due 2024)", "by 2029", "due this year (2026)"], due);
    }

    [Fact]
    public void Render_TitleWithMarkup_IsEscaped()
    {
        var svg = Render(title: "R&D <Cloud> \"EU\" 'B'\u0001");

        Assert.Equal("R&D <Cloud> \"EU\" 'B'", svg.Element(Svg + "title")?.Value);
    }

    [Fact]
    public void Render_SameInput_SameBytesWhateverTheCulture()
    {
        var options = new HeatMapOptions("Example Cloud", 4);
        var first = CoverageHeatMap.Render(View(), options);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            Assert.Equal(first, CoverageHeatMap.Render(View(), options));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_DemoCatalogueAfterSixYears_ParsesWithACellPerControlAndYear()
    {
        var controls = Demo();
        var history = new List<Examination>();
        for (var year = 2021; year <= 2026; year++)
        {
            history.AddRange(ControlSelector.Select(Input(year == 2021 ? SelectionKind.Initial : SelectionKind.Recurring, controls, year, new DateOnly(year, 2, 1), history)).ToExaminations());
        }

        var svg = Render(CoverageView.Compute(controls, history, new DateOnly(2026, 2, 1)), years: 6);

        var cells = Cells(svg);
        Assert.Equal(69 * 6, cells.Count);
        Assert.Equal(history.Select(e => (e.ControlKey, e.On.Year)).Distinct().Count(), cells.Count(c => c.Element(Svg + "text") is not null));
    }

    [Theory]
    [InlineData(0, "ok")]
    [InlineData(31, "ok")]
    [InlineData(5, "1bad")]
    [InlineData(5, "bad id")]
    public void Render_BadOptions_Throws(int years, string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => CoverageHeatMap.Render(View(), new HeatMapOptions("T", years, prefix)));
    }
}
