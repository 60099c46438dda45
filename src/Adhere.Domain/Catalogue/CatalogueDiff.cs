using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adhere.Domain.Catalogue;

/// <summary>A changed item and the names of the fields that differ.</summary>
public sealed record ChangedItem(string Key, IReadOnlyList<string> Fields);

/// <summary>
/// What differs between two catalogue documents (two versions, or a stored version and a file about to be imported).
/// Keys are compared as they are; where a transition renames controls, <see cref="Compare"/> reports the rename as a
/// removal and an addition, and the caller may show the transition beside it.
/// </summary>
public sealed record CatalogueDiff(
    IReadOnlyList<ChangedItem> CodeChanges,
    IReadOnlyList<string> AddedSections,
    IReadOnlyList<string> RemovedSections,
    IReadOnlyList<ChangedItem> ChangedSections,
    IReadOnlyList<string> AddedControls,
    IReadOnlyList<string> RemovedControls,
    IReadOnlyList<ChangedItem> ChangedControls,
    IReadOnlyList<string> AddedMappings,
    IReadOnlyList<string> RemovedMappings,
    IReadOnlyList<ChangedItem> ChangedMappings,
    bool ModulesChanged,
    bool TransitionsChanged)
{
    public bool IsEmpty =>
        CodeChanges.Count == 0 && AddedSections.Count == 0 && RemovedSections.Count == 0 && ChangedSections.Count == 0
        && AddedControls.Count == 0 && RemovedControls.Count == 0 && ChangedControls.Count == 0
        && AddedMappings.Count == 0 && RemovedMappings.Count == 0 && ChangedMappings.Count == 0
        && !ModulesChanged && !TransitionsChanged;

    public static CatalogueDiff Compare(CatalogueDocument before, CatalogueDocument after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var code = new List<ChangedItem>();
        var codeFields = Fields(
            ("owner", before.Code.Owner, after.Code.Owner),
            ("published", before.Code.PublishedOn?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), after.Code.PublishedOn?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("approved", before.Code.ApprovedOn?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), after.Code.ApprovedOn?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("status", before.Code.Status.ToString(), after.Code.Status.ToString()),
            ("description", before.Code.Description, after.Code.Description),
            ("demo", before.Code.IsDemo.ToString(), after.Code.IsDemo.ToString()));
        if (codeFields.Count > 0) code.Add(new ChangedItem("code", codeFields));

        var (addedSections, removedSections, changedSections) = Keyed(before.Sections, after.Sections, s => s.Key, (a, b) => Fields(
            ("parent", a.ParentKey, b.ParentKey), ("title", a.Title, b.Title), ("description", a.Description, b.Description), ("extra", a.Extra, b.Extra)));
        var (addedControls, removedControls, changedControls) = Keyed(before.Controls, after.Controls, c => c.Key, (a, b) => Fields(
            ("section", a.SectionKey, b.SectionKey),
            ("parent", a.ParentControlKey, b.ParentControlKey),
            ("title", a.Title, b.Title),
            ("statement", a.Statement, b.Statement),
            ("guidance", a.Guidance, b.Guidance),
            ("gdpr", string.Join('\n', a.GdprReferences), string.Join('\n', b.GdprReferences)),
            ("tags", string.Join('\n', a.Tags), string.Join('\n', b.Tags)),
            ("module", a.ModuleKey, b.ModuleKey),
            ("parameters", Canonical(a.Parameters), Canonical(b.Parameters)),
            ("extra", a.Extra, b.Extra)));
        var (addedMappings, removedMappings, changedMappings) = Keyed(before.Mappings, after.Mappings, MappingKey, (a, b) => Fields(
            ("relationship", a.Relationship.ToToken(), b.Relationship.ToToken()), ("rationale", a.Rationale, b.Rationale), ("demo", a.IsDemo.ToString(), b.IsDemo.ToString())));

        return new CatalogueDiff(code, addedSections, removedSections, changedSections, addedControls, removedControls, changedControls,
            addedMappings, removedMappings, changedMappings,
            Canonical(before.Modules) != Canonical(after.Modules),
            Canonical(before.Transitions) != Canonical(after.Transitions));
    }

    /// <summary>How a mapping is named in a diff: <c>5.1.A → iso-27001-2022 A.5.1</c>.</summary>
    public static string MappingKey(MappingDraft m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return $"{m.ControlKey} → {m.StandardKey} {m.ClauseRef}";
    }

    private static (List<string> Added, List<string> Removed, List<ChangedItem> Changed) Keyed<T>(
        IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, T, List<string>> fields)
    {
        var old = before.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = after.Select(key).Distinct().Where(k => !old.ContainsKey(k)).ToList();
        var removed = before.Select(key).Distinct().Where(k => !now.ContainsKey(k)).ToList();
        var changed = after.Select(key).Distinct().Where(old.ContainsKey)
            .Select(k => new ChangedItem(k, fields(old[k], now[k])))
            .Where(c => c.Fields.Count > 0)
            .ToList();
        return (added, removed, changed);
    }

    private static List<string> Fields(params (string Name, string? Before, string? After)[] pairs) =>
        pairs.Where(p => !string.Equals(p.Before, p.After, StringComparison.Ordinal)).Select(p => p.Name).ToList();

    private static string Canonical<T>(T value) => JsonSerializer.Serialize(value, CatalogueFingerprint.Options);
}

/// <summary>A SHA-256 over a document's content, ignoring where in a file each item came from.</summary>
public static partial class CatalogueFingerprint
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The first scheme, which versions imported before 2026-11-30 store: equal for two documents with the same content
    /// in the same order, whatever their source paths. New imports store <see cref="Current"/>.
    /// </summary>
    public static string Of(CatalogueDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var content = document with
        {
            Sections = document.Sections.Select(s => s with { SourcePath = null }).ToList(),
            Controls = document.Controls.Select(c => c with { SourcePath = null }).ToList(),
            Mappings = document.Mappings.Select(m => m with { SourcePath = null }).ToList(),
        };
        // The serialiser streams its UTF-8 output into the hash: the same bytes as SerializeToUtf8Bytes, without
        // holding a copy of the whole document (stored fingerprints depend on these bytes never changing).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var sink = new HashingStream(hash)) JsonSerializer.Serialize(sink, content, FingerprintJson.Default.CatalogueDocument);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// <see cref="Options"/>, compiled: the source-generated serialiser writes the same bytes about twice as fast
    /// as the reflection-based one (CatalogueFingerprintTests pins both).
    /// </summary>
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, UseStringEnumConverter = true)]
    [JsonSerializable(typeof(CatalogueDocument))]
    internal sealed partial class FingerprintJson : JsonSerializerContext;

    /// <summary>A write-only stream that feeds everything written to it into a hash.</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
