using System.Globalization;
using Adhere.Domain.Reports;

namespace Adhere.Core.Reports;

/// <summary>What the HTML and Markdown renderers share: footnote numbering, the page-count phrase and cover dates.</summary>
internal static class ReportText
{
    public static string TotalPages(int? totalPages) =>
        totalPages is { } n ? $"{n.ToString(CultureInfo.InvariantCulture)} page{(n == 1 ? "" : "s")}" : "the pages of its PDF edition";

    public static string Date(DateOnly? date, string missing) => date is { } d ? ReportBuilder.Date(d) : missing;

    public static IEnumerable<Heading> Headings(ReportDocument document) => document.Body.OfType<Heading>().Where(h => h.Level <= 3);
}
