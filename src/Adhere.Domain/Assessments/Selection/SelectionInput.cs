namespace Adhere.Domain.Assessments.Selection;

/// <summary>A catalogue control as selection and coverage need it.</summary>
/// <param name="Key">The control's key (<c>5.1.A</c>); unique in the catalogue, compared ordinally.</param>
/// <param name="Subsection">Its subsection key (<c>5.1</c>); controls of a subsection need not be adjacent.</param>
/// <param name="Section">Its top-level section key (<c>5</c>).</param>
/// <param name="Topics">Topic tags (<c>transfers</c>, <c>breaches</c>), compared ignoring case; null or empty for none.</param>
public sealed record SelectableControl(string Key, string Subsection, string Section, IReadOnlyList<string>? Topics = null);

/// <summary>One in-depth examination of a control for this provider, in an assessment of any kind.</summary>
/// <param name="ControlKey">The control examined; keys no longer in the catalogue are ignored wherever history is read.</param>
/// <param name="On">The date of the assessment that examined it.</param>
/// <param name="Reason">Why it was selected then; null when not recorded (history from before Adhere).</param>
public sealed record Examination(string ControlKey, DateOnly On, SelectionReason? Reason = null);

/// <summary>
/// An entry of the MB's list of topics of current attention (from media reports or supervisory actions). It selects
/// every control tagged with <see cref="Topic"/> and every control named in <see cref="ControlKeys"/>.
/// </summary>
/// <param name="Topic">The topic tag (matched against <see cref="SelectableControl.Topics"/>, ignoring case) and its name in explanations.</param>
/// <param name="ControlKeys">Controls it adds besides the tagged ones; keys not in the catalogue are ignored. Null for none.</param>
/// <param name="ValidFrom">First day the topic is active.</param>
/// <param name="ValidUntil">Last day it is active (inclusive); null while the MB keeps it open.</param>
public sealed record AttentionTopic(string Topic, IReadOnlyList<string>? ControlKeys, DateOnly ValidFrom, DateOnly? ValidUntil = null)
{
    /// <summary>Whether the topic applies to an assessment on <paramref name="date"/>: from <see cref="ValidFrom"/> through <see cref="ValidUntil"/>, both inclusive.</summary>
    public bool IsActiveOn(DateOnly date) => ValidFrom <= date && (ValidUntil is null || date <= ValidUntil.Value);
}

/// <summary>The sampling settings (defaults from DOMAIN.md; an MB may change them). A selection records the settings it used.</summary>
/// <param name="InitialMinimumShare">Share of controls (above 0, at most 1) an initial assessment examines at least, rounded up. Default 0.30.</param>
/// <param name="CycleYears">Every control is examined at least once in any window of this many consecutive calendar years (1–50). Default 3.</param>
/// <param name="ExtraShare">
/// Share of controls (0–1, rounded up) that a recurring assessment examines beyond attention and rotation, weak-evidence
/// controls first, the rest drawn at random, so that the provider cannot predict the whole selection. Default 0.10.
/// </param>
/// <param name="AdHocIncludesWeakEvidence">
/// An ad hoc assessment also examines the weak-evidence controls of the subsections its attention topics touch. Default off.
/// </param>
public sealed record SelectionSettings(
    decimal InitialMinimumShare = 0.30m,
    int CycleYears = 3,
    decimal ExtraShare = 0.10m,
    bool AdHocIncludesWeakEvidence = false)
{
    /// <summary>The defaults of DOMAIN.md.</summary>
    public static SelectionSettings Default { get; } = new();

    /// <summary>Throws for settings outside their bounds: a programmer or configuration error, not a user's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside the bounds given on its parameter.</exception>
    public void Validate()
    {
        if (InitialMinimumShare is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialMinimumShare), InitialMinimumShare, "The initial minimum share must be above 0 and at most 1.");
        }

        if (CycleYears is < 1 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(CycleYears), CycleYears, "The cycle must last 1 to 50 years.");
        }

        if (ExtraShare is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraShare), ExtraShare, "The extra share must be between 0 and 1.");
        }
    }
}

/// <summary>Everything a selection depends on. The same input (with the same <see cref="Seed"/>) always gives the same selection.</summary>
/// <param name="Kind">The kind of assessment.</param>
/// <param name="AssessmentDate">The assessment's date: it decides which attention topics are active and which year of the cycle this is.</param>
/// <param name="Controls">The catalogue's controls in catalogue order, each key once; the selection lists controls in this order.</param>
/// <param name="History">
/// This provider's earlier examinations, in any order. Only those dated before <see cref="AssessmentDate"/> count; keys
/// outside the catalogue are ignored. Null for none.
/// </param>
/// <param name="AttentionTopics">The MB's attention list; only topics active on the assessment date count. For an ad hoc assessment, the topics of its occasion (the complaint's, the change's). Null for none.</param>
/// <param name="WeakEvidence">Keys of controls whose evidence is self-declared or whose certificate check warned; unknown keys are ignored. Null for none.</param>
/// <param name="Seed">The seed of the random choices; the caller draws it once and records it with the selection.</param>
/// <param name="Settings">The sampling settings; null for <see cref="SelectionSettings.Default"/>.</param>
/// <param name="CycleStart">
/// When the provider's cycle began (usually its initial assessment): a control never examined is due by the end of the
/// year <c>CycleStart.Year + CycleYears − 1</c>. Null: the earliest counted examination, or the assessment date when there is none.
/// </param>
public sealed record SelectionInput(
    SelectionKind Kind,
    DateOnly AssessmentDate,
    IReadOnlyList<SelectableControl> Controls,
    IReadOnlyList<Examination>? History,
    IReadOnlyList<AttentionTopic>? AttentionTopics,
    IReadOnlyCollection<string>? WeakEvidence,
    long Seed,
    SelectionSettings? Settings = null,
    DateOnly? CycleStart = null);
