using Adhere.Domain.Assessments.Selection;

namespace Adhere.Domain.Tests.Assessments.Selection;

/// <summary>Catalogues and inputs for the selection rules.</summary>
internal static class SelectionTestData
{
    public static readonly DateOnly Date = new(2026, 3, 16);

    // The demo catalogue of DOMAIN.md: 69 controls in 14 subsections of sections 5 and 6.
    private static readonly (string Subsection, int Count)[] DemoShape =
    [
        ("5.1", 8), ("5.2", 1), ("5.3", 5), ("5.4", 5), ("5.5", 6), ("5.7", 6), ("5.8", 2), ("5.9", 2),
        ("5.11", 3), ("5.12", 4), ("5.13", 2), ("5.14", 6), ("6.1", 3), ("6.2", 16),
    ];

    private static readonly Dictionary<string, string> DemoTopics = new(StringComparer.Ordinal)
    {
        ["5.3"] = "subprocessors",
        ["5.4"] = "transfers",
        ["5.12"] = "breaches",
    };

    public static IReadOnlyList<SelectableControl> Demo() => CatalogueOf(DemoShape);

    /// <summary>Controls "{subsection}.{A, B, ...}", section = the part before the first dot, topics from the demo tags.</summary>
    public static IReadOnlyList<SelectableControl> CatalogueOf(params (string Subsection, int Count)[] shape) =>
        [.. shape.SelectMany(s => Enumerable.Range(0, s.Count).Select(i => new SelectableControl(
            $"{s.Subsection}.{(char)('A' + i)}",
            s.Subsection,
            s.Subsection.Split('.')[0],
            DemoTopics.TryGetValue(s.Subsection, out var topic) ? [topic] : null)))];

    public static IReadOnlyList<string> Keys(ControlSelection selection) => [.. selection.Controls.Select(c => c.ControlKey)];

    public static SelectionInput Input(
        SelectionKind kind,
        IReadOnlyList<SelectableControl>? controls = null,
        long seed = 42,
        DateOnly? date = null,
        IReadOnlyList<Examination>? history = null,
        IReadOnlyList<AttentionTopic>? attention = null,
        IReadOnlyCollection<string>? weak = null,
        SelectionSettings? settings = null,
        DateOnly? cycleStart = null) =>
        new(kind, date ?? Date, controls ?? Demo(), history, attention, weak, seed, settings, cycleStart);

    public static ControlSelection Select(
        SelectionKind kind,
        IReadOnlyList<SelectableControl>? controls = null,
        long seed = 42,
        DateOnly? date = null,
        IReadOnlyList<Examination>? history = null,
        IReadOnlyList<AttentionTopic>? attention = null,
        IReadOnlyCollection<string>? weak = null,
        SelectionSettings? settings = null,
        DateOnly? cycleStart = null) =>
        ControlSelector.Select(Input(kind, controls, seed, date, history, attention, weak, settings, cycleStart));
}
