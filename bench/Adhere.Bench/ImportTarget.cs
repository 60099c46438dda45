using Adhere.Core;
using Adhere.Core.Catalogue;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Bench;

/// <summary>
/// A SQLite database ready for one import: a scope acting as the system with the <see cref="ImportCatalogue"/> handler
/// resolved. <see cref="CreateAsync"/> makes a fresh file and applies the real migrations first (in a scope of its own,
/// as <c>adhere db migrate</c> does); <see cref="OpenAsync"/> opens a file that an earlier process migrated, as
/// <c>adhere catalogue import</c> does.
/// </summary>
internal sealed class ImportTarget : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;
    private readonly string file;
    private readonly bool deleteOnDispose;

    private ImportTarget(ServiceProvider provider, AsyncServiceScope scope, string file, bool deleteOnDispose)
    {
        this.provider = provider;
        this.scope = scope;
        this.file = file;
        this.deleteOnDispose = deleteOnDispose;
        Handler = Services.GetRequiredService<ImportCatalogue>();
    }

    public IServiceProvider Services => scope.ServiceProvider;

    public ImportCatalogue Handler { get; }

    public static async Task<ImportTarget> CreateAsync(string directory, CancellationToken ct)
    {
        var file = Path.Combine(directory, $"{Guid.NewGuid():N}.db");
        // Pooled, as the web host and the CLI open it: the measured import then reuses the migration's connection and,
        // like the product, does not close (and so checkpoint) the WAL file at the end. DisposeAsync clears the pool.
        var provider = BuildServices(file);
        await using (var migration = provider.CreateAsyncScope())
        {
            migration.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "bench");
            await migration.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }

        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "bench");
        return new ImportTarget(provider, scope, file, deleteOnDispose: true);
    }

    /// <summary>Creates and migrates a new SQLite file, then closes it: what <c>adhere db migrate</c> does.</summary>
    public static async Task MigrateAsync(string file, CancellationToken ct)
    {
        if (File.Exists(file)) throw new ArgumentException($"{file} exists already; the benchmark migrates a new file only.");
        await using (var provider = BuildServices(file))
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "bench");
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }

        // Closing the last connection checkpoints the WAL into the file, so that the file alone can be copied.
        ClearPool(file);
    }

    /// <summary>
    /// Opens a database an earlier process migrated, as <c>adhere catalogue import</c> does: services, one scope
    /// acting as the system, and the check that no migration is pending. The file is left in place on disposal.
    /// </summary>
    public static async Task<ImportTarget> OpenAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new ArgumentException($"No database at {file}; make one with 'Adhere.Bench migrate FILE'.");
        var provider = BuildServices(file);
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "bench");
        if ((await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().PendingAsync(ct)).Count > 0)
        {
            await scope.DisposeAsync();
            await provider.DisposeAsync();
            throw new ArgumentException($"{file} is not migrated.");
        }

        return new ImportTarget(provider, scope, file, deleteOnDispose: false);
    }

    private static ServiceProvider BuildServices(string file) =>
        new ServiceCollection().AddLogging().AddAdhereCore(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}")).BuildServiceProvider();

    private static void ClearPool(string file)
    {
        using var pooled = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(pooled);
    }

    /// <summary>The measured call: the use case exactly as the web host and the CLI call it.</summary>
    public async Task<ImportReport> ImportAsync(byte[] bytes, CancellationToken ct)
    {
        using var content = new MemoryStream(bytes, writable: false);
        return await ImportAsync(content, bytes.Length, ct);
    }

    public async Task<ImportReport> ImportAsync(Stream content, long length, CancellationToken ct)
    {
        var report = await Handler.HandleAsync(new ImportCatalogue.Command(content, length, CatalogueFormat.Oscal, DryRun: false), ct);
        if (report.Problems.Count > 0) throw Operations.Refused(report.Problems);
        return report.Action == ImportAction.Created
            ? report
            : throw new InvalidOperationException($"Expected a new catalogue version in a fresh database, got {report.Action}.");
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
        ClearPool(file);
        if (!deleteOnDispose) return;
        foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" }) File.Delete(path);
    }
}
