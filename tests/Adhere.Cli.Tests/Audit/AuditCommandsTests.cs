using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Audit;

public sealed class AuditCommandsTests
{
    [Fact]
    public async Task Verify_AfterSomeCommands_IsIntactWithCountAndHeadHash()
    {
        await using var cli = await WithThreeEntriesAsync();
        var head = await cli.WithServicesAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents
            .OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstAsync(TestContext.Current.CancellationToken));

        var result = await cli.RunAsync("audit", "verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Audit chain intact: 3 entries verified.", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Head hash: {head}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EmptyTrail_IsIntact()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var result = await cli.RunAsync("audit", "verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Audit chain intact: 0 entries verified.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedEntry_ExitsThreeNamingIt()
    {
        await using var cli = await WithThreeEntriesAsync();
        Assert.Equal(1, await cli.ExecuteRawSqlAsync("""UPDATE "AuditEvents" SET "Action" = 'x' WHERE "Sequence" = 2"""));

        var result = await cli.RunAsync("audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Audit chain BROKEN at entry #2: entry #2 was altered after it was written", result.Out, StringComparison.Ordinal);
        Assert.Contains("Entries verified before the break: 1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedEntry_ExitsThree()
    {
        await using var cli = await WithThreeEntriesAsync();
        Assert.Equal(1, await cli.ExecuteRawSqlAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 2"""));

        var result = await cli.RunAsync("audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Audit chain BROKEN at entry #3: expected entry #2 but found #3", result.Out, StringComparison.Ordinal);
        Assert.Contains("Entries verified before the break: 1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedLastEntry_IsIntactButTheHeadHashChanges()
    {
        // Truncating the tail cannot be seen from inside the chain; the head hash, kept elsewhere, reveals it.
        await using var cli = await WithThreeEntriesAsync();
        var before = await cli.SucceedAsync("audit", "verify");
        await cli.ExecuteRawSqlAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 3""");

        var after = await cli.SucceedAsync("audit", "verify");

        Assert.Contains("2 entries verified", after.Out, StringComparison.Ordinal);
        Assert.NotEqual(HeadHash(before.Out), HeadHash(after.Out));
    }

    private static string HeadHash(string output) =>
        output.Split('\n').Single(l => l.StartsWith("Head hash: ", StringComparison.Ordinal))["Head hash: ".Length..].Trim();

    private static async Task<CliHarness> WithThreeEntriesAsync()
    {
        var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("users", "add", "--email", "dev@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud");
        Assert.Equal(3, (await cli.CountAsync()).AuditEntries);
        return cli;
    }
}
