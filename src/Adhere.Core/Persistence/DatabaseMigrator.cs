using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Persistence;

/// <summary>Applies or checks the provider's migrations.</summary>
public sealed class DatabaseMigrator(AdhereDb db)
{
    /// <summary>Applies pending migrations and returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        return pending;
    }

    /// <summary>The migrations not yet applied; all of them for a database that does not exist yet.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct) =>
        (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
}
