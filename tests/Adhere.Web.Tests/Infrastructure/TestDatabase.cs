using Adhere.Core;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Adhere.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one fixture, on the provider chosen by <c>ADHERE_TEST_PROVIDER</c>
/// (<c>sqlite</c>, the default, or <c>postgres</c>). PostgreSQL is reached through <c>ADHERE_TEST_POSTGRES</c>, an
/// admin connection string such as <c>Host=127.0.0.1;Port=55432;Username=postgres</c>; test.sh sets both.
/// Each instance creates its own database and drops it on dispose, so tests never share rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? adminConnection;
    private readonly string? databaseName;
    private readonly string? sqliteFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? adminConnection, string? databaseName, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.adminConnection = adminConnection;
        this.databaseName = databaseName;
        this.sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string ProviderName => Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    public static DatabaseProvider ChosenProvider =>
        string.Equals(Environment.GetEnvironmentVariable("ADHERE_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>A fresh database with nothing in it, not even the schema.</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(template: null);

    /// <summary>
    /// A fresh database carrying every migration: a copy of one database migrated once per test process (a file copy
    /// on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL), far cheaper than running the migrations again.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync() => await CopyOfAsync(await MigratedTemplate.Value);

    /// <summary>
    /// A database built once by <paramref name="build"/> (starting from an empty one) to be copied by
    /// <see cref="CopyOfAsync"/>; it lives as long as the test process. Hold it in a static <c>Lazy</c> so that
    /// concurrent tests build it once.
    /// </summary>
    public static async Task<TestDatabase> CreateTemplateAsync(Func<TestDatabase, Task> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var template = await CreateAsync(template: null);
        await build(template);
        if (template.sqliteFile is not null)
        {
            // Everything into the main file, so that a copy of that file alone is the whole database.
            await using (var connection = new SqliteConnection(template.ConnectionString))
            {
                await connection.OpenAsync();
                await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
                await checkpoint.ExecuteNonQueryAsync();
            }
        }

        template.ClearPool(); // PostgreSQL copies a template only while nobody is connected to it
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    /// <summary>A fresh database holding what <paramref name="template"/> (from <see cref="CreateTemplateAsync"/>) holds.</summary>
    public static Task<TestDatabase> CopyOfAsync(TestDatabase template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return CreateAsync(template);
    }

    /// <summary>Applies the real migrations as <c>adhere db migrate</c> would.</summary>
    public static async Task MigrateAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection().AddLogging().AddAdhereCore(new DatabaseSettings(database.Provider, database.ConnectionString));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "test setup");
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    private static readonly Lazy<Task<TestDatabase>> MigratedTemplate = new(() => CreateTemplateAsync(MigrateAsync));

    private static async Task<TestDatabase> CreateAsync(TestDatabase? template)
    {
        if (ChosenProvider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "adhere-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (template is not null) File.Copy(template.sqliteFile!, file);
            // Pooled, as in production: an unpooled connection parses the whole schema again on every open.
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", null, null, file);
        }

        var admin = Environment.GetEnvironmentVariable("ADHERE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException("ADHERE_TEST_PROVIDER=postgres needs ADHERE_TEST_POSTGRES (an admin connection string); run ./test.sh.");
        }

        var name = $"adhere_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var from = template is null ? "" : $" TEMPLATE \"{template.databaseName}\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, admin, name, null);
    }

    private void ClearPool()
    {
        if (sqliteFile is not null)
        {
            using var pooled = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        else
        {
            using var pooled = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(pooled);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            ClearPool(); // pooled connections keep the file open
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                try { File.Delete(f); } catch (IOException) { }
            }
        }

        if (adminConnection is not null && databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
