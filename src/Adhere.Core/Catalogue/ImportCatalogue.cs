using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Adhere.Core.Catalogue.Native;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

/// <summary>The file formats a catalogue import accepts.</summary>
public enum CatalogueFormat
{
    /// <summary>Decide from the content: OSCAL when the JSON root is <c>catalog</c> or <c>mapping-collection</c>, native otherwise.</summary>
    Auto,

    /// <summary>Our YAML/JSON format, <c>adhere-catalogue/1</c>.</summary>
    Native,

    /// <summary>An OSCAL 1.1 catalog, or an OSCAL 1.2 mapping collection.</summary>
    Oscal,
}

/// <summary>What an import did, or would do in a dry run.</summary>
public enum ImportAction
{
    Created,
    Updated,
    Unchanged,
    Refused,
}

/// <summary>
/// The outcome of an import. When <see cref="Problems"/> is not empty, nothing was written and
/// <see cref="Action"/> is <see cref="ImportAction.Refused"/>.
/// </summary>
public sealed record ImportReport(
    ImportAction Action,
    bool DryRun,
    string Format,
    string? Name,
    string? Version,
    int Sections,
    int Controls,
    int Mappings,
    CatalogueDiff? Diff,
    IReadOnlyList<string> StandardChanges,
    IReadOnlyList<CatalogueProblem> Problems)
{
    public static ImportReport Refused(string format, IReadOnlyList<CatalogueProblem> problems, string? name = null, string? version = null) =>
        new(ImportAction.Refused, false, format, name, version, 0, 0, 0, null, [], problems);
}

/// <summary>Limits on imports; <c>Catalogue:MaxImportBytes</c> in configuration.</summary>
public sealed class CatalogueSettings
{
    public long MaxImportBytes { get; set; } = 50L * 1024 * 1024;
}

/// <summary>
/// Imports a catalogue file: all or nothing, idempotent (the same content twice changes nothing and says so), and
/// refused for a frozen version. Every problem is reported at once; a dry run reports the effect without writing.
/// </summary>
public sealed class ImportCatalogue(CatalogueStore store, CatalogueApplier applier, ImportMappings importMappings, CatalogueSettings settings)
{
    public sealed record Command(Stream Content, long? Length, CatalogueFormat Format, bool DryRun, IProgress<string>? Progress = null);

    public async Task<ImportReport> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var formatName = command.Format.ToString().ToLowerInvariant();
        var limit = settings.MaxImportBytes;
        if (command.Length is { } length && length > limit) return TooLarge(formatName, limit);

        using var upload = await Upload.ReadAsync(command.Content, command.Length, limit, ct);
        if (upload is null) return TooLarge(formatName, limit);
        command.Progress?.Report($"Read {upload.Bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes.");

        var format = command.Format == CatalogueFormat.Native ? DetectedFormat.Native : Detect(upload.Bytes.Span);
        if (command.Format == CatalogueFormat.Oscal && format == DetectedFormat.Native)
        {
            return ImportReport.Refused("oscal", [new CatalogueProblem("$", "catalogue.not-oscal", "The file is not an OSCAL catalog or mapping collection (its JSON root must be 'catalog' or 'mapping-collection').")]);
        }

        if (format == DetectedFormat.OscalMapping) return await importMappings.HandleAsync(upload.OpenRead(), command.DryRun, command.Progress, ct);

        formatName = format == DetectedFormat.OscalCatalog ? "oscal-catalog" : "native";
        // An OSCAL catalog's version is looked up on another thread while the file is read, by the title and version at
        // its start (ADR 0036); for a new version that thread also opens the transaction and saves the header (ADR 0037).
        // This thread does not touch the database until it has the look-up's result.
        var peeked = format == DetectedFormat.OscalCatalog ? OscalCatalogPeek.TitleAndVersion(upload.Bytes.Span) : null;
        var dryRun = command.DryRun;
        var lookup = peeked is { } start
            ? SharedWork<VersionLookup>.Offer(async () => dryRun
                ? new VersionLookup(await store.FindAsync(start.Title, start.Version, ct), null)
                : await applier.LookUpOrReserveAsync(start.Title, start.Version, ct))
            : null;
        VersionLookup? found = null;
        try
        {
            CatalogueReadResult read;
            try
            {
                read = format == DetectedFormat.OscalCatalog
                    ? CatalogueFormats.ReadOscalCatalog(upload.Bytes)
                    : NativeCatalogueReader.Read(upload.OpenRead());
                if (lookup is not null && read.Document is { } d && peeked == (d.Code.Name, d.Code.Version)) found = await lookup.RunOrJoinAsync();
            }
            finally
            {
                // Never go on with the look-up running: stop it if it has not begun, else let it end, and undo a
                // reservation nobody takes (a refused file, or one whose title or version is not the one peeked).
                lookup?.Abandon();
                if (lookup is not null) await ReleaseUntakenAsync(lookup, found);
            }

            if (read.Document is not { } document) return ImportReport.Refused(formatName, read.Problems);
            // The rows' computed columns and the fingerprint are worked out on another thread while this one validates and
            // writes (ADR 0036). A dry run writes nothing, so it needs neither.
            using var prepared = command.DryRun ? null : PreparedContent.Start(document);
            KnownVersion? known = null;
            if (format == DetectedFormat.OscalCatalog)
            {
                var existing = found is null ? await store.FindAsync(document.Code.Name, document.Code.Version, ct) : found.Existing;
                (document, var stored) = await KeepWhatOscalCatalogsLackAsync(document, existing, ct);
                known = new KnownVersion(stored, found?.Reserved);
            }
            command.Progress?.Report($"Parsed {document.Sections.Count} section(s) and {document.Controls.Count} control(s).");

            var problems = CatalogueValidator.Validate(document);
            if (problems.Count > 0) return ImportReport.Refused(formatName, problems, document.Code.Name, document.Code.Version);

            return await applier.ApplyAsync(document, formatName, command.DryRun, command.Progress, ct, known, prepared);
        }
        finally
        {
            // Rolled back unless the applier committed it.
            if (found?.Reserved is { } reserved) await reserved.DisposeAsync();
        }
    }

    private static async Task ReleaseUntakenAsync(SharedWork<VersionLookup> lookup, VersionLookup? taken)
    {
        await ((Task)lookup.Completion).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (taken is null && lookup.Completion.IsCompletedSuccessfully && await lookup.Completion is { Reserved: { } untaken }) await untaken.DisposeAsync();
    }

    /// <summary>
    /// An OSCAL catalog carries no mappings, standards, transitions, status or demo flag. When it updates a stored
    /// version, those are kept from the stored version (mappings only where their control still exists), so that
    /// re-importing a catalog does not silently drop them; mappings change through mapping collections.
    /// </summary>
    private async Task<(CatalogueDocument Document, StoredVersion? Stored)> KeepWhatOscalCatalogsLackAsync(CatalogueDocument document,
        CatalogueVersion? existing, CancellationToken ct)
    {
        if (existing is null) return (document, null);
        var stored = await store.LoadAsync(existing, ct);
        var keys = document.Controls.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var mappings = stored.Mappings.Where(m => keys.Contains(m.ControlKey)).ToList();
        var used = mappings.Select(m => m.StandardKey).ToHashSet(StringComparer.Ordinal);
        var completed = document with
        {
            Code = document.Code with { Status = stored.Code.Status, IsDemo = stored.Code.IsDemo },
            Standards = stored.Standards.Where(s => used.Contains(s.Key)).ToList(),
            Mappings = mappings,
            Transitions = document.Transitions.Count > 0 ? document.Transitions : stored.Transitions,
        };
        return (completed, new StoredVersion(existing, stored));
    }

    private static ImportReport TooLarge(string format, long limit) =>
        ImportReport.Refused(format, [new CatalogueProblem("$", "catalogue.too-large",
            $"The file is larger than the limit of {Size(limit)} (setting Catalogue:MaxImportBytes).")]);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MB",
    };

    internal enum DetectedFormat
    {
        Native,
        OscalCatalog,
        OscalMapping,
    }

    /// <summary>Looks at the first property of a JSON root object; anything else is taken for the native format.</summary>
    internal static DetectedFormat Detect(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        var trimmed = span.TrimStart((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{') return DetectedFormat.Native;
        try
        {
            var reader = new Utf8JsonReader(trimmed, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                if (reader.ValueTextEquals("catalog"u8)) return DetectedFormat.OscalCatalog;
                if (reader.ValueTextEquals("mapping-collection"u8)) return DetectedFormat.OscalMapping;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the reader that fits best reports where. A file that names OSCAL roots is read as OSCAL.
            var text = System.Text.Encoding.UTF8.GetString(trimmed[..Math.Min(trimmed.Length, 4096)]);
            if (text.Contains("\"catalog\"", StringComparison.Ordinal)) return DetectedFormat.OscalCatalog;
            if (text.Contains("\"mapping-collection\"", StringComparison.Ordinal)) return DetectedFormat.OscalMapping;
        }

        return DetectedFormat.Native;
    }
}

/// <summary>
/// An upload read into memory, at most a size limit. A known length is read into an array rented from the shared
/// pool (ADR 0036): a fresh array of a few megabytes costs the runtime more to clear and map than the copy itself, on
/// every import. Nothing read from it may outlive it: the readers copy what they keep into strings.
/// </summary>
internal sealed class Upload : IDisposable
{
    private byte[]? rented;

    private Upload(byte[] array, int length, bool pooled)
    {
        rented = pooled ? array : null;
        Array = array;
        Length = length;
    }

    private byte[] Array { get; }

    private int Length { get; set; }

    public ReadOnlyMemory<byte> Bytes => Array.AsMemory(0, Length);

    public MemoryStream OpenRead() => new(Array, 0, Length, writable: false, publiclyVisible: true);

    /// <summary>The content, or null when the stream holds more than <paramref name="limit"/> bytes.</summary>
    public static async Task<Upload?> ReadAsync(Stream content, long? length, long limit, CancellationToken ct)
    {
        if (length is { } known && known <= limit)
        {
            // The usual case (a file or an upload of known size): one array of at least the final size, no growing buffer.
            var size = checked((int)known);
            var upload = new Upload(ArrayPool<byte>.Shared.Rent(size), size, pooled: true);
            try
            {
                var filled = await content.ReadAtLeastAsync(upload.Array.AsMemory(0, size), size, throwOnEndOfStream: false, ct);
                if (filled == size && await content.ReadAsync(new byte[1], ct) != 0)
                {
                    upload.Dispose();
                    return null;
                }

                upload.Length = filled; // shorter than announced: take what is there
                return upload;
            }
            catch
            {
                upload.Dispose();
                throw;
            }
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return new Upload(buffer.GetBuffer(), checked((int)buffer.Length), pooled: false);
    }

    public void Dispose()
    {
        if (rented is null) return;
        ArrayPool<byte>.Shared.Return(rented);
        rented = null;
    }
}
