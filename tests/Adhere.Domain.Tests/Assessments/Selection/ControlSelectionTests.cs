using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Common;
using static Adhere.Domain.Tests.Assessments.Selection.SelectionTestData;

namespace Adhere.Domain.Tests.Assessments.Selection;

public sealed class ControlSelectionTests
{
    private const string Why = "The provider changed its subprocessor last month.";

    private static readonly AttentionTopic Transfers = new("transfers", null, new DateOnly(2026, 1, 1));

    private static ControlSelection CreateSut(SelectionKind kind = SelectionKind.Initial, IReadOnlyList<SelectableControl>? controls = null,
        IReadOnlyList<Examination>? history = null) =>
        Select(kind, controls, history: history, attention: [Transfers]);

    private static string NotSelected(ControlSelection selection) =>
        Demo().Select(c => c.Key).First(k => !selection.Contains(k));

    [Fact]
    public void Add_WithReason_SelectedByTheAssessorInCatalogueOrder()
    {
        var sut = CreateSut();
        var key = NotSelected(sut);

        var added = sut.Add(key, "  " + Why + " ").Value;

        var row = added.Controls.Single(c => c.ControlKey == key);
        Assert.Equal(new SelectedControl(key, SelectionReason.Assessor, "Added by the assessor: " + Why, true, Why), row);
        var order = Demo().Select(c => c.Key).ToList();
        Assert.Equal(added.Controls.OrderBy(c => order.IndexOf(c.ControlKey)), added.Controls);
        Assert.Equal([new SelectionAdjustment(AdjustmentKind.Added, key, Why)], added.Adjustments);
        Assert.False(sut.Contains(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Add_BlankReason_ReasonRequired(string reason)
    {
        var sut = CreateSut();

        var result = sut.Add(NotSelected(sut), reason);

        Assert.Equal("selection.reason-required", Assert.IsType<InvalidError>(result.Error).Code);
    }

    [Fact]
    public void Add_UnknownControl_UnknownControl()
    {
        var result = CreateSut().Add("9.9.Z", Why);

        Assert.Equal("selection.unknown-control", result.Error?.Code);
    }

    [Fact]
    public void Add_AlreadySelected_Conflict()
    {
        var result = CreateSut().Add("5.4.A", Why);

        Assert.Equal("selection.already-selected", Assert.IsType<ConflictError>(result.Error).Code);
    }

    [Fact]
    public void Remove_AttentionControl_RefusedNamingTheTopic()
    {
        var result = CreateSut().Remove("5.4.B", Why);

        Assert.Equal("selection.removal-breaks-attention", result.Error?.Code);
        Assert.Contains("'transfers'", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_NotSelected_Conflict()
    {
        var sut = CreateSut();

        var result = sut.Remove(NotSelected(sut), Why);

        Assert.Equal("selection.not-selected", result.Error?.Code);
    }

    [Fact]
    public void Remove_BlankReason_ReasonRequired()
    {
        var result = CreateSut().Remove("5.4.B", " ");

        Assert.Equal("selection.reason-required", result.Error?.Code);
    }

    [Fact]
    public void Remove_AtTheMinimumShare_RefusedUntilAReplacementIsAdded()
    {
        var sut = CreateSut();
        var victim = sut.Controls.First(c => c.Reason == SelectionReason.Random && sut.Controls.Count(x => x.ControlKey[..x.ControlKey.LastIndexOf('.')] == c.ControlKey[..c.ControlKey.LastIndexOf('.')]) > 1).ControlKey;

        var refused = sut.Remove(victim, Why);
        var replaced = sut.Add(NotSelected(sut), Why).Value.Remove(victim, Why);

        Assert.Equal(21, sut.Controls.Count);
        Assert.Equal("selection.removal-breaks-minimum", refused.Error?.Code);
        Assert.Contains("21 controls (30 %", refused.Error!.Message, StringComparison.Ordinal);
        Assert.False(replaced.IsError);
        Assert.Equal(21, replaced.Value.Controls.Count);
        var removed = Assert.Single(replaced.Value.Removed);
        Assert.Equal(victim, removed.ControlKey);
        Assert.Equal(Why, removed.RemovalReason);
        Assert.Equal(SelectionReason.Random, removed.Original.Reason);
    }

    [Fact]
    public void Remove_LastControlOfItsSubsection_RefusedEvenAboveTheMinimum()
    {
        var sut = Select(SelectionKind.Initial, CatalogueOf(("5.1", 1), ("5.2", 1), ("5.3", 1), ("5.4", 1)));

        var result = sut.Remove("5.2.A", Why);

        Assert.Equal("selection.removal-breaks-minimum", result.Error?.Code);
        Assert.Contains("subsection 5.2", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_ControlDueThisYear_RefusedButOneOwedLaterMayGo()
    {
        var controls = CatalogueOf(("5.1", 9));
        var history = new List<Examination>
        {
            new("5.1.A", new DateOnly(2023, 3, 1), SelectionReason.Rotation),
            new("5.1.B", new DateOnly(2024, 3, 1), SelectionReason.Rotation),
            new("5.1.C", new DateOnly(2024, 3, 2), SelectionReason.Rotation),
        };
        var sut = Select(SelectionKind.Recurring, controls, history: history, settings: new SelectionSettings(ExtraShare: 0m), cycleStart: new DateOnly(2025, 1, 1));
        var later = sut.Controls.First(c => c.ControlKey != "5.1.A").ControlKey;

        var refused = sut.Remove("5.1.A", Why);
        var allowed = sut.Remove(later, Why);

        Assert.Equal("selection.removal-breaks-cycle", refused.Error?.Code);
        Assert.Contains("2026", refused.Error!.Message, StringComparison.Ordinal);
        Assert.False(allowed.IsError);
    }

    [Fact]
    public void Remove_ThenAddBack_LeavesTheRemovedListButKeepsBothAdjustments()
    {
        var sut = Select(SelectionKind.Recurring);
        var key = sut.Controls.First(c => c.Reason == SelectionReason.Random).ControlKey;

        var back = sut.Remove(key, "Covered by the SOC 2 report.").Value.Add(key, "Second thoughts after the interview.").Value;

        Assert.Empty(back.Removed);
        Assert.Equal(SelectionReason.Assessor, back.Controls.Single(c => c.ControlKey == key).Reason);
        Assert.Equal([AdjustmentKind.Removed, AdjustmentKind.Added], back.Adjustments.Select(a => a.Kind));
    }

    [Fact]
    public void Freeze_ThenAnyChange_Frozen()
    {
        var sut = CreateSut();
        var frozen = sut.Freeze().Value;

        Assert.True(frozen.IsFrozen);
        Assert.False(sut.IsFrozen);
        Assert.Equal("selection.frozen", frozen.Add(NotSelected(frozen), Why).Error?.Code);
        Assert.Equal("selection.frozen", frozen.Remove(frozen.Controls[^1].ControlKey, Why).Error?.Code);
        Assert.Equal("selection.frozen", frozen.Freeze().Error?.Code);
        Assert.Equal("selection.frozen", frozen.Add("9.9.Z", "").Error?.Code);
        Assert.Equal(sut.Controls, frozen.Controls);
    }

    [Fact]
    public void Replay_SameInputAndAdjustments_SameRows()
    {
        var input = Input(SelectionKind.Initial, attention: [Transfers], seed: 5);
        var original = ControlSelector.Select(input);
        var extra = NotSelected(original);
        var adjusted = original.Add(extra, Why).Value.Remove(original.Controls.First(c => c.Reason == SelectionReason.Random).ControlKey, "Seen in the ISO audit.").Value.Freeze().Value;

        var replayed = ControlSelector.Select(input);
        foreach (var adjustment in adjusted.Adjustments)
        {
            replayed = (adjustment.Kind == AdjustmentKind.Added ? replayed.Add(adjustment.ControlKey, adjustment.Reason) : replayed.Remove(adjustment.ControlKey, adjustment.Reason)).Value;
        }

        replayed = replayed.Freeze().Value;
        Assert.Equal(adjusted.Controls, replayed.Controls);
        Assert.Equal(adjusted.Removed, replayed.Removed);
        Assert.Equal(adjusted.Summary, replayed.Summary);
    }

    [Fact]
    public void Summary_InitialWithAttentionAndAdjustments_PlainLanguage()
    {
        var sut = Select(SelectionKind.Initial, CatalogueOf(("5.4", 2), ("6.1", 4)), seed: 9, attention: [Transfers]);
        var adjusted = sut.Add(sut.Controls.Count == 3 ? NotSelectedOf(sut, "6.1") : "", Why).Value.Freeze().Value;

        Assert.Equal(
            "Initial assessment on 2026-03-16: 4 of 6 controls selected (66.6 %) with seed 9 (2 attention, 1 random and 1 added by the assessor). "
            + "The rules ask for at least 2 controls (30 %) and one per subsection. Attention topics: 'transfers'. The assessor added 1 and removed 0. The selection is frozen.",
            adjusted.Summary);
    }

    [Fact]
    public void Counts_PerReason_MatchTheRows()
    {
        var sut = Select(SelectionKind.Recurring, attention: [Transfers], weak: ["6.2.A"]);

        var counts = sut.Counts;

        Assert.Equal(69, counts.Catalogue);
        Assert.Equal(sut.Controls.Count, counts.Selected);
        Assert.All(SelectionReasons.All, r => Assert.Equal(sut.Controls.Count(c => c.Reason == r), counts.Of(r)));
        Assert.Equal(5, counts.Attention);
    }

    [Fact]
    public void ToExaminations_DatedOnTheAssessmentWithTheirReasons()
    {
        var sut = CreateSut();

        var examinations = sut.ToExaminations();

        Assert.Equal(sut.Controls.Select(c => new Examination(c.ControlKey, Date, c.Reason)), examinations);
    }

    [Fact]
    public void Codes_RoundTrip()
    {
        Assert.Equal(["attention", "rotation", "weak-evidence", "random", "assessor"], SelectionReasons.All.Select(r => r.ToCode()));
        Assert.All(SelectionReasons.All, r => Assert.True(SelectionReasons.TryParse(r.ToCode(), out var parsed) && parsed == r));
        Assert.False(SelectionReasons.TryParse("Random", out _));
        Assert.False(SelectionReasons.TryParse(null, out _));
    }

    private static string NotSelectedOf(ControlSelection selection, string subsection) =>
        CatalogueOf((subsection, 4)).Select(c => c.Key).First(k => !selection.Contains(k));
}
