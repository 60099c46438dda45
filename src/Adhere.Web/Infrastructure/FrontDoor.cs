using System.IO.Pipelines;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Adhere.Web.Infrastructure;

/// <summary>
/// An answer the front door gives before ASP.NET Core's hosting layer runs (ADR 0032): no HttpContext, no request
/// logging scope, no middleware. Only for answers that are ready in memory and cost less than the pipeline around them.
/// </summary>
public interface IFrontDoorAnswer
{
    /// <summary>What to send, or null to let the request go on to the application. Runs on the socket thread: no I/O.</summary>
    object? Match(IFeatureCollection features);

    /// <summary>Writes the answer <paramref name="match"/> found, synchronously.</summary>
    void Write(IFeatureCollection features, object match);
}

/// <summary>
/// Wraps the server (Kestrel) so that every request first passes the front door: a <see cref="IFrontDoorAnswer"/> may
/// answer it at once; anything else goes to the application, off the socket thread (see <see cref="FrontDoorApplication{TContext}"/>).
/// </summary>
internal sealed class FrontDoorServer(IServer inner, IEnumerable<IFrontDoorAnswer> answers, FrontDoorMode mode, ILogger<FrontDoorServer> logger) : IServer
{
    public IFeatureCollection Features => inner.Features;

    /// <summary>
    /// Puts the front door around the server registered last, if it is registered by its type (Kestrel is); returns
    /// false when there is none such (a server instance or factory, as test hosts register).
    /// </summary>
    public static bool Decorate(IServiceCollection services)
    {
        var server = services.LastOrDefault(d => d.ServiceType == typeof(IServer));
        if (server?.ImplementationType is not { } serverType || serverType == typeof(FrontDoorServer)) return false;
        services.Remove(server);
        services.AddSingleton(serverType);
        services.AddSingleton<IServer>(sp => new FrontDoorServer((IServer)sp.GetRequiredService(serverType), sp.GetServices<IFrontDoorAnswer>(),
            sp.GetRequiredService<FrontDoorMode>(), sp.GetRequiredService<ILogger<FrontDoorServer>>()));
        return true;
    }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        if (mode.InlineSocketCompletions)
        {
            logger.LogInformation(
                "Requests start on the socket threads (Http:SocketThreadAnswers); only answers from memory stay there. Socket threads: {Threads}.",
                Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT"));
        }
        else if (mode.SocketThreadAnswers)
        {
            logger.LogInformation(
                "Http:SocketThreadAnswers is on, but requests stay on the thread pool: with PostgreSQL the database driver's reads would resume them on the socket threads, and without inline socket completions ({Variable} is set otherwise) they would run in the socket engine's work items.",
                FrontDoorMode.InlineCompletionsVariable);
        }

        return inner.StartAsync(new FrontDoorApplication<TContext>(application, [.. answers], mode.InlineSocketCompletions), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();
}

/// <summary>
/// How requests are scheduled, from <c>Http:SocketThreadAnswers</c> (on in appsettings.Production.json). With SQLite,
/// socket completions run inline on the socket threads and Kestrel runs each request on the thread that read it, so
/// that an answer from memory costs no thread switch at all. With PostgreSQL both stay off (the database driver's
/// reads would resume application code on the socket threads); the door still answers before the hosting layer.
/// </summary>
public sealed record FrontDoorMode(bool SocketThreadAnswers, bool InlineSocketCompletions, bool ForwardedHeaders)
{
    /// <summary>The runtime's switch for running socket completions on the socket threads, read when the first socket opens.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>How many socket threads to run with inline completions: half the cores, at least one.</summary>
    public int SocketThreads { get; } = Math.Max(1, Environment.ProcessorCount / 2);

    public static FrontDoorMode From(IConfiguration configuration, Adhere.Core.Persistence.DatabaseSettings database) =>
        From(configuration, database, Environment.GetEnvironmentVariable(InlineCompletionsVariable));

    /// <param name="completions">The operator's value of <see cref="InlineCompletionsVariable"/>, if any.</param>
    internal static FrontDoorMode From(IConfiguration configuration, Adhere.Core.Persistence.DatabaseSettings database, string? completions)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var on = configuration.GetValue("Http:SocketThreadAnswers", false);
        // An operator's own setting of inline completions wins; anything but "1" keeps requests on the pool, since inline
        // scheduling without inline completions would run them inside the socket engine's event work item.
        var inline = on && database.Provider == Adhere.Core.Persistence.DatabaseProvider.Sqlite && (string.IsNullOrEmpty(completions) || completions == "1");
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED: the pipeline then takes the client's address and scheme from the proxy's headers.
        return new(on, inline, configuration.GetValue("FORWARDEDHEADERS_ENABLED", false));
    }

    /// <summary>
    /// True when the pipeline would read this request's client address or scheme from forwarded headers, which the door
    /// does not: such requests go on to the pipeline (and its fast path), so that rate limit and HSTS see the real client.
    /// </summary>
    public bool IsForwarded(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return ForwardedHeaders && (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Forwarded-Proto")
            || headers.ContainsKey("X-Forwarded-Host") || headers.ContainsKey("X-Forwarded-Prefix"));
    }
}

/// <summary>A request as the front door holds it: answered at the door, or the application's own context.</summary>
internal readonly struct FrontDoorContext<TContext>(IFeatureCollection features, TContext? application, IFrontDoorAnswer? door, object? match)
{
    public IFeatureCollection Features { get; } = features;

    public TContext? Application { get; } = application;

    public IFrontDoorAnswer? Door { get; } = door;

    public object? Match { get; } = match;
}

/// <summary>
/// The application as the server sees it. When the transport runs requests on the socket thread (inline scheduling,
/// ADR 0032), only door answers stay there: every other request, and every continuation after its body is read or its
/// answer is flushed, moves to the thread pool, so a slow request never holds up the other connections of that thread.
/// With the default transport requests already arrive on the pool and nothing moves.
/// </summary>
internal sealed class FrontDoorApplication<TContext>(IHttpApplication<TContext> inner, IFrontDoorAnswer[] doors, bool socketThreads)
    : IHttpApplication<FrontDoorContext<TContext>> where TContext : notnull
{
    public FrontDoorContext<TContext> CreateContext(IFeatureCollection contextFeatures)
    {
        foreach (var door in doors)
        {
            if (door.Match(contextFeatures) is { } match) return new(contextFeatures, default, door, match);
        }

        // Wrapped even when this request starts on the pool (a new connection's first does): its body may still
        // arrive on a socket thread later.
        if (socketThreads) PoolThread.ResumeBodiesOnPool(contextFeatures);
        return new(contextFeatures, inner.CreateContext(contextFeatures), null, null);
    }

    public Task ProcessRequestAsync(FrontDoorContext<TContext> context)
    {
        if (context.Door is { } door)
        {
            door.Write(context.Features, context.Match!);
            return Task.CompletedTask;
        }

        return PoolThread.IsOff ? ProcessOnPoolAsync(context.Application!) : inner.ProcessRequestAsync(context.Application!);
    }

    public void DisposeContext(FrontDoorContext<TContext> context, Exception? exception)
    {
        if (context.Door is null) inner.DisposeContext(context.Application!, exception);
    }

    private async Task ProcessOnPoolAsync(TContext context)
    {
        await Task.Yield();
        await inner.ProcessRequestAsync(context);
    }
}

/// <summary>Moving work from a socket thread (which serves many connections) to the thread pool.</summary>
internal static class PoolThread
{
    /// <summary>True on a thread that is not the pool's: with inline scheduling, the socket thread.</summary>
    public static bool IsOff => !Thread.CurrentThread.IsThreadPoolThread;

    /// <summary>Completes <paramref name="pending"/>, then continues on the pool if it completed on a socket thread.</summary>
    public static ValueTask<T> Resume<T>(ValueTask<T> pending) => pending.IsCompleted ? pending : ResumeAsync(pending);

    public static ValueTask Resume(ValueTask pending) => pending.IsCompleted ? pending : ResumeAsync(pending);

    public static Task Resume(Task pending) => pending.IsCompleted ? pending : ResumeAsync(pending);

    /// <summary>Wraps the request and response bodies so that reads and flushes that wait resume on the pool.</summary>
    public static void ResumeBodiesOnPool(IFeatureCollection features)
    {
        if (features.Get<IHttpRequestFeature>() is { } request && features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            request.Body = new PoolResumingStream(request.Body);
        }

        if (features.Get<IHttpResponseBodyFeature>() is { } response) features.Set<IHttpResponseBodyFeature>(new PoolResumingResponseBody(response));
    }

    private static async ValueTask<T> ResumeAsync<T>(ValueTask<T> pending)
    {
        var result = await pending.ConfigureAwait(false);
        if (IsOff) await Task.Yield();
        return result;
    }

    private static async ValueTask ResumeAsync(ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        if (IsOff) await Task.Yield();
    }

    private static async Task ResumeAsync(Task pending)
    {
        await pending.ConfigureAwait(false);
        if (IsOff) await Task.Yield();
    }
}

/// <summary>A body stream whose waiting reads, writes and flushes resume on the pool.</summary>
internal sealed class PoolResumingStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        PoolThread.Resume(inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        PoolThread.Resume(inner.WriteAsync(buffer, cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => PoolThread.Resume(inner.FlushAsync(cancellationToken));

    // Synchronous I/O is refused by Kestrel unless allowed; where allowed it blocks the caller's own thread.
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);
}

/// <summary>A pipe writer whose waiting flushes resume on the pool.</summary>
internal sealed class PoolResumingPipeWriter(PipeWriter inner) : PipeWriter
{
    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        PoolThread.Resume(inner.FlushAsync(cancellationToken));

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        PoolThread.Resume(inner.WriteAsync(source, cancellationToken));
}

/// <summary>The response body feature with <see cref="PoolResumingStream"/> and <see cref="PoolResumingPipeWriter"/>.</summary>
internal sealed class PoolResumingResponseBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    private Stream? stream;
    private PipeWriter? writer;

    public Stream Stream => stream ??= new PoolResumingStream(inner.Stream);

    public PipeWriter Writer => writer ??= new PoolResumingPipeWriter(inner.Writer);

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => PoolThread.Resume(inner.StartAsync(cancellationToken));

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        PoolThread.Resume(inner.SendFileAsync(path, offset, count, cancellationToken));

    public Task CompleteAsync() => PoolThread.Resume(inner.CompleteAsync());
}
