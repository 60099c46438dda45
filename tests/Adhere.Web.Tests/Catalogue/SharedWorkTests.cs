using Adhere.Core.Catalogue;

namespace Adhere.Web.Tests.Catalogue;

public sealed class SharedWorkTests
{
    [Fact]
    public async Task RunOrJoinAsync_NotBegunElsewhere_RunsOnceHere()
    {
        var runs = 0;
        var work = new SharedWork<int>(() => Interlocked.Increment(ref runs));

        var first = await work.RunOrJoinAsync();
        var second = await work.RunOrJoinAsync();

        Assert.Equal((1, 1, 1), (first, second, runs));
    }

    [Fact]
    public async Task RunOrJoinAsync_WhileRunningElsewhere_WaitsForThatRun()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var runs = 0;
        var work = new SharedWork<int>(() =>
        {
            Interlocked.Increment(ref runs);
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return 42;
        });
        var elsewhere = Task.Run(work.RunOrJoinAsync);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));

        var joined = work.RunOrJoinAsync();
        Assert.False(joined.IsCompleted);
        release.Set();

        Assert.Equal((42, 42, 1), (await joined, await elsewhere, runs));
    }

    [Fact]
    public async Task Offer_AnotherThreadFree_RunsThereAndLeavesTheResult()
    {
        using var ran = new ManualResetEventSlim();
        var caller = Environment.CurrentManagedThreadId;
        var work = SharedWork<int>.Offer(() =>
        {
            ran.Set();
            return Task.FromResult(Environment.CurrentManagedThreadId);
        });

        // This thread blocks meanwhile, so the work can only have run on another one.
        Assert.True(ran.Wait(TimeSpan.FromSeconds(30)));

        var ranOn = await work.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(caller, ranOn);
        Assert.Equal(ranOn, await work.RunOrJoinAsync());
    }

    [Fact]
    public async Task Abandon_NotBegun_NeverRunsAndIsCancelled()
    {
        var runs = 0;
        var work = new SharedWork<int>(() => Interlocked.Increment(ref runs));

        work.Abandon();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(work.RunOrJoinAsync);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task RunOrJoinAsync_WorkThrows_EveryTakerSeesTheError()
    {
        var work = new SharedWork<int>(int () => throw new InvalidOperationException("broken"));

        var first = await Assert.ThrowsAsync<InvalidOperationException>(work.RunOrJoinAsync);
        var second = await Assert.ThrowsAsync<InvalidOperationException>(work.RunOrJoinAsync);

        Assert.Equal(("broken", "broken"), (first.Message, second.Message));
    }
}
