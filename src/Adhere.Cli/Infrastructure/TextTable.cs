using System.Globalization;

namespace Adhere.Cli.Infrastructure;

/// <summary>Plain, left-aligned columns separated by two spaces; readable in a terminal and easy to cut.</summary>
public static class TextTable
{
    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(headers);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]));
            await writer.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>An instant as ISO 8601 UTC to the second, the same on every machine.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
