using System.Text.RegularExpressions;

namespace Adhere.Domain.Catalogue;

/// <summary>
/// Parameter insertions in control text, written as in OSCAL: <c>{{ insert: param, ac-1_prm_1 }}</c>.
/// Stored text keeps the markers; <see cref="Render"/> shows each as its value, choice or label in brackets.
/// </summary>
public static partial class ParameterText
{
    /// <summary>The parameter IDs a text inserts, in order of appearance, repeats included.</summary>
    public static IEnumerable<string> InsertedIds(string? text) =>
        text is null ? [] : InsertPattern().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>
    /// Replaces each insertion with readable text: the set values, else "[Selection (one or more): a; b]", else
    /// "[Assignment: label]". An unknown parameter is shown as "[id]" so that nothing silently disappears.
    /// </summary>
    public static string Render(string? text, IReadOnlyList<ParameterDraft> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var byId = parameters.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return InsertPattern().Replace(text, m => byId.TryGetValue(m.Groups[1].Value, out var p) ? Describe(p) : $"[{m.Groups[1].Value}]");
    }

    public static string Describe(ParameterDraft parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.Values.Count > 0) return string.Join(", ", parameter.Values);
        if (parameter.Choices.Count > 0)
        {
            var how = parameter.HowMany is { Length: > 0 } h ? $" ({h.Replace('-', ' ')})" : string.Empty;
            return $"[Selection{how}: {string.Join("; ", parameter.Choices)}]";
        }

        return $"[Assignment: {parameter.Label ?? parameter.Id}]";
    }

    [GeneratedRegex(@"\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}")]
    private static partial Regex InsertPattern();
}
