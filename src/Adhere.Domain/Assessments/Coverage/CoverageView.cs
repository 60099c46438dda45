using Adhere.Domain.Assessments.Selection;

namespace Adhere.Domain.Assessments.Coverage;

/// <summary>Where a control stands in the examination cycle on the view's date.</summary>
public enum CoverageStatus
{
    /// <summary>Examined recently enough: next due in a later year.</summary>
    Covered = 1,

    /// <summary>Must be examined in an assessment this calendar year, or the cycle lapses.</summary>
    DueThisYear = 2,

    /// <summary>The cycle has lapsed: the due year has passed without an examination.</summary>
    Overdue = 3,
}

/// <summary>A control's examination record for one provider and what the cycle still owes for it.</summary>
/// <param name="ControlKey">The control.</param>
/// <param name="Subsection">Its subsection key.</param>
/// <param name="Examinations">Its counted examinations (on or before the view date), oldest first.</param>
/// <param name="DueYear">The calendar year by which the cycle needs its next examination (see <see cref="ControlSelector"/> for the arithmetic).</param>
/// <param name="Status">Covered, due this year or overdue, comparing <paramref name="DueYear"/> with the view date's year.</param>
public sealed record ControlCoverage(string ControlKey, string Subsection, IReadOnlyList<Examination> Examinations, int DueYear, CoverageStatus Status)
{
    /// <summary>The date of the latest examination; null when never examined.</summary>
    public DateOnly? LastExamined => Examinations.Count == 0 ? null : Examinations[^1].On;

    /// <summary>The last day of <see cref="DueYear"/>: the due date to show.</summary>
    public DateOnly DueBy => new(DueYear, 12, 31);

    /// <summary>Whether the cycle owes an examination this year or has already lapsed.</summary>
    public bool IsOwedNow => Status != CoverageStatus.Covered;

    /// <summary>The examinations in calendar year <paramref name="year"/>, oldest first.</summary>
    public IReadOnlyList<Examination> ExaminedIn(int year) => [.. Examinations.Where(e => e.On.Year == year)];
}

/// <summary>The controls of one top-level section, in catalogue order.</summary>
/// <param name="Section">The section key (<c>5</c>).</param>
/// <param name="Title">Its title when the caller gave one, else null.</param>
public sealed record CoverageSection(string Section, string? Title, IReadOnlyList<ControlCoverage> Controls)
{
    public int Overdue => Controls.Count(c => c.Status == CoverageStatus.Overdue);

    public int DueThisYear => Controls.Count(c => c.Status == CoverageStatus.DueThisYear);

    /// <summary>"5 – Data protection" or just "5".</summary>
    public string Label => Title is null ? Section : $"{Section} – {Title}";
}

/// <summary>
/// Per control, when it was last examined for a provider and what the examination cycle still owes, grouped by
/// top-level section (sections in the order they first appear in the catalogue, controls in catalogue order).
/// </summary>
/// <param name="AsOf">The view's date: examinations after it are left out, and the status compares due years with its year.</param>
/// <param name="CycleYears">The cycle length used.</param>
public sealed record CoverageView(DateOnly AsOf, int CycleYears, IReadOnlyList<CoverageSection> Sections)
{
    /// <summary>All controls, section by section.</summary>
    public IEnumerable<ControlCoverage> Controls => Sections.SelectMany(s => s.Controls);

    public int Overdue => Sections.Sum(s => s.Overdue);

    public int DueThisYear => Sections.Sum(s => s.DueThisYear);

    /// <summary>Builds the view.</summary>
    /// <param name="controls">The catalogue's controls in order, each key once.</param>
    /// <param name="history">The provider's examinations in any order; those after <paramref name="asOf"/> or of keys outside the catalogue are ignored. Null for none.</param>
    /// <param name="asOf">The view's date, usually today or an assessment's date.</param>
    /// <param name="cycleYears">The cycle length (1–50), the same setting as <see cref="SelectionSettings.CycleYears"/>.</param>
    /// <param name="cycleStart">When the cycle began; null for the earliest counted examination, or <paramref name="asOf"/> when there is none. Never-examined controls are due by its year + cycle − 1.</param>
    /// <param name="sectionTitles">Optional titles by section key.</param>
    /// <exception cref="ArgumentException">Duplicate or blank control keys, subsections or sections.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cycleYears"/> outside 1–50.</exception>
    public static CoverageView Compute(
        IReadOnlyList<SelectableControl> controls,
        IReadOnlyList<Examination>? history,
        DateOnly asOf,
        int cycleYears = 3,
        DateOnly? cycleStart = null,
        IReadOnlyDictionary<string, string>? sectionTitles = null)
    {
        CyclePlan.CheckControls(controls, nameof(controls));
        if (cycleYears is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(cycleYears), cycleYears, "The cycle must last 1 to 50 years.");

        var keys = controls.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var counted = (history ?? []).Where(e => e is not null && e.On <= asOf && keys.Contains(e.ControlKey)).ToList();
        var anchorYear = CyclePlan.AnchorYear(cycleStart, counted.Select(e => e.On), asOf);
        var byControl = counted.GroupBy(e => e.ControlKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.On).ThenBy(e => e.Reason ?? (SelectionReason)int.MaxValue).ToList(), StringComparer.Ordinal);

        var sections = controls
            .GroupBy(c => c.Section, StringComparer.Ordinal)
            .Select(g => new CoverageSection(
                g.Key,
                sectionTitles is not null && sectionTitles.TryGetValue(g.Key, out var title) ? title : null,
                g.Select(c =>
                {
                    var examinations = byControl.TryGetValue(c.Key, out var list) ? list : [];
                    var due = CyclePlan.DueYear(examinations.Count == 0 ? null : examinations[^1].On, anchorYear, cycleYears);
                    var status = due < asOf.Year ? CoverageStatus.Overdue : due == asOf.Year ? CoverageStatus.DueThisYear : CoverageStatus.Covered;
                    return new ControlCoverage(c.Key, c.Subsection, examinations, due, status);
                }).ToList()))
            .ToList();
        return new CoverageView(asOf, cycleYears, sections);
    }
}
