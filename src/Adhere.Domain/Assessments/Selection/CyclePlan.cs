namespace Adhere.Domain.Assessments.Selection;

// The cycle arithmetic shared by selection and the coverage view, in calendar years: a control examined in year Y is
// due again in an assessment in year Y + cycle at the latest; one never examined by the end of year anchor + cycle − 1.
internal static class CyclePlan
{
    public static int AnchorYear(DateOnly? cycleStart, IEnumerable<DateOnly> counted, DateOnly fallback)
    {
        if (cycleStart is { } start) return start.Year;
        var earliest = counted.DefaultIfEmpty(fallback).Min();
        return earliest.Year;
    }

    public static int DueYear(DateOnly? lastExamined, int anchorYear, int cycleYears) =>
        lastExamined is { } last ? last.Year + cycleYears : anchorYear + cycleYears - 1;

    public static Dictionary<string, DateOnly> LastExamined(IEnumerable<Examination> counted)
    {
        var last = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var e in counted)
        {
            if (!last.TryGetValue(e.ControlKey, out var known) || e.On > known) last[e.ControlKey] = e.On;
        }

        return last;
    }

    public static void CheckControls(IReadOnlyList<SelectableControl> controls, string paramName)
    {
        ArgumentNullException.ThrowIfNull(controls, paramName);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var control in controls)
        {
            ArgumentNullException.ThrowIfNull(control, paramName);
            if (string.IsNullOrWhiteSpace(control.Key) || string.IsNullOrWhiteSpace(control.Subsection) || string.IsNullOrWhiteSpace(control.Section))
            {
                throw new ArgumentException("Every control needs a key, a subsection and a section.", paramName);
            }

            if (!keys.Add(control.Key)) throw new ArgumentException($"Control '{control.Key}' appears more than once.", paramName);
        }
    }
}
