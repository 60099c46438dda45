using System.Diagnostics;

namespace Adhere.Bench;

/// <summary>One timed call: its wall time and the managed bytes allocated meanwhile (by any thread of the process).</summary>
internal readonly record struct Sample(TimeSpan Elapsed, long AllocatedBytes);

internal static class Measure
{
    public static Sample Once<T>(Func<T> operation)
    {
        Settle();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(operation());
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new Sample(elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>Like <see cref="Once{T}"/>, plus the process's CPU time (all threads) spent in the call.</summary>
    public static (Sample Sample, TimeSpan Cpu) OnceWithCpu<T>(Func<T> operation)
    {
        Settle();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(operation());
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (new Sample(elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated), Environment.CpuUsage.TotalTime - cpu);
    }

    // The import awaits, so its continuations may run on pool threads: hence process-wide allocation counts throughout.
    public static async Task<Sample> OnceAsync<T>(Func<Task<T>> operation)
    {
        Settle();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(await operation());
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new Sample(elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>Every call starts from a collected heap, so that no call pays for garbage an earlier one left.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest rank: the smallest value that at least <paramref name="percent"/>% of the values do not exceed.</summary>
    public static double Percentile(IReadOnlyList<double> values, int percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>A directory under the system temp folder for this run's SQLite files, removed at the end.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"adhere-bench-{Environment.ProcessId}");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
