using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Persistence;

/// <summary>The supported database providers.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Reads <c>Database:Provider</c> (<c>sqlite</c> | <c>postgres</c>) and <c>ConnectionStrings:Adhere</c>.
/// Without a connection string, SQLite uses <c>data/adhere.db</c> under <see cref="DataDirectory"/>; a relative
/// SQLite path in a connection string is resolved against the same base.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteFile = "data/adhere.db";

    public static DatabaseSettings From(IConfiguration configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration["Database:Provider"]?.Trim();
        var provider = providerName?.ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Database:Provider '{providerName}' is not supported; use 'sqlite' or 'postgres'."),
        };
        var connection = configuration.GetConnectionString("Adhere");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is 'postgres' but ConnectionStrings:Adhere is not set.");
            }

            return new(provider, connection);
        }

        var root = DataDirectory(baseDirectory);
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connection) ? $"Data Source={DefaultSqliteFile}" : connection);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(root, file));
        }

        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        return new(provider, builder.ToString());
    }

    /// <summary>
    /// The base for relative SQLite paths: the checkout's root (the folder holding <c>Adhere.slnx</c>) when
    /// <paramref name="start"/> is inside one, so that the web host and the CLI share <c>data/adhere.db</c>;
    /// otherwise <paramref name="start"/> itself (an installed copy).
    /// </summary>
    public static string DataDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Adhere.slnx"))) return dir.FullName;
        }

        return start;
    }
}
