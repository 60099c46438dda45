using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Adhere.Domain.Assessments.Selection;

namespace Adhere.Domain.Assessments.Coverage;

/// <summary>Options of <see cref="CoverageHeatMap.Render"/>.</summary>
/// <param name="Title">The picture's title (e.g. the provider's name), shown at the top and used as its accessible name.</param>
/// <param name="Years">How many calendar years to show, ending with the view date's year (1–30). Default 5.</param>
/// <param name="IdPrefix">Prefix of the element IDs (letters, digits, <c>-</c>, <c>_</c>; starting with a letter), so that several maps can share a page.</param>
public sealed record HeatMapOptions(string Title, int Years = 5, string IdPrefix = "coverage-heat-map");

/// <summary>
/// Renders a <see cref="CoverageView"/> as a standalone SVG heat map: one row per control, grouped under its top-level
/// section's label, one column per calendar year, and a last column saying what the cycle still owes.
/// </summary>
/// <remarks>
/// Readable without colour: an examined cell is filled with its reason's colour <i>and</i> carries the reason's letter
/// (<see cref="Letter"/>); a cell not examined is white and empty. Every cell has a <c>&lt;title&gt;</c> tooltip with
/// the dates and reasons, and the SVG has <c>role="img"</c>, a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c> tied by
/// <c>aria-labelledby</c>, and a legend. Cells are <c>g</c> elements of class <c>cell</c> (plus <c>examined</c>) with
/// <c>data-control</c> and <c>data-year</c>. All text is XML-escaped; the output depends only on the inputs (invariant
/// culture, fixed layout), byte for byte.
/// </remarks>
public static class CoverageHeatMap
{
    private const int Margin = 16;
    private const int LabelWidth = 110;
    private const int CellWidth = 34;
    private const int CellHeight = 18;
    private const int Pitch = 2;
    private const int DueWidth = 150;
    private const int SectionHeight = 24;
    private const int LegendRow = 20;

    /// <summary>
    /// The letter marking an examined cell: A attention, R rotation, W weak evidence, X random draw, M added by the
    /// assessor (manual), E examined with no recorded reason. A year with several examinations shows the first in this order.
    /// </summary>
    public static char Letter(SelectionReason? reason) => reason switch
    {
        SelectionReason.Attention => 'A',
        SelectionReason.Rotation => 'R',
        SelectionReason.WeakEvidence => 'W',
        SelectionReason.Random => 'X',
        SelectionReason.Assessor => 'M',
        _ => 'E',
    };

    /// <summary>Renders the heat map of <paramref name="view"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="HeatMapOptions.Years"/> outside 1–30.</exception>
    /// <exception cref="ArgumentException">A blank title or an ID prefix that is not a plain XML name.</exception>
    public static string Render(CoverageView view, HeatMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Years is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(options), options.Years, "Show 1 to 30 years.");
        if (string.IsNullOrWhiteSpace(options.Title)) throw new ArgumentException("The heat map needs a title.", nameof(options));
        if (string.IsNullOrEmpty(options.IdPrefix) || !char.IsAsciiLetter(options.IdPrefix[0])
            || !options.IdPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("The ID prefix must start with a letter and hold only letters, digits, '-' and '_'.", nameof(options));
        }

        var lastYear = view.AsOf.Year;
        var firstYear = lastYear - options.Years + 1;
        var years = Enumerable.Range(firstYear, options.Years).ToList();
        var controls = view.Controls.ToList();

        var gridX = Margin + LabelWidth;
        var dueX = gridX + (years.Count * (CellWidth + Pitch)) + 8;
        var width = Math.Max(dueX + DueWidth + Margin, 520);
        var gridTop = 84;
        var gridHeight = (view.Sections.Count * SectionHeight) + (controls.Count * (CellHeight + Pitch));
        var legendTop = gridTop + gridHeight + 24;
        var legendEntries = SelectionReasons.All.Count + 3;
        var height = legendTop + 22 + (legendEntries * LegendRow) + Margin;

        var titleId = options.IdPrefix + "-title";
        var descId = options.IdPrefix + "-desc";
        var svg = new StringBuilder();
        Line(svg, Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{titleId} {descId}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">");
        Line(svg, Inv, $"  <title id=\"{titleId}\">{Escape(options.Title)}</title>");
        Line(svg, Inv, $"  <desc id=\"{descId}\">{Escape(Description(view, controls.Count, firstYear, lastYear))}</desc>");
        Line(svg, Inv, $"  <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        Line(svg, Inv, $"  <text x=\"{Margin}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{Escape(options.Title)}</text>");
        Line(svg, Inv, $"  <text x=\"{Margin}\" y=\"48\">{Escape(Subtitle(view, firstYear, lastYear))}</text>");

        Line(svg, "  <g class=\"header\" font-weight=\"bold\">");
        Line(svg, Inv, $"    <text x=\"{Margin}\" y=\"76\">Control</text>");
        for (var i = 0; i < years.Count; i++)
        {
            Line(svg, Inv, $"    <text x=\"{gridX + (i * (CellWidth + Pitch)) + (CellWidth / 2)}\" y=\"76\" text-anchor=\"middle\">{years[i]}</text>");
        }

        Line(svg, Inv, $"    <text x=\"{dueX}\" y=\"76\">Next examination due</text>");
        Line(svg, "  </g>");

        var y = gridTop;
        foreach (var section in view.Sections)
        {
            Line(svg, Inv, $"  <g class=\"section\" data-section=\"{Escape(section.Section)}\">");
            Line(svg, Inv, $"    <text class=\"section-label\" x=\"{Margin}\" y=\"{y + 16}\" font-weight=\"bold\">{Escape("Section " + section.Label)}</text>");
            Line(svg, Inv, $"    <line x1=\"{Margin}\" y1=\"{y + SectionHeight - 3}\" x2=\"{width - Margin}\" y2=\"{y + SectionHeight - 3}\" stroke=\"#888888\" stroke-width=\"1\"/>");
            y += SectionHeight;
            foreach (var control in section.Controls)
            {
                Row(svg, control, years, gridX, dueX, y, view.AsOf.Year);
                y += CellHeight + Pitch;
            }

            Line(svg, "  </g>");
        }

        Legend(svg, legendTop);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Row(StringBuilder svg, ControlCoverage control, List<int> years, int gridX, int dueX, int y, int currentYear)
    {
        var key = Escape(control.ControlKey);
        Line(svg, Inv, $"    <g class=\"row\" data-control=\"{key}\">");
        Line(svg, Inv, $"      <text x=\"{Margin + 8}\" y=\"{y + 13}\">{key}</text>");
        for (var i = 0; i < years.Count; i++)
        {
            var year = years[i];
            var x = gridX + (i * (CellWidth + Pitch));
            var examinations = control.ExaminedIn(year);
            if (examinations.Count == 0)
            {
                Line(svg, Inv, $"      <g class=\"cell\" data-control=\"{key}\" data-year=\"{year}\"><title>{key}, {year}: not examined</title><rect x=\"{x}\" y=\"{y}\" width=\"{CellWidth}\" height=\"{CellHeight}\" fill=\"#ffffff\" stroke=\"#999999\"/></g>");
                continue;
            }

            var primary = examinations.Select(e => e.Reason).OrderBy(r => r ?? (SelectionReason)int.MaxValue).First();
            var tooltip = string.Join("; ", examinations.Select(e => e.Reason is { } r
                ? $"examined on {Day(e.On)} ({r.Describe()})"
                : $"examined on {Day(e.On)} (reason not recorded)"));
            Line(svg, Inv, $"      <g class=\"cell examined\" data-control=\"{key}\" data-year=\"{year}\" data-reason=\"{(primary is { } p ? p.ToCode() : "unrecorded")}\"><title>{key}, {year}: {Escape(tooltip)}</title><rect x=\"{x}\" y=\"{y}\" width=\"{CellWidth}\" height=\"{CellHeight}\" fill=\"{Colour(primary)}\" stroke=\"#333333\"/><text x=\"{x + (CellWidth / 2)}\" y=\"{y + 13}\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\">{Letter(primary)}</text></g>");
        }

        var (due, status) = control.Status switch
        {
            CoverageStatus.Overdue => (string.Create(CultureInfo.InvariantCulture, $"OVERDUE (was due {control.DueYear})"), "overdue"),
            CoverageStatus.DueThisYear => (string.Create(CultureInfo.InvariantCulture, $"due this year ({control.DueYear})"), "due-this-year"),
            _ => (string.Create(CultureInfo.InvariantCulture, $"by {control.DueYear}"), "covered"),
        };
        var weight = control.Status == CoverageStatus.Covered || control.DueYear > currentYear ? "normal" : "bold";
        Line(svg, Inv, $"      <text class=\"due\" data-status=\"{status}\" x=\"{dueX}\" y=\"{y + 13}\" font-weight=\"{weight}\">{Escape(due)}</text>");
        Line(svg, "    </g>");
    }

    private static void Legend(StringBuilder svg, int top)
    {
        Line(svg, "  <g class=\"legend\">");
        Line(svg, Inv, $"    <text x=\"{Margin}\" y=\"{top + 12}\" font-weight=\"bold\">Legend</text>");
        var y = top + 22;
        foreach (var reason in SelectionReasons.All.Cast<SelectionReason?>().Append(null))
        {
            var label = reason is { } r ? $"examined: {r.Describe()}" : "examined: reason not recorded";
            Line(svg, Inv, $"    <g class=\"legend-entry\" data-letter=\"{Letter(reason)}\"><rect x=\"{Margin}\" y=\"{y}\" width=\"{CellWidth}\" height=\"{CellHeight - 2}\" fill=\"{Colour(reason)}\" stroke=\"#333333\"/><text x=\"{Margin + (CellWidth / 2)}\" y=\"{y + 12}\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\">{Letter(reason)}</text><text x=\"{Margin + CellWidth + 8}\" y=\"{y + 12}\">{Letter(reason)} = {Escape(label)}</text></g>");
            y += LegendRow;
        }

        Line(svg, Inv, $"    <g class=\"legend-entry\" data-letter=\"\"><rect x=\"{Margin}\" y=\"{y}\" width=\"{CellWidth}\" height=\"{CellHeight - 2}\" fill=\"#ffffff\" stroke=\"#999999\"/><text x=\"{Margin + CellWidth + 8}\" y=\"{y + 12}\">empty = not examined that year</text></g>");
        y += LegendRow;
        Line(svg, Inv, $"    <text x=\"{Margin}\" y=\"{y + 12}\">Last column: the year by which the cycle needs the next examination; OVERDUE when that year has passed.</text>");
        Line(svg, "  </g>");
    }

    private static string Description(CoverageView view, int controls, int firstYear, int lastYear)
    {
        var letters = string.Join(", ", SelectionReasons.All.Select(r => $"{Letter(r)} {r.Describe()}")) + $", {Letter(null)} reason not recorded";
        return string.Create(CultureInfo.InvariantCulture,
            $"Examinations of {controls} controls in {view.Sections.Count} sections per calendar year from {firstYear} to {lastYear}, as of {Day(view.AsOf)}, with a {view.CycleYears}-year cycle. A cell with a letter means the control was examined in depth that year; the letter gives the reason ({letters}). An empty cell means not examined that year. The last column gives the year by which the cycle needs the next examination: {view.Overdue} overdue, {view.DueThisYear} due this year.");
    }

    private static string Subtitle(CoverageView view, int firstYear, int lastYear) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Controls examined in depth per year, {firstYear}–{lastYear}; {view.CycleYears}-year cycle; as of {Day(view.AsOf)}; {view.Overdue} overdue, {view.DueThisYear} due this year.");

    // Dark fills so that the white letters keep a contrast of at least 4.5:1.
    private static string Colour(SelectionReason? reason) => reason switch
    {
        SelectionReason.Attention => "#a3261e",
        SelectionReason.Rotation => "#1f5fa8",
        SelectionReason.WeakEvidence => "#7a4f00",
        SelectionReason.Random => "#2f6b2f",
        SelectionReason.Assessor => "#5e3a91",
        _ => "#555555",
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static void Line(StringBuilder svg, string text) => svg.Append(text).Append('\n');

    // Appends an interpolated line formatted with the invariant culture (coordinates and years never take the server's culture).
    private static void Line(StringBuilder svg, IFormatProvider provider, [InterpolatedStringHandlerArgument("svg", "provider")] ref StringBuilder.AppendInterpolatedStringHandler line) =>
        svg.Append('\n');

    // Escapes markup and drops characters XML 1.0 cannot carry, so any catalogue text gives a well-formed document.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                case '\t' or '\n' or '\r': escaped.Append(' '); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}
