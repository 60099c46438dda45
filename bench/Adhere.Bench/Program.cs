using System.Globalization;
using Adhere.Bench;

const string Usage = """
    Usage: Adhere.Bench [time]   [FILE] [--rounds N] [--warmup N]   wall time and allocations of parse, read and import (TSV)
           Adhere.Bench peak MODE [FILE] [--database DB]            MODE once, to be measured by /usr/bin/time -v;
                                                                    MODE is none, parse, read, setup, import (both open
                                                                    the migrated SQLite file DB, as the CLI does; it is
                                                                    written to) or migrate (a new database, no import)
           Adhere.Bench migrate DB                                  creates and migrates the SQLite file DB
           Adhere.Bench phases [FILE] [--rounds N] [--warmup N]   where an import's time goes, step by step (Markdown)
           Adhere.Bench report [--rounds N] [--warmup N] [--out DIR] [--no-chromium] [--no-libreoffice]
                                                                  wall time of our PDF renderer, a warm Chromium and
                                                                  LibreOffice on the synthetic report (TSV; PDFs in DIR)
           Adhere.Bench report-peak MODE                          MODE once (none, ours or html), for /usr/bin/time -v
           Adhere.Bench report-shape [--filler N]                 the synthetic report's page count and size
           Adhere.Bench register-data PROVIDER CONNECTION [--organisations N] [--services-per N] [--listed N]
                                                                  a synthetic register in a fresh database (issue 7)
           Adhere.Bench register-change PROVIDER CONNECTION ID suspended|revoked URL
                                                                  changes a status as another process would; prints how
                                                                  long until URL answers it
           Adhere.Bench register-search BASEURL [--rounds N] [--warmup N]
                                                                  search latency over HTTP (TSV)
    FILE defaults to ../shared/oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json beside
    the checkout (the folder holding Adhere.slnx, found from the current directory). bench/run.sh runs all of them.
    """;

try
{
    if (args.Length > 0 && args[0] is "register-data" or "register-change" or "register-search") return await RegisterCommandAsync(args);
    if (args.Length > 0 && args[0] == "migrate")
    {
        if (args.Length != 2) throw new ArgumentException("migrate needs one argument: the new SQLite file.");
        await ImportTarget.MigrateAsync(Path.GetFullPath(args[1]), CancellationToken.None);
        return 0;
    }

    var arguments = new Queue<string>(args);
    var command = arguments.TryPeek(out var first) && first is "time" or "peak" or "phases" or "report" or "report-peak" or "report-shape" ? arguments.Dequeue() : "time";
    var mode = command is "peak" or "report-peak" && arguments.TryDequeue(out var m) ? m : null;
    string? file = null, database = null;
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
            case "--database": database = Path.GetFullPath(arguments.TryDequeue(out var d) ? d : throw new ArgumentException("--database needs a file.")); break;
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

    var path = CatalogueFile.Locate(file);
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };

    switch (command)
    {
        case "time":
            await WallClock.RunAsync(await File.ReadAllBytesAsync(path, cancel.Token), warmup, rounds, Console.Out, cancel.Token);
            break;
        case "phases":
            await ImportPhases.RunAsync(await File.ReadAllBytesAsync(path, cancel.Token), warmup, rounds, Console.Out, cancel.Token);
            break;
        default:
            await PeakRun.RunAsync(mode ?? throw new ArgumentException("peak needs a MODE."), path, database, Console.Out, cancel.Token);
            break;
    }

    return 0;
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n\n{Usage}");
    return 2;
}

static async Task<int> RegisterCommandAsync(string[] args)
{
    var positional = new List<string>();
    int organisations = 10_000, servicesPer = 10, rounds = 200, warmup = 20;
    int? listed = null;
    var queue = new Queue<string>(args.Skip(1));
    while (queue.TryDequeue(out var argument))
    {
        switch (argument)
        {
            case "--organisations": organisations = Count(queue, argument); break;
            case "--services-per": servicesPer = Count(queue, argument); break;
            case "--listed": listed = Count(queue, argument); break;
            case "--rounds": rounds = Count(queue, argument); break;
            case "--warmup": warmup = Count(queue, argument); break;
            default: positional.Add(argument); break;
        }
    }

    static Adhere.Core.Persistence.DatabaseProvider Provider(string name) => name switch
    {
        "sqlite" => Adhere.Core.Persistence.DatabaseProvider.Sqlite,
        "postgres" => Adhere.Core.Persistence.DatabaseProvider.Postgres,
        _ => throw new ArgumentException("PROVIDER is sqlite or postgres."),
    };

    switch (args[0])
    {
        case "register-data" when positional.Count == 2:
            await RegisterData.RunAsync(Provider(positional[0]), positional[1], organisations, servicesPer, listed ?? organisations, Console.Out, CancellationToken.None);
            return 0;
        case "register-change" when positional.Count == 5:
            await RegisterData.ChangeAsync(Provider(positional[0]), positional[1], positional[2], positional[3], new Uri(positional[4]), Console.Out, CancellationToken.None);
            return 0;
        case "register-search" when positional.Count == 1:
            await RegisterSearch.RunAsync(new Uri(positional[0]), warmup, rounds, Console.Out, CancellationToken.None);
            return 0;
        default:
            throw new ArgumentException($"Wrong arguments for {args[0]}.");
    }
}

static int Count(Queue<string> arguments, string option) =>
    arguments.TryDequeue(out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        ? n
        : throw new ArgumentException($"{option} needs a positive whole number.");
