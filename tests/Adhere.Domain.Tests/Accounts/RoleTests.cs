using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Accounts;

public class RoleTests
{
    [Theory]
    [InlineData("mb-admin")]
    [InlineData("mb-assessor")]
    [InlineData("mb-decision-maker")]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public void TryParse_KnownName_ReturnsThatRole(string name)
    {
        var found = Role.TryParse(name, out var role);

        Assert.True(found);
        Assert.Equal(name, role!.Name);
        Assert.Contains(role, Role.All);
    }

    [Theory]
    [InlineData("MB-ADMIN")]
    [InlineData("Mb-Admin")]
    [InlineData("  mb-admin ")]
    [InlineData("\tMB-admin\n")]
    public void TryParse_OtherCaseOrSurroundingSpace_ReturnsRole(string name)
    {
        var found = Role.TryParse(name, out var role);

        Assert.True(found);
        Assert.Same(Role.MbAdministrator, role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("admin")]
    [InlineData("mb admin")]
    [InlineData("mb-admins")]
    [InlineData("MB administrator")]
    public void TryParse_UnknownName_ReturnsFalseAndNull(string? name)
    {
        var found = Role.TryParse(name, out var role);

        Assert.False(found);
        Assert.Null(role);
    }

    [Fact]
    public void All_HasThreeMonitoringBodyAndTwoProviderRolesWithDistinctNames()
    {
        Assert.Equal(5, Role.All.Count);
        Assert.Equal(5, Role.All.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(3, Role.All.Count(r => r.IsMonitoringBodyRole));
        Assert.All(Role.All.Where(r => !r.IsMonitoringBodyRole), r => Assert.Equal(OrganisationKind.CloudServiceProvider, r.OrganisationKind));
    }

    [Theory]
    [InlineData("mb-admin", true)]
    [InlineData("mb-assessor", true)]
    [InlineData("mb-decision-maker", true)]
    [InlineData("csp-editor", false)]
    [InlineData("csp-viewer", false)]
    public void IsMonitoringBodyRole_ByRole_MatchesOrganisationKind(string name, bool expected)
    {
        var role = Role.All.Single(r => r.Name == name);

        Assert.Equal(expected, role.IsMonitoringBodyRole);
        Assert.Equal(expected ? OrganisationKind.MonitoringBody : OrganisationKind.CloudServiceProvider, role.OrganisationKind);
    }

    [Fact]
    public void ToString_ReturnsStableName()
    {
        Assert.Equal("mb-decision-maker", Role.MbDecisionMaker.ToString());
    }
}
