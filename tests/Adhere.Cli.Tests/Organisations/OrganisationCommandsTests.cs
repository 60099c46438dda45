using Adhere.Cli.Tests.Infrastructure;

namespace Adhere.Cli.Tests.Organisations;

public sealed class OrganisationCommandsTests
{
    [Fact]
    public async Task Add_MonitoringBodyAndProvider_AreListedMonitoringBodyFirst()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var provider = await cli.RunAsync("orgs", "add", "--name", "Nimbus Cloud");
        var mb = await cli.RunAsync("orgs", "add", "--name", "Test MB", "--kind", "mb");
        var list = await cli.SucceedAsync("orgs", "list");

        Assert.Equal(0, provider.ExitCode);
        Assert.Contains("Created organisation Nimbus Cloud (csp).", provider.Out, StringComparison.Ordinal);
        Assert.Equal(0, mb.ExitCode);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Test MB\s+mb\s+0\s", lines[1]);
        Assert.Matches(@"^Nimbus Cloud\s+csp\s+0\s", lines[2]);
    }

    [Theory]
    [InlineData("organisation.unknown-kind", "--name", "Nimbus", "--kind", "bank")]
    [InlineData("organisation.name-required", "--name", "  ")]
    [InlineData("organisation.duplicate-name", "--name", "TEST mb")]
    [InlineData("organisation.monitoring-body-exists", "--name", "Second MB", "--kind", "mb")]
    public async Task Add_BadInput_ExitsTwoWithCodeAndCreatesNothing(string code, params string[] options)
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("orgs", "add", "--name", "Test MB", "--kind", "mb");
        var before = await cli.CountAsync();

        var result = await cli.RunAsync(["orgs", "add", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"({code})", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.CountAsync());
        Assert.DoesNotContain("Second MB", (await cli.SucceedAsync("orgs", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NoOrganisations_SaysHowToStart()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var list = await cli.RunAsync("orgs", "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("adhere orgs add --kind mb", list.Out, StringComparison.Ordinal);
    }
}
