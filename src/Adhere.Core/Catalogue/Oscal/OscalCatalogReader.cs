using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue.Oscal;

/// <summary>The outcome of reading an OSCAL catalog: a document, or every problem found (never both).</summary>
public sealed record OscalReadResult(CatalogueDocument? Document, IReadOnlyList<CatalogueProblem> Problems)
{
    /// <summary>True when the file was read without problems, so that <see cref="Document"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    public bool Succeeded => Document is not null;
}

/// <summary>
/// Reads an OSCAL catalog (JSON, 1.0 to 1.1) into a <see cref="CatalogueDocument"/>. It checks what it needs rather
/// than the whole schema, and reports every problem at once: syntax errors as <c>line L, column C</c>
/// (<c>catalogue.malformed-json</c>; the column counts UTF-8 bytes), everything else with its JSON path
/// (<c>catalogue.oscal-not-catalog</c>, <c>catalogue.oscal-missing-field</c>, <c>catalogue.oscal-invalid-field</c>).
/// Whether keys are unique and references resolve is for <see cref="CatalogueValidator"/> to say.
/// </summary>
/// <remarks>
/// <para>Mapping: <c>metadata.title</c>, <c>version</c>, <c>published</c> (its date as written, not converted to
/// UTC), <c>remarks</c> (→ description) and the <c>creator</c> party (else the first party) make the Code; the status
/// is always Active. Groups become sections in pre-order (a group without id is keyed by its position: <c>g1</c>,
/// <c>g1.2</c>); each group's own controls come before its subgroups' controls, whatever the JSON property order.
/// Controls outside any group go into section <see cref="UngroupedSectionKey"/>. A control's key is its adhere
/// <c>control-id</c> prop, else its OSCAL id; enhancements keep <see cref="ControlDraft.ParentControlKey"/>.</para>
/// <para>The <c>statement</c> part becomes plain text: its prose, then one line per nested part, indented two spaces
/// per level below the first and prefixed by the part's <c>label</c> prop. <c>guidance</c> (controls) and
/// <c>overview</c> (groups) are rendered the same way. Everything else OSCAL says about a group, control or parameter
/// (class, other props, links, other parts, the ids and shape of the parts just rendered) is kept in
/// <see cref="SectionDraft.Extra"/> / <see cref="ControlDraft.Extra"/> as compact JSON, so that
/// <see cref="OscalCatalogWriter"/> can write it back; properties OSCAL does not define are ignored. Catalog-level
/// params, back-matter and metadata other than the above are not kept: the document has no place for them.</para>
/// <para>How it reads (ADR 0030): <see cref="OscalStreamReader"/> maps the file in one pass over a
/// <see cref="Utf8JsonReader"/>, copying the extras token by token, with no <see cref="JsonDocument"/>. It gives up at
/// the first problem or unusual shape (a repeated property, for instance), and then <see cref="OscalTreeReader"/>
/// reads the file again into a <see cref="JsonDocument"/> and reports every problem. Both give the same document, byte
/// for byte in the extras, so that a catalogue imported by either keeps its fingerprint.</para>
/// </remarks>
public static class OscalCatalogReader
{
    /// <summary>The key of the section that holds the catalog's top-level controls.</summary>
    public const string UngroupedSectionKey = "_ungrouped";

    /// <summary>The title of <see cref="UngroupedSectionKey"/>.</summary>
    public const string UngroupedSectionTitle = "Controls outside any group";

    /// <summary>Reads the rest of the stream; the stream is left open.</summary>
    public static OscalReadResult Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            var start = checked((int)memory.Position);
            memory.Position = memory.Length;
            return Read(buffer.AsMemory(start, buffer.Count - start));
        }

        using var copy = new MemoryStream(json.CanSeek ? (int)Math.Min(int.MaxValue, Math.Max(0, json.Length - json.Position)) : 0);
        json.CopyTo(copy);
        return Read(copy.GetBuffer().AsMemory(0, checked((int)copy.Length)));
    }

    /// <summary>Reads UTF-8 JSON (a byte order mark is allowed). The memory must not change during the call.</summary>
    public static OscalReadResult Read(ReadOnlyMemory<byte> json)
    {
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];
        // The one-pass reader handles files without problems; the tree reader lists the problems of the others.
        var document = OscalStreamReader.TryRead(json);
        return document is not null ? new OscalReadResult(document, []) : OscalTreeReader.Read(json);
    }
}

/// <summary>
/// The title and version of an OSCAL catalog from the start of its file, without reading the rest: an import looks its
/// version up while the whole file is read (ADR 0036). Null when they are not among the first
/// <see cref="PeekLimit"/> bytes, or the start is not what a catalog looks like; the full read decides then.
/// </summary>
public static class OscalCatalogPeek
{
    /// <summary>How much of the file the peek reads at most: the metadata comes first in catalogs we have seen.</summary>
    public const int PeekLimit = 64 * 1024;

    public static (string Title, string Version)? TitleAndVersion(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var final = json.Length <= PeekLimit;
        var reader = new Utf8JsonReader(final ? json : json[..PeekLimit], final, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!Find(ref reader, "catalog"u8) || !Find(ref reader, "metadata"u8)) return null;
            string? title = null, version = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTitle = reader.ValueTextEquals("title"u8);
                var isVersion = !isTitle && reader.ValueTextEquals("version"u8);
                if (!reader.Read()) return null;
                if (isTitle || isVersion)
                {
                    // A repeated property or another type: the full read reports it, the peek does not guess.
                    if (reader.TokenType != JsonTokenType.String || (isTitle ? title : version) is not null) return null;
                    if (isTitle) title = reader.GetString();
                    else version = reader.GetString();
                    if (title is not null && version is not null) return (title, version);
                }
                else if (!reader.TrySkip()) return null;
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Moves into the object value of <paramref name="name"/> among the properties of the current object.</summary>
    private static bool Find(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            if (!reader.Read()) return false;
            if (found) return reader.TokenType == JsonTokenType.StartObject;
            if (!reader.TrySkip()) return false;
        }

        return false;
    }
}

/// <summary>Names, problem codes and identifier rules shared by the OSCAL catalog reader and writer.</summary>
internal static class OscalCatalogConventions
{
    public const string Namespace = "https://adhere.dev/ns/oscal";
    public const string ControlIdProp = "control-id";
    public const string SectionIdProp = "section-id";
    public const string GdprProp = "gdpr-reference";
    public const string TagProp = "tag";
    public const string ModuleProp = "module";
    public const string ApprovedOnProp = "approved-on";
    public const string VerbatimSuffix = "-verbatim";
    public const string GuidelineSeparator = "\n\n";
    public const char ControlPrefix = 'c';
    public const char SectionPrefix = 's';

    public const string MalformedJson = "catalogue.malformed-json";
    public const string NotCatalog = "catalogue.oscal-not-catalog";
    public const string MissingField = "catalogue.oscal-missing-field";
    public const string InvalidField = "catalogue.oscal-invalid-field";

    /// <summary>Whether <paramref name="value"/> is an OSCAL token: <c>^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$</c>.</summary>
    public static bool IsToken(string value)
    {
        if (value.Length == 0 || !(char.IsLetter(value[0]) || value[0] == '_')) return false;
        foreach (var c in value)
        {
            if (!(char.IsLetter(c) || char.IsNumber(c) || c is '.' or '-' or '_')) return false;
        }

        return true;
    }

    /// <summary>
    /// The OSCAL id for a key: the key itself when it is a token, else <c>{prefix}-</c> and the key with <c>_</c>,
    /// <c>(</c>, <c>)</c> written <c>__</c>, <c>_o</c>, <c>_c</c> (and any other non-token character as <c>_uXXXX</c>),
    /// so that <c>5.1.A</c> becomes <c>c-5.1.A</c> and <c>5.1(a)</c> becomes <c>c-5.1_oa_c</c>. Distinct non-token keys
    /// get distinct ids.
    /// </summary>
    public static string IdFromKey(string key, char prefix)
    {
        if (IsToken(key)) return key;
        var id = new StringBuilder(key.Length + 8).Append(prefix).Append('-');
        foreach (var c in key)
        {
            switch (c)
            {
                case '_': id.Append("__"); break;
                case '(': id.Append("_o"); break;
                case ')': id.Append("_c"); break;
                default:
                    if (char.IsLetter(c) || char.IsNumber(c) || c is '.' or '-') id.Append(c);
                    else id.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return id.ToString();
    }

    /// <summary>A module prop's remarks: its title, then (after a blank line) its description.</summary>
    public static (string? Title, string? Description) SplitModuleRemarks(string? remarks)
    {
        if (string.IsNullOrEmpty(remarks)) return (null, null);
        var cut = remarks.IndexOf("\n\n", StringComparison.Ordinal);
        return cut < 0 ? (remarks, null) : (remarks[..cut], remarks[(cut + 2)..]);
    }
}

/// <summary>
/// Renders an OSCAL part tree (a statement, guidance or overview) as plain text and rebuilds the tree from that text
/// and the tree's shape (the part without its prose). The reader keeps only the shape when rebuilding gives back
/// exactly the original, and the whole part otherwise.
/// </summary>
internal static class OscalPartText
{
    /// <summary>The prose, then one line per nested part (pre-order), indented two spaces per level below the first, prefixed by its label.</summary>
    public static string Render(JsonElement part, StringBuilder text, string? path, List<CatalogueProblem>? problems)
    {
        text.Clear();
        var any = false;
        if (part.TryGetProperty("prose", out var prose))
        {
            if (prose.ValueKind == JsonValueKind.String)
            {
                text.Append(prose.GetString());
                any = true;
            }
            else problems?.Add(new CatalogueProblem($"{path}.prose", OscalCatalogConventions.InvalidField, "'prose' must be a string."));
        }

        RenderChildren(part, 0, text, ref any, path, problems);
        return text.ToString();
    }

    public static string Render(JsonElement part) => Render(part, new StringBuilder(), null, null);

    private static void RenderChildren(JsonElement part, int depth, StringBuilder text, ref bool any, string? path, List<CatalogueProblem>? problems)
    {
        if (!part.TryGetProperty("parts", out var parts)) return;
        if (parts.ValueKind != JsonValueKind.Array)
        {
            problems?.Add(new CatalogueProblem($"{path}.parts", OscalCatalogConventions.InvalidField, "'parts' must be a list."));
            return;
        }

        var i = 0;
        foreach (var child in parts.EnumerateArray())
        {
            var here = problems is null ? null : string.Create(CultureInfo.InvariantCulture, $"{path}.parts[{i}]");
            i++;
            if (child.ValueKind != JsonValueKind.Object)
            {
                problems?.Add(new CatalogueProblem(here!, OscalCatalogConventions.InvalidField, "Each part must be an object."));
                continue;
            }

            if (problems is not null && (!child.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String))
            {
                problems.Add(new CatalogueProblem($"{here}.name", OscalCatalogConventions.MissingField, "'name' is required here, as a string: every part needs a name."));
            }

            if (any) text.Append('\n');
            any = true;
            text.Append(' ', depth * 2);
            if (Label(child) is { } label) text.Append(label).Append(' ');
            if (child.TryGetProperty("prose", out var prose))
            {
                if (prose.ValueKind == JsonValueKind.String) text.Append(prose.GetString());
                else problems?.Add(new CatalogueProblem($"{here}.prose", OscalCatalogConventions.InvalidField, "'prose' must be a string."));
            }

            RenderChildren(child, depth + 1, text, ref any, here, problems);
        }
    }

    /// <summary>The value of the first plain <c>label</c> prop (without ns).</summary>
    private static string? Label(JsonElement part)
    {
        if (!part.TryGetProperty("props", out var props) || props.ValueKind != JsonValueKind.Array) return null;
        foreach (var p in props.EnumerateArray())
        {
            if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var name) && name.ValueEquals("label"u8)
                && !p.TryGetProperty("ns", out _) && p.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// Splits text rendered by <see cref="Render(JsonElement)"/> back into one prose per part of <paramref name="shape"/>
    /// (the root first, then pre-order); null where a part has no prose. False when the text does not fit the shape.
    /// </summary>
    public static bool TrySplit(string text, JsonElement shape, List<string?> chunks)
    {
        var prefixes = new List<string>();
        CollectPrefixes(shape, 0, prefixes);
        return TrySplit(text, prefixes, chunks);
    }

    /// <summary>
    /// Splits rendered text back into one prose per part, given each nested part's line prefix (indent and label, in
    /// pre-order): the root's first, then one per prefix; null where a part has no prose. False when the text does not fit.
    /// </summary>
    public static bool TrySplit(string text, List<string> prefixes, List<string?> chunks)
    {
        chunks.Clear();
        if (prefixes.Count == 0)
        {
            chunks.Add(text.Length == 0 ? null : text);
            return true;
        }

        var lines = text.Split('\n');
        var start = Find(lines, 0, prefixes[0]);
        if (start < 0) return false;
        chunks.Add(start == 0 ? null : string.Join('\n', lines, 0, start));
        for (var k = 0; k < prefixes.Count; k++)
        {
            var next = k + 1 < prefixes.Count ? Find(lines, start + 1, prefixes[k + 1]) : lines.Length;
            if (next < 0) return false;
            var first = lines[start][prefixes[k].Length..];
            var chunk = next == start + 1 ? first : first + "\n" + string.Join('\n', lines, start + 1, next - start - 1);
            chunks.Add(chunk.Length == 0 ? null : chunk);
            start = next;
        }

        return true;
    }

    private static int Find(string[] lines, int from, string prefix)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    private static void CollectPrefixes(JsonElement part, int depth, List<string> prefixes)
    {
        if (!part.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array) return;
        foreach (var child in parts.EnumerateArray())
        {
            if (child.ValueKind != JsonValueKind.Object) continue;
            var label = Label(child);
            prefixes.Add(label is null ? new string(' ', depth * 2) : new string(' ', depth * 2) + label + " ");
            CollectPrefixes(child, depth + 1, prefixes);
        }
    }

    /// <summary>
    /// Writes <paramref name="shape"/> with its own prose replaced by <paramref name="chunks"/> (root first, then
    /// pre-order; a null list or entry writes no prose). The prose goes before <c>parts</c>/<c>links</c>, as OSCAL orders it.
    /// </summary>
    public static void Write(JsonElement shape, IReadOnlyList<string?>? chunks, ref int index, Utf8JsonWriter w, bool withChildren)
    {
        var prose = chunks is not null && index < chunks.Count ? chunks[index] : null;
        index++;
        w.WriteStartObject();
        foreach (var property in shape.EnumerateObject())
        {
            if (property.NameEquals("prose"u8)) continue;
            var isParts = property.NameEquals("parts"u8);
            if (prose is not null && (isParts || property.NameEquals("links"u8)))
            {
                w.WriteString("prose"u8, prose);
                prose = null;
            }

            if (!isParts) property.WriteTo(w);
            else if (!withChildren) continue;
            else if (property.Value.ValueKind != JsonValueKind.Array) property.WriteTo(w);
            else
            {
                w.WriteStartArray("parts"u8);
                foreach (var child in property.Value.EnumerateArray())
                {
                    if (child.ValueKind == JsonValueKind.Object) Write(child, chunks, ref index, w, withChildren: true);
                    else child.WriteTo(w);
                }

                w.WriteEndArray();
            }
        }

        if (prose is not null) w.WriteString("prose"u8, prose);
        w.WriteEndObject();
    }

    /// <summary>Whether the part, without prose, is just <c>{ "id": defaultId, "name": name }</c> (or only the name when there is no default id).</summary>
    public static bool IsPlain(JsonElement part, string name, string? defaultId)
    {
        var step = 0;
        foreach (var property in part.EnumerateObject())
        {
            if (property.NameEquals("prose"u8)) continue;
            if (step == 0 && defaultId is not null)
            {
                if (!property.NameEquals("id"u8) || !property.Value.ValueEquals(defaultId)) return false;
            }
            else if (step == (defaultId is null ? 0 : 1))
            {
                if (!property.NameEquals("name"u8) || !property.Value.ValueEquals(name)) return false;
            }
            else return false;

            step++;
        }

        return step == (defaultId is null ? 1 : 2);
    }
}
