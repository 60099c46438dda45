using System.Globalization;
using System.Security;
using System.Text;
using Adhere.Domain.Complaints;

namespace Adhere.Web.Complaints;

/// <summary>
/// A horizontal bar chart as inline SVG, for the yearly complaints summary: one row per count, its label on the left,
/// the value after the bar. The SVG has <c>role="img"</c> and a <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c> tied by
/// <c>aria-labelledby</c>; the page shows the same figures in a table, so no reader depends on the picture. Labels are
/// XML-escaped; the output depends only on the inputs.
/// </summary>
public static class BarChartSvg
{
    private const int LabelWidth = 210;
    private const int BarSpace = 300;
    private const int ValueWidth = 50;
    private const int Row = 24;
    private const int BarHeight = 16;
    private const int Top = 30;

    /// <param name="id">A plain XML name (letters, digits, hyphens), unique on the page.</param>
    public static string Render(string id, string title, IReadOnlyList<(string Label, int Value)> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(rows);
        if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) throw new ArgumentException("The chart's ID must be a plain XML name.", nameof(id));

        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Value));
        var width = LabelWidth + BarSpace + ValueWidth;
        var height = Top + (Math.Max(rows.Count, 1) * Row) + 8;
        var description = rows.Count == 0 ? "No data." : string.Join("; ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Label}: {r.Value}")));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" font-size="13">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Escape(title)}</title><desc id="{id}-desc">{Escape(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="16" font-weight="bold" fill="#1b1b1b">{Escape(title)}</text>""");
        if (rows.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="{Top + 16}" fill="#1b1b1b">No data for this year.</text>""");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = rows[i];
            var y = Top + (i * Row);
            var length = value <= 0 ? 0 : Math.Max(2, (int)Math.Round((double)value / max * BarSpace));
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="bar" data-label="{Escape(label)}" data-value="{value}">""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth - 8}" y="{y + 13}" text-anchor="end" fill="#1b1b1b">{Escape(label)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{LabelWidth}" y="{y}" width="{length}" height="{BarHeight}" fill="#1d4f91"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth + length + 6}" y="{y + 13}" fill="#1b1b1b">{value}</text></g>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The rows of a broken-down figure.</summary>
    public static IReadOnlyList<(string Label, int Value)> Rows(IEnumerable<NamedCount> counts, Func<string, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return [.. counts.Select(c => (label?.Invoke(c.Name) ?? c.Name, c.Count))];
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
