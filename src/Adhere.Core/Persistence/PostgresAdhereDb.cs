using Adhere.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Adhere.Core.Persistence;

/// <summary>The production provider, migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresAdhereDb(DbContextOptions<PostgresAdhereDb> options, Caller caller, TimeProvider time)
    : AdhereDb(options, caller, time)
{
    /// <summary>Arbitrary constant naming the advisory lock that serialises audit writers.</summary>
    private const long AuditChainLockKey = 0x41_64_68_65_72_65; // "Adhere"

    internal override bool PrefersMultiRowInserts => true;

    protected override Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", cancellationToken);
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class PostgresAdhereDbDesignFactory : IDesignTimeDbContextFactory<PostgresAdhereDb>
{
    public PostgresAdhereDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAdhereDb>().UseNpgsql("Host=localhost;Database=adhere_design").Options,
            new Caller().ActAsSystem("design", "design"), TimeProvider.System);
}
