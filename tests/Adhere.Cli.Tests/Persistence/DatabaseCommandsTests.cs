using Adhere.Cli.Persistence;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Persistence;

public sealed class DatabaseCommandsTests
{
    [Fact]
    public async Task Migrate_FreshDatabase_AppliesMigrationsAndStatusShowsNothingPending()
    {
        await using var cli = await CliHarness.CreateAsync();

        var all = await MigrationsAsync(cli);

        var migrate = await cli.RunAsync("db", "migrate");
        var status = await cli.RunAsync("db", "status");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Matches(@"^\d{14}_Initial$", all[0]);
        Assert.Equal(string.Concat(all.Select(m => $"Applied migration {m}.\n")), migrate.Out);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"Provider:  {cli.Database.ProviderName}", status.Out, StringComparison.Ordinal);
        Assert.Contains($"Applied:   {all.Count}\n{Listed(all)}", status.Out, StringComparison.Ordinal);
        Assert.Contains("Pending:   0", status.Out, StringComparison.Ordinal);
        Assert.Contains("Database is up to date.", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AlreadyMigrated_SaysUpToDate()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var again = await cli.RunAsync("db", "migrate");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("Database is up to date." + Environment.NewLine, again.Out);
    }

    [Fact]
    public async Task Status_FreshDatabase_ListsPendingMigrationsAndExitsZero()
    {
        await using var cli = await CliHarness.CreateAsync();

        var all = await MigrationsAsync(cli);

        var status = await cli.RunAsync("db", "status");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Applied:   0", status.Out, StringComparison.Ordinal);
        Assert.Contains($"Pending:   {all.Count}\n{Listed(all)}", status.Out, StringComparison.Ordinal);
        Assert.Contains("adhere db migrate", status.Out, StringComparison.Ordinal);
        Assert.Equal("", status.Error);
    }

    [Fact]
    public async Task Status_AnyDatabase_NamesTheDatabaseButNeverThePassword()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();

        var status = await cli.SucceedAsync("db", "status");
        var postgres = DatabaseCommands.Describe(new DatabaseSettings(DatabaseProvider.Postgres,
            "Host=db.example;Port=6543;Database=adhere;Username=app;Password=s3cret-Passw0rd"));

        Assert.Contains($"Database:  {DatabaseCommands.Describe(new DatabaseSettings(cli.Database.Provider, cli.Database.ConnectionString))}",
            status.Out, StringComparison.Ordinal);
        Assert.Equal("adhere on db.example:6543 as app", postgres);
        Assert.DoesNotContain("Password", status.Out, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every migration of the model, oldest first, as <c>db status</c> names them.</summary>
    private static Task<List<string>> MigrationsAsync(CliHarness cli) =>
        cli.WithServicesAsync(sp => Task.FromResult(sp.GetRequiredService<AdhereDb>().Database.GetMigrations().ToList()));

    private static string Listed(IEnumerable<string> migrations) => string.Concat(migrations.Select(m => $"  {m}\n"));
}
