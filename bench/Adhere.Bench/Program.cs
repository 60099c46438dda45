using System.Globalization;
using Adhere.Bench;

const string Usage = """
    Usage: Adhere.Bench [time]   [FILE] [--rounds N] [--warmup N]   wall time and allocations of parse, read and import (TSV)
           Adhere.Bench peak MODE [FILE]                            MODE once, to be measured by /usr/bin/time -v;
                                                                    MODE is none, parse, read, setup or import
           Adhere.Bench phases [FILE] [--rounds N] [--warmup N]   where an import's time goes, step by step (Markdown)
           Adhere.Bench report [--rounds N] [--warmup N] [--out DIR] [--no-chromium] [--no-libreoffice]
                                                                  wall time of our PDF renderer, a warm Chromium and
                                                                  LibreOffice on the synthetic report (TSV; PDFs in DIR)
           Adhere.Bench report-peak MODE                          MODE once (none, ours or html), for /usr/bin/time -v
           Adhere.Bench report-shape [--filler N]                 the synthetic report's page count and size
    FILE defaults to ../shared/oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json beside
    the checkout (the folder holding Adhere.slnx, found from the current directory). bench/run.sh runs all of them.
    """;

try
{
    var arguments = new Queue<string>(args);
    var command = arguments.TryPeek(out var first) && first is "time" or "peak" or "phases" or "report" or "report-peak" or "report-shape" ? arguments.Dequeue() : "time";
    var mode = command is "peak" or "report-peak" && arguments.TryDequeue(out var m) ? m : null;
    string? file = null;
    int rounds = 50, warmup = 10, filler = SyntheticReport.BackgroundFiller;
    bool chromium = true, libreOffice = true;
    var outDirectory = Path.Combine(Path.GetTempPath(), $"adhere-report-bench-{Environment.ProcessId}");
    while (arguments.TryDequeue(out var argument))
    {
        switch (argument)
        {
            case "--rounds": rounds = Count(arguments, argument); break;
            case "--warmup": warmup = Count(arguments, argument); break;
            case "--filler": filler = int.Parse(arguments.TryDequeue(out var f) ? f : "x", NumberStyles.None, CultureInfo.InvariantCulture); break;
            case "--out": outDirectory = Path.GetFullPath(arguments.TryDequeue(out var o) ? o : throw new ArgumentException("--out needs a folder.")); break;
            case "--no-chromium": chromium = false; break;
            case "--no-libreoffice": libreOffice = false; break;
            case "-h" or "--help":
                Console.WriteLine(Usage);
                return 0;
            default:
                if (file is not null || argument.StartsWith('-')) throw new ArgumentException($"Unexpected argument '{argument}'.");
                file = argument;
                break;
        }
    }

    switch (command)
    {
        case "report":
            using (var stop = new CancellationTokenSource())
            {
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                await ReportClock.RunAsync(warmup, rounds, outDirectory, chromium, libreOffice, Console.Out, stop.Token);
            }

            return 0;
        case "report-peak":
            await ReportPeak.RunAsync(mode ?? throw new ArgumentException("report-peak needs a MODE."), Console.Out);
            return 0;
        case "report-shape":
            await ReportPeak.ShapeAsync(Console.Out, filler);
            return 0;
    }

    var bytes = await File.ReadAllBytesAsync(CatalogueFile.Locate(file));
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };

    switch (command)
    {
        case "time":
            await WallClock.RunAsync(bytes, warmup, rounds, Console.Out, cancel.Token);
            break;
        case "phases":
            await ImportPhases.RunAsync(bytes, warmup, rounds, Console.Out, cancel.Token);
            break;
        default:
            await PeakRun.RunAsync(mode ?? throw new ArgumentException("peak needs a MODE."), bytes, Console.Out, cancel.Token);
            break;
    }

    return 0;
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n\n{Usage}");
    return 2;
}

static int Count(Queue<string> arguments, string option) =>
    arguments.TryDequeue(out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        ? n
        : throw new ArgumentException($"{option} needs a positive whole number.");
