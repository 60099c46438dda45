using Adhere.Domain.Common;

namespace Adhere.Domain.Assessments.Selection;

/// <summary>The expected failures of adjusting a control selection. Codes are stable (<c>selection.*</c>); messages may change.</summary>
public static class SelectionErrors
{
    public static ConflictError Frozen() =>
        new("selection.frozen", "The selection is frozen; controls can no longer be added or removed.");

    public static InvalidError ReasonRequired() =>
        new("selection.reason-required", "Say why the control is added or removed; the reason is recorded with the selection.", "reason");

    public static InvalidError UnknownControl(string controlKey) =>
        new("selection.unknown-control", $"The catalogue has no control '{controlKey}'.", "controlKey");

    public static ConflictError AlreadySelected(string controlKey) =>
        new("selection.already-selected", $"Control {controlKey} is already selected.");

    public static ConflictError NotSelected(string controlKey) =>
        new("selection.not-selected", $"Control {controlKey} is not selected, so it cannot be removed.");

    public static ConflictError RemovalBreaksAttention(string controlKey, IReadOnlyList<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return new("selection.removal-breaks-attention",
            $"Control {controlKey} belongs to the attention topic(s) {string.Join(", ", topics.Select(t => $"'{t}'"))}; every control of a current attention topic is examined.");
    }

    public static ConflictError RemovalBreaksCycle(string controlKey, int dueYear) =>
        new("selection.removal-breaks-cycle",
            $"Control {controlKey} is due in {SelectionText.Number(dueYear)} at the latest; without it this assessment, the examination cycle would lapse.");

    public static ConflictError RemovalBreaksSubsection(string controlKey, string subsection) =>
        new("selection.removal-breaks-minimum",
            $"Control {controlKey} is the only selected control of subsection {subsection}; an initial assessment examines at least one per subsection. Add another of its controls first.");

    public static ConflictError RemovalBreaksShare(string controlKey, int minimum, decimal share) =>
        new("selection.removal-breaks-minimum",
            $"Removing control {controlKey} would leave fewer than {SelectionText.Controls(minimum)} ({SelectionText.Share(share)} % of the catalogue), the minimum of an initial assessment. Add another control first.");
}
