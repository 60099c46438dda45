using System.Globalization;

namespace Adhere.Bench;

/// <summary>
/// Runs one operation once in a fresh process, cold, as a CLI import would; <c>/usr/bin/time -v</c> around the process
/// reports its peak resident set. Prints the operation's managed allocations and wall time. The modes:
/// <list type="bullet">
/// <item><c>none</c>: load the file, nothing else (the runtime's floor).</item>
/// <item><c>parse</c>, <c>read</c>: the reference parse, and the import path without a database.</item>
/// <item><c>setup</c>: open a database that an earlier process migrated, as <c>adhere catalogue import</c> does
/// (services, a scope acting as the system, the pending-migrations check), without importing: the import's floor.</item>
/// <item><c>import</c>: the same, then the import, reading the file through a <see cref="FileStream"/> as
/// <c>adhere catalogue import</c> does (the other modes hold the file's bytes, which this one never loads).</item>
/// <item><c>migrate</c>: build the services and create and migrate a new database in this process, without importing
/// (what <c>adhere db migrate</c> does). Until 2026-11-30 this was <c>setup</c>, and <c>import</c> migrated its own
/// database first, so the import's peak included the migration's.</item>
/// </list>
/// <c>setup</c> and <c>import</c> need <c>--database FILE</c>: a migrated SQLite file that the process may write to
/// (bench/run.sh migrates one in a separate process and gives each run a fresh copy of it).
/// </summary>
internal static class PeakRun
{
    public static async Task RunAsync(string mode, string file, string? database, TextWriter output, CancellationToken ct)
    {
        // Loaded only by the modes that work on the bytes; the import streams the file itself.
        var bytes = mode is "import" or "setup" or "migrate" ? [] : await File.ReadAllBytesAsync(file, ct);
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
            case "migrate":
                sample = await Measure.OnceAsync(async () =>
                {
                    await using var target = await ImportTarget.CreateAsync(scratch.Path, ct);
                    return target.Handler;
                });
                break;
            case "setup":
                sample = await Measure.OnceAsync(async () =>
                {
                    await using var target = await ImportTarget.OpenAsync(Required(database, mode), ct);
                    return target.Handler;
                });
                break;
            case "import":
                await using (var target = await ImportTarget.OpenAsync(Required(database, mode), ct))
                {
                    // The CLI's own way in (CatalogueCommands): a sequential file stream and its length.
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.SequentialScan);
                    sample = await Measure.OnceAsync(() => target.ImportAsync(stream, stream.Length, ct));
                }

                break;
            default:
                throw new ArgumentException($"Unknown peak mode '{mode}'; use none, parse, read, setup, import or migrate.");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{mode}\t{sample.AllocatedBytes}\t{sample.Elapsed.TotalMilliseconds:0.00}"));
    }

    private static string Required(string? database, string mode) =>
        database ?? throw new ArgumentException($"peak {mode} needs --database FILE, a migrated SQLite file (see 'Adhere.Bench migrate FILE').");
}
