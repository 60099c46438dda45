using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Register;

/// <summary>
/// Bounds and timing of <see cref="RegisterCache"/>, from the <c>Register:Cache</c> section: <c>Enabled</c> (true),
/// <c>MaxEntries</c> (10,000 found answers per kind of ID answer), <c>MaxSearches</c> (1,000 search pages),
/// <c>MaxMisses</c> (1,000 not-found answers per kind), <c>MaxMegabytes</c> (32, the bytes each of those parts may hold)
/// and <c>PollMilliseconds</c> (500: how often a host looks for register changes made by another process).
/// </summary>
public sealed record RegisterCacheSettings(bool Enabled, int MaxEntries, int MaxSearches, int MaxMisses, long MaxBytes, TimeSpan PollInterval)
{
    public static RegisterCacheSettings Default { get; } = new(true, 10_000, 1_000, 1_000, 32L << 20, TimeSpan.FromMilliseconds(500));

    public static RegisterCacheSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Register:Cache");
        var d = Default;
        return new(section.GetValue("Enabled", d.Enabled), Math.Max(0, section.GetValue("MaxEntries", d.MaxEntries)),
            Math.Max(0, section.GetValue("MaxSearches", d.MaxSearches)), Math.Max(0, section.GetValue("MaxMisses", d.MaxMisses)),
            Math.Max(0, section.GetValue("MaxMegabytes", d.MaxBytes >> 20)) << 20,
            TimeSpan.FromMilliseconds(Math.Max(10, section.GetValue("PollMilliseconds", (int)d.PollInterval.TotalMilliseconds))));
    }
}

/// <summary>Which public answer a cached value is: they share the ID space, so the kind is part of the key.</summary>
public enum RegisterAnswerKind
{
    Verification,
    Entry,
    Search,
}

/// <summary>A public register answer as sent: its bytes, their ETag and the HTTP status (200, or 404 for an unknown ID).</summary>
public sealed record CachedRegisterAnswer(byte[] Body, string ETag, int StatusCode, string ContentType);

/// <summary>
/// The public register's answers, serialised once and kept per normalised key until the register changes (ADR 0021).
/// <para>
/// Everything is dropped at once when the <see cref="Generation"/> moves: after a commit that changed the register
/// in this process (<see cref="RegisterChangeInterceptor"/>), when another process appended to the transparency log
/// (the host's poller calls <see cref="ObserveLogHead"/>), and at midnight UTC, since "valid" turns into "expired" with
/// the date alone. A value computed under an older generation is never stored, so a read that raced a change cannot
/// put the old answer back.
/// </para>
/// <para>
/// Bounded: each kind keeps its found answers and its not-found answers apart, each part limited in count and bytes
/// (<see cref="RegisterCacheSettings"/>); a full part is emptied and starts over, so a flood of random IDs or searches
/// costs at most its own part and never pushes the verification answers out. Callers must only offer keys
/// that are well formed (malformed IDs are answered without the cache).
/// </para>
/// </summary>
public sealed class RegisterCache(RegisterCacheSettings settings, TimeProvider time)
{
    private const int Kinds = 3;

    /// <summary>One bounded dictionary: emptied when it would exceed its count or its bytes.</summary>
    private sealed class Part(int maxCount, long maxBytes)
    {
        private readonly ConcurrentDictionary<string, CachedRegisterAnswer> answers = new(StringComparer.Ordinal);
        private int count;
        private long bytes;

        public int Count => Volatile.Read(ref count);

        public bool TryGet(string key, out CachedRegisterAnswer answer) => answers.TryGetValue(key, out answer!);

        public void Add(string key, CachedRegisterAnswer answer)
        {
            if (maxCount == 0 || answer.Body.Length > maxBytes) return;
            if (Count >= maxCount || Interlocked.Read(ref bytes) + answer.Body.Length > maxBytes)
            {
                // Rare (a full part); a few racing adds may overshoot the bound by their own size, never more.
                answers.Clear();
                Volatile.Write(ref count, 0);
                Interlocked.Exchange(ref bytes, 0);
            }

            if (!answers.TryAdd(key, answer)) return;
            Interlocked.Increment(ref count);
            Interlocked.Add(ref bytes, answer.Body.Length + (2 * key.Length) + 200);
        }
    }

    private sealed class Store
    {
        public Store(long generation, DateOnly day, RegisterCacheSettings settings)
        {
            (Generation, Day) = (generation, day);
            for (var kind = 0; kind < Kinds; kind++)
            {
                Found[kind] = new(kind == (int)RegisterAnswerKind.Search ? settings.MaxSearches : settings.MaxEntries, settings.MaxBytes);
                Missing[kind] = new(settings.MaxMisses, settings.MaxBytes);
            }
        }

        public long Generation { get; }

        public DateOnly Day { get; }

        public Part[] Found { get; } = new Part[Kinds];

        public Part[] Missing { get; } = new Part[Kinds];
    }

    private readonly Lock gate = new();
    private Store store = new(0, default, settings);
    private long logHead = -1;

    /// <summary>Moves on every change that may alter an answer; a stamp taken before reading the database.</summary>
    public long Generation => Current().Generation;

    public RegisterCacheSettings Settings => settings;

    /// <summary>The answer cached for <paramref name="key"/> today under the current generation, if any.</summary>
    public bool TryGet(RegisterAnswerKind kind, string key, out CachedRegisterAnswer answer)
    {
        answer = null!;
        if (!settings.Enabled) return false;
        var current = Current();
        return current.Found[(int)kind].TryGet(key, out answer) || current.Missing[(int)kind].TryGet(key, out answer);
    }

    /// <summary>Stores an answer computed after <paramref name="generation"/> was read; ignored if the register changed since.</summary>
    public void Set(RegisterAnswerKind kind, string key, long generation, CachedRegisterAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(answer);
        if (!settings.Enabled) return;
        var current = Current();
        if (current.Generation != generation) return;
        (answer.StatusCode == 200 ? current.Found : current.Missing)[(int)kind].Add(key, answer);
    }

    /// <summary>How many answers are held now (found and not found, every kind); for tests and diagnostics.</summary>
    public int Count => Volatile.Read(ref store) is var s ? s.Found.Sum(p => p.Count) + s.Missing.Sum(p => p.Count) : 0;

    /// <summary>Drops every answer: the register has changed.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            var old = store;
            Volatile.Write(ref store, new Store(old.Generation + 1, Today(), settings));
        }
    }

    /// <summary>
    /// Takes note of the transparency log's newest sequence number (0 when empty) as read by a poller; a head other
    /// than the last one seen means another process changed the register, and the cache is dropped.
    /// </summary>
    /// <summary>The log head the poller saw last (-1 before its first round).</summary>
    public long LogHead => Interlocked.Read(ref logHead);

    public void ObserveLogHead(long sequence)
    {
        var previous = Interlocked.Exchange(ref logHead, sequence);
        if (previous != sequence) Invalidate();
    }

    /// <summary>
    /// Takes note of log entries this process committed (and for which it dropped the cache itself), so that the
    /// poller does not take them for another process's change and drop the cache again. Only when the poller's last
    /// head is the entry just before <paramref name="first"/>: then nothing else can hide between what it saw and these
    /// entries, and a later entry of anyone still moves the head past <paramref name="last"/>.
    /// </summary>
    public void NoteOwnLogEntries(long first, long last)
    {
        if (first < 1 || last < first) return;
        Interlocked.CompareExchange(ref logHead, last, first - 1);
    }

    private Store Current()
    {
        var current = Volatile.Read(ref store);
        if (current.Day == Today()) return current;
        lock (gate)
        {
            current = store;
            var today = Today();
            if (current.Day == today) return current;
            current = new Store(current.Generation + 1, today, settings);
            Volatile.Write(ref store, current);
            return current;
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
