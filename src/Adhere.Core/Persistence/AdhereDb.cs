using System.Linq.Expressions;
using Adhere.Core.Accounts;
using Adhere.Core.Assessments;
using Adhere.Core.Catalogue;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Adhere.Core.Persistence;

/// <summary>
/// The one model of Adhere. Provider subclasses (<see cref="SqliteAdhereDb"/>, <see cref="PostgresAdhereDb"/>) own
/// their migrations. Two cross-cutting duties live here so that no handler repeats them:
/// tenancy (query filters and a save guard from <see cref="Tenancy.Caller"/>) and the audit chain
/// (entries recorded with <see cref="Record"/> are chained and saved in the same transaction as the change).
/// </summary>
public abstract class AdhereDb : IdentityDbContext<AdhereUser, IdentityRole<Guid>, Guid>
{
    private readonly List<AuditEntry> pendingAudit = [];
    private readonly TimeProvider time;

    protected AdhereDb(DbContextOptions options, Caller caller, TimeProvider time)
        : base(options)
    {
        Caller = caller;
        this.time = time;
    }

    public Caller Caller { get; }

    /// <summary>Set by <see cref="Register.RegisterChangeInterceptor"/> between a save that touched the register and its commit.</summary>
    internal bool RegisterChangePending { get; set; }

    /// <summary>The first and last transparency log sequences saved since the last commit, when the saves added any.</summary>
    internal (long First, long Last)? PendingLogEntries { get; set; }

    /// <summary>Those of the save under way, counted once it succeeds.</summary>
    internal (long First, long Last)? SavingLogEntries { get; set; }

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Register.TransparencyLogEntry> TransparencyLog => Set<Register.TransparencyLogEntry>();

    public DbSet<CatalogueVersion> Catalogues => Set<CatalogueVersion>();

    public DbSet<CatalogueSection> CatalogueSections => Set<CatalogueSection>();

    public DbSet<CatalogueControl> CatalogueControls => Set<CatalogueControl>();

    public DbSet<CatalogueModule> CatalogueModules => Set<CatalogueModule>();

    public DbSet<Standard> Standards => Set<Standard>();

    public DbSet<StandardClause> StandardClauses => Set<StandardClause>();

    public DbSet<ControlMapping> ControlMappings => Set<ControlMapping>();

    public DbSet<CatalogueTransitionRow> CatalogueTransitions => Set<CatalogueTransitionRow>();

    public DbSet<CloudService> Services => Set<CloudService>();

    public DbSet<ServiceCategory> ServiceCategories => Set<ServiceCategory>();

    public DbSet<EvidenceDocument> Documents => Set<EvidenceDocument>();

    public DbSet<Declaration> Declarations => Set<Declaration>();

    public DbSet<DeclarationServiceEntry> DeclarationServices => Set<DeclarationServiceEntry>();

    /// <summary>Read-only: written by database triggers (ADR 0028).</summary>
    internal IQueryable<Register.RegisterSearchEntry> RegisterSearchEntries => Set<Register.RegisterSearchEntry>().AsNoTracking();

    /// <summary>Read-only: written by database triggers (ADR 0031).</summary>
    internal IQueryable<Register.RegisterSearchCategory> RegisterSearchCategories => Set<Register.RegisterSearchCategory>().AsNoTracking();

    public DbSet<ControlAnswer> ControlAnswers => Set<ControlAnswer>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<CertificateNotice> CertificateNotices => Set<CertificateNotice>();

    public DbSet<VerificationRecord> VerificationRecords => Set<VerificationRecord>();

    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();

    public DbSet<VerificationCounter> VerificationCounters => Set<VerificationCounter>();

    public DbSet<Monitoring.SchedulerRun> SchedulerRuns => Set<Monitoring.SchedulerRun>();

    public DbSet<Monitoring.SentNotice> SentNotices => Set<Monitoring.SentNotice>();

    public DbSet<Adhere.Domain.Assessments.Assessment> Assessments => Set<Adhere.Domain.Assessments.Assessment>();

    public DbSet<Adhere.Domain.Assessments.ConflictOfInterest> ConflictsOfInterest => Set<Adhere.Domain.Assessments.ConflictOfInterest>();

    public DbSet<Adhere.Core.Assessments.Selection.StoredSelection> ControlSelections => Set<Adhere.Core.Assessments.Selection.StoredSelection>();

    public DbSet<Adhere.Core.Assessments.Selection.AttentionTopicEntry> AttentionTopics => Set<Adhere.Core.Assessments.Selection.AttentionTopicEntry>();

    public DbSet<Reports.Signing.SigningKey> SigningKeys => Set<Reports.Signing.SigningKey>();

    public DbSet<Reports.Frozen.FrozenReport> FrozenReports => Set<Reports.Frozen.FrozenReport>();

    public DbSet<Adhere.Domain.Complaints.Complaint> Complaints => Set<Adhere.Domain.Complaints.Complaint>();

    public DbSet<Adhere.Domain.Complaints.ComplaintAttachment> ComplaintAttachments => Set<Adhere.Domain.Complaints.ComplaintAttachment>();

    public DbSet<Adhere.Domain.Complaints.ComplaintMeasure> ComplaintMeasures => Set<Adhere.Domain.Complaints.ComplaintMeasure>();

    public DbSet<Adhere.Core.Complaints.AuthorityNotices.AuthorityNotice> AuthorityNotices => Set<Adhere.Core.Complaints.AuthorityNotices.AuthorityNotice>();

    public DbSet<Mail.OutboxAttachment> OutboxAttachments => Set<Mail.OutboxAttachment>();
    public DbSet<Adhere.Domain.Complaints.ComplaintQuestion> ComplaintQuestions => Set<Adhere.Domain.Complaints.ComplaintQuestion>();

    public DbSet<Adhere.Domain.Complaints.ComplaintNote> ComplaintNotes => Set<Adhere.Domain.Complaints.ComplaintNote>();

    public DbSet<Adhere.Domain.Complaints.InvestigationFile> InvestigationFiles => Set<Adhere.Domain.Complaints.InvestigationFile>();
    public DbSet<Adhere.Domain.Complaints.ComplaintAssessmentLink> ComplaintAssessments => Set<Adhere.Domain.Complaints.ComplaintAssessmentLink>();

    // Read by the query filters on every query; EF evaluates them against the current context instance.
    private bool SeesAllOrganisations => Caller.SeesAllOrganisations;

    private OrganisationId CurrentOrganisationId => Caller.OrganisationId ?? default;

    /// <summary>Records an audit entry for the current caller; it is written by the next save, in the same transaction.</summary>
    public void Record(string action, string objectType, string objectId, OrganisationId? organisation, AuditChanges? changes = null) =>
        pendingAudit.Add(new AuditEntry(Caller.ActorId, Caller.ActorName, action, objectType, objectId, organisation?.Value, changes ?? AuditChanges.None));

    /// <summary>Records an entry for an actor who is not yet the caller, such as a user accepting an invitation.</summary>
    public void RecordAs(string actorId, string actorName, string action, string objectType, string objectId, OrganisationId? organisation, AuditChanges? changes = null) =>
        pendingAudit.Add(new AuditEntry(actorId, actorName, action, objectType, objectId, organisation?.Value, changes ?? AuditChanges.None));

    /// <summary>Records an entry the domain built (such as an assessment's phase change); written by the next save.</summary>
    public void RecordEntry(AuditEntry entry) => pendingAudit.Add(entry ?? throw new ArgumentNullException(nameof(entry)));

    /// <summary>Drops entries recorded for a change that was abandoned before saving.</summary>
    public void DiscardPendingAudit() => pendingAudit.Clear();

    /// <summary>
    /// Starts a transaction for a use case that saves more than once, or joins the one already open (when a use
    /// case runs inside another, as the demo seeder does). Only the outermost unit commits.
    /// </summary>
    public async Task<UnitOfWork> BeginUnitAsync(CancellationToken ct) =>
        new(Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (pendingAudit.Count > 0) throw new InvalidOperationException("Audited changes must be saved with SaveChangesAsync.");
        GuardTenancy();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenancy();
        if (pendingAudit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await LockAuditChainAsync(cancellationToken);
            var (sequence, hash) = await ReadAuditHeadAsync(cancellationToken);
            var now = time.GetUtcNow();
            foreach (var entry in pendingAudit)
            {
                var link = AuditEvent.Chain(sequence, hash, entry, now);
                AuditEvents.Add(link);
                (sequence, hash) = (link.Sequence, link.Hash);
            }

            pendingAudit.Clear();
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// The sequence and hash of the chain's last entry, or the genesis. A plain command, not LINQ: in a cold process
    /// (a CLI command) this is often the only query, and EF Core's query pipeline costs about 11 MiB on first use
    /// (ADR 0034). Runs inside the transaction that holds the chain's lock.
    /// </summary>
    private async Task<(long Sequence, string Hash)> ReadAuditHeadAsync(CancellationToken ct)
    {
        var (table, columns) = SqlNames<AuditEvent>(nameof(AuditEvent.Sequence), nameof(AuditEvent.Hash));
        await using var command = CreatePlainCommand($"SELECT {columns[0]}, {columns[1]} FROM {table} ORDER BY {columns[0]} DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0L, AuditChain.GenesisHash);
    }

    /// <summary>
    /// A command on this context's connection, in its transaction if one is open, for the few reads kept off EF Core's
    /// query pipeline (ADR 0034). The caller opens the connection when no transaction holds it open.
    /// </summary>
    internal System.Data.Common.DbCommand CreatePlainCommand(string sql)
    {
        var command = Database.GetDbConnection().CreateCommand();
        command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        if (Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The table of <typeparamref name="TEntity"/> and the columns of <paramref name="properties"/>, delimited for this provider.</summary>
    internal (string Table, string[] Columns) SqlNames<TEntity>(params string[] properties)
    {
        var entity = Model.FindEntityType(typeof(TEntity))!;
        var sql = this.GetService<ISqlGenerationHelper>();
        return (sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema()),
            [.. properties.Select(p => sql.DelimitIdentifier(entity.FindProperty(p)!.GetColumnName()))]);
    }

    /// <summary>
    /// Whether many rows go into one <c>INSERT</c> statement (<see cref="RowWriter"/>): yes where every statement is a
    /// round trip to a server, no where a prepared statement re-run per row is cheaper (SQLite, in-process).
    /// </summary>
    internal abstract bool PrefersMultiRowInserts { get; }

    /// <summary>
    /// Returns the counter of <paramref name="bodyCode"/> (at least <paramref name="floor"/>) and advances it by one, in one
    /// statement; see <see cref="VerificationNumbers.AllocateAsync"/>.
    /// </summary>
    internal async Task<int> TakeCounterAsync(string bodyCode, int floor, CancellationToken ct)
    {
        var counter = Model.FindEntityType(typeof(VerificationCounter))!;
        var table = counter.GetTableName()!;
        var code = counter.FindProperty(nameof(VerificationCounter.BodyCode))!.GetColumnName();
        var next = counter.FindProperty(nameof(VerificationCounter.Next))!.GetColumnName();
        var greatest = Database.IsNpgsql() ? "GREATEST" : "MAX";
#pragma warning disable EF1002 // identifiers come from the model, values are parameters
        var taken = await Database.SqlQueryRaw<int>(
            $$"""
            INSERT INTO "{{table}}" ("{{code}}", "{{next}}") VALUES ({0}, {1} + 1)
            ON CONFLICT ("{{code}}") DO UPDATE SET "{{next}}" = {{greatest}}("{{table}}"."{{next}}", {1}) + 1
            RETURNING "{{next}}" - 1 AS "Value"
            """, bodyCode, floor).ToListAsync(ct);
#pragma warning restore EF1002
        return taken.Single();
    }

    /// <summary>
    /// Takes the audit chain's writer lock for the rest of the current transaction; the transparency log shares it, so
    /// that its writers are serialised too and need not read the same head (<see cref="Register.TransparencyLog"/>).
    /// </summary>
    internal Task LockChainWritersAsync(CancellationToken cancellationToken) => LockAuditChainAsync(cancellationToken);

    /// <summary>Serialises writers of the audit chain for the rest of the current transaction.</summary>
    protected abstract Task LockAuditChainAsync(CancellationToken cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        foreach (var idType in typeof(IEntityId).Assembly.GetTypes().Where(t => t.IsValueType && typeof(IEntityId).IsAssignableFrom(t)))
        {
            configurationBuilder.Properties(idType).HaveConversion(typeof(EntityIdConverter<>).MakeGenericType(idType));
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<AdhereUser>(u =>
        {
            u.Property(x => x.InvitationHash).HasMaxLength(64);
            u.HasIndex(x => x.InvitationHash).IsUnique();
            u.HasIndex(x => x.OrganisationId);
            u.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<IdentityRole<Guid>>().HasData(Role.All.Select(r => new IdentityRole<Guid>
        {
            Id = RoleIds.For(r),
            Name = r.Name,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = RoleIds.For(r).ToString(),
        }));

        builder.Entity<Organisation>(o =>
        {
            o.HasKey(x => x.Id);
            o.Property(x => x.Name).HasMaxLength(Organisation.MaxNameLength);
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            o.Property(x => x.Address).HasMaxLength(1000);
            o.Property(x => x.Website).HasMaxLength(500);
            o.Property(x => x.PrivacyContactEmail).HasMaxLength(EmailAddress.MaxLength);
            o.Property(x => x.NormalizedName).HasMaxLength(Organisation.MaxNameLength);
            o.HasIndex(x => x.NormalizedName).IsUnique();
            o.HasQueryFilter(x => SeesAllOrganisations || x.Id == CurrentOrganisationId);
        });

        builder.Entity<ApiToken>(t =>
        {
            t.HasKey(x => x.Id);
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.RoleName).HasMaxLength(64);
            t.Property(x => x.SecretHash).HasMaxLength(64);
            t.HasIndex(x => x.SecretHash).IsUnique();
            // No foreign key: UserId and the Identity key differ in CLR type; users are disabled, never deleted.
            t.HasIndex(x => x.OwnerId);
        });

        builder.Entity<AuditEvent>(a =>
        {
            a.HasKey(x => x.Sequence);
            a.Property(x => x.Sequence).ValueGeneratedNever();
            a.Property(x => x.ActorId).HasMaxLength(100);
            a.Property(x => x.ActorName).HasMaxLength(256);
            a.Property(x => x.Action).HasMaxLength(100);
            a.Property(x => x.ObjectType).HasMaxLength(100);
            a.Property(x => x.ObjectId).HasMaxLength(100);
            a.Property(x => x.PreviousHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
            // A second writer that read the same head fails here instead of forking the chain.
            a.HasIndex(x => x.PreviousHash).IsUnique();
            a.HasIndex(x => x.OccurredAt);
            a.HasIndex(x => new { x.ObjectType, x.ObjectId });
            a.HasIndex(x => x.OrganisationId);
        });

        builder.Entity<Register.TransparencyLogEntry>(t =>
        {
            t.ToTable("TransparencyLog");
            // The sequence is the key, so a second writer that read the same head fails instead of forking the log.
            t.HasKey(x => x.Sequence);
            t.Property(x => x.Sequence).ValueGeneratedNever();
            t.Property(x => x.Event).HasMaxLength(20);
            t.Property(x => x.VerificationId).HasMaxLength(Register.TransparencyLogEntry.MaxIdLength);
            t.Property(x => x.FormerVerificationId).HasMaxLength(Register.TransparencyLogEntry.MaxIdLength);
            t.Property(x => x.CompanyName).HasMaxLength(Organisation.MaxNameLength);
            t.Property(x => x.PreviousHash).HasMaxLength(64);
            t.Property(x => x.Hash).HasMaxLength(64);
            t.Ignore(x => x.Change);
        });

        CatalogueModel.Configure(builder);
        ServiceModel.Configure(builder);
        DocumentModel.Configure(builder);
        DeclarationModel.Configure(builder);
        Register.RegisterSearchEntry.Configure(builder);
        Register.RegisterSearchCategory.Configure(builder);
        builder.Entity<Monitoring.SchedulerRun>(r =>
        {
            r.HasKey(x => x.Job);
            r.Property(x => x.Job).HasMaxLength(50);
        });
        builder.Entity<Monitoring.SentNotice>(n =>
        {
            n.HasKey(x => x.Key);
            n.Property(x => x.Key).HasMaxLength(200);
        });
        AssessmentModel.Configure(builder, Database.IsNpgsql());
        Reports.Signing.SigningKeyModel.Configure(builder);
        Adhere.Core.Assessments.Selection.SelectionModel.Configure(builder);
        Adhere.Core.Reports.ReportTemplate.Configure(builder);
        Reports.Frozen.FrozenReport.Configure(builder);
        Adhere.Core.Complaints.ComplaintModel.Configure(builder);
        // Complaints are the MB's own data: providers never see them, whichever provider they concern.
        builder.Entity<Adhere.Domain.Complaints.Complaint>().HasQueryFilter(x => SeesAllOrganisations);
        builder.Entity<Adhere.Domain.Complaints.ComplaintAttachment>().HasQueryFilter(x => SeesAllOrganisations);
        Adhere.Core.Complaints.Measures.ComplaintMeasureModel.Configure(builder);
        builder.Entity<Adhere.Domain.Complaints.ComplaintMeasure>().HasQueryFilter(x => SeesAllOrganisations);
        builder.Entity<Adhere.Core.Complaints.AuthorityNotices.AuthorityNotice>().HasQueryFilter(x => SeesAllOrganisations);
        // A provider reads the questions put to it and their files, nothing else of a complaint; notes are the MB's alone.
        Adhere.Core.Complaints.Investigation.InvestigationModel.Configure(builder);
        builder.Entity<Adhere.Domain.Complaints.ComplaintQuestion>().HasQueryFilter(x => SeesAllOrganisations || x.OrganisationId == CurrentOrganisationId);
        builder.Entity<Adhere.Domain.Complaints.InvestigationFile>().HasQueryFilter(x => SeesAllOrganisations || x.OrganisationId == CurrentOrganisationId);
        builder.Entity<Adhere.Domain.Complaints.ComplaintNote>().HasQueryFilter(x => SeesAllOrganisations);
        builder.Entity<Adhere.Domain.Complaints.ComplaintAssessmentLink>().HasQueryFilter(x => SeesAllOrganisations);
        builder.Entity<VerificationCounter>(c =>
        {
            c.HasKey(x => x.BodyCode);
            c.Property(x => x.BodyCode).HasMaxLength(20);
        });
        builder.Entity<Adhere.Domain.Assessments.ConflictOfInterest>(c =>
        {
            c.ToTable("ConflictsOfInterest");
            c.HasKey(x => x.Id);
            c.Property(x => x.Reason).HasMaxLength(Adhere.Domain.Assessments.ConflictOfInterest.MaxReasonLength);
            c.HasIndex(x => new { x.UserId, x.OrganisationId });
            c.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Mail.OutboxMessage>(m =>
        {
            m.ToTable("Outbox");
            m.HasKey(x => x.Id);
            m.Property(x => x.To).HasMaxLength(4000);
            m.Property(x => x.Subject).HasMaxLength(500);
            m.Property(x => x.Topic).HasMaxLength(100);
            m.Property(x => x.LastError).HasMaxLength(500);
            m.HasIndex(x => x.SentAt);
        });

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IOrganisationOwned).IsAssignableFrom(e.ClrType)))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
    }

    private static readonly System.Reflection.MethodInfo ApplyTenantFilterMethod =
        typeof(AdhereDb).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, IOrganisationOwned
    {
        Expression<Func<T, bool>> filter = x => SeesAllOrganisations || x.OrganisationId == CurrentOrganisationId;
        builder.Entity<T>().HasQueryFilter(filter);
    }

    private void GuardTenancy()
    {
        if (Caller.SeesAllOrganisations) return;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var owner = entry.Entity switch
            {
                IOrganisationOwned owned => owned.OrganisationId,
                Organisation organisation => organisation.Id,
                Adhere.Domain.Complaints.ComplaintQuestion { OrganisationId: { } provider } => provider,
                Adhere.Domain.Complaints.InvestigationFile { OrganisationId: { } provider } => provider,
                _ => (OrganisationId?)null,
            };
            if (owner is { } id && id != Caller.OrganisationId)
            {
                throw new TenantViolationException($"{Caller.ActorId} tried to write {entry.Metadata.ClrType.Name} of organisation {id}.");
            }
        }
    }
}

/// <summary>Fixed role IDs, so that the seeded role rows are identical in every database.</summary>
public static class RoleIds
{
    public static Guid For(Role role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var index = Role.All.ToList().IndexOf(role) + 1;
        return new Guid($"00000000-0000-0000-0000-0000000000{index:D2}");
    }
}

/// <summary>A transaction owned by one use case; disposing without <see cref="CommitAsync"/> rolls it back.</summary>
public sealed class UnitOfWork(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? owned) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
