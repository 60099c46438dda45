using Adhere.Domain.Assessments.Selection;
using static Adhere.Domain.Tests.Assessments.Selection.SelectionTestData;

namespace Adhere.Domain.Tests.Assessments.Selection;

public sealed class ControlSelectorRecurringTests
{
    private static readonly SelectionSettings NoExtra = new(ExtraShare: 0m);

    [Fact]
    public void Select_RecurringWithoutHistory_SpreadsTheCatalogueOverTheCycle()
    {
        var selection = Select(SelectionKind.Recurring);

        Assert.Equal(23, selection.RotationQuota);
        Assert.Equal(23, selection.Counts.Rotation);
        Assert.Equal(7, selection.Counts.Random);
        Assert.Equal(30, selection.Controls.Count);
    }

    [Fact]
    public void Select_ControlsDueThisYear_AllSelectedAndNothingElseNeeded()
    {
        var controls = CatalogueOf(("5.1", 9));
        var history = Examined(("5.1.A", 2023), ("5.1.B", 2023), ("5.1.C", 2023), ("5.1.D", 2024), ("5.1.E", 2024), ("5.1.F", 2024), ("5.1.G", 2025), ("5.1.H", 2025), ("5.1.I", 2025));

        var selection = Select(SelectionKind.Recurring, controls, history: history, settings: NoExtra);

        Assert.Equal(["5.1.A", "5.1.B", "5.1.C"], Keys(selection));
        Assert.Equal(3, selection.RotationQuota);
        Assert.Equal("Last examined on 2023-03-01; the 3-year cycle needs it this year (2026) at the latest.", selection.Controls[0].Explanation);
    }

    [Fact]
    public void Select_NothingDueThisYear_LeastRecentlyExaminedFirst()
    {
        var controls = CatalogueOf(("5.1", 9));
        var history = new List<Examination>();
        for (var i = 0; i < 6; i++) history.Add(new($"5.1.{(char)('A' + i)}", new DateOnly(2024, 6 - i, 1), SelectionReason.Rotation));
        for (var i = 6; i < 9; i++) history.Add(new($"5.1.{(char)('A' + i)}", new DateOnly(2025, 3, 1), SelectionReason.Rotation));

        for (var seed = 0L; seed < 10; seed++)
        {
            var selection = Select(SelectionKind.Recurring, controls, seed, history: history, settings: NoExtra);

            // Six due by 2027 in the next two assessments, nine within three: three a year; F, E and D are the oldest.
            Assert.Equal(3, selection.RotationQuota);
            Assert.Equal(["5.1.D", "5.1.E", "5.1.F"], Keys(selection));
            Assert.Equal(
                "Last examined on 2024-03-01; the 3-year cycle needs it by 2027; taken now, least recently examined first, to spread the cycle evenly (3 owed controls this year).",
                selection.Controls[0].Explanation);
        }
    }

    [Fact]
    public void Select_OverdueControl_AlwaysSelectedAndSaysOverdue()
    {
        var controls = CatalogueOf(("5.1", 30));
        // Everything else was examined earlier this year (in an ad hoc assessment), so the cycle owes nothing more.
        var history = controls.Select(c => new Examination(c.Key, new DateOnly(2026, 1, 5), SelectionReason.Attention))
            .Where(e => e.ControlKey != "5.1.Q")
            .Append(new Examination("5.1.Q", new DateOnly(2021, 5, 1), SelectionReason.Random))
            .ToList();

        var selection = Select(SelectionKind.Recurring, controls, history: history, settings: NoExtra);

        var overdue = Assert.Single(selection.Controls);
        Assert.Equal("5.1.Q", overdue.ControlKey);
        Assert.Equal(SelectionReason.Rotation, overdue.Reason);
        Assert.EndsWith("the 3-year cycle needed it by 2024, so it is overdue.", overdue.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_EqualHistory_TiesBrokenBySeed()
    {
        var controls = CatalogueOf(("6.2", 16));

        var a = Keys(Select(SelectionKind.Recurring, controls, seed: 1, settings: NoExtra));
        var b = Keys(Select(SelectionKind.Recurring, controls, seed: 2, settings: NoExtra));
        var again = Keys(Select(SelectionKind.Recurring, controls, seed: 1, settings: NoExtra));

        Assert.Equal(6, a.Count);
        Assert.NotEqual(a, b);
        Assert.Equal(a, again);
    }

    [Fact]
    public void Select_ExaminationsOnOrAfterTheAssessmentDate_AreIgnored()
    {
        var controls = CatalogueOf(("5.1", 3));
        var history = Examined(("5.1.A", 2022), ("5.1.B", 2025), ("5.1.C", 2025));
        var later = history.Append(new Examination("5.1.A", Date, SelectionReason.Rotation)).Append(new Examination("5.1.A", Date.AddDays(3))).ToList();

        var selection = Select(SelectionKind.Recurring, controls, history: later, settings: NoExtra);

        Assert.Equal(["5.1.A"], Keys(selection));
    }

    [Fact]
    public void Select_ExtraShare_WeakEvidenceFirstThenRandom()
    {
        var controls = Demo();
        var history = controls.Select(c => new Examination(c.Key, new DateOnly(2025, 3, 1))).ToList();

        var selection = Select(SelectionKind.Recurring, controls, history: history, weak: ["5.2.A", "6.1.B"]);

        // Everything was examined last year: the cycle owes ceil(69 / 3) = 23, plus ceil(6.9) = 7 extra.
        Assert.Equal(23, selection.Counts.Rotation);
        Assert.Equal(7, selection.Counts.WeakEvidence + selection.Counts.Random);
        Assert.True(selection.Controls.Where(c => c.ControlKey is "5.2.A" or "6.1.B").All(c => c.Reason is SelectionReason.WeakEvidence or SelectionReason.Rotation));
        Assert.Contains("5.2.A", Keys(selection));
        Assert.Contains("6.1.B", Keys(selection));
    }

    [Fact]
    public void Select_AttentionControlNotOwed_IncludedAnyway()
    {
        var controls = Demo();
        var history = controls.Select(c => new Examination(c.Key, new DateOnly(2025, 3, 1))).ToList();
        var breaches = new AttentionTopic("Breaches", null, new DateOnly(2025, 11, 1), new DateOnly(2026, 12, 31));

        var selection = Select(SelectionKind.Recurring, controls, history: history, attention: [breaches]);

        Assert.Equal(["5.12.A", "5.12.B", "5.12.C", "5.12.D"], selection.Controls.Where(c => c.Reason == SelectionReason.Attention).Select(c => c.ControlKey));
    }

    [Fact]
    public void Select_NeverExaminedControls_DueByTheEndOfTheFirstCycleFromCycleStart()
    {
        var controls = CatalogueOf(("5.1", 6));
        var history = Examined(("5.1.A", 2024));

        // The cycle started in 2024: never-examined controls are due in 2026 at the latest, so all five are needed now.
        var selection = Select(SelectionKind.Recurring, controls, history: history, settings: NoExtra, cycleStart: new DateOnly(2024, 2, 1));

        Assert.Equal(["5.1.B", "5.1.C", "5.1.D", "5.1.E", "5.1.F"], Keys(selection));
        Assert.All(selection.Controls, c => Assert.Equal("Never examined; the 3-year cycle needs it this year (2026) at the latest.", c.Explanation));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(7L)]
    [InlineData(42L)]
    [InlineData(2026L)]
    [InlineData(-987654321L)]
    public void Select_SixYearsOfRenewalsAfterAnInitialAssessment_EveryControlInEveryThreeYearWindow(long seed)
    {
        var controls = Demo();
        var history = new List<Examination>();
        var perYear = new Dictionary<int, HashSet<string>>();

        for (var year = 2020; year <= 2026; year++)
        {
            // Renewal dates drift within the year, as real ones do.
            var date = new DateOnly(year, 1 + ((year * 5) % 12), 10);
            var kind = year == 2020 ? SelectionKind.Initial : SelectionKind.Recurring;
            var selection = Select(kind, controls, seed + year, date, history, weak: ["6.2.A", "6.2.B", "5.9.A"]);
            history.AddRange(selection.ToExaminations());
            perYear[year] = [.. Keys(selection)];

            if (kind == SelectionKind.Recurring) Assert.True(selection.Controls.Count <= 40, $"{year}: {selection.Controls.Count} controls is more than the cycle needs.");
        }

        AssertEveryWindowCovered(controls, perYear, 2020, 2026, 3);
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(99L)]
    [InlineData(123456789L)]
    public void Select_SixRenewalsWithoutHistory_AttentionTopicsAndAssessorRemovals_CycleStillHolds(long seed)
    {
        var controls = Demo();
        var history = new List<Examination>();
        var perYear = new Dictionary<int, HashSet<string>>();
        AttentionTopic[] attention =
        [
            new("transfers", null, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31)),
            new("breaches", ["6.2.C"], new DateOnly(2024, 6, 1)),
        ];

        for (var year = 2021; year <= 2026; year++)
        {
            var selection = Select(SelectionKind.Recurring, controls, seed * 31 + year, new DateOnly(year, 4, 1), history, attention, cycleStart: new DateOnly(2021, 4, 1));

            // The assessor removes every control the rules let go: only what is due this year (and attention) stays.
            foreach (var key in Keys(selection))
            {
                var removed = selection.Remove(key, "Examined closely in the certificate audit.");
                if (!removed.IsError) selection = removed.Value;
                else Assert.Contains(removed.Error!.Code, new[] { "selection.removal-breaks-cycle", "selection.removal-breaks-attention" });
            }

            history.AddRange(selection.Freeze().Value.ToExaminations());
            perYear[year] = [.. Keys(selection)];
        }

        AssertEveryWindowCovered(controls, perYear, 2021, 2026, 3);
    }

    [Fact]
    public void Select_TwoYearCycle_EveryControlInEveryTwoYearWindow()
    {
        var controls = Demo();
        var settings = new SelectionSettings(CycleYears: 2, ExtraShare: 0m);
        var history = new List<Examination>();
        var perYear = new Dictionary<int, HashSet<string>>();

        for (var year = 2021; year <= 2026; year++)
        {
            var selection = Select(year == 2021 ? SelectionKind.Initial : SelectionKind.Recurring, controls, year, new DateOnly(year, 9, 1), history, settings: settings);
            history.AddRange(selection.ToExaminations());
            perYear[year] = [.. Keys(selection)];
        }

        AssertEveryWindowCovered(controls, perYear, 2021, 2026, 2);
    }

    private static List<Examination> Examined(params (string Key, int Year)[] examinations) =>
        [.. examinations.Select(e => new Examination(e.Key, new DateOnly(e.Year, 3, 1), SelectionReason.Rotation))];

    private static void AssertEveryWindowCovered(IReadOnlyList<SelectableControl> controls, Dictionary<int, HashSet<string>> perYear, int first, int last, int window)
    {
        for (var start = first; start + window - 1 <= last; start++)
        {
            var examined = Enumerable.Range(start, window).SelectMany(y => perYear[y]).ToHashSet();
            var missing = controls.Select(c => c.Key).Where(k => !examined.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"Not examined in {start}–{start + window - 1}: {string.Join(", ", missing)}");
        }
    }
}
