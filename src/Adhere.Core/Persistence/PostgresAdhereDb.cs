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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The register's text search (LIKE '%x%' on the flattened names) reads this trigram index instead of every row;
        // SQLite has an FTS5 trigram table for the same job (ADR 0022, ADR 0028).
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Register.RegisterSearchEntry>().HasIndex(x => x.Text, "IX_RegisterSearchEntries_Text_Trigram")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        // The total of a text search with a space reads this table's index instead of testing every entry (ADR 0035).
        Register.RegisterSearchSplit.Configure(builder);
    }
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class PostgresAdhereDbDesignFactory : IDesignTimeDbContextFactory<PostgresAdhereDb>
{
    public PostgresAdhereDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAdhereDb>().UseNpgsql("Host=localhost;Database=adhere_design").Options,
            new Caller().ActAsSystem("design", "design"), TimeProvider.System);
}
