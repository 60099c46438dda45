using Adhere.Cli.Tests.Infrastructure;

namespace Adhere.Cli.Tests.Monitoring;

public sealed class JobCommandsTests
{
    [Fact]
    public async Task Run_OnTheDemo_OpensStratusRenewalWindowOnceAndThenWaitsForTheInterval()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();

        var first = await cli.SucceedAsync("jobs", "run");
        var second = await cli.SucceedAsync("jobs", "run");
        var forced = await cli.SucceedAsync("jobs", "run", "--force");

        Assert.Contains("Renewal windows opened: 1", first.Out, StringComparison.Ordinal); // Stratus was verified eleven months ago
        Assert.Contains("Renewal reminders: 1", first.Out, StringComparison.Ordinal);
        Assert.Contains("nothing done", second.Out, StringComparison.Ordinal);
        Assert.Contains("Renewal windows opened: 0", forced.Out, StringComparison.Ordinal);
        Assert.Contains("Renewal reminders: 0", forced.Out, StringComparison.Ordinal);
        Assert.Contains("Clarifications overdue: 0", forced.Out, StringComparison.Ordinal); // the demo asks no questions
    }
}
