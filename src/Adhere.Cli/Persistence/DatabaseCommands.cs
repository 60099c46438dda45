using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Adhere.Cli.Persistence;

/// <summary><c>adhere db migrate</c> and <c>adhere db status</c>.</summary>
public static class DatabaseCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var migrate = new Command("migrate", "Applies pending migrations, creating the database if needed. Exit codes: 0 done, 1 failure.");
        cli.SetAction(migrate, DatabaseRequirement.Any, MigrateAsync);

        var status = new Command("status",
            "Shows the provider, the database (never its password) and the applied and pending migrations. Exit codes: 0 shown, 1 failure.");
        cli.SetAction(status, DatabaseRequirement.Any, StatusAsync);

        return new Command("db", "Creates and upgrades the database.") { migrate, status };
    }

    /// <summary>Applies pending migrations and names each; shared by <c>demo seed</c>.</summary>
    public static async Task<int> MigrateAsync(CommandRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var applied = await run.Get<DatabaseMigrator>().MigrateAsync(run.Ct);
        foreach (var name in applied) await run.Out.WriteLineAsync($"Applied migration {name}.");
        if (applied.Count == 0) await run.Out.WriteLineAsync("Database is up to date.");
        return ExitCodes.Success;
    }

    private static async Task<int> StatusAsync(CommandRun run)
    {
        var db = run.Get<AdhereDb>();
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(run.Ct);
        var applied = exists ? (await db.Database.GetAppliedMigrationsAsync(run.Ct)).ToList() : [];
        var pending = await run.Get<DatabaseMigrator>().PendingAsync(run.Ct);

        await run.Out.WriteLineAsync($"Provider:  {ProviderName(run.Database.Provider)}");
        await run.Out.WriteLineAsync($"Database:  {Describe(run.Database)}{(exists ? "" : " (does not exist yet)")}");
        await run.Out.WriteLineAsync($"Applied:   {TextTable.Number(applied.Count)}");
        foreach (var name in applied) await run.Out.WriteLineAsync($"  {name}");
        await run.Out.WriteLineAsync($"Pending:   {TextTable.Number(pending.Count)}");
        foreach (var name in pending) await run.Out.WriteLineAsync($"  {name}");
        await run.Out.WriteLineAsync(pending.Count == 0 ? "Database is up to date." : "Run 'adhere db migrate' to apply the pending migrations.");
        return ExitCodes.Success;
    }

    public static string ProviderName(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    /// <summary>Where the data lives, for people: a file, or a database on a server. Credentials are left out.</summary>
    public static string Describe(DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider == DatabaseProvider.Sqlite) return new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

        var pg = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = string.IsNullOrEmpty(pg.Database) ? "(the user's default database)" : pg.Database;
        var user = string.IsNullOrEmpty(pg.Username) ? "" : $" as {pg.Username}";
        return $"{name} on {pg.Host}:{TextTable.Number(pg.Port)}{user}";
    }
}
