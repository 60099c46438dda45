namespace Adhere.Domain.Assessments.Selection;

/// <summary>
/// Why a control is examined in depth. A control selected for several reasons carries the first that applies in this
/// order, which is also the order of the values: <see cref="Attention"/>, <see cref="Rotation"/>,
/// <see cref="WeakEvidence"/>, <see cref="Random"/>; <see cref="Assessor"/> is only ever given to a control the assessor
/// added by hand.
/// </summary>
public enum SelectionReason
{
    /// <summary>It belongs to a topic of current attention on the MB's list (<c>attention</c>).</summary>
    Attention = 1,

    /// <summary>The examination cycle owes it: least recently examined first (<c>rotation</c>).</summary>
    Rotation = 2,

    /// <summary>Its evidence is self-declared or a certificate check warned about it (<c>weak-evidence</c>).</summary>
    WeakEvidence = 3,

    /// <summary>Drawn with the recorded seed (<c>random</c>).</summary>
    Random = 4,

    /// <summary>Added by the assessor with a written reason (<c>assessor</c>); a fifth reason beside the four of DOMAIN.md.</summary>
    Assessor = 5,
}

/// <summary>The stable text codes of <see cref="SelectionReason"/>, for storage, APIs and reports.</summary>
public static class SelectionReasons
{
    /// <summary>All reasons in precedence order.</summary>
    public static IReadOnlyList<SelectionReason> All { get; } =
        [SelectionReason.Attention, SelectionReason.Rotation, SelectionReason.WeakEvidence, SelectionReason.Random, SelectionReason.Assessor];

    /// <summary>The code: <c>attention</c>, <c>rotation</c>, <c>weak-evidence</c>, <c>random</c> or <c>assessor</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined reason.</exception>
    public static string ToCode(this SelectionReason reason) => reason switch
    {
        SelectionReason.Attention => "attention",
        SelectionReason.Rotation => "rotation",
        SelectionReason.WeakEvidence => "weak-evidence",
        SelectionReason.Random => "random",
        SelectionReason.Assessor => "assessor",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown selection reason."),
    };

    /// <summary>Reads a code written by <see cref="ToCode"/> (exact, case-sensitive); false for anything else.</summary>
    public static bool TryParse(string? code, out SelectionReason reason)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToCode(), code, StringComparison.Ordinal))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>Plain words for explanations and legends ("weak evidence").</summary>
    public static string Describe(this SelectionReason reason) => reason switch
    {
        SelectionReason.Attention => "attention topic",
        SelectionReason.Rotation => "rotation",
        SelectionReason.WeakEvidence => "weak evidence",
        SelectionReason.Random => "random draw",
        SelectionReason.Assessor => "added by the assessor",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown selection reason."),
    };
}
