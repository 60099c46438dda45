using Adhere.Domain.Complaints;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintReminderRulesTests
{
    private static readonly DateOnly AcknowledgeBy = new(2026, 12, 7);
    private static readonly DateOnly DecideBy = new(2027, 2, 28);

    private static IReadOnlyList<ComplaintReminderKind> Due(ComplaintStatus status, DateOnly today) =>
        ComplaintReminderRules.Due(status, AcknowledgeBy, DecideBy, today);

    [Theory]
    [InlineData("2026-12-05", new ComplaintReminderKind[0])]
    [InlineData("2026-12-06", new[] { ComplaintReminderKind.AcknowledgementDue })] // the day before
    [InlineData("2026-12-07", new[] { ComplaintReminderKind.AcknowledgementDue })] // the last day in time
    [InlineData("2026-12-08", new[] { ComplaintReminderKind.AcknowledgementOverdue })]
    [InlineData("2027-02-14", new[] { ComplaintReminderKind.AcknowledgementOverdue, ComplaintReminderKind.DecisionApproaching })]
    [InlineData("2027-03-01", new[] { ComplaintReminderKind.AcknowledgementOverdue, ComplaintReminderKind.DecisionOverdue })]
    public void Due_Received_FollowsBothClocks(string today, ComplaintReminderKind[] expected) =>
        Assert.Equal(expected, Due(ComplaintStatus.Received, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(ComplaintStatus.AdmissibilityCheck)]
    [InlineData(ComplaintStatus.Investigation)]
    public void Due_Acknowledged_OnlyTheDecisionClock(ComplaintStatus status)
    {
        Assert.Empty(Due(status, new DateOnly(2026, 12, 8)));
        Assert.Empty(Due(status, DecideBy.AddDays(-15)));
        Assert.Equal([ComplaintReminderKind.DecisionApproaching], Due(status, DecideBy.AddDays(-14)));
        Assert.Equal([ComplaintReminderKind.DecisionOverdue], Due(status, DecideBy.AddDays(1)));
    }

    [Theory]
    [InlineData(ComplaintStatus.Dismissed)]
    [InlineData(ComplaintStatus.Decided)]
    [InlineData(ComplaintStatus.Closed)]
    public void DueAndPressing_Ended_Nothing(ComplaintStatus status)
    {
        Assert.Empty(Due(status, DecideBy.AddDays(30)));
        Assert.Null(ComplaintReminderRules.Pressing(status, AcknowledgeBy, DecideBy, DecideBy.AddDays(30)));
    }

    [Fact]
    public void Pressing_Received_IsTheAcknowledgementUntilTheDecisionIsDueFirst()
    {
        Assert.Equal((ComplaintClock.Acknowledgement, AcknowledgeBy), ComplaintReminderRules.Pressing(ComplaintStatus.Received, AcknowledgeBy, DecideBy, new DateOnly(2026, 12, 1)));
        Assert.Equal((ComplaintClock.Acknowledgement, AcknowledgeBy), ComplaintReminderRules.Pressing(ComplaintStatus.Received, AcknowledgeBy, DecideBy, DecideBy));
        Assert.Equal((ComplaintClock.Decision, AcknowledgeBy.AddDays(-1)),
            ComplaintReminderRules.Pressing(ComplaintStatus.Received, AcknowledgeBy, AcknowledgeBy.AddDays(-1), AcknowledgeBy));
    }

    [Fact]
    public void Pressing_Investigation_OnlyWithinTheDecisionWindow()
    {
        Assert.Null(ComplaintReminderRules.Pressing(ComplaintStatus.Investigation, AcknowledgeBy, DecideBy, DecideBy.AddDays(-15)));
        Assert.Equal((ComplaintClock.Decision, DecideBy), ComplaintReminderRules.Pressing(ComplaintStatus.Investigation, AcknowledgeBy, DecideBy, DecideBy.AddDays(-14)));
    }

    [Fact]
    public void Key_EachKind_IsDistinctAndNamesTheComplaint()
    {
        var id = ComplaintId.New();

        var keys = Enum.GetValues<ComplaintReminderKind>().Select(k => ComplaintReminderRules.Key(k, id)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.EndsWith(":" + id, k, StringComparison.Ordinal));
        Assert.Contains($"complaint-ack-overdue:{id}", keys);
    }
}
