using System.Globalization;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>
/// What the yearly summary needs to know of one complaint: dates, status and outcome, never who complained or what
/// they wrote. <paramref name="ReachedInvestigation"/> is true once the complaint was admitted (or brought back to an
/// investigation by an appeal or reopening), which is what the summary counts as admissible.
/// </summary>
public sealed record ComplaintFacts(DateTimeOffset ReceivedAt, ComplaintStatus Status, ComplainantRole Role, bool ReachedInvestigation,
    DismissalReason? Dismissal, ComplaintFinding? Finding, DateTimeOffset? AcknowledgedAt, DateOnly AcknowledgeBy, DateTimeOffset? DecidedAt,
    DateOnly DecideBy, DateTimeOffset? EndedAt, int Appeals)
{
    /// <summary>When the current outcome was reached: the finding, or the dismissal; null while there is none.</summary>
    public DateTimeOffset? OutcomeAt => DecidedAt ?? (Status == ComplaintStatus.Dismissed ? EndedAt : null);
}

/// <summary>A measure imposed on a founded complaint, by the key of its kind in the measures catalogue.</summary>
public sealed record MeasureFact(DateTimeOffset ImposedAt, string Kind);

/// <summary>A count under a name, in the order the summary shows it.</summary>
public sealed record NamedCount(string Name, int Count);

/// <summary>
/// The figures of one calendar year (UTC) for the supervisory authority. Complaints are counted by the year they were
/// received, with the outcome they have when the summary is made (<see cref="AsOf"/>); measures by the year they were
/// imposed. Handling times are in days, to one decimal.
/// </summary>
public sealed record ComplaintYearFigures(
    int Year,
    DateTimeOffset AsOf,
    int Received,
    IReadOnlyList<NamedCount> ReceivedByMonth,
    IReadOnlyList<NamedCount> ReceivedByRole,
    int Admissible,
    int Dismissed,
    IReadOnlyList<NamedCount> DismissedByReason,
    int Founded,
    int Unfounded,
    int StillOpen,
    int Appeals,
    IReadOnlyList<NamedCount> MeasuresByKind,
    double? MedianDaysToAcknowledge,
    double? MedianDaysToOutcome,
    int AcknowledgedLate,
    int OutcomeLate)
{
    public const int FirstYear = 2000;

    /// <summary>
    /// Computes the figures of <paramref name="year"/> from every complaint and measure on record (the others are
    /// skipped). An acknowledgement or outcome is late when it came after its target date, or has not come and its target
    /// date has passed by <paramref name="asOf"/>.
    /// </summary>
    public static ComplaintYearFigures Compute(int year, IEnumerable<ComplaintFacts> complaints, IEnumerable<MeasureFact> measures, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        ArgumentNullException.ThrowIfNull(measures);
        var cohort = complaints.Where(c => c.ReceivedAt.UtcDateTime.Year == year).ToList();

        var byMonth = Enumerable.Range(1, 12)
            .Select(m => new NamedCount(new DateOnly(year, m, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture), cohort.Count(c => c.ReceivedAt.UtcDateTime.Month == m)))
            .ToList();
        var byRole = Enum.GetValues<ComplainantRole>()
            .Select(r => new NamedCount(EnumNames.Kebab(r), cohort.Count(c => c.Role == r)))
            .ToList();
        var dismissed = cohort.Where(c => c.Status == ComplaintStatus.Dismissed).ToList();
        var byReason = Enum.GetValues<DismissalReason>()
            .Select(r => new NamedCount(EnumNames.Kebab(r), dismissed.Count(c => c.Dismissal == r)))
            .ToList();
        var byKind = measures.Where(m => m.ImposedAt.UtcDateTime.Year == year)
            .GroupBy(m => m.Kind, StringComparer.Ordinal)
            .Select(g => new NamedCount(g.Key, g.Count()))
            .OrderByDescending(n => n.Count).ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();

        var toAcknowledge = cohort.Where(c => c.AcknowledgedAt is not null).Select(c => Days(c.ReceivedAt, c.AcknowledgedAt!.Value));
        var toOutcome = cohort.Where(c => c.OutcomeAt is not null).Select(c => Days(c.ReceivedAt, c.OutcomeAt!.Value));
        var acknowledgedLate = cohort.Count(c => c.AcknowledgedAt is { } at
            ? ComplaintClocks.DateOf(at) > c.AcknowledgeBy
            : ComplaintClocks.IsOverdue(c.AcknowledgeBy, asOf));
        var outcomeLate = cohort.Count(c => c.OutcomeAt is { } at
            ? ComplaintClocks.DateOf(at) > c.DecideBy
            : ComplaintLifecycle.IsOpen(c.Status) && ComplaintClocks.IsOverdue(c.DecideBy, asOf));

        return new ComplaintYearFigures(
            year,
            asOf,
            cohort.Count,
            byMonth,
            byRole,
            cohort.Count(c => c.ReachedInvestigation),
            dismissed.Count,
            byReason,
            cohort.Count(c => c.Finding == ComplaintFinding.Founded),
            cohort.Count(c => c.Finding == ComplaintFinding.Unfounded),
            cohort.Count(c => ComplaintLifecycle.IsOpen(c.Status)),
            cohort.Sum(c => c.Appeals),
            byKind,
            Median(toAcknowledge),
            Median(toOutcome),
            acknowledgedLate,
            outcomeLate);
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count), to one decimal; null for none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }

    private static double Days(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalDays;
}
