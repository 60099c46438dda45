using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Assessments;

public sealed class ConflictOfInterestTests
{
    private static readonly UserId User = UserId.New();
    private static readonly OrganisationId Provider = OrganisationId.New();

    private static ConflictOfInterest Declare(DateOnly from, DateOnly? to = null) =>
        AssessmentScenario.Ok(ConflictOfInterest.Declare(User, Provider, "Former employee", from, to));

    [Theory]
    [InlineData("2026-01-09", false)]
    [InlineData("2026-01-10", true)]
    [InlineData("2026-06-30", true)]
    [InlineData("2026-07-01", false)]
    public void IsActiveOn_BoundedRange_IncludesBothEnds(string day, bool active)
    {
        var conflict = Declare(new DateOnly(2026, 1, 10), new DateOnly(2026, 6, 30));

        Assert.Equal(active, conflict.IsActiveOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsActiveOn_OpenEnded_StaysActive() => Assert.True(Declare(new DateOnly(2020, 1, 1)).IsActiveOn(new DateOnly(2040, 1, 1)));

    [Fact]
    public void Declare_WithoutReason_IsRefused() =>
        Assert.Equal("conflict.reason-required", ConflictOfInterest.Declare(User, Provider, " ", new DateOnly(2026, 1, 1)).Error!.Code);

    [Fact]
    public void Declare_EndBeforeStart_IsRefused() =>
        Assert.Equal("conflict.end-before-start", ConflictOfInterest.Declare(User, Provider, "Shares", new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1)).Error!.Code);

    [Fact]
    public void Declare_SameDayStartAndEnd_IsActiveThatDayOnly()
    {
        var conflict = Declare(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1));

        Assert.True(conflict.IsActiveOn(new DateOnly(2026, 1, 1)));
        Assert.False(conflict.IsActiveOn(new DateOnly(2026, 1, 2)));
    }

    [Fact]
    public void End_SetsTheLastDay()
    {
        var conflict = Declare(new DateOnly(2026, 1, 1));

        AssessmentScenario.Ok(conflict.End(new DateOnly(2026, 2, 1)));

        Assert.False(conflict.IsActiveOn(new DateOnly(2026, 2, 2)));
        Assert.Equal("conflict.end-before-start", conflict.End(new DateOnly(2025, 12, 31)).Error!.Code);
    }

    [Fact]
    public void CheckConflicts_OtherUserOrOrganisation_DoNotCount()
    {
        var day = new DateOnly(2026, 3, 1);
        var mine = Declare(new DateOnly(2026, 1, 1));

        Assert.False(Independence.CheckConflicts(UserId.New(), Provider, [mine], day).IsError);
        Assert.False(Independence.CheckConflicts(User, OrganisationId.New(), [mine], day).IsError);
        var error = Independence.CheckConflicts(User, Provider, [mine], day).Error!;
        Assert.Equal("assessment.conflict-of-interest", error.Code);
        Assert.Contains("Former employee", error.Message, StringComparison.Ordinal);
    }
}
