using Adhere.Domain.Assessments.Coverage;
using Adhere.Domain.Assessments.Selection;
using static Adhere.Domain.Tests.Assessments.Selection.SelectionTestData;

namespace Adhere.Domain.Tests.Assessments.Coverage;

public sealed class CoverageViewTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);

    [Fact]
    public void Compute_PerControl_LastExaminedDueYearAndStatus()
    {
        var controls = CatalogueOf(("5.1", 4));
        Examination[] history =
        [
            new("5.1.A", new DateOnly(2022, 3, 1), SelectionReason.Rotation),
            new("5.1.B", new DateOnly(2021, 3, 1), SelectionReason.Random),
            new("5.1.B", new DateOnly(2023, 3, 1), SelectionReason.Rotation),
            new("5.1.C", new DateOnly(2025, 3, 1), SelectionReason.Attention),
        ];

        var view = CoverageView.Compute(controls, history, AsOf, cycleStart: new DateOnly(2021, 3, 1));

        var rows = view.Controls.ToDictionary(c => c.ControlKey);
        Assert.Equal((new DateOnly(2022, 3, 1), 2025, CoverageStatus.Overdue), (rows["5.1.A"].LastExamined, rows["5.1.A"].DueYear, rows["5.1.A"].Status));
        Assert.Equal((new DateOnly(2023, 3, 1), 2026, CoverageStatus.DueThisYear), (rows["5.1.B"].LastExamined, rows["5.1.B"].DueYear, rows["5.1.B"].Status));
        Assert.Equal((new DateOnly(2025, 3, 1), 2028, CoverageStatus.Covered), (rows["5.1.C"].LastExamined, rows["5.1.C"].DueYear, rows["5.1.C"].Status));
        Assert.Equal(((DateOnly?)null, 2023, CoverageStatus.Overdue), (rows["5.1.D"].LastExamined, rows["5.1.D"].DueYear, rows["5.1.D"].Status));
        Assert.Equal(new DateOnly(2026, 12, 31), rows["5.1.B"].DueBy);
        Assert.Equal(2, rows["5.1.B"].Examinations.Count);
        Assert.Equal(2, view.Overdue);
        Assert.Equal(1, view.DueThisYear);
        Assert.True(rows["5.1.B"].IsOwedNow);
        Assert.False(rows["5.1.C"].IsOwedNow);
    }

    [Fact]
    public void Compute_ExaminationsAfterTheDateOrOutsideTheCatalogue_Ignored()
    {
        var controls = CatalogueOf(("5.1", 1));
        Examination[] history = [new("5.1.A", new DateOnly(2024, 1, 1)), new("5.1.A", new DateOnly(2026, 7, 1)), new("4.1.A", new DateOnly(2026, 1, 1))];

        var view = CoverageView.Compute(controls, history, AsOf);

        var row = Assert.Single(view.Controls);
        Assert.Equal(new DateOnly(2024, 1, 1), row.LastExamined);
        Assert.Equal(2027, row.DueYear);
    }

    [Fact]
    public void Compute_NoHistory_CycleStartsOnTheViewDate()
    {
        var view = CoverageView.Compute(CatalogueOf(("5.1", 2)), null, AsOf);

        Assert.All(view.Controls, c => Assert.Equal((2028, CoverageStatus.Covered), (c.DueYear, c.Status)));
    }

    [Fact]
    public void Compute_GroupsBySectionInCatalogueOrderWithTitles()
    {
        var titles = new Dictionary<string, string> { ["5"] = "Data protection" };

        var view = CoverageView.Compute(Demo(), null, AsOf, sectionTitles: titles);

        Assert.Equal(["5", "6"], view.Sections.Select(s => s.Section));
        Assert.Equal("5 – Data protection", view.Sections[0].Label);
        Assert.Equal("6", view.Sections[1].Label);
        Assert.Equal(50, view.Sections[0].Controls.Count);
        Assert.Equal(Demo().Select(c => c.Key), view.Controls.Select(c => c.ControlKey));
    }

    [Fact]
    public void Compute_AfterSelection_AgreesWithTheCycle()
    {
        var controls = Demo();
        var history = new List<Examination>();
        for (var year = 2022; year <= 2026; year++)
        {
            var selection = ControlSelector.Select(Input(year == 2022 ? SelectionKind.Initial : SelectionKind.Recurring, controls, year, new DateOnly(year, 3, 1), history));
            history.AddRange(selection.ToExaminations());
        }

        var view = CoverageView.Compute(controls, history, new DateOnly(2026, 12, 31));

        Assert.Equal(0, view.Overdue);
        Assert.Equal(0, view.DueThisYear);
    }
}
