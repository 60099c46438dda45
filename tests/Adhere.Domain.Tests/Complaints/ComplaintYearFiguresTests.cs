using Adhere.Domain.Complaints;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintYearFiguresTests
{
    private static readonly DateTimeOffset AsOf = At(2026, 11, 30);

    private static DateTimeOffset At(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static ComplaintFacts Facts(DateTimeOffset received, ComplaintStatus status, bool investigated = false, DismissalReason? dismissal = null,
        ComplaintFinding? finding = null, DateTimeOffset? acknowledged = null, DateTimeOffset? decided = null, DateTimeOffset? ended = null,
        int appeals = 0, ComplainantRole role = ComplainantRole.Customer) =>
        new(received, status, role, investigated, dismissal, finding, acknowledged, ComplaintClocks.AcknowledgementDue(received, ComplaintSettings.Default),
            decided, ComplaintClocks.DecisionDue(received, ComplaintSettings.Default), ended, appeals);

    [Fact]
    public void Compute_MixedYear_CountsEachOutcomeOnce()
    {
        var complaints = new[]
        {
            Facts(At(2026, 1, 5), ComplaintStatus.Received),
            Facts(At(2026, 2, 2), ComplaintStatus.Dismissed, dismissal: DismissalReason.OutsideScope, acknowledged: At(2026, 2, 3), ended: At(2026, 2, 10)),
            Facts(At(2026, 2, 9), ComplaintStatus.Closed, investigated: true, finding: ComplaintFinding.Founded, acknowledged: At(2026, 2, 10),
                decided: At(2026, 3, 11), ended: At(2026, 3, 12), role: ComplainantRole.DataSubject),
            Facts(At(2026, 6, 1), ComplaintStatus.Decided, investigated: true, finding: ComplaintFinding.Unfounded, acknowledged: At(2026, 6, 2),
                decided: At(2026, 6, 21), appeals: 1),
            Facts(At(2026, 10, 1), ComplaintStatus.Investigation, investigated: true, acknowledged: At(2026, 10, 1, 18)),
            Facts(At(2025, 12, 31, 23), ComplaintStatus.Closed, investigated: true, finding: ComplaintFinding.Founded), // another year
        };

        var f = ComplaintYearFigures.Compute(2026, complaints, [], AsOf);

        Assert.Equal(5, f.Received);
        Assert.Equal(3, f.Admissible);
        Assert.Equal(1, f.Dismissed);
        Assert.Equal(1, f.DismissedByReason.Single(r => r.Name == "outside-scope").Count);
        Assert.Equal(1, f.Founded);
        Assert.Equal(1, f.Unfounded);
        Assert.Equal(2, f.StillOpen);
        Assert.Equal(1, f.Appeals);
        Assert.Equal([1, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0], f.ReceivedByMonth.Select(m => m.Count));
        Assert.Equal("2026-01", f.ReceivedByMonth[0].Name);
        Assert.Equal(1, f.ReceivedByRole.Single(r => r.Name == "data-subject").Count);
        Assert.Equal(4, f.ReceivedByRole.Single(r => r.Name == "customer").Count);
        // Acknowledged after 1, 1, 1 and 0.25 days: the middle two are 1 and 1.
        Assert.Equal(1.0, f.MedianDaysToAcknowledge);
        // Outcomes after 8 (dismissed), 30 (founded) and 20 (unfounded) days.
        Assert.Equal(20.0, f.MedianDaysToOutcome);
    }

    [Fact]
    public void Compute_UnacknowledgedPastTarget_CountsAsLate()
    {
        var complaints = new[]
        {
            Facts(At(2026, 11, 2), ComplaintStatus.Received), // due 2026-11-09, not acknowledged by the 30th
            Facts(At(2026, 11, 27), ComplaintStatus.Received), // due 2026-12-04: not late yet
            Facts(At(2026, 3, 2), ComplaintStatus.AdmissibilityCheck, acknowledged: At(2026, 3, 20)), // due 2026-03-09: late; decision due 2026-06-02: late
        };

        var f = ComplaintYearFigures.Compute(2026, complaints, [], AsOf);

        Assert.Equal(2, f.AcknowledgedLate);
        Assert.Equal(1, f.OutcomeLate);
    }

    [Fact]
    public void Compute_OutcomeAfterTarget_CountsAsLate()
    {
        var received = At(2026, 1, 5);
        var complaints = new[]
        {
            Facts(received, ComplaintStatus.Decided, finding: ComplaintFinding.Founded, acknowledged: received, decided: At(2026, 4, 6)), // due 04-05
            Facts(received, ComplaintStatus.Dismissed, dismissal: DismissalReason.LackOfCooperation, acknowledged: received, ended: At(2026, 4, 5)),
        };

        var f = ComplaintYearFigures.Compute(2026, complaints, [], AsOf);

        Assert.Equal(1, f.OutcomeLate);
        Assert.Equal(0, f.AcknowledgedLate);
    }

    [Fact]
    public void Compute_Measures_CountedByYearImposedAndKind()
    {
        MeasureFact[] measures =
        [
            new(At(2026, 3, 1), "suspension"), new(At(2026, 4, 1), "corrective-action"), new(At(2026, 5, 1), "corrective-action"),
            new(At(2025, 5, 1), "revocation"),
        ];

        var f = ComplaintYearFigures.Compute(2026, [], measures, AsOf);

        Assert.Equal([("corrective-action", 2), ("suspension", 1)], f.MeasuresByKind.Select(m => (m.Name, m.Count)));
    }

    [Fact]
    public void Compute_EmptyYear_HasZerosAndNoMedians()
    {
        var f = ComplaintYearFigures.Compute(2024, [Facts(At(2026, 1, 5), ComplaintStatus.Received)], [], AsOf);

        Assert.Equal(0, f.Received);
        Assert.Equal(12, f.ReceivedByMonth.Count);
        Assert.Null(f.MedianDaysToAcknowledge);
        Assert.Null(f.MedianDaysToOutcome);
        Assert.Empty(f.MeasuresByKind);
    }

    [Theory]
    [InlineData(new double[] { 3 }, 3.0)]
    [InlineData(new double[] { 5, 1, 3 }, 3.0)]
    [InlineData(new double[] { 4, 1, 2, 3 }, 2.5)]
    [InlineData(new double[] { 0.04, 0.06 }, 0.1)]
    public void Median_Values_MiddleRoundedToOneDecimal(double[] values, double expected) =>
        Assert.Equal(expected, ComplaintYearFigures.Median(values));

    [Fact]
    public void Median_None_IsNull() => Assert.Null(ComplaintYearFigures.Median([]));
}
