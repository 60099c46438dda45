namespace Adhere.Domain.Complaints;

/// <summary>The reminders the scheduler sends the Monitoring Body about a complaint's own targets.</summary>
public enum ComplaintReminderKind
{
    /// <summary>The acknowledgement is due tomorrow or today and the complaint is still received.</summary>
    AcknowledgementDue,

    /// <summary>The acknowledgement target has passed and the complaint is still received.</summary>
    AcknowledgementOverdue,

    /// <summary>The decision target is at most <see cref="ComplaintReminderRules.DecisionWarningDays"/> days away and the complaint is open.</summary>
    DecisionApproaching,

    /// <summary>The decision target has passed and the complaint is still open.</summary>
    DecisionOverdue,
}

/// <summary>Which clock a due or overdue complaint waits on.</summary>
public enum ComplaintClock
{
    Acknowledgement,
    Decision,
}

/// <summary>
/// When the MB is reminded of a complaint's targets, as pure date rules (UTC days, as in <see cref="ComplaintClocks"/>).
/// A reminder is due from the first day of its window until the thing is done; the caller remembers what it sent, so
/// each goes out once. Only the overdue notice is due once a target has passed: a job that did not run in the window
/// sends that instead of a late "due soon".
/// </summary>
public static class ComplaintReminderRules
{
    /// <summary>How many days before the acknowledgement target the MB is reminded.</summary>
    public const int AcknowledgementWarningDays = 1;

    /// <summary>How many days before the decision target the MB is reminded.</summary>
    public const int DecisionWarningDays = 14;

    /// <summary>The reminders due on <paramref name="today"/> for a complaint in <paramref name="status"/> with these targets, in enum order.</summary>
    public static IReadOnlyList<ComplaintReminderKind> Due(ComplaintStatus status, DateOnly acknowledgeBy, DateOnly decideBy, DateOnly today)
    {
        var due = new List<ComplaintReminderKind>();
        if (status == ComplaintStatus.Received)
        {
            if (today > acknowledgeBy) due.Add(ComplaintReminderKind.AcknowledgementOverdue);
            else if (today >= acknowledgeBy.AddDays(-AcknowledgementWarningDays)) due.Add(ComplaintReminderKind.AcknowledgementDue);
        }

        if (ComplaintLifecycle.IsOpen(status))
        {
            if (today > decideBy) due.Add(ComplaintReminderKind.DecisionOverdue);
            else if (today >= decideBy.AddDays(-DecisionWarningDays)) due.Add(ComplaintReminderKind.DecisionApproaching);
        }

        return due;
    }

    /// <summary>
    /// The clock that makes an open complaint a work item on <paramref name="today"/>, and its due date: a received
    /// complaint always waits for its acknowledgement; an open one waits on its decision once the reminder window has
    /// begun. Of two, the one due first. Null when the complaint needs no attention for its clocks.
    /// </summary>
    public static (ComplaintClock Clock, DateOnly DueOn)? Pressing(ComplaintStatus status, DateOnly acknowledgeBy, DateOnly decideBy, DateOnly today)
    {
        (ComplaintClock, DateOnly)? pressing = null;
        if (status == ComplaintStatus.Received) pressing = (ComplaintClock.Acknowledgement, acknowledgeBy);
        if (ComplaintLifecycle.IsOpen(status) && today >= decideBy.AddDays(-DecisionWarningDays) && (pressing is null || decideBy < acknowledgeBy))
        {
            pressing = (ComplaintClock.Decision, decideBy);
        }

        return pressing;
    }

    /// <summary>The key under which a sent reminder is remembered, such as <c>complaint-ack-overdue:{id}</c>.</summary>
    public static string Key(ComplaintReminderKind kind, ComplaintId complaint) => kind switch
    {
        ComplaintReminderKind.AcknowledgementDue => $"complaint-ack-due:{complaint}",
        ComplaintReminderKind.AcknowledgementOverdue => $"complaint-ack-overdue:{complaint}",
        ComplaintReminderKind.DecisionApproaching => $"complaint-decision-approaching:{complaint}",
        ComplaintReminderKind.DecisionOverdue => $"complaint-decision-overdue:{complaint}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a complaint reminder."),
    };
}
