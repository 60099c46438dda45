namespace Adhere.Domain.Complaints;

/// <summary>
/// The Monitoring Body's complaint targets: acknowledge within <see cref="AcknowledgeWorkingDays"/> working days
/// (Monday to Friday; public holidays are not modelled), decide within <see cref="DecisionMonths"/> calendar months of
/// receipt, give the complainant <see cref="ComplainantAnswerDays"/> days to answer a question and the provider
/// <see cref="CspAnswerDays"/> days unless the MB sets another due date.
/// </summary>
public sealed record ComplaintSettings(int AcknowledgeWorkingDays = 5, int DecisionMonths = 3, int ComplainantAnswerDays = 14, int CspAnswerDays = 14)
{
    public static ComplaintSettings Default { get; } = new();

    /// <summary>The settings' problems, empty when they are usable (each 1–60 days or 1–24 months).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AcknowledgeWorkingDays is < 1 or > 60) problems.Add("Complaints:AcknowledgeWorkingDays must be between 1 and 60.");
        if (DecisionMonths is < 1 or > 24) problems.Add("Complaints:DecisionMonths must be between 1 and 24.");
        if (ComplainantAnswerDays is < 1 or > 60) problems.Add("Complaints:ComplainantAnswerDays must be between 1 and 60.");
        if (CspAnswerDays is < 1 or > 60) problems.Add("Complaints:CspAnswerDays must be between 1 and 60.");
        return problems;
    }
}

/// <summary>
/// The complaint clocks as pure date arithmetic. Days are calendar days in UTC: an instant counts on its UTC date. A due
/// date is the last day on which the thing is still in time; it is overdue from the following day on.
/// </summary>
public static class ComplaintClocks
{
    /// <summary>
    /// The date <paramref name="workingDays"/> working days (Monday to Friday) after <paramref name="start"/>. The start
    /// day never counts, whatever day it is: Friday + 1 and Saturday + 1 are both the next Monday; zero gives the start.
    /// </summary>
    public static DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        var left = workingDays;
        while (left > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }

        return day;
    }

    /// <summary>The UTC calendar date of <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>When the MB must have acknowledged a complaint received at <paramref name="receivedAt"/>.</summary>
    public static DateOnly AcknowledgementDue(DateTimeOffset receivedAt, ComplaintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return AddWorkingDays(DateOf(receivedAt), settings.AcknowledgeWorkingDays);
    }

    /// <summary>
    /// When the MB should have decided a complaint received at <paramref name="receivedAt"/>: the same day
    /// <see cref="ComplaintSettings.DecisionMonths"/> months later, or the last day of that month when it is shorter
    /// (30 November + 3 months = 28 or 29 February).
    /// </summary>
    public static DateOnly DecisionDue(DateTimeOffset receivedAt, ComplaintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return DateOf(receivedAt).AddMonths(settings.DecisionMonths);
    }

    /// <summary>The last day the complainant may answer a question asked at <paramref name="askedAt"/>.</summary>
    public static DateOnly ComplainantAnswerDue(DateTimeOffset askedAt, ComplaintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return DateOf(askedAt).AddDays(settings.ComplainantAnswerDays);
    }

    /// <summary>
    /// The last day the provider may answer a question asked at <paramref name="askedAt"/>: <paramref name="days"/> when
    /// the MB sets a period (1–90), otherwise <see cref="ComplaintSettings.CspAnswerDays"/>.
    /// </summary>
    public static DateOnly CspAnswerDue(DateTimeOffset askedAt, ComplaintSettings settings, int? days = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (days is < 1 or > 90) throw new ArgumentOutOfRangeException(nameof(days), days, "A provider's answer period is 1 to 90 days.");
        return DateOf(askedAt).AddDays(days ?? settings.CspAnswerDays);
    }

    /// <summary>True from the day after <paramref name="due"/> on (UTC date of <paramref name="now"/>).</summary>
    public static bool IsOverdue(DateOnly due, DateTimeOffset now) => DateOf(now) > due;
}
