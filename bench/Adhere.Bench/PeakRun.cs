using System.Globalization;

namespace Adhere.Bench;

/// <summary>
/// Runs one operation once in a fresh process, cold, as a CLI import would; <c>/usr/bin/time -v</c> around the process
/// reports its peak resident set. <c>none</c> (load the file only) and <c>setup</c> (an import's database set-up
/// without the import) give the floors that the others stand on. Prints the operation's managed allocations.
/// </summary>
internal static class PeakRun
{
    public static async Task RunAsync(string mode, byte[] bytes, TextWriter output, CancellationToken ct)
    {
        using var scratch = new ScratchDirectory();
        Sample sample;
        switch (mode)
        {
            case "none":
                sample = Measure.Once(() => bytes.Length);
                break;
            case "parse":
                sample = Measure.Once(() => Operations.Parse(bytes));
                break;
            case "read":
                sample = Measure.Once(() => Operations.Read(bytes));
                break;
            case "setup":
                sample = await Measure.OnceAsync(async () =>
                {
                    await using var target = await ImportTarget.CreateAsync(scratch.Path, ct);
                    return target.Handler;
                });
                break;
            case "import":
                await using (var target = await ImportTarget.CreateAsync(scratch.Path, ct))
                {
                    sample = await Measure.OnceAsync(() => target.ImportAsync(bytes, ct));
                }

                break;
            default:
                throw new ArgumentException($"Unknown peak mode '{mode}'; use none, parse, read, setup or import.");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{mode}\t{sample.AllocatedBytes}\t{sample.Elapsed.TotalMilliseconds:0.00}"));
    }
}
