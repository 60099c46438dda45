using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Adhere.Core.Persistence;

/// <summary>
/// Puts every SQLite connection in WAL mode with <c>synchronous=NORMAL</c> (docs/decisions/0011-sqlite-wal.md): a commit
/// appends to the log without an fsync, and survives a crash of the application; only a power loss may lose the last
/// commits, never corrupting the file. The journal mode is stored in the file; the synchronous level is per
/// connection, so both are set on every open.
/// </summary>
internal sealed class SqliteJournal : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    public static SqliteJournal Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
