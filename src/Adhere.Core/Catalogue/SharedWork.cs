namespace Adhere.Core.Catalogue;

/// <summary>
/// Work that an import offers to another thread and may do itself (ADR 0036): whichever thread claims it first runs
/// it, and the other waits for that result. The importing thread claims it when it needs the result, so work no other
/// thread has started by then (the second core was busy) costs what it cost before it was offered, never more.
/// </summary>
public sealed class SharedWork<T>
{
    private readonly Func<Task<T>> work;
    private readonly TaskCompletionSource<T> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int claimed;

    public SharedWork(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        this.work = () => Task.FromResult(work());
    }

    public SharedWork(Func<Task<T>> work) => this.work = work ?? throw new ArgumentNullException(nameof(work));

    /// <summary>The result once the work is done, failed or abandoned, whoever ran it.</summary>
    public Task<T> Completion => result.Task;

    /// <summary>A new piece of work, queued for a pool thread.</summary>
    public static SharedWork<T> Offer(Func<Task<T>> work)
    {
        var shared = new SharedWork<T>(work);
        Queue(static s => _ = s.RunOrJoinAsync(), shared);
        return shared;
    }

    /// <summary>
    /// Queues <paramref name="callback"/> on the pool's global queue: <c>Task.Run</c> from a pool thread would put it in
    /// that thread's own queue, where an idle thread may not look before the queuing thread runs it itself.
    /// </summary>
    public static void Queue<TState>(Action<TState> callback, TState state) => ThreadPool.QueueUserWorkItem(callback, state, preferLocal: false);

    /// <summary>Runs the work here if no thread has claimed it yet; in any case, its result.</summary>
    public Task<T> RunOrJoinAsync()
    {
        if (Interlocked.Exchange(ref claimed, 1) == 0) _ = RunAsync();
        return result.Task;
    }

    /// <summary>Makes sure the work never starts, when no thread has claimed it yet.</summary>
    public void Abandon()
    {
        if (Interlocked.Exchange(ref claimed, 1) == 0) result.TrySetCanceled();
    }

    // Never throws: the outcome, failure included, goes to the shared result, which every taker awaits.
    private async Task RunAsync()
    {
        try
        {
            result.TrySetResult(await work());
        }
        catch (OperationCanceledException e)
        {
            result.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            result.TrySetException(e);
        }
    }
}
