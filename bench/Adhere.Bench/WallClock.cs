using System.Globalization;

namespace Adhere.Bench;

/// <summary>
/// Wall time and allocations of the three operations, interleaved round by round (parse, read, import, parse, ...)
/// so that load from other processes falls on all three alike and the ratios stay fair. Prints TSV.
/// </summary>
internal static class WallClock
{
    public static async Task RunAsync(byte[] bytes, int warmup, int rounds, TextWriter output, CancellationToken ct)
    {
        using var scratch = new ScratchDirectory();
        var parse = new List<Sample>();
        var read = new List<Sample>();
        var import = new List<Sample>();
        await WarmUpAsync(bytes, warmup, scratch.Path, ct);
        for (var round = 0; round < rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            var p = Measure.Once(() => Operations.Parse(bytes));
            var r = Measure.Once(() => Operations.Read(bytes));
            Sample i;
            await using (var target = await ImportTarget.CreateAsync(scratch.Path, ct))
            {
                i = await Measure.OnceAsync(() => target.ImportAsync(bytes, ct));
            }

            parse.Add(p);
            read.Add(r);
            import.Add(i);
        }

        await output.WriteLineAsync("operation\tmedian_ms\tp90_ms\tmin_ms\tmax_ms\talloc_bytes\trounds");
        foreach (var (name, samples) in new[] { ("parse", parse), ("read", read), ("import", import) })
        {
            var ms = samples.Select(s => s.Elapsed.TotalMilliseconds).ToList();
            var alloc = Measure.Median(samples.Select(s => (double)s.AllocatedBytes).ToList());
            await output.WriteLineAsync(string.Join('\t',
                name,
                Format(Measure.Median(ms)),
                Format(Measure.Percentile(ms, 90)),
                Format(ms.Min()),
                Format(ms.Max()),
                alloc.ToString("0", CultureInfo.InvariantCulture),
                samples.Count.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// Brings the code to the state a long-running host has it in: tiered compilation optimises a method after 30
    /// calls, in the background. Parse and read are cheap, so they run five times per warm-up round.
    /// </summary>
    public static async Task WarmUpAsync(byte[] bytes, int rounds, string scratch, CancellationToken ct)
    {
        for (var round = 0; round < rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < 5; i++)
            {
                Operations.Parse(bytes);
                Operations.Read(bytes);
            }

            await using var target = await ImportTarget.CreateAsync(scratch, ct);
            await target.ImportAsync(bytes, ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }

    private static string Format(double milliseconds) => milliseconds.ToString("0.00", CultureInfo.InvariantCulture);
}
