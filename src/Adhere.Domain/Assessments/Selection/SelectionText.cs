using System.Globalization;

namespace Adhere.Domain.Assessments.Selection;

// Explanations never depend on the server's culture.
internal static class SelectionText
{
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Settings shown as set: 0.3 → "30", 0.125 → "12.5".
    public static string Share(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture);

    // Truncated, never rounded up, so that a share just below a minimum never reads as reaching it.
    public static string Percent(int part, int whole) =>
        whole == 0 ? "0.0" : (Math.Floor(part * 1000m / whole) / 10m).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Controls(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "control" : "controls")}");

    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
