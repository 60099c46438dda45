using Adhere.Core.Persistence;
using Adhere.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Adhere.Web.Tests.Startup;

public sealed class FrontDoorModeTests
{
    private static FrontDoorMode Mode(bool on, DatabaseProvider provider, string? completions) =>
        FrontDoorMode.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Http:SocketThreadAnswers"] = on ? "true" : "false" }).Build(),
            new DatabaseSettings(provider, "unused"),
            completions);

    [Theory]
    [InlineData(true, DatabaseProvider.Sqlite, null, true)]
    [InlineData(true, DatabaseProvider.Sqlite, "1", true)]
    [InlineData(true, DatabaseProvider.Sqlite, "0", false)] // the operator's value wins
    [InlineData(true, DatabaseProvider.Postgres, null, false)]
    [InlineData(false, DatabaseProvider.Sqlite, null, false)]
    public void From_SettingDatabaseAndOperatorValue_DecidesInlineCompletions(bool on, DatabaseProvider provider, string? completions, bool inline)
    {
        var mode = Mode(on, provider, completions);

        Assert.Equal((on, inline), (mode.SocketThreadAnswers, mode.InlineSocketCompletions));
    }
}
