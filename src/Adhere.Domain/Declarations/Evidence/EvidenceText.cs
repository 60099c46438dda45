using System.Globalization;

namespace Adhere.Domain.Declarations.Evidence;

// Numbers and dates in findings and explanations never depend on the server's culture.
internal static class EvidenceText
{
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Truncated, not rounded: a share just below the threshold must not read as the threshold itself (49.98 % → "49.9").
    public static string Percent(decimal share) => (Math.Floor(share * 1000m) / 10m).ToString("0.0", CultureInfo.InvariantCulture);

    // Thresholds are settings: show them as set (0.5 → "50", 0.755 → "75.5").
    public static string Threshold(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Controls(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "control" : "controls")}");

    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
