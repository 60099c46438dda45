using Adhere.Domain.Assessments.Selection;
using static Adhere.Domain.Tests.Assessments.Selection.SelectionTestData;

namespace Adhere.Domain.Tests.Assessments.Selection;

public sealed class ControlSelectorInitialTests
{
    public static TheoryData<(string Subsection, int Count)[]> Shapes() => new(
        [("5.1", 1)],
        [("5.1", 2)],
        [("5.1", 10)],
        [("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 1), ("6", 1), ("7", 1), ("8", 1), ("9", 1), ("10", 1)],
        [("5.1", 30), ("5.2", 1), ("6.1", 1)],
        [("5.1", 8), ("5.2", 1), ("5.3", 5), ("5.4", 5), ("5.5", 6), ("5.7", 6), ("5.8", 2), ("5.9", 2), ("5.11", 3), ("5.12", 4), ("5.13", 2), ("5.14", 6), ("6.1", 3), ("6.2", 16)],
        [("6.2", 100)]);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Select_AnyCatalogueShapeAndSeed_MeetsTheShareAndEverySubsection((string Subsection, int Count)[] shape)
    {
        var controls = CatalogueOf(shape);
        var minimum = (int)Math.Ceiling(0.3m * controls.Count);
        var expected = Math.Max(minimum, shape.Length);

        for (var seed = 0L; seed < 40; seed++)
        {
            var selection = Select(SelectionKind.Initial, controls, seed);

            Assert.Equal(expected, selection.Controls.Count);
            Assert.Equal(minimum, selection.MinimumCount);
            var covered = selection.Controls.Select(c => controls.Single(x => x.Key == c.ControlKey).Subsection).ToHashSet();
            Assert.All(shape, s => Assert.Contains(s.Subsection, covered));
        }
    }

    [Fact]
    public void Select_InitialDemoCatalogue_Selects21Of69InCatalogueOrder()
    {
        var controls = Demo();

        var selection = Select(SelectionKind.Initial, controls);

        Assert.Equal(21, selection.Controls.Count);
        var positions = selection.Controls.Select(c => controls.ToList().FindIndex(x => x.Key == c.ControlKey)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(selection.Controls.Count, selection.Controls.Select(c => c.ControlKey).Distinct().Count());
        Assert.All(selection.Controls, c => Assert.Equal(SelectionReason.Random, c.Reason));
    }

    [Fact]
    public void Select_SingleControl_SelectsIt()
    {
        var selection = Select(SelectionKind.Initial, CatalogueOf(("5.1", 1)));

        var only = Assert.Single(selection.Controls);
        Assert.Equal("5.1.A", only.ControlKey);
        Assert.Equal(SelectionReason.Random, only.Reason);
        Assert.Contains("subsection 5.1", only.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_TenSubsectionsOfOneControl_SelectsAllTen()
    {
        var controls = CatalogueOf([.. Enumerable.Range(1, 10).Select(i => ($"5.{i}", 1))]);

        var selection = Select(SelectionKind.Initial, controls);

        Assert.Equal(controls.Select(c => c.Key), Keys(selection));
        Assert.Equal(3, selection.MinimumCount);
    }

    [Theory]
    [InlineData(0.5, 7, 4)]
    [InlineData(0.3, 10, 3)]
    [InlineData(0.3, 11, 4)]
    [InlineData(1.0, 9, 9)]
    public void Select_MinimumShare_RoundsUp(double share, int controls, int expected)
    {
        var settings = new SelectionSettings(InitialMinimumShare: (decimal)share);

        var selection = Select(SelectionKind.Initial, CatalogueOf(("6.2", controls)), settings: settings);

        Assert.Equal(expected, selection.Controls.Count);
    }

    [Fact]
    public void Select_FewWeakEvidenceControls_AllPreferredBeforeRandomOnes()
    {
        string[] weak = ["6.2.B", "6.2.K", "5.5.F", "5.1.A", "5.1.H"];

        var selection = Select(SelectionKind.Initial, weak: weak);

        Assert.Equal(21, selection.Controls.Count);
        Assert.Equal(weak.Order(StringComparer.Ordinal), selection.Controls.Where(c => c.Reason == SelectionReason.WeakEvidence).Select(c => c.ControlKey).Order(StringComparer.Ordinal));
        Assert.Equal(16, selection.Counts.Random);
    }

    [Fact]
    public void Select_MoreWeakEvidenceThanNeeded_FillsTheMinimumWithWeakOnesOnly()
    {
        var controls = Demo();

        var selection = Select(SelectionKind.Initial, controls, weak: [.. controls.Select(c => c.Key)]);

        Assert.Equal(21, selection.Controls.Count);
        Assert.All(selection.Controls, c => Assert.Equal(SelectionReason.WeakEvidence, c.Reason));
    }

    [Fact]
    public void Select_OneWeakControlPerSubsection_ThatOneRepresentsItsSubsection()
    {
        var controls = CatalogueOf(("5.1", 5), ("5.2", 5), ("5.3", 5), ("6.1", 5));
        string[] weak = ["5.1.D", "5.2.A", "5.3.E", "6.1.C"];
        var settings = new SelectionSettings(InitialMinimumShare: 0.01m);

        for (var seed = 0L; seed < 20; seed++)
        {
            var selection = Select(SelectionKind.Initial, controls, seed, weak: weak, settings: settings);

            Assert.Equal(weak, Keys(selection));
            Assert.All(selection.Controls, c => Assert.Equal(SelectionReason.WeakEvidence, c.Reason));
        }
    }

    [Fact]
    public void Select_UnknownWeakEvidenceKeys_AreIgnored()
    {
        var selection = Select(SelectionKind.Initial, weak: ["9.9.Z"]);

        Assert.DoesNotContain("9.9.Z", Keys(selection));
        Assert.Equal(0, selection.Counts.WeakEvidence);
    }

    [Fact]
    public void Select_AttentionTopic_AllItsControlsIncludedAndCountTowardsTheMinimum()
    {
        var transfers = new AttentionTopic("transfers", null, new DateOnly(2026, 1, 1));

        var selection = Select(SelectionKind.Initial, attention: [transfers]);

        Assert.Equal(["5.4.A", "5.4.B", "5.4.C", "5.4.D", "5.4.E"], selection.Controls.Where(c => c.Reason == SelectionReason.Attention).Select(c => c.ControlKey));
        Assert.Equal(21, selection.Controls.Count);
        Assert.Equal(["transfers"], selection.ActiveAttentionTopics);
    }

    [Fact]
    public void Select_SameInputAndSeed_SameSelectionByteForByte()
    {
        var input = Input(SelectionKind.Initial, weak: ["6.2.A", "5.3.B"]);

        var first = ControlSelector.Select(input);
        var second = ControlSelector.Select(input with { Controls = [.. input.Controls] });

        Assert.Equal(first.Controls, second.Controls);
        Assert.Equal(first.Summary, second.Summary);
    }

    [Fact]
    public void Select_DifferentSeeds_DifferentSelections()
    {
        var selections = Enumerable.Range(0, 20)
            .Select(seed => string.Join(",", Keys(Select(SelectionKind.Initial, seed: seed))))
            .ToList();

        Assert.NotEqual(selections[0], selections[1]);
        Assert.True(selections.Distinct().Count() >= 19, "Twenty seeds should give (nearly) twenty different selections of 21 of 69 controls.");
    }

    [Fact]
    public void Select_FixedSeed_GoldenSelection()
    {
        // Pins SplitMix64, the rank formula and the initial rules: a recorded seed must reproduce this list forever.
        var selection = Select(SelectionKind.Initial, seed: 20260316);

        Assert.Equal(
            ["5.1.D", "5.1.H", "5.2.A", "5.3.B", "5.4.D", "5.5.A", "5.7.B", "5.7.C", "5.7.E", "5.8.B", "5.9.B",
             "5.11.C", "5.12.A", "5.13.A", "5.14.B", "6.1.B", "6.1.C", "6.2.B", "6.2.I", "6.2.J", "6.2.P"],
            Keys(selection));
    }

    [Fact]
    public void Select_Initial_ExplanationsSayWhy()
    {
        var selection = Select(SelectionKind.Initial, controls: CatalogueOf(("5.1", 10), ("5.2", 1)), weak: ["5.1.C"]);

        var weak = selection.Controls.Single(c => c.ControlKey == "5.1.C");
        Assert.Equal(SelectionReason.WeakEvidence, weak.Reason);
        Assert.Contains("subsection 5.1", weak.Explanation, StringComparison.Ordinal);
        var fill = selection.Controls.First(c => c.Reason == SelectionReason.Random && c.ControlKey.StartsWith("5.1.", StringComparison.Ordinal));
        Assert.Equal("Drawn at random with the recorded seed to reach the minimum of 30 % of controls.", fill.Explanation);
    }

    [Fact]
    public void Select_DuplicateControlKey_Throws()
    {
        var controls = CatalogueOf(("5.1", 2)).Append(new SelectableControl("5.1.A", "5.1", "5")).ToList();

        Assert.Throws<ArgumentException>(() => Select(SelectionKind.Initial, controls));
    }

    [Theory]
    [InlineData(0.0, 3, 0.1)]
    [InlineData(1.1, 3, 0.1)]
    [InlineData(0.3, 0, 0.1)]
    [InlineData(0.3, 3, -0.1)]
    public void Select_SettingsOutOfBounds_Throws(double share, int cycle, double extra)
    {
        var settings = new SelectionSettings((decimal)share, cycle, (decimal)extra);

        Assert.Throws<ArgumentOutOfRangeException>(() => Select(SelectionKind.Initial, settings: settings));
    }

    [Fact]
    public void Select_EmptyCatalogue_EmptySelection()
    {
        var selection = Select(SelectionKind.Initial, controls: []);

        Assert.Empty(selection.Controls);
        Assert.Equal(0, selection.MinimumCount);
    }
}
