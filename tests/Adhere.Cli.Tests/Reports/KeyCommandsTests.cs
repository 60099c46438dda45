using Adhere.Cli.Tests.Infrastructure;

namespace Adhere.Cli.Tests.Reports;

public sealed class KeyCommandsTests
{
    private static readonly Dictionary<string, string?> WithPassword = new() { ["Signing:KeyPassword"] = "cli-test-signing-password" };

    private static async Task<CliResult> SucceedAsync(CliHarness cli, params string[] args)
    {
        var result = await cli.RunWithSettingsAsync(WithPassword, args);
        Assert.True(result.ExitCode == 0, $"adhere {string.Join(' ', args)} failed: {result}");
        return result;
    }

    [Fact]
    public async Task Create_ThenList_ShowsOneActiveKey()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var created = await SucceedAsync(cli, "keys", "create");
        var list = await SucceedAsync(cli, "keys", "list");

        var kid = System.Text.RegularExpressions.Regex.Match(created.Out, "adhere-\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{8}").Value;
        Assert.NotEmpty(kid);
        var row = Assert.Single(list.Out.Split('\n'), l => l.Contains(kid, StringComparison.Ordinal));
        Assert.Contains("active", row, StringComparison.Ordinal);
        Assert.Contains("ES256", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenAKeyExists_ExitsTwoWithKeyExists()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await SucceedAsync(cli, "keys", "create");
        var before = await cli.CountAsync();

        var again = await cli.RunWithSettingsAsync(WithPassword, "keys", "create");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("(signing.key-exists)", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.CountAsync());
    }

    [Fact]
    public async Task Create_WithoutPassword_ExitsTwoAndCreatesNothing()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var refused = await cli.RunAsync("keys", "create");
        var list = await cli.SucceedAsync("keys", "list");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("(signing.password-missing)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("No signing keys yet", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_AfterCreate_ListsNewActiveAndOldRetired()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        var created = await SucceedAsync(cli, "keys", "create");
        var first = System.Text.RegularExpressions.Regex.Match(created.Out, "adhere-[0-9a-f-]+").Value;

        var rotated = await SucceedAsync(cli, "keys", "rotate");
        var list = await SucceedAsync(cli, "keys", "list");

        var second = System.Text.RegularExpressions.Regex.Match(rotated.Out, "adhere-[0-9a-f-]+").Value;
        Assert.NotEqual(first, second);
        var lines = list.Out.Split('\n');
        Assert.Contains("active", Assert.Single(lines, l => l.Contains(second, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("retired", Assert.Single(lines, l => l.Contains(first, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAReportIssuedWithoutAKey_SignsItAndSaysSo()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();

        var created = await SucceedAsync(cli, "keys", "create");
        var rotated = await SucceedAsync(cli, "keys", "rotate");
        var pending = await SucceedAsync(cli, "report", "sign-pending");

        Assert.Contains("Signed 1 report that waited for a key.", created.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Signed", rotated.Out, StringComparison.Ordinal);
        Assert.Contains("No report was waiting", pending.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_WithoutAKey_ExitsTwoWithNoKey()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var result = await cli.RunWithSettingsAsync(WithPassword, "keys", "rotate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(signing.no-key)", result.Error, StringComparison.Ordinal);
    }
}
