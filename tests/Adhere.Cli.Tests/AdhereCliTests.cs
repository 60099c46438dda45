using Adhere.Cli.Infrastructure;
using Adhere.Cli.Tests.Infrastructure;

namespace Adhere.Cli.Tests;

public sealed class AdhereCliTests
{
    [Fact]
    public async Task RunAsync_NoCommand_ExitsTwoWithUsageHint()
    {
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync();

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("Required command was not provided", result.Error, StringComparison.Ordinal);
        Assert.Contains("adhere --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var result = await cli.RunAsync("orgs", "add", "--name", "Nimbus", "--colour", "blue");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("--colour", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.CountAsync()).Organisations);
    }

    [Fact]
    public async Task RunAsync_MissingRequiredOption_ExitsTwoAndCreatesNothing()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        var before = await cli.CountAsync();

        var result = await cli.RunAsync("users", "add", "--email", "someone@example.com");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("'--role' is required", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.CountAsync());
    }

    [Fact]
    public async Task RunAsync_UnknownProviderOption_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("--provider", "oracle", "db", "status");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("oracle", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ExitsZeroAndDocumentsExitCodes()
    {
        await using var cli = await CliHarness.CreateAsync();

        var root = await cli.RunAsync("--help");
        var verify = await cli.RunAsync("audit", "verify", "--help");

        Assert.Equal(ExitCodes.Success, root.ExitCode);
        Assert.Contains("3 audit chain broken", root.Out, StringComparison.Ordinal);
        Assert.Contains("3 broken", verify.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users", "list")]
    [InlineData("users", "add", "--email", "a@example.com", "--role", "mb-admin", "--password", "Str0ngEnoughPass")]
    [InlineData("users", "disable", "--email", "a@example.com")]
    [InlineData("orgs", "list")]
    [InlineData("orgs", "add", "--name", "Nimbus")]
    [InlineData("audit", "verify")]
    [InlineData("catalogue", "list")]
    [InlineData("catalogue", "freeze", "Some Code", "1.0")]
    public async Task RunAsync_UnmigratedDatabase_ExitsTwoWithMigrateHint(params string[] args)
    {
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains(CliContext.NotMigratedMessage, result.Error, StringComparison.Ordinal);
        Assert.Matches(@"Pending:   [1-9]", (await cli.SucceedAsync("db", "status")).Out);
    }

    [Fact]
    public async Task RunAsync_GlobalOptions_OverrideSettings()
    {
        await using var cli = await CliHarness.CreateAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var misleading = new Dictionary<string, string?> { ["Database:Provider"] = "postgres", ["ConnectionStrings:Adhere"] = "Host=nowhere.invalid" };

        var exit = await AdhereCli.RunAsync(
            ["db", "migrate", "--provider", cli.Database.ProviderName, "--connection", cli.Database.ConnectionString],
            stdout, stderr, misleading, ct: TestContext.Current.CancellationToken);

        Assert.True(exit == ExitCodes.Success, stderr.ToString());
        Assert.Contains("Database is up to date.", (await cli.SucceedAsync("db", "migrate")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PostgresWithoutConnectionString_ExitsTwo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await AdhereCli.RunAsync(["db", "status", "--provider", "postgres"], stdout, stderr,
            new Dictionary<string, string?> { ["ConnectionStrings:Adhere"] = "" }, ct: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Contains("ConnectionStrings:Adhere is not set", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnreachableDatabase_ExitsOneWithOneLineAndNoStackTrace()
    {
        var unreachable = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Adhere"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=3",
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var verboseOut = new StringWriter();
        using var verboseErr = new StringWriter();

        var exit = await AdhereCli.RunAsync(["orgs", "list"], stdout, stderr, unreachable, ct: TestContext.Current.CancellationToken);
        var verboseExit = await AdhereCli.RunAsync(["orgs", "list", "--verbose"], verboseOut, verboseErr, unreachable, ct: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Unexpected, exit);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("unexpected error: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unexpected, verboseExit);
        Assert.Contains("   at ", verboseErr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ExitsWith130AndCreatesNothing()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exit = await AdhereCli.RunAsync(["orgs", "add", "--name", "Nimbus"], stdout, stderr, cli.Settings, ct: cancelled.Token);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Equal(0, (await cli.CountAsync()).Organisations);
    }
}
