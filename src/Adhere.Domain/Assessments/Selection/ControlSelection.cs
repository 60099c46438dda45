using System.Globalization;
using Adhere.Domain.Common;

namespace Adhere.Domain.Assessments.Selection;

/// <summary>A control chosen for in-depth scrutiny, as a row to store and show.</summary>
/// <param name="ControlKey">The control.</param>
/// <param name="Reason">Its primary reason (see <see cref="SelectionReason"/> for the precedence).</param>
/// <param name="Explanation">One or two plain-language sentences, invariant culture, saying why.</param>
/// <param name="AddedByAssessor">True when the assessor added it by hand (then <see cref="Reason"/> is <see cref="SelectionReason.Assessor"/>).</param>
/// <param name="AdjustmentReason">The assessor's reason for adding it; null for a control the rules selected.</param>
public sealed record SelectedControl(
    string ControlKey,
    SelectionReason Reason,
    string Explanation,
    bool AddedByAssessor = false,
    string? AdjustmentReason = null);

/// <summary>A control the rules (or the assessor) had selected and the assessor took out, with the original row and the removal reason.</summary>
public sealed record RemovedControl(SelectedControl Original, string RemovalReason)
{
    public string ControlKey => Original.ControlKey;
}

/// <summary>Whether an adjustment added or removed a control.</summary>
public enum AdjustmentKind
{
    Added = 1,
    Removed = 2,
}

/// <summary>One change by the assessor, in the order made; replaying them on a fresh selection of the same input gives the same state.</summary>
public sealed record SelectionAdjustment(AdjustmentKind Kind, string ControlKey, string Reason);

/// <summary>How many controls are selected, in all and per primary reason.</summary>
public sealed record SelectionCounts(int Catalogue, int Selected, int Attention, int Rotation, int WeakEvidence, int Random, int Assessor, int Removed)
{
    /// <summary>The count for one reason.</summary>
    public int Of(SelectionReason reason) => reason switch
    {
        SelectionReason.Attention => Attention,
        SelectionReason.Rotation => Rotation,
        SelectionReason.WeakEvidence => WeakEvidence,
        SelectionReason.Random => Random,
        SelectionReason.Assessor => Assessor,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown selection reason."),
    };
}

/// <summary>
/// The controls an assessment examines in depth, reproducible from <see cref="Seed"/> and explained per control. Made by
/// <see cref="ControlSelector.Select"/>; the assessor may then <see cref="Add"/> and <see cref="Remove"/> controls with a
/// reason and finally <see cref="Freeze"/> it. An immutable value: every change returns a new selection.
/// </summary>
/// <remarks>
/// To persist: store the input (or its identity), the seed, the rows of <see cref="Controls"/> and <see cref="Removed"/>,
/// <see cref="Adjustments"/> and <see cref="IsFrozen"/>. To rebuild an object that still enforces the rules, select again
/// from the same input and replay <see cref="Adjustments"/> in order (then freeze); the result equals the stored rows.
/// </remarks>
public sealed class ControlSelection
{
    private readonly Dictionary<string, SelectableControl> catalogue;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> attentionTopicsByControl;
    private readonly IReadOnlyDictionary<string, int> dueNow;

    internal ControlSelection(
        SelectionInput input,
        SelectionSettings settings,
        IReadOnlyList<SelectedControl> controls,
        IReadOnlyList<string> activeTopics,
        IReadOnlyDictionary<string, IReadOnlyList<string>> attentionTopicsByControl,
        IReadOnlyDictionary<string, int> dueNow,
        int minimumCount,
        int rotationQuota)
    {
        Input = input;
        Settings = settings;
        Controls = controls;
        ActiveAttentionTopics = activeTopics;
        this.attentionTopicsByControl = attentionTopicsByControl;
        this.dueNow = dueNow;
        MinimumCount = minimumCount;
        RotationQuota = rotationQuota;
        Removed = [];
        Adjustments = [];
        catalogue = input.Controls.ToDictionary(c => c.Key, StringComparer.Ordinal);
    }

    private ControlSelection(ControlSelection source, IReadOnlyList<SelectedControl> controls, IReadOnlyList<RemovedControl> removed,
        IReadOnlyList<SelectionAdjustment> adjustments, bool frozen)
    {
        Input = source.Input;
        Settings = source.Settings;
        ActiveAttentionTopics = source.ActiveAttentionTopics;
        attentionTopicsByControl = source.attentionTopicsByControl;
        dueNow = source.dueNow;
        MinimumCount = source.MinimumCount;
        RotationQuota = source.RotationQuota;
        catalogue = source.catalogue;
        Controls = controls;
        Removed = removed;
        Adjustments = adjustments;
        IsFrozen = frozen;
    }

    /// <summary>The input the selection was made from (settings resolved in <see cref="Settings"/>).</summary>
    public SelectionInput Input { get; }

    public long Seed => Input.Seed;

    public SelectionKind Kind => Input.Kind;

    public DateOnly AssessmentDate => Input.AssessmentDate;

    /// <summary>The settings used, never null (the defaults when the input had none).</summary>
    public SelectionSettings Settings { get; }

    /// <summary>The selected controls in catalogue order, each once.</summary>
    public IReadOnlyList<SelectedControl> Controls { get; }

    /// <summary>Controls the assessor removed, in the order removed (a control added back is no longer listed).</summary>
    public IReadOnlyList<RemovedControl> Removed { get; }

    /// <summary>The assessor's changes in the order made.</summary>
    public IReadOnlyList<SelectionAdjustment> Adjustments { get; }

    /// <summary>The attention topics active on the assessment date, in the order of the MB's list.</summary>
    public IReadOnlyList<string> ActiveAttentionTopics { get; }

    /// <summary>For an initial assessment, the least number of controls to examine (the share, rounded up); 0 otherwise.</summary>
    public int MinimumCount { get; }

    /// <summary>
    /// For a recurring assessment, how many controls the cycle owes this year: the most that, for some k up to the cycle
    /// length, the controls due within the next k yearly assessments need per assessment (rounded up); 0 otherwise.
    /// </summary>
    public int RotationQuota { get; }

    public bool IsFrozen { get; }

    public SelectionCounts Counts => new(
        catalogue.Count,
        Controls.Count,
        Controls.Count(c => c.Reason == SelectionReason.Attention),
        Controls.Count(c => c.Reason == SelectionReason.Rotation),
        Controls.Count(c => c.Reason == SelectionReason.WeakEvidence),
        Controls.Count(c => c.Reason == SelectionReason.Random),
        Controls.Count(c => c.Reason == SelectionReason.Assessor),
        Removed.Count);

    /// <summary>A plain-language summary for the assessment file and the report (invariant culture).</summary>
    public string Summary
    {
        get
        {
            var counts = Counts;
            var kind = Kind switch
            {
                SelectionKind.Initial => "Initial assessment",
                SelectionKind.Recurring => "Recurring assessment",
                _ => "Ad hoc assessment",
            };
            var parts = SelectionReasons.All
                .Where(r => counts.Of(r) > 0)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"{counts.Of(r)} {SummaryLabel(r)}"))
                .ToList();
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{kind} on {SelectionText.Day(AssessmentDate)}: {counts.Selected} of {SelectionText.Controls(counts.Catalogue)} selected ({SelectionText.Percent(counts.Selected, counts.Catalogue)} %) with seed {Seed}");
            text += parts.Count == 0 ? "." : $" ({SelectionText.JoinAnd(parts)}).";
            text += Kind switch
            {
                SelectionKind.Initial => string.Create(CultureInfo.InvariantCulture,
                    $" The rules ask for at least {SelectionText.Controls(MinimumCount)} ({SelectionText.Share(Settings.InitialMinimumShare)} %) and one per subsection."),
                SelectionKind.Recurring => string.Create(CultureInfo.InvariantCulture,
                    $" The {Settings.CycleYears}-year cycle owes {SelectionText.Controls(RotationQuota)} this year, least recently examined first."),
                _ => ActiveAttentionTopics.Count == 0 ? " No attention topic is active; the assessor chooses the controls." : "",
            };
            if (ActiveAttentionTopics.Count > 0)
            {
                text += $" Attention topics: {SelectionText.JoinAnd(ActiveAttentionTopics.Select(t => $"'{t}'").ToList())}.";
            }

            var added = Adjustments.Count(a => a.Kind == AdjustmentKind.Added);
            var removed = Adjustments.Count(a => a.Kind == AdjustmentKind.Removed);
            if (added + removed > 0)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" The assessor added {added} and removed {removed}.");
            }

            return text + (IsFrozen ? " The selection is frozen." : "");
        }
    }

    private static string SummaryLabel(SelectionReason reason) => reason switch
    {
        SelectionReason.Attention => "attention",
        SelectionReason.Rotation => "rotation",
        SelectionReason.WeakEvidence => "weak evidence",
        SelectionReason.Random => "random",
        _ => "added by the assessor",
    };

    /// <summary>Whether <paramref name="controlKey"/> is selected.</summary>
    public bool Contains(string controlKey) => Controls.Any(c => string.Equals(c.ControlKey, controlKey, StringComparison.Ordinal));

    /// <summary>
    /// Adds a control by hand with the assessor's <paramref name="reason"/>; it gets <see cref="SelectionReason.Assessor"/>.
    /// Errors: <c>selection.frozen</c>, <c>selection.reason-required</c> (blank), <c>selection.unknown-control</c>,
    /// <c>selection.already-selected</c>. A control removed earlier may be added back; it then leaves <see cref="Removed"/>.
    /// </summary>
    public Result<ControlSelection> Add(string controlKey, string reason)
    {
        if (IsFrozen) return SelectionErrors.Frozen();
        if (string.IsNullOrWhiteSpace(reason)) return SelectionErrors.ReasonRequired();
        if (controlKey is null || !catalogue.ContainsKey(controlKey)) return SelectionErrors.UnknownControl(controlKey ?? "");
        if (Contains(controlKey)) return SelectionErrors.AlreadySelected(controlKey);

        var trimmed = reason.Trim();
        var row = new SelectedControl(controlKey, SelectionReason.Assessor, $"Added by the assessor: {trimmed}", true, trimmed);
        var order = Input.Controls.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var controls = Controls.Append(row).OrderBy(c => order[c.ControlKey]).ToList();
        var removed = Removed.Where(r => !string.Equals(r.ControlKey, controlKey, StringComparison.Ordinal)).ToList();
        return new ControlSelection(this, controls, removed, [.. Adjustments, new(AdjustmentKind.Added, controlKey, trimmed)], false);
    }

    /// <summary>
    /// Removes a control with the assessor's <paramref name="reason"/>, unless that breaks a rule. Errors, checked in this
    /// order: <c>selection.frozen</c>; <c>selection.reason-required</c>; <c>selection.unknown-control</c>;
    /// <c>selection.not-selected</c>; <c>selection.removal-breaks-attention</c> (it belongs to an active attention
    /// topic: those are always examined); <c>selection.removal-breaks-cycle</c> (recurring: it is due this year, so the
    /// cycle would lapse; a control owed only later may go); <c>selection.removal-breaks-minimum</c> (initial: it is its
    /// subsection's last selected control, or the count would fall below <see cref="MinimumCount"/>; add a replacement first).
    /// </summary>
    public Result<ControlSelection> Remove(string controlKey, string reason)
    {
        if (IsFrozen) return SelectionErrors.Frozen();
        if (string.IsNullOrWhiteSpace(reason)) return SelectionErrors.ReasonRequired();
        if (controlKey is null || !catalogue.TryGetValue(controlKey, out var control)) return SelectionErrors.UnknownControl(controlKey ?? "");
        var row = Controls.FirstOrDefault(c => string.Equals(c.ControlKey, controlKey, StringComparison.Ordinal));
        if (row is null) return SelectionErrors.NotSelected(controlKey);
        if (attentionTopicsByControl.TryGetValue(controlKey, out var topics)) return SelectionErrors.RemovalBreaksAttention(controlKey, topics);
        if (dueNow.TryGetValue(controlKey, out var dueYear)) return SelectionErrors.RemovalBreaksCycle(controlKey, dueYear);

        var remaining = Controls.Where(c => c != row).ToList();
        if (Kind == SelectionKind.Initial)
        {
            var subsectionLeft = remaining.Any(c => string.Equals(catalogue[c.ControlKey].Subsection, control.Subsection, StringComparison.Ordinal));
            if (!subsectionLeft) return SelectionErrors.RemovalBreaksSubsection(controlKey, control.Subsection);
            if (remaining.Count < MinimumCount) return SelectionErrors.RemovalBreaksShare(controlKey, MinimumCount, Settings.InitialMinimumShare);
        }

        var trimmed = reason.Trim();
        return new ControlSelection(this, remaining, [.. Removed, new RemovedControl(row, trimmed)],
            [.. Adjustments, new(AdjustmentKind.Removed, controlKey, trimmed)], false);
    }

    /// <summary>Freezes the selection for examination; afterwards every change, and freezing again, gives <c>selection.frozen</c>.</summary>
    public Result<ControlSelection> Freeze() =>
        IsFrozen ? SelectionErrors.Frozen() : new ControlSelection(this, Controls, Removed, Adjustments, true);

    /// <summary>The selected controls as examinations on <see cref="AssessmentDate"/>, to add to the provider's history.</summary>
    public IReadOnlyList<Examination> ToExaminations() =>
        [.. Controls.Select(c => new Examination(c.ControlKey, AssessmentDate, c.Reason))];
}
