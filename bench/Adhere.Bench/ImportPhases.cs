using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Adhere.Core.Catalogue;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Bench;

/// <summary>
/// Where an import's time goes. The product has no stopwatches, so this walks the steps of
/// <see cref="ImportCatalogue.HandleAsync"/> and <see cref="CatalogueApplier.ApplyAsync"/> one by one through their
/// public parts, timing each, and asks EF Core (through its diagnostic events) how long the SQL commands took.
/// It must follow those two methods: when they change, change <see cref="ImportOnceAsync"/> too. The total is printed
/// next to the measured import so that a drift shows.
/// </summary>
internal static class ImportPhases
{
    public static async Task RunAsync(byte[] bytes, int warmup, int rounds, TextWriter output, CancellationToken ct)
    {
        using var scratch = new ScratchDirectory();
        using var commands = new CommandTimer();
        var phases = new List<string>();
        var samples = new Dictionary<string, (List<double> Ms, List<double> Sql, List<double> Commands, List<double> Allocated)>();
        var totals = new List<double>();
        var imports = new List<double>();
        await WallClock.WarmUpAsync(bytes, warmup, scratch.Path, ct);
        for (var round = 0; round < rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            Lap[] laps;
            await using (var target = await ImportTarget.CreateAsync(scratch.Path, ct))
            {
                var clock = new PhaseClock(commands);
                await ImportOnceAsync(target, bytes, clock, ct);
                laps = [.. clock.Laps];
            }

            Sample import;
            await using (var target = await ImportTarget.CreateAsync(scratch.Path, ct))
            {
                import = await Measure.OnceAsync(() => target.ImportAsync(bytes, ct));
            }

            foreach (var lap in laps)
            {
                if (!samples.TryGetValue(lap.Phase, out var phase))
                {
                    phases.Add(lap.Phase);
                    samples[lap.Phase] = phase = ([], [], [], []);
                }

                phase.Ms.Add(lap.Elapsed.TotalMilliseconds);
                phase.Sql.Add(lap.Sql.TotalMilliseconds);
                phase.Commands.Add(lap.Commands);
                phase.Allocated.Add(lap.AllocatedBytes);
            }

            totals.Add(laps.Sum(l => l.Elapsed.TotalMilliseconds));
            imports.Add(import.Elapsed.TotalMilliseconds);
        }

        var total = Measure.Median(totals);
        await output.WriteLineAsync("| Step of the import | Median ms | Min ms | Share | SQL commands | of which in SQL, ms | Allocated |");
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            var (ms, sql, count, allocated) = samples[phase];
            var median = Measure.Median(ms);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {median:0.0} | {ms.Min():0.0} | {median / total:0%} | {Measure.Median(count):0} | {Measure.Median(sql):0.0} | {Measure.Median(allocated) / 1024 / 1024:0.00} MiB |"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| **all steps** (median of the per-round sums) | **{total:0.0}** | {totals.Min():0.0} | | | | |"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| the `ImportCatalogue` call itself, same rounds | {Measure.Median(imports):0.0} | {imports.Min():0.0} | | | | |"));
    }

    /// <summary>ImportCatalogue.HandleAsync, then CatalogueApplier.ApplyAsync for a version that does not exist yet.</summary>
    private static async Task ImportOnceAsync(ImportTarget target, byte[] bytes, PhaseClock clock, CancellationToken ct)
    {
        var db = target.Services.GetRequiredService<AdhereDb>();
        var store = target.Services.GetRequiredService<CatalogueStore>();
        var applier = target.Services.GetRequiredService<CatalogueApplier>();
        var time = target.Services.GetRequiredService<TimeProvider>();
        clock.Start();

        // As ImportCatalogue's Upload reads an upload of known length (less the size check): an array from the shared pool.
        var copy = ArrayPool<byte>.Shared.Rent(bytes.Length);
        using (var content = new MemoryStream(bytes, writable: false))
        {
            await content.ReadAtLeastAsync(copy.AsMemory(0, bytes.Length), bytes.Length, throwOnEndOfStream: true, ct);
        }

        clock.Lap("copy the upload into a pooled array");

        // Format detection stops at the root's first property ("catalog"), so it is left out. As ImportCatalogue does,
        // the version is looked up on another thread (by the title and version at the file's start) during the read,
        // and that thread opens the transaction and saves a header for the new version.
        var (title, version) = OscalCatalogPeek.TitleAndVersion(copy.AsSpan(0, bytes.Length)) ?? throw new InvalidOperationException("No title and version at the start.");
        var lookup = SharedWork<VersionLookup>.Offer(() => applier.LookUpOrReserveAsync(title, version, ct));
        clock.Lap("peek the title and version, offer the look-up and reservation to another thread");

        var oscal = OscalCatalogReader.Read(copy.AsMemory(0, bytes.Length));
        var document = oscal.Document ?? throw Operations.Refused(oscal.Problems);
        clock.Lap("read the OSCAL catalog (parse + map)");

        // KeepWhatOscalCatalogsLackAsync: a stored version would lend the file its mappings; a fresh database has none.
        // What it found (a reservation) goes on to the applier, which does not look again.
        var found = await lookup.RunOrJoinAsync();
        await using var reserved = found.Reserved ?? throw new InvalidOperationException("The fresh database already holds this version.");
        clock.Lap("take the look-up and the saved header (done here if no other thread began them)");

        // As ImportCatalogue does: the rows' computed columns, then the fingerprint, offered to another thread.
        using var prepared = PreparedContent.Start(document);
        clock.Lap("offer the columns and the fingerprint to another thread");

        var problems = CatalogueValidator.Validate(document);
        if (problems.Count > 0) throw Operations.Refused(problems);
        clock.Lap("validate");

        await store.MergeStandardsAsync(document.Standards, apply: false, ct);
        var merge = await store.MergeStandardsAsync(document.Standards, apply: true, ct);
        var header = reserved.Header;
        CatalogueStore.CompleteVersion(header, document, "pending", time.GetUtcNow());
        clock.Lap("compare standards, complete the header");

        // Each control's columns come from the other thread when it got there first, else are computed in the loop.
        await store.WriteContentAsync(header.Id, document, merge.NewClauses, ct, prepared.Columns);
        clock.Lap("content rows: prepared INSERTs (with the columns the other thread has not computed)");

        header.ContentHash = await prepared.FingerprintAsync();
        clock.Lap("take the fingerprint (SHA-256 of the fields; here if no other thread began it)");

        db.Record("catalogue.imported", "catalogue", header.Id.ToString(), null,
            new AuditChanges()
                .Added("name", header.Name)
                .Added("version", header.Version)
                .Added("format", "oscal-catalog")
                .Added("controls", document.Controls.Count.ToString(CultureInfo.InvariantCulture))
                .Added("mappings", document.Mappings.Count.ToString(CultureInfo.InvariantCulture))
                .Added("fingerprint", header.ContentHash));
        await db.SaveChangesAsync(ct);
        clock.Lap("EF: save changes (fingerprint, audit chain)");

        await reserved.CommitAsync(ct);
        clock.Lap("commit");
        ArrayPool<byte>.Shared.Return(copy);
    }

    private readonly record struct Lap(string Phase, TimeSpan Elapsed, TimeSpan Sql, int Commands, long AllocatedBytes);

    private sealed class PhaseClock(CommandTimer commands)
    {
        private long started;
        private TimeSpan sqlBefore;
        private int commandsBefore;
        private long allocatedBefore;

        public List<Lap> Laps { get; } = [];

        public void Start()
        {
            (sqlBefore, commandsBefore) = commands.Read();
            allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            started = Stopwatch.GetTimestamp();
        }

        public void Lap(string phase)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var (sql, count) = commands.Read();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            Laps.Add(new Lap(phase, elapsed, sql - sqlBefore, count - commandsBefore, allocated - allocatedBefore));
            (sqlBefore, commandsBefore, allocatedBefore) = (sql, count, allocated);
            started = Stopwatch.GetTimestamp();
        }
    }
}
