namespace Adhere.Domain.Assessments.Selection;

/// <summary>
/// The kind of assessment a selection is made for; it decides the sampling rules (see <see cref="ControlSelector"/>).
/// Named apart from the assessment aggregate's own kind so that the two can be imported side by side.
/// </summary>
public enum SelectionKind
{
    /// <summary>The first assessment of a declaration: a minimum share of controls and one per subsection.</summary>
    Initial = 1,

    /// <summary>The yearly renewal: the examination cycle, least recently examined first.</summary>
    Recurring = 2,

    /// <summary>After a significant change, a complaint, media reports or new guidance: its attention topics only.</summary>
    AdHoc = 3,
}
