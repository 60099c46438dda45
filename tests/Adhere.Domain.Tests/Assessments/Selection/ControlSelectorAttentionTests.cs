using Adhere.Domain.Assessments.Selection;
using static Adhere.Domain.Tests.Assessments.Selection.SelectionTestData;

namespace Adhere.Domain.Tests.Assessments.Selection;

public sealed class ControlSelectorAttentionTests
{
    [Theory]
    [InlineData("2026-01-01", "2026-03-15", false)]
    [InlineData("2026-01-01", "2026-03-16", true)]
    [InlineData("2026-03-16", "2026-03-16", true)]
    [InlineData("2026-03-17", null, false)]
    [InlineData("2025-01-01", null, true)]
    public void Select_AttentionTopic_CountsOnlyWithinItsDates(string from, string? until, bool included)
    {
        var topic = new AttentionTopic("subprocessors", null, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture));

        var selection = Select(SelectionKind.AdHoc, attention: [topic]);

        string[] expected = included ? ["5.3.A", "5.3.B", "5.3.C", "5.3.D", "5.3.E"] : [];
        string[] active = included ? ["subprocessors"] : [];
        Assert.Equal(expected, Keys(selection));
        Assert.Equal(active, selection.ActiveAttentionTopics);
    }

    [Fact]
    public void Select_TopicWithExplicitControls_IncludesThemAndIgnoresUnknownKeys()
    {
        var topic = new AttentionTopic("law-enforcement access", ["5.10.A", "6.2.P", "5.1.B"], new DateOnly(2026, 2, 1));

        var selection = Select(SelectionKind.AdHoc, attention: [topic]);

        Assert.Equal(["5.1.B", "6.2.P"], Keys(selection));
        Assert.Equal("Belongs to the attention topic 'law-enforcement access' (listed since 2026-02-01); every control of a current attention topic is examined.", selection.Controls[0].Explanation);
    }

    [Fact]
    public void Select_TagMatch_IgnoresCase()
    {
        var selection = Select(SelectionKind.AdHoc, attention: [new AttentionTopic("TRANSFERS", null, new DateOnly(2026, 1, 1))]);

        Assert.Equal(5, selection.Counts.Attention);
    }

    [Fact]
    public void Select_ControlInTwoTopics_NamesBoth()
    {
        AttentionTopic[] topics =
        [
            new("breaches", null, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)),
            new("incident response", ["5.12.B"], new DateOnly(2026, 3, 1)),
        ];

        var selection = Select(SelectionKind.AdHoc, attention: topics);

        Assert.Equal(
            "Belongs to the attention topics 'breaches' (listed 2026-01-01 to 2026-06-30) and 'incident response' (listed since 2026-03-01); every control of a current attention topic is examined.",
            selection.Controls.Single(c => c.ControlKey == "5.12.B").Explanation);
    }

    [Theory]
    [InlineData(SelectionKind.Initial)]
    [InlineData(SelectionKind.Recurring)]
    [InlineData(SelectionKind.AdHoc)]
    public void Select_AttentionAlsoWeakOrOwed_AttentionTakesPrecedence(SelectionKind kind)
    {
        var topic = new AttentionTopic("transfers", null, new DateOnly(2026, 1, 1));

        for (var seed = 0L; seed < 10; seed++)
        {
            var selection = Select(kind, seed: seed, attention: [topic], weak: ["5.4.A", "5.4.B"]);

            Assert.All(selection.Controls.Where(c => c.ControlKey.StartsWith("5.4.", StringComparison.Ordinal)), c => Assert.Equal(SelectionReason.Attention, c.Reason));
            Assert.Equal(5, selection.Counts.Attention);
        }
    }

    [Fact]
    public void Select_AdHocWithoutTopics_EmptyAndSaysSo()
    {
        var selection = Select(SelectionKind.AdHoc, weak: ["5.1.A"]);

        Assert.Empty(selection.Controls);
        Assert.EndsWith("No attention topic is active; the assessor chooses the controls.", selection.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AdHocWithWeakEvidenceOn_AddsWeakControlsOfTheTouchedSubsectionsOnly()
    {
        var topic = new AttentionTopic("subprocessors", ["5.4.A"], new DateOnly(2026, 1, 1));
        var settings = new SelectionSettings(AdHocIncludesWeakEvidence: true);

        var selection = Select(SelectionKind.AdHoc, attention: [topic], weak: ["5.4.C", "5.5.A", "5.3.B"], settings: settings);

        Assert.Equal(["5.3.A", "5.3.B", "5.3.C", "5.3.D", "5.3.E", "5.4.A", "5.4.C"], Keys(selection));
        Assert.Equal(SelectionReason.WeakEvidence, selection.Controls.Single(c => c.ControlKey == "5.4.C").Reason);
        Assert.Equal(SelectionReason.Attention, selection.Controls.Single(c => c.ControlKey == "5.3.B").Reason);
    }

    [Fact]
    public void Select_AdHocWithWeakEvidenceOff_AttentionOnly()
    {
        var topic = new AttentionTopic("subprocessors", ["5.4.A"], new DateOnly(2026, 1, 1));

        var selection = Select(SelectionKind.AdHoc, attention: [topic], weak: ["5.4.C"]);

        Assert.DoesNotContain("5.4.C", Keys(selection));
    }
}
