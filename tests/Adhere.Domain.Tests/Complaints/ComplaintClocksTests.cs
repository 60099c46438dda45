using Adhere.Domain.Complaints;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintClocksTests
{
    private static readonly ComplaintSettings Settings = ComplaintSettings.Default;

    private static DateTimeOffset At(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-02", 5, "2026-03-09")] // Monday: the next Monday
    [InlineData("2026-03-06", 1, "2026-03-09")] // Friday + 1 skips the weekend
    [InlineData("2026-03-07", 1, "2026-03-09")] // Saturday + 1
    [InlineData("2026-03-08", 1, "2026-03-09")] // Sunday + 1
    [InlineData("2026-03-05", 5, "2026-03-12")] // Thursday + 5 crosses one weekend
    [InlineData("2026-03-02", 10, "2026-03-16")] // two weekends
    [InlineData("2026-03-02", 0, "2026-03-02")]
    [InlineData("2026-12-31", 1, "2027-01-01")] // year end on a Thursday
    public void AddWorkingDays_Cases_SkipWeekends(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ComplaintClocks.AddWorkingDays(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void AddWorkingDays_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintClocks.AddWorkingDays(new DateOnly(2026, 3, 2), -1));

    [Fact]
    public void AcknowledgementDue_ReceivedFridayEvening_CountsFromTheFridayInUtc()
    {
        // 23:30 at UTC+2 on Saturday is still Friday in UTC.
        var received = new DateTimeOffset(2026, 3, 7, 1, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal(new DateOnly(2026, 3, 13), ComplaintClocks.AcknowledgementDue(received, Settings));
    }

    [Fact]
    public void AcknowledgementDue_ReceivedOnSunday_IsFriday() =>
        Assert.Equal(new DateOnly(2026, 3, 13), ComplaintClocks.AcknowledgementDue(At(2026, 3, 8), Settings));

    [Fact]
    public void AcknowledgementDue_OtherSetting_IsUsed() =>
        Assert.Equal(new DateOnly(2026, 3, 4), ComplaintClocks.AcknowledgementDue(At(2026, 3, 2), Settings with { AcknowledgeWorkingDays = 2 }));

    [Theory]
    [InlineData(2026, 3, 2, 2026, 6, 2)]
    [InlineData(2026, 11, 30, 2027, 2, 28)] // month end clamps to February's last day
    [InlineData(2027, 11, 30, 2028, 2, 29)] // leap year
    [InlineData(2026, 8, 31, 2026, 11, 30)]
    [InlineData(2026, 10, 15, 2027, 1, 15)] // crosses the year
    public void DecisionDue_ThreeMonths_ClampsAtMonthEnds(int y, int m, int d, int ey, int em, int ed) =>
        Assert.Equal(new DateOnly(ey, em, ed), ComplaintClocks.DecisionDue(At(y, m, d), Settings));

    [Fact]
    public void DecisionDue_OtherSetting_IsUsed() =>
        Assert.Equal(new DateOnly(2026, 4, 2), ComplaintClocks.DecisionDue(At(2026, 3, 2), Settings with { DecisionMonths = 1 }));

    [Fact]
    public void ComplainantAnswerDue_FourteenCalendarDays_IncludesWeekends() =>
        Assert.Equal(new DateOnly(2026, 3, 20), ComplaintClocks.ComplainantAnswerDue(At(2026, 3, 6), Settings));

    [Fact]
    public void ComplainantAnswerDue_AcrossMonthEnd_Rolls() =>
        Assert.Equal(new DateOnly(2026, 3, 14), ComplaintClocks.ComplainantAnswerDue(At(2026, 2, 28), Settings));

    [Fact]
    public void CspAnswerDue_Default_UsesSetting() =>
        Assert.Equal(new DateOnly(2026, 3, 16), ComplaintClocks.CspAnswerDue(At(2026, 3, 2), Settings));

    [Fact]
    public void CspAnswerDue_MbPeriod_OverridesSetting() =>
        Assert.Equal(new DateOnly(2026, 4, 1), ComplaintClocks.CspAnswerDue(At(2026, 3, 2), Settings, 30));

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    public void CspAnswerDue_PeriodOutOfRange_Throws(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintClocks.CspAnswerDue(At(2026, 3, 2), Settings, days));

    [Fact]
    public void IsOverdue_OnDueDay_FalseAndNextDayTrue()
    {
        var due = new DateOnly(2026, 3, 9);

        Assert.False(ComplaintClocks.IsOverdue(due, new DateTimeOffset(2026, 3, 9, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(ComplaintClocks.IsOverdue(due, new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Problems_Defaults_None() => Assert.Empty(Settings.Problems());

    [Fact]
    public void Problems_OutOfRange_AreNamed()
    {
        var problems = new ComplaintSettings(0, 25, 0, 61).Problems();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("AcknowledgeWorkingDays", StringComparison.Ordinal));
    }
}
