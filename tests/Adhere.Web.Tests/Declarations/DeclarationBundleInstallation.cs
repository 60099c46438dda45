using Adhere.Core;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Declarations;

/// <summary>A second, empty installation: a fresh migrated database and evidence store with Core's services acting as the system.</summary>
public sealed class DeclarationBundleInstallation : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private DeclarationBundleInstallation(TestDatabase database, ServiceProvider provider, string evidencePath)
    {
        Database = database;
        this.provider = provider;
        EvidencePath = evidencePath;
    }

    public TestDatabase Database { get; }

    public string EvidencePath { get; }

    public static async Task<DeclarationBundleInstallation> CreateAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var evidence = Path.Combine(Path.GetTempPath(), $"adhere-evidence-{Guid.NewGuid():N}");
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new EvidenceSettings(EvidenceSettings.DefaultMaxUploadBytes, evidence));
        services.AddAdhereCore(new DatabaseSettings(database.Provider, database.ConnectionString));
        return new DeclarationBundleInstallation(database, services.BuildServiceProvider(), evidence);
    }

    /// <summary>Runs <paramref name="work"/> in a new scope acting as the system, as the CLI does.</summary>
    public async Task<T> WithSystemAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "test");
        return await work(scope.ServiceProvider);
    }

    public Task<int> AuditCountAsync() => WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.CountAsync());

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(EvidencePath)) Directory.Delete(EvidencePath, recursive: true);
    }
}
