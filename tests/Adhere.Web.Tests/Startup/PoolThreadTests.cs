using System.Buffers;
using System.IO.Pipelines;
using Adhere.Web.Infrastructure;

namespace Adhere.Web.Tests.Startup;

/// <summary>
/// With requests on the socket threads (ADR 0032) a read or flush that waits may complete on such a thread; the
/// front door's wrappers must then continue on the pool. A dedicated thread plays the socket thread here, and the pipes
/// run their continuations inline, as Kestrel's do in that mode. Each test also shows the unwrapped case staying on
/// the dedicated thread, so that it would fail if the wrapper did nothing.
/// </summary>
public sealed class PoolThreadTests
{
    private static readonly PipeOptions Inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 16, resumeWriterThreshold: 8, useSynchronizationContext: false);

    /// <summary>Runs <paramref name="action"/> on a new thread that is not the pool's, after a short wait.</summary>
    private static void OnDedicatedThread(Action action)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(50);
            action();
        }) { IsBackground = true };
        thread.Start();
    }

    /// <summary>Reads what the writer left (on the dedicated thread: no assertions there, they would end the process).</summary>
    private static void Drain(PipeReader reader)
    {
        if (reader.TryRead(out var result)) reader.AdvanceTo(result.Buffer.End);
    }

    [Fact]
    public async Task Resume_CompletedOnAnotherThread_ContinuesOnThePool()
    {
        static async Task<bool> ConsumeAsync(bool resume)
        {
            var source = new TaskCompletionSource<int>(TaskCreationOptions.None);
            OnDedicatedThread(() => source.SetResult(7));
            var value = resume ? await PoolThread.Resume(new ValueTask<int>(source.Task)) : await source.Task.ConfigureAwait(false);
            Assert.Equal(7, value);
            return Thread.CurrentThread.IsThreadPoolThread;
        }

        Assert.False(await Task.Run(() => ConsumeAsync(resume: false)));
        Assert.True(await Task.Run(() => ConsumeAsync(resume: true)));
    }

    [Fact]
    public async Task PoolResumingStream_ReadCompletedOnAnotherThread_ContinuesOnThePool()
    {
        static async Task<bool> ReadAsync(bool wrap)
        {
            var pipe = new Pipe(Inline);
            var stream = wrap ? new PoolResumingStream(pipe.Reader.AsStream()) : pipe.Reader.AsStream();
            OnDedicatedThread(() => pipe.Writer.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().GetAwaiter().GetResult());
            var buffer = new byte[8];
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            Assert.Equal(3, read);
            return Thread.CurrentThread.IsThreadPoolThread;
        }

        Assert.False(await Task.Run(() => ReadAsync(wrap: false)));
        Assert.True(await Task.Run(() => ReadAsync(wrap: true)));
    }

    [Fact]
    public async Task PoolResumingPipeWriter_FlushWaitingForTheReader_ContinuesOnThePool()
    {
        static async Task<bool> FlushAsync(bool wrap)
        {
            var pipe = new Pipe(Inline);
            PipeWriter writer = wrap ? new PoolResumingPipeWriter(pipe.Writer) : pipe.Writer;
            writer.Write(new byte[32]);
            var flush = writer.FlushAsync();
            Assert.False(flush.IsCompleted);
            OnDedicatedThread(() => Drain(pipe.Reader));
            await flush.ConfigureAwait(false);
            return Thread.CurrentThread.IsThreadPoolThread;
        }

        Assert.False(await Task.Run(() => FlushAsync(wrap: false)));
        Assert.True(await Task.Run(() => FlushAsync(wrap: true)));
    }

    [Fact]
    public async Task PoolResumingResponseBody_StreamWriteWaitingForTheReader_ContinuesOnThePool()
    {
        static async Task<bool> WriteAsync(bool wrap)
        {
            var pipe = new Pipe(Inline);
            var feature = new Microsoft.AspNetCore.Http.StreamResponseBodyFeature(pipe.Writer.AsStream());
            var stream = wrap ? new PoolResumingResponseBody(feature).Stream : feature.Stream;
            var write = stream.WriteAsync(new byte[32]);
            Assert.False(write.IsCompleted);
            OnDedicatedThread(() => Drain(pipe.Reader));
            await write.ConfigureAwait(false);
            return Thread.CurrentThread.IsThreadPoolThread;
        }

        Assert.False(await Task.Run(() => WriteAsync(wrap: false)));
        Assert.True(await Task.Run(() => WriteAsync(wrap: true)));
    }
}
