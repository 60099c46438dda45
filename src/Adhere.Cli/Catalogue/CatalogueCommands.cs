using System.CommandLine;
using System.Globalization;
using System.Text;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Catalogue;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;

namespace Adhere.Cli.Catalogue;

/// <summary><c>adhere catalogue import|export|list|diff|freeze</c>.</summary>
public static class CatalogueCommands
{
    /// <summary>Files larger than this show the import's progress on standard error even without <c>--verbose</c>.</summary>
    public const long ProgressThresholdBytes = 1024 * 1024;

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("catalogue", "Imports, exports, lists, compares and freezes control catalogues (a Code at one version).")
        {
            Import(cli),
            Export(cli),
            List(cli),
            Diff(cli),
            Freeze(cli),
        };
    }

    private static Argument<string> CodeArgument() =>
        new("code") { Description = "The catalogue's name as 'adhere catalogue list' shows it (case is ignored)." };

    private static Command Import(CliContext cli)
    {
        var file = new Argument<string>("file")
        {
            Description = "The file: our native YAML or JSON (adhere-catalogue/1), an OSCAL catalog or an OSCAL mapping collection.",
        };
        var format = new Option<string>("--format")
        {
            Description = "How to read the file: native, oscal (a catalog or a mapping collection), or auto (the default), which decides from its content.",
            HelpName = "auto|native|oscal",
        }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "auto", "native", "oscal");
        var dryRun = new Option<bool>("--dry-run") { Description = "Checks the file and shows what the import would change, writing nothing." };
        var command = new Command("import",
            "Imports a catalogue version, or new content for an unfrozen one, all or nothing; importing the same content again " +
            "changes nothing. Files over Catalogue__MaxImportBytes (50 MB unless configured) are refused. Progress goes to standard " +
            "error for files over 1 MB or with --verbose. " +
            "Exit codes: 0 imported, unchanged or checked, 2 refused (every problem is listed; nothing is changed), 1 failure.")
        {
            file, format, dryRun,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var path = run.Value(file) ?? "";
            var opened = Open(path);
            if (opened.IsError) return await run.FailAsync(opened.Error!);

            await using var stream = opened.Value;
            var progress = run.Value(cli.VerboseOption) || stream.Length > ProgressThresholdBytes
                ? new ProgressLines(run.Error, run.Get<TimeProvider>())
                : null;
            var report = await run.Get<ImportCatalogue>().HandleAsync(
                new ImportCatalogue.Command(stream, stream.Length, ImportFormat(run.Value(format)), run.Value(dryRun), progress), run.Ct);

            if (report.Action == ImportAction.Refused)
            {
                foreach (var problem in report.Problems) await run.Error.WriteLineAsync($"{problem.Location}: {problem.Message} ({problem.Code})");
                await run.Error.WriteLineAsync($"error: '{path}' was not imported ({Count(report.Problems.Count, "problem")}); nothing was written.");
                return ExitCodes.UserError;
            }

            await WriteReportAsync(run.Out, report);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(CliContext cli)
    {
        var code = CodeArgument();
        var version = new Argument<string>("version") { Description = "The version to export, such as 2.11." };
        var format = new Option<string>("--format")
        {
            Description = "native (our YAML, the default), oscal (an OSCAL catalog) or oscal-mapping (an OSCAL mapping collection of its mappings).",
            HelpName = "native|oscal|oscal-mapping",
        }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "native", "oscal", "oscal-mapping");
        var output = new Option<string>("--output", "-o")
        {
            Description = "The file to write; '-' or none writes to standard output. The file appears only once the export is complete.",
            HelpName = "file",
        };
        var command = new Command("export", "Writes a stored catalogue version to a file or to standard output. Exit codes: 0 written, 2 unknown catalogue or unwritable file, 1 failure.")
        {
            code, version, format, output,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var name = run.Value(code) ?? "";
            var at = run.Value(version) ?? "";
            var exportFormat = ExportFormatFrom(run.Value(format));
            var target = run.Value(output);
            return target is null or "-"
                ? await ExportToOutputAsync(run, name, at, exportFormat)
                : await ExportToFileAsync(run, name, at, exportFormat, target);
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var command = new Command("list", "Lists catalogue versions by name, the newest version first. Exit codes: 0 done, 2 unmigrated database, 1 failure.");
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var catalogues = await run.Get<CatalogueQueries>().ListAsync(run.Ct);
            if (catalogues.Count == 0)
            {
                await run.Out.WriteLineAsync("No catalogues. Import one with 'adhere catalogue import FILE'.");
                return ExitCodes.Success;
            }

            await TextTable.WriteAsync(run.Out, ["NAME", "VERSION", "STATUS", "CONTROLS", "FLAGS", "UPDATED"],
                catalogues.Select(c => (IReadOnlyList<string>)
                    [c.Name, c.Version, c.Status, TextTable.Number(c.Controls), Flags(c), TextTable.Instant(c.UpdatedAt)]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Diff(CliContext cli)
    {
        var code = CodeArgument();
        var from = new Argument<string>("from-version") { Description = "The version to compare from, usually the older one." };
        var to = new Argument<string>("to-version") { Description = "The version to compare with." };
        var command = new Command("diff",
            "Shows what differs between two stored versions of a catalogue, and the transition between them when one was imported. " +
            "Exit codes: 0 compared (whether or not they differ), 2 unknown catalogue or version, 1 failure.")
        {
            code, from, to,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var compared = await run.Get<DiffCatalogues>().HandleAsync(run.Value(code) ?? "", run.Value(from) ?? "", run.Value(to) ?? "", run.Ct);
            if (compared.IsError) return await run.FailAsync(compared.Error!);

            var comparison = compared.Value;
            await run.Out.WriteLineAsync(
                $"{comparison.From.Name} {comparison.From.Version} ({Count(comparison.From.Controls, "control")}) → " +
                $"{comparison.To.Version} ({Count(comparison.To.Controls, "control")})");
            if (comparison.Diff.IsEmpty) await run.Out.WriteLineAsync("No differences in the code facts, sections, controls or mappings.");
            else await WriteDiffAsync(run.Out, comparison.Diff);

            if (comparison.Transition.Count > 0)
            {
                await run.Out.WriteLineAsync($"Transition between the versions ({Count(comparison.Transition.Count, "row")}):");
                await TextTable.WriteAsync(run.Out, ["FROM", "TO", "NOTE"],
                    comparison.Transition.Select(t => (IReadOnlyList<string>)[t.FromKey, t.ToKey ?? "(withdrawn)", t.Note ?? ""]));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Freeze(CliContext cli)
    {
        var code = CodeArgument();
        var version = new Argument<string>("version") { Description = "The version to freeze." };
        var command = new Command("freeze",
            "Freezes a catalogue version, as the Monitoring Body does before publishing it: from then on its content cannot change " +
            "and changes must be imported as a new version. Exit codes: 0 frozen, 2 unknown or already frozen, 1 failure.")
        {
            code, version,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var found = await run.Get<CatalogueQueries>().FindAsync(run.Value(code) ?? "", run.Value(version) ?? "", run.Ct);
            if (found.IsError) return await run.FailAsync(found.Error!);
            var frozen = await run.Get<FreezeCatalogue>().HandleAsync(found.Value.Id, run.Ct);
            if (frozen.IsError) return await run.FailAsync(frozen.Error!);
            await run.Out.WriteLineAsync($"Froze {found.Value.Name} {found.Value.Version}: its content can no longer change; import changes as a new version.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Result<FileStream> Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return CatalogueFileErrors.NotFound(path);
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) return CatalogueFileErrors.IsFolder(path);
            if (!File.Exists(full)) return CatalogueFileErrors.NotFound(path);
            return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return CatalogueFileErrors.Unreadable(path, e.Message);
        }
    }

    private static async Task<int> ExportToOutputAsync(CommandRun run, string name, string version, ExportFormat format)
    {
        using var buffer = new MemoryStream();
        var done = await run.Get<ExportCatalogue>().HandleAsync(name, version, format, buffer, run.Ct);
        if (done.IsError) return await run.FailAsync(done.Error!);

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await run.Out.WriteAsync(await reader.ReadToEndAsync(run.Ct));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes to a temporary file beside the target and moves it into place only when the export succeeded, so that a
    /// failure or an interruption never leaves a half-written file (nor replaces a good one).
    /// </summary>
    private static async Task<int> ExportToFileAsync(CommandRun run, string name, string version, ExportFormat format, string path)
    {
        string target;
        try
        {
            target = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return await run.FailAsync(CatalogueFileErrors.Unwritable(path, e.Message));
        }

        if (Directory.Exists(target)) return await run.FailAsync(CatalogueFileErrors.IsFolder(path));
        var folder = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(folder)) return await run.FailAsync(CatalogueFileErrors.Unwritable(path, $"the folder '{folder}' does not exist."));
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 81920);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await run.FailAsync(CatalogueFileErrors.Unwritable(path, e.Message));
        }

        var placed = false;
        try
        {
            Result<Done> done;
            await using (stream)
            {
                done = await run.Get<ExportCatalogue>().HandleAsync(name, version, format, stream, run.Ct);
                if (!done.IsError) stream.Flush(flushToDisk: true);
            }

            if (done.IsError) return await run.FailAsync(done.Error!);
            try
            {
                File.Move(temp, target, overwrite: true);
                placed = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await run.FailAsync(CatalogueFileErrors.Unwritable(path, e.Message));
            }

            var bytes = new FileInfo(target).Length;
            await run.Out.WriteLineAsync($"Exported {name} {version} as {FormatName(format)} to {target} ({Count(bytes, "byte")}).");
            return ExitCodes.Success;
        }
        finally
        {
            if (!placed) File.Delete(temp);
        }
    }

    private static async Task WriteReportAsync(TextWriter output, ImportReport report)
    {
        var verb = (report.Action, report.DryRun) switch
        {
            (ImportAction.Created, false) => "Created",
            (ImportAction.Created, true) => "Would create",
            (ImportAction.Updated, false) => "Updated",
            (ImportAction.Updated, true) => "Would update",
            _ => "Unchanged",
        };
        await output.WriteLineAsync(
            $"{verb} catalogue: {report.Name} {report.Version} — {Count(report.Sections, "section")}, {Count(report.Controls, "control")}, " +
            $"{Count(report.Mappings, "mapping")} (read as {SourceName(report.Format)}).");

        if (report.Action == ImportAction.Updated && report.Diff is { } diff)
        {
            // An update with an empty diff changes only standards, listed below.
            if (diff.IsEmpty) await output.WriteLineAsync("No differences in the code facts, sections, controls or mappings.");
            else await WriteDiffAsync(output, diff);
        }

        if (report.StandardChanges.Count > 0)
        {
            await output.WriteLineAsync($"Standards ({Count(report.StandardChanges.Count, "change")}):");
            foreach (var change in report.StandardChanges) await output.WriteLineAsync($"  {change}");
        }

        if (report.DryRun) await output.WriteLineAsync("Dry run: nothing was written.");
        else if (report.Action == ImportAction.Unchanged) await output.WriteLineAsync("The stored version already has this content; nothing was written.");
    }

    /// <summary>The differences, one group per line; changed items list the fields that differ.</summary>
    private static async Task WriteDiffAsync(TextWriter output, CatalogueDiff diff)
    {
        if (diff.CodeChanges.Count > 0) await output.WriteLineAsync($"Code facts changed: {string.Join(", ", diff.CodeChanges.SelectMany(c => c.Fields))}");
        await WriteKeysAsync(output, "Sections added", diff.AddedSections);
        await WriteKeysAsync(output, "Sections removed", diff.RemovedSections);
        await WriteChangedAsync(output, "Sections changed", diff.ChangedSections);
        await WriteKeysAsync(output, "Controls added", diff.AddedControls);
        await WriteKeysAsync(output, "Controls removed", diff.RemovedControls);
        await WriteChangedAsync(output, "Controls changed", diff.ChangedControls);
        await WriteKeysAsync(output, "Mappings added", diff.AddedMappings);
        await WriteKeysAsync(output, "Mappings removed", diff.RemovedMappings);
        await WriteChangedAsync(output, "Mappings changed", diff.ChangedMappings);
        if (diff.ModulesChanged) await output.WriteLineAsync("Modules changed.");
        if (diff.TransitionsChanged) await output.WriteLineAsync("Transitions changed.");
    }

    private static async Task WriteKeysAsync(TextWriter output, string heading, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0) await output.WriteLineAsync($"{heading} ({TextTable.Number(keys.Count)}): {string.Join(", ", keys)}");
    }

    private static async Task WriteChangedAsync(TextWriter output, string heading, IReadOnlyList<ChangedItem> items)
    {
        if (items.Count == 0) return;
        await output.WriteLineAsync($"{heading} ({TextTable.Number(items.Count)}):");
        foreach (var item in items) await output.WriteLineAsync($"  {item.Key}: {string.Join(", ", item.Fields)}");
    }

    private static string Flags(CatalogueSummary c)
    {
        var flags = string.Join(' ', new[] { c.IsDemo ? "demo" : null, c.Frozen ? "frozen" : null }.OfType<string>());
        return flags.Length == 0 ? "-" : flags;
    }

    private static string Count(long n, string noun) => $"{TextTable.Number(n)} {noun}{(n == 1 ? "" : "s")}";

    private static CatalogueFormat ImportFormat(string? value) => value?.ToUpperInvariant() switch
    {
        "NATIVE" => CatalogueFormat.Native,
        "OSCAL" => CatalogueFormat.Oscal,
        _ => CatalogueFormat.Auto,
    };

    private static ExportFormat ExportFormatFrom(string? value) => value?.ToUpperInvariant() switch
    {
        "OSCAL" => ExportFormat.Oscal,
        "OSCAL-MAPPING" => ExportFormat.OscalMapping,
        _ => ExportFormat.Native,
    };

    private static string FormatName(ExportFormat format) => format switch
    {
        ExportFormat.Oscal => "an OSCAL catalog",
        ExportFormat.OscalMapping => "an OSCAL mapping collection",
        _ => "native YAML",
    };

    private static string SourceName(string format) => format switch
    {
        "oscal-catalog" => "an OSCAL catalog",
        "oscal-mapping" => "an OSCAL mapping collection",
        "oscal" => "OSCAL",
        _ => "the native format",
    };

    /// <summary>Writes each progress message at once, with the time since the import began, to standard error.</summary>
    private sealed class ProgressLines(TextWriter writer, TimeProvider time) : IProgress<string>
    {
        private readonly long started = time.GetTimestamp();

        public void Report(string value) =>
            writer.WriteLine($"[{time.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s] {value}");
    }
}

/// <summary>The CLI's own file handling fails like a use case: a stable code, a message, exit code 2.</summary>
public static class CatalogueFileErrors
{
    public static NotFoundError NotFound(string path) => new("catalogue.file-not-found", $"No file '{path}' was found.");

    public static InvalidError IsFolder(string path) => new("catalogue.file-is-folder", $"'{path}' is a folder, not a file.");

    public static InvalidError Unreadable(string path, string reason) => new("catalogue.file-unreadable", $"Cannot read '{path}': {reason}");

    public static InvalidError Unwritable(string path, string reason) => new("catalogue.output-unwritable", $"Cannot write '{path}': {reason}");
}
