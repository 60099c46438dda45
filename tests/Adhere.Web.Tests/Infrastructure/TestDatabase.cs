using Adhere.Core.Persistence;
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

    public static async Task<TestDatabase> CreateAsync()
    {
        if (ChosenProvider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "adhere-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
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
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, admin, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            // Pooled connections keep the file open; close them so that it can be deleted.
            using (var pooled = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(pooled);
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
