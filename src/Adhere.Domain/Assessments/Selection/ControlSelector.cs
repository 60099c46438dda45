using System.Globalization;

namespace Adhere.Domain.Assessments.Selection;

/// <summary>
/// Chooses the controls an assessment examines in depth, reproducibly from a recorded seed, with a reason and an
/// explanation per control. The rules per <see cref="SelectionKind"/> (see also docs/decisions/0009-control-selection.md):
/// <list type="bullet">
/// <item><b>Every kind:</b> every control of every attention topic active on the assessment date
/// (<see cref="SelectionReason.Attention"/>).</item>
/// <item><b>Initial:</b> then, for each subsection without a selected control, one of its controls, weak-evidence ones
/// first, drawn with the seed; then controls until the count reaches <see cref="SelectionSettings.InitialMinimumShare"/>
/// of the catalogue (rounded up), again weak-evidence first, the rest at random.</item>
/// <item><b>Recurring:</b> then the cycle's controls (<see cref="SelectionReason.Rotation"/>), earliest due year first,
/// then least recently examined (never examined first), ties by the seed, until this year's quota
/// (<see cref="ControlSelection.RotationQuota"/>) of owed controls is examined, and always every control due this year or
/// overdue; then <see cref="SelectionSettings.ExtraShare"/> of the catalogue (rounded up) from the rest, weak-evidence first.</item>
/// <item><b>Ad hoc:</b> only the attention topics given for its occasion, plus, when
/// <see cref="SelectionSettings.AdHocIncludesWeakEvidence"/> is on, the weak-evidence controls of the subsections those
/// topics touch. With no active topic the selection is empty and the assessor adds controls by hand.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// The cycle counts calendar years and assumes one recurring assessment per year: a control examined in year Y (in an
/// assessment of any kind) must be examined again in year Y + <see cref="SelectionSettings.CycleYears"/> at the latest, so
/// every window of that many consecutive years contains an examination; a never-examined control is due by year
/// <c>cycle start + CycleYears − 1</c>. Controls due within the next CycleYears assessments are <i>owed</i>. With N(k)
/// the owed controls due within the next k assessments, the quota is the largest ceil(N(k) / k): examining that many,
/// earliest due first, keeps every later year feasible (earliest deadline first), so a yearly run never lets a control
/// lapse, and the load is spread evenly over the cycle.
/// </para>
/// <para>
/// Random choices use <see cref="SeededOrder"/>, so the same input and seed give the same selection on any platform and
/// .NET version. A control's rank depends only on the seed and its key, so controls added to the catalogue do not
/// reshuffle the others.
/// </para>
/// </remarks>
public static class ControlSelector
{
    /// <summary>Makes the selection for <paramref name="input"/>; it is neither adjusted nor frozen.</summary>
    /// <exception cref="ArgumentException">Duplicate or blank control keys, subsections or sections (a programmer error).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Settings outside their bounds, or an undefined kind.</exception>
    public static ControlSelection Select(SelectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CyclePlan.CheckControls(input.Controls, nameof(input));
        var settings = input.Settings ?? SelectionSettings.Default;
        settings.Validate();
        if (!Enum.IsDefined(input.Kind)) throw new ArgumentOutOfRangeException(nameof(input), input.Kind, "Unknown assessment kind.");

        var context = new Context(input, settings);
        var (activeTopics, attentionByControl) = context.SelectAttention();
        var dueNow = new Dictionary<string, int>(StringComparer.Ordinal);
        int minimum = 0, quota = 0;
        switch (input.Kind)
        {
            case SelectionKind.Initial:
                minimum = context.SelectInitial();
                break;
            case SelectionKind.Recurring:
                quota = context.SelectRecurring(dueNow);
                break;
            default:
                context.SelectAdHoc();
                break;
        }

        var controls = input.Controls
            .Where(c => context.Picks.ContainsKey(c.Key))
            .Select(c => new SelectedControl(c.Key, context.Picks[c.Key].Reason, context.Picks[c.Key].Explanation))
            .ToList();
        return new ControlSelection(input, settings, controls, activeTopics, attentionByControl, dueNow, minimum, quota);
    }

    private sealed class Context(SelectionInput input, SelectionSettings settings)
    {
        private const string WeakPurpose = "weak-evidence";
        private const string RandomPurpose = "random";
        private const string RotationPurpose = "rotation";

        private readonly HashSet<string> weak = (input.WeakEvidence ?? []).ToHashSet(StringComparer.Ordinal);

        public Dictionary<string, (SelectionReason Reason, string Explanation)> Picks { get; } = new(StringComparer.Ordinal);

        private IReadOnlyList<SelectableControl> Controls => input.Controls;

        public (IReadOnlyList<string> Active, IReadOnlyDictionary<string, IReadOnlyList<string>> ByControl) SelectAttention()
        {
            var active = (input.AttentionTopics ?? []).Where(t => t is not null && t.IsActiveOn(input.AssessmentDate)).ToList();
            var byControl = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var control in Controls)
            {
                var topics = active
                    .Where(t => (t.ControlKeys ?? []).Contains(control.Key, StringComparer.Ordinal)
                        || (control.Topics ?? []).Contains(t.Topic, StringComparer.OrdinalIgnoreCase))
                    .ToList();
                if (topics.Count == 0) continue;
                byControl[control.Key] = topics.Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToList();
                var described = topics.Select(t => t.ValidUntil is { } until
                        ? $"'{t.Topic}' (listed {SelectionText.Day(t.ValidFrom)} to {SelectionText.Day(until)})"
                        : $"'{t.Topic}' (listed since {SelectionText.Day(t.ValidFrom)})")
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                var noun = described.Count == 1 ? "topic" : "topics";
                Picks[control.Key] = (SelectionReason.Attention,
                    $"Belongs to the attention {noun} {SelectionText.JoinAnd(described)}; every control of a current attention topic is examined.");
            }

            return (active.Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToList(), byControl);
        }

        public int SelectInitial()
        {
            var minimum = (int)Math.Ceiling(settings.InitialMinimumShare * Controls.Count);
            var share = SelectionText.Share(settings.InitialMinimumShare);

            foreach (var subsection in Controls.Select(c => c.Subsection).Distinct(StringComparer.Ordinal))
            {
                var members = Controls.Where(c => string.Equals(c.Subsection, subsection, StringComparison.Ordinal)).Select(c => c.Key).ToList();
                if (members.Any(Picks.ContainsKey)) continue;
                var key = WeakFirst(members).First();
                Picks[key] = weak.Contains(key)
                    ? (SelectionReason.WeakEvidence, $"Its evidence is weak (self-declared, or a certificate check warned), so it was preferred, with the recorded seed, as the control examined for subsection {subsection}; an initial assessment examines at least one per subsection.")
                    : (SelectionReason.Random, $"Drawn at random with the recorded seed as the control examined for subsection {subsection}; an initial assessment examines at least one per subsection.");
            }

            var needed = minimum - Picks.Count;
            foreach (var key in WeakFirst(Controls.Select(c => c.Key).Where(k => !Picks.ContainsKey(k))).Take(Math.Max(needed, 0)))
            {
                Picks[key] = weak.Contains(key)
                    ? (SelectionReason.WeakEvidence, $"Its evidence is weak (self-declared, or a certificate check warned), so it was preferred, with the recorded seed, to reach the minimum of {share} % of controls.")
                    : (SelectionReason.Random, $"Drawn at random with the recorded seed to reach the minimum of {share} % of controls.");
            }

            return minimum;
        }

        public int SelectRecurring(Dictionary<string, int> dueNow)
        {
            var cycle = settings.CycleYears;
            var year = input.AssessmentDate.Year;
            var catalogueKeys = Controls.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var counted = (input.History ?? []).Where(e => e is not null && e.On < input.AssessmentDate && catalogueKeys.Contains(e.ControlKey)).ToList();
            var anchorYear = CyclePlan.AnchorYear(input.CycleStart, counted.Select(e => e.On), input.AssessmentDate);
            var lastExamined = CyclePlan.LastExamined(counted);

            var owed = Controls
                .Select(c =>
                {
                    DateOnly? last = lastExamined.TryGetValue(c.Key, out var l) ? l : null;
                    var due = CyclePlan.DueYear(last, anchorYear, cycle);
                    return (c.Key, Last: last, Due: due, Within: Math.Max(due - year + 1, 1));
                })
                .Where(x => x.Within <= cycle)
                .OrderBy(x => x.Within)
                .ThenBy(x => x.Last ?? DateOnly.MinValue)
                .ThenBy(x => SeededOrder.Rank(input.Seed, RotationPurpose, x.Key))
                .ThenBy(x => x.Key, StringComparer.Ordinal)
                .ToList();

            var quota = 0;
            for (var k = 1; k <= cycle; k++)
            {
                var dueWithin = owed.Count(x => x.Within <= k);
                quota = Math.Max(quota, (dueWithin + k - 1) / k);
            }

            var examined = owed.Count(x => Picks.ContainsKey(x.Key));
            foreach (var x in owed)
            {
                if (x.Within == 1) dueNow[x.Key] = x.Due;
                if (Picks.ContainsKey(x.Key)) continue;
                if (examined >= quota && x.Within > 1) break;
                var last = x.Last is { } l ? $"Last examined on {SelectionText.Day(l)}" : "Never examined";
                var when = x.Due < year ? string.Create(CultureInfo.InvariantCulture, $"needed it by {x.Due}, so it is overdue")
                    : x.Due == year ? string.Create(CultureInfo.InvariantCulture, $"needs it this year ({x.Due}) at the latest")
                    : string.Create(CultureInfo.InvariantCulture, $"needs it by {x.Due}; taken now, least recently examined first, to spread the cycle evenly ({quota} owed controls this year)");
                Picks[x.Key] = (SelectionReason.Rotation, string.Create(CultureInfo.InvariantCulture, $"{last}; the {cycle}-year cycle {when}."));
                examined++;
            }

            var extra = (int)Math.Ceiling(settings.ExtraShare * Controls.Count);
            var share = SelectionText.Share(settings.ExtraShare);
            foreach (var key in WeakFirst(Controls.Select(c => c.Key).Where(k => !Picks.ContainsKey(k))).Take(extra))
            {
                Picks[key] = weak.Contains(key)
                    ? (SelectionReason.WeakEvidence, $"Its evidence is weak (self-declared, or a certificate check warned), so it was preferred, with the recorded seed, for the extra {share} % examined beyond the cycle.")
                    : (SelectionReason.Random, $"Drawn at random with the recorded seed for the extra {share} % examined beyond the cycle, so that the selection cannot be predicted.");
            }

            return quota;
        }

        public void SelectAdHoc()
        {
            if (!settings.AdHocIncludesWeakEvidence) return;
            var subsections = Controls.Where(c => Picks.ContainsKey(c.Key)).Select(c => c.Subsection).ToHashSet(StringComparer.Ordinal);
            foreach (var control in Controls.Where(c => subsections.Contains(c.Subsection) && weak.Contains(c.Key) && !Picks.ContainsKey(c.Key)))
            {
                Picks[control.Key] = (SelectionReason.WeakEvidence,
                    $"Its evidence is weak (self-declared, or a certificate check warned) and it is in subsection {control.Subsection}, which this assessment's attention topics concern.");
            }
        }

        // Weak-evidence controls first, each group in the seeded order of its own purpose.
        private IEnumerable<string> WeakFirst(IEnumerable<string> keys)
        {
            var list = keys.ToList();
            return SeededOrder.Shuffle(list.Where(weak.Contains), input.Seed, WeakPurpose)
                .Concat(SeededOrder.Shuffle(list.Where(k => !weak.Contains(k)), input.Seed, RandomPurpose));
        }
    }
}
