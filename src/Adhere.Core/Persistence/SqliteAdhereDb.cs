using Adhere.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Adhere.Core.Persistence;

/// <summary>The embedded default: one SQLite file, migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteAdhereDb(DbContextOptions<SqliteAdhereDb> options, Caller caller, TimeProvider time)
    : AdhereDb(options, caller, time)
{
    // SQLite transactions from Microsoft.Data.Sqlite begin IMMEDIATE, which already takes the write lock.
    protected override Task LockAuditChainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal override bool PrefersMultiRowInserts => false;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class SqliteAdhereDbDesignFactory : IDesignTimeDbContextFactory<SqliteAdhereDb>
{
    public SqliteAdhereDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAdhereDb>().UseSqlite("Data Source=design.db").Options,
            new Caller().ActAsSystem("design", "design"), TimeProvider.System);
}
