using Adhere.Core;
using Adhere.Core.Catalogue;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Bench;

/// <summary>
/// A fresh SQLite file with the real migrations applied (in a scope of its own, as <c>adhere db migrate</c> does), and
/// a second scope acting as the system with the <see cref="ImportCatalogue"/> handler resolved: ready for one import.
/// </summary>
internal sealed class ImportTarget : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;
    private readonly string file;

    private ImportTarget(ServiceProvider provider, AsyncServiceScope scope, string file)
    {
        this.provider = provider;
        this.scope = scope;
        this.file = file;
        Handler = Services.GetRequiredService<ImportCatalogue>();
    }

    public IServiceProvider Services => scope.ServiceProvider;

    public ImportCatalogue Handler { get; }

    public static async Task<ImportTarget> CreateAsync(string directory, CancellationToken ct)
    {
        var file = Path.Combine(directory, $"{Guid.NewGuid():N}.db");
        // Pooled, as the web host and the CLI open it: the measured import then reuses the migration's connection and,
        // like the product, does not close (and so checkpoint) the WAL file at the end. DisposeAsync clears the pool.
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}");
        var provider = new ServiceCollection().AddLogging().AddAdhereCore(settings).BuildServiceProvider();
        await using (var migration = provider.CreateAsyncScope())
        {
            migration.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "bench");
            await migration.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }

        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "bench");
        return new ImportTarget(provider, scope, file);
    }

    /// <summary>The measured call: the use case exactly as the web host and the CLI call it.</summary>
    public async Task<ImportReport> ImportAsync(byte[] bytes, CancellationToken ct)
    {
        using var content = new MemoryStream(bytes, writable: false);
        var report = await Handler.HandleAsync(new ImportCatalogue.Command(content, bytes.Length, CatalogueFormat.Oscal, DryRun: false), ct);
        if (report.Problems.Count > 0) throw Operations.Refused(report.Problems);
        return report.Action == ImportAction.Created
            ? report
            : throw new InvalidOperationException($"Expected a new catalogue version in a fresh database, got {report.Action}.");
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
        using (var pooled = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}")) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(pooled);
        foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" }) File.Delete(path);
    }
}
