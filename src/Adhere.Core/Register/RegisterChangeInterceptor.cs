using System.Data.Common;
using Adhere.Core.Persistence;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Adhere.Core.Register;

/// <summary>
/// Drops <see cref="RegisterCache"/> once a save that touched the register has committed (ADR 0021). A save touches the
/// register when it appends to the transparency log (every status change does, in its own transaction) or changes
/// something an answer shows without a log entry: a listed declaration, an organisation's name, a service's name or
/// category, a former ID or an issued report. Only after the commit: dropping earlier would let a concurrent read put
/// the old answer back under the new generation.
/// </summary>
public sealed class RegisterChangeInterceptor(RegisterCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData?.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData?.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => AfterFailure(eventData?.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterFailure(eventData?.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData?.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData?.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData?.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData?.Context);
        return Task.CompletedTask;
    }

    private static void Note(DbContext? context)
    {
        if (context is not AdhereDb db) return;
        if (!db.RegisterChangePending && context.ChangeTracker.Entries().Any(TouchesRegister)) db.RegisterChangePending = true;
        db.SavingLogEntries = null;
        foreach (var entry in context.ChangeTracker.Entries<TransparencyLogEntry>())
        {
            if (entry.State == EntityState.Added) db.SavingLogEntries = Span(db.SavingLogEntries, entry.Entity.Sequence, entry.Entity.Sequence);
        }
    }

    private static (long First, long Last) Span((long First, long Last)? span, long first, long last) =>
        span is var (a, b) ? (Math.Min(a, first), Math.Max(b, last)) : (first, last);

    private void AfterSave(DbContext? context)
    {
        // Log entries count as this process's own only once saved: a failed save's may never exist.
        if (context is AdhereDb { SavingLogEntries: var (first, last) } db)
        {
            db.PendingLogEntries = Span(db.PendingLogEntries, first, last);
            db.SavingLogEntries = null;
        }

        // Without a transaction of the caller's, the save has committed by now.
        if (context is not null && context.Database.CurrentTransaction is null) Publish(context);
    }

    private static void AfterFailure(DbContext? context)
    {
        if (context is AdhereDb db) db.SavingLogEntries = null;
        if (context is not null && context.Database.CurrentTransaction is null) Forget(context);
    }

    private void Publish(DbContext? context)
    {
        if (context is not AdhereDb { RegisterChangePending: true } db) return;
        var own = db.PendingLogEntries;
        db.RegisterChangePending = false;
        db.PendingLogEntries = null;
        cache.Invalidate();
        // After the drop: the poller, seeing these entries, need not drop the cache a second time.
        if (own is var (first, last)) cache.NoteOwnLogEntries(first, last);
    }

    private static void Forget(DbContext? context)
    {
        if (context is not AdhereDb db) return;
        db.RegisterChangePending = false;
        db.PendingLogEntries = null;
        db.SavingLogEntries = null;
    }

    private static bool TouchesRegister(EntityEntry e) => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity switch
    {
        TransparencyLogEntry or VerificationRecord or Reports.Frozen.FrozenReport => true,
        Declaration d => d.VerificationId is not null || e.State != EntityState.Added && e.Property(nameof(Declaration.VerificationId)).OriginalValue is not null,
        Organisation or CloudService => e.State != EntityState.Added,
        _ => false,
    };
}
