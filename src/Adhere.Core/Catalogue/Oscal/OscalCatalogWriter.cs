using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue.Oscal;

/// <summary>
/// Writes a <see cref="CatalogueDocument"/> as an OSCAL 1.1.3 catalog (JSON) that validates against NIST's
/// <c>oscal_catalog_schema.json</c> and that <see cref="OscalCatalogReader"/> reads back to the same document.
/// Standards, mappings and transitions are not part of a catalog (see <see cref="OscalMappingWriter"/>).
/// </summary>
/// <remarks>
/// <para>The catalog uuid is the Code's <see cref="CodeInfo.SourceId"/> when that is an OSCAL UUID (version 4 or 5),
/// else a name-based (version 5) UUID of the name and version, so that exporting the same version twice gives the same
/// uuid. <c>last-modified</c> is the current time; the owner becomes the <c>creator</c> party, the description the
/// metadata remarks, the approval date and the modules adhere props (ns <see cref="Namespace"/>).</para>
/// <para>Sections become groups and controls controls, nested as in the document. An id is the OSCAL id kept in
/// <c>Extra</c>, else the key when it is an OSCAL token, else a token made from it (<c>5.1.A</c> → <c>c-5.1.A</c>,
/// <c>5.1(a)</c> → <c>c-5.1_oa_c</c>); whenever the id differs from the key, an adhere <c>control-id</c>
/// (<c>section-id</c> for groups) prop holds the key. Controls get a <c>label</c> prop with their key unless they
/// already have a label. The statement (part <c>{id}_smt</c>), guidance (<c>{id}_gdn</c>) and section description
/// (<c>overview</c>) are written back into the part tree they were read from when the text still fits it, else as prose;
/// parameter insertions are kept as they are.</para>
/// <para>The section <see cref="OscalCatalogReader.UngroupedSectionKey"/>, as the reader makes it, becomes the catalog's
/// top-level controls. The writer expects a document that <see cref="CatalogueValidator"/> accepts: a control whose
/// section does not exist is written at the top level, and a section or control that is its own ancestor is written
/// at the top of its level.</para>
/// </remarks>
public static class OscalCatalogWriter
{
    /// <summary>The OSCAL version written.</summary>
    public const string OscalVersion = "1.1.3";

    /// <summary>The namespace of the props that carry what OSCAL has no field for.</summary>
    public const string Namespace = OscalCatalogConventions.Namespace;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The namespace of the name-based UUIDs Adhere makes (RFC 9562 §5.5).
    private static readonly Guid UuidNamespace = new("0e5f3b7c-2d8a-4c61-9a3e-7b4d1f6c8e20");

    /// <summary>Writes the catalog to <paramref name="output"/>, which is left open.</summary>
    public static void Write(CatalogueDocument document, Stream output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        new Writing(document, writer).Run(time.GetUtcNow());
        writer.Flush();
    }

    /// <summary>The uuid <see cref="Write"/> gives the catalog of <paramref name="code"/>.</summary>
    public static string CatalogUuid(CodeInfo code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CatalogUuid(code.Name, code.Version, code.SourceId);
    }

    /// <summary>The uuid <see cref="Write"/> gives the catalog of a Code's version whose source id is <paramref name="sourceId"/>.</summary>
    public static string CatalogUuid(string name, string version, string? sourceId) =>
        sourceId is { } id && IsOscalUuid(id) ? id : NameBasedUuid($"catalog\n{name}\n{version}");

    /// <summary>
    /// The id <see cref="Write"/> gives the control <paramref name="key"/> whose stored extra is <paramref name="extra"/>:
    /// the OSCAL id kept from an import, else the id made from the key. Other OSCAL exports use it to point at our catalog.
    /// </summary>
    public static string ControlId(string key, string? extra)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var parsed = Writing.Parse(extra);
        return ControlId(key, parsed?.RootElement);
    }

    private static string ControlId(string key, JsonElement? extra) =>
        (extra is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
        ?? OscalCatalogConventions.IdFromKey(key, OscalCatalogConventions.ControlPrefix);

    /// <summary>Whether the text is a version 4 or 5 UUID, the only kinds OSCAL accepts.</summary>
    public static bool IsOscalUuid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 36) return false;
        for (var i = 0; i < 36; i++)
        {
            var c = text[i];
            var ok = i switch
            {
                8 or 13 or 18 or 23 => c == '-',
                14 => c is '4' or '5',
                19 => c is '8' or '9' or 'a' or 'b' or 'A' or 'B',
                _ => char.IsAsciiHexDigit(c),
            };
            if (!ok) return false;
        }

        return true;
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 9562 defines version 5 UUIDs on SHA-1; the hash names a document, it protects nothing.")]
    internal static string NameBasedUuid(string name)
    {
        var space = UuidNamespace.ToByteArray(bigEndian: true);
        var text = Encoding.UTF8.GetBytes(name);
        var input = new byte[space.Length + text.Length];
        space.CopyTo(input, 0);
        text.CopyTo(input, space.Length);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }

    private sealed class Writing
    {
        private readonly CatalogueDocument document;
        private readonly Utf8JsonWriter w;
        private readonly Dictionary<string, List<SectionDraft>> childSections = new(StringComparer.Ordinal);
        private readonly List<SectionDraft> rootSections = [];
        private readonly Dictionary<string, List<ControlDraft>> sectionControls = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ControlDraft>> childControls = new(StringComparer.Ordinal);
        private readonly List<ControlDraft> topControls = [];
        private readonly HashSet<object> written = new(ReferenceEqualityComparer.Instance);
        private readonly List<string?> chunks = [];

        public Writing(CatalogueDocument document, Utf8JsonWriter writer)
        {
            this.document = document;
            w = writer;

            var sections = new Dictionary<string, SectionDraft>(StringComparer.Ordinal);
            foreach (var s in document.Sections) sections.TryAdd(s.Key, s);
            var controls = new Dictionary<string, ControlDraft>(StringComparer.Ordinal);
            foreach (var c in document.Controls) controls.TryAdd(c.Key, c);

            string? ungrouped = null;
            if (sections.TryGetValue(OscalCatalogReader.UngroupedSectionKey, out var u) && u is
                {
                    ParentKey: null, Title: OscalCatalogReader.UngroupedSectionTitle, Description: null, Extra: null,
                }
                && !document.Sections.Any(s => s.ParentKey == u.Key))
            {
                ungrouped = u.Key;
            }

            foreach (var s in document.Sections)
            {
                if (s.Key == ungrouped) continue;
                var parent = s.ParentKey is { } p && sections.ContainsKey(p) && !Cycles(s.Key, p, k => sections.GetValueOrDefault(k)?.ParentKey)
                    ? p
                    : null;
                if (parent is null) rootSections.Add(s);
                else Add(childSections, parent, s);
            }

            foreach (var c in document.Controls)
            {
                if (c.ParentControlKey is { } p && controls.ContainsKey(p) && !Cycles(c.Key, p, k => controls.GetValueOrDefault(k)?.ParentControlKey))
                {
                    Add(childControls, p, c);
                }
                else if (c.SectionKey != ungrouped && sections.ContainsKey(c.SectionKey)) Add(sectionControls, c.SectionKey, c);
                else topControls.Add(c);
            }
        }

        private static void Add<T>(Dictionary<string, List<T>> lists, string key, T item)
        {
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add(item);
        }

        private static bool Cycles(string key, string? parent, Func<string, string?> parentOf)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var p = parent; p is not null; p = parentOf(p))
            {
                if (p == key) return true;
                if (!seen.Add(p)) return false;
            }

            return false;
        }

        public void Run(DateTimeOffset now)
        {
            w.WriteStartObject();
            w.WriteStartObject("catalog");
            w.WriteString("uuid", CatalogUuid(document.Code));
            WriteMetadata(now);
            if (topControls.Count > 0)
            {
                w.WriteStartArray("controls");
                foreach (var c in topControls) WriteControl(c);
                w.WriteEndArray();
            }

            if (rootSections.Count > 0)
            {
                w.WriteStartArray("groups");
                foreach (var s in rootSections) WriteGroup(s);
                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        private void WriteMetadata(DateTimeOffset now)
        {
            var code = document.Code;
            w.WriteStartObject("metadata");
            w.WriteString("title", code.Name);
            if (code.PublishedOn is { } published)
            {
                w.WriteString("published", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
            }

            w.WriteString("last-modified", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("version", code.Version);
            w.WriteString("oscal-version", OscalVersion);

            if (code.ApprovedOn is not null || document.Modules.Count > 0)
            {
                w.WriteStartArray("props");
                if (code.ApprovedOn is { } approved)
                {
                    WriteProp(OscalCatalogConventions.ApprovedOnProp, approved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                foreach (var m in document.Modules)
                {
                    WriteProp(OscalCatalogConventions.ModuleProp, m.Key, m.Description is null ? m.Title : m.Title + "\n\n" + m.Description);
                }

                w.WriteEndArray();
            }

            if (code.Owner is { } owner)
            {
                var party = NameBasedUuid("party\n" + owner);
                w.WriteStartArray("roles");
                w.WriteStartObject();
                w.WriteString("id", "creator");
                w.WriteString("title", "Document Creator");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("parties");
                w.WriteStartObject();
                w.WriteString("uuid", party);
                w.WriteString("type", "organization");
                w.WriteString("name", owner);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("responsible-parties");
                w.WriteStartObject();
                w.WriteString("role-id", "creator");
                w.WriteStartArray("party-uuids");
                w.WriteStringValue(party);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            }

            if (code.Description is { } description) w.WriteString("remarks", description);
            w.WriteEndObject();
        }

        private void WriteGroup(SectionDraft s)
        {
            if (!written.Add(s)) return;
            using var extra = Parse(s.Extra);
            var x = extra?.RootElement;
            var id = Text(x, "id") ?? OscalCatalogConventions.IdFromKey(s.Key, OscalCatalogConventions.SectionPrefix);
            w.WriteStartObject();
            w.WriteString("id", id);
            Copy(x, "class");
            w.WriteString("title", s.Title);
            Copy(x, "params");

            var keyProp = id != s.Key;
            var others = Get(x, "props", JsonValueKind.Array);
            if (keyProp || others is { } o && o.GetArrayLength() > 0)
            {
                w.WriteStartArray("props");
                if (keyProp) WriteProp(OscalCatalogConventions.SectionIdProp, s.Key);
                if (others is { } more) foreach (var p in more.EnumerateArray()) p.WriteTo(w);
                w.WriteEndArray();
            }

            Copy(x, "links");
            WriteParts(x, new Slot("overview", null, s.Description, SkipWhenEmpty: false), default);

            if (childSections.TryGetValue(s.Key, out var children) && children.Any(c => !written.Contains(c)))
            {
                w.WriteStartArray("groups");
                foreach (var child in children) WriteGroup(child);
                w.WriteEndArray();
            }

            if (sectionControls.TryGetValue(s.Key, out var controls) && controls.Any(c => !written.Contains(c)))
            {
                w.WriteStartArray("controls");
                foreach (var c in controls) WriteControl(c);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        private void WriteControl(ControlDraft c)
        {
            if (!written.Add(c)) return;
            using var extra = Parse(c.Extra);
            var x = extra?.RootElement;
            var id = ControlId(c.Key, x);
            w.WriteStartObject();
            w.WriteString("id", id);
            Copy(x, "class");
            w.WriteString("title", c.Title);
            WriteParams(c.Parameters, Get(x, "params", JsonValueKind.Object));

            w.WriteStartArray("props");
            if (id != c.Key) WriteProp(OscalCatalogConventions.ControlIdProp, c.Key);
            var others = Get(x, "props", JsonValueKind.Array);
            if (others is not { } list || !list.EnumerateArray().Any(IsLabel))
            {
                w.WriteStartObject();
                w.WriteString("name", "label");
                w.WriteString("value", c.Key);
                w.WriteEndObject();
            }

            if (others is { } more) foreach (var p in more.EnumerateArray()) p.WriteTo(w);
            foreach (var gdpr in c.GdprReferences) WriteProp(OscalCatalogConventions.GdprProp, gdpr);
            foreach (var tag in c.Tags) WriteProp(OscalCatalogConventions.TagProp, tag);
            if (c.ModuleKey is { } module) WriteProp(OscalCatalogConventions.ModuleProp, module);
            w.WriteEndArray();

            Copy(x, "links");
            WriteParts(x, new Slot("statement", id + "_smt", c.Statement, SkipWhenEmpty: true), new Slot("guidance", id + "_gdn", c.Guidance, SkipWhenEmpty: false));

            if (childControls.TryGetValue(c.Key, out var children) && children.Any(child => !written.Contains(child)))
            {
                w.WriteStartArray("controls");
                foreach (var child in children) WriteControl(child);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        private static bool IsLabel(JsonElement prop) =>
            prop.ValueKind == JsonValueKind.Object && prop.TryGetProperty("name", out var name) && name.ValueEquals("label"u8)
            && !prop.TryGetProperty("ns", out _);

        private void WriteParams(IReadOnlyList<ParameterDraft> parameters, JsonElement? extras)
        {
            if (parameters.Count == 0) return;
            w.WriteStartArray("params");
            foreach (var p in parameters)
            {
                var x = extras is { } all && all.TryGetProperty(p.Id, out var found) && found.ValueKind == JsonValueKind.Object ? found : (JsonElement?)null;
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                Copy(x, "class");
                Copy(x, "depends-on");
                Copy(x, "props");
                Copy(x, "links");
                if (p.Label is { } label) w.WriteString("label", label);
                Copy(x, "usage");
                Copy(x, "constraints");
                if (Get(x, "guidelines", JsonValueKind.Array) is { } guidelines && string.Equals(JoinGuidelines(guidelines), p.Guidance, StringComparison.Ordinal))
                {
                    w.WritePropertyName("guidelines");
                    guidelines.WriteTo(w);
                }
                else if (p.Guidance is { } guidance)
                {
                    w.WriteStartArray("guidelines");
                    w.WriteStartObject();
                    w.WriteString("prose", guidance);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                if (p.Values.Count > 0)
                {
                    w.WriteStartArray("values");
                    foreach (var v in p.Values) w.WriteStringValue(v);
                    w.WriteEndArray();
                }

                if (p.Choices.Count > 0 || p.HowMany is not null)
                {
                    w.WriteStartObject("select");
                    if (p.HowMany is { } howMany) w.WriteString("how-many", howMany);
                    if (p.Choices.Count > 0)
                    {
                        w.WriteStartArray("choice");
                        foreach (var choice in p.Choices) w.WriteStringValue(choice);
                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                Copy(x, "remarks");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private static string? JoinGuidelines(JsonElement guidelines)
        {
            string? joined = null;
            foreach (var g in guidelines.EnumerateArray())
            {
                var prose = g.ValueKind == JsonValueKind.Object && g.TryGetProperty("prose", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : string.Empty;
                joined = joined is null ? prose : joined + OscalCatalogConventions.GuidelineSeparator + prose;
            }

            return joined;
        }

        /// <summary>
        /// Writes the parts: the text slots (statement and guidance, or overview) where the extra's layout puts them,
        /// between the other parts kept verbatim; a slot missing from the layout comes first.
        /// </summary>
        private void WriteParts(JsonElement? x, Slot first, Slot second)
        {
            var layout = Get(x, "parts", JsonValueKind.Array);
            var writeFirst = Wanted(x, layout, first);
            var writeSecond = Wanted(x, layout, second);
            var verbatim = layout is { } items && items.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object);
            if (!writeFirst && !writeSecond && !verbatim) return;

            w.WriteStartArray("parts");
            if (writeFirst && !InLayout(layout, first.Name))
            {
                WriteSlot(x, first);
                writeFirst = false;
            }

            if (writeSecond && !InLayout(layout, second.Name))
            {
                WriteSlot(x, second);
                writeSecond = false;
            }

            if (layout is { } parts)
            {
                foreach (var part in parts.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object) part.WriteTo(w);
                    else if (part.ValueKind != JsonValueKind.String) continue;
                    else if (writeFirst && part.ValueEquals(first.Name))
                    {
                        WriteSlot(x, first);
                        writeFirst = false;
                    }
                    else if (writeSecond && part.ValueEquals(second.Name))
                    {
                        WriteSlot(x, second);
                        writeSecond = false;
                    }
                }
            }

            w.WriteEndArray();
        }

        /// <summary>
        /// A slot is written when it has text; an empty statement only when the source had one (its place or shape is
        /// kept), because the reader makes an empty statement of a missing one.
        /// </summary>
        private static bool Wanted(JsonElement? x, JsonElement? layout, Slot slot) =>
            slot.Name is not null && slot.Text is not null
            && (slot.Text.Length > 0 || !slot.SkipWhenEmpty || InLayout(layout, slot.Name)
                || Get(x, slot.Name, JsonValueKind.Object) is not null || Get(x, slot.Name + OscalCatalogConventions.VerbatimSuffix, JsonValueKind.Object) is not null);

        private static bool InLayout(JsonElement? layout, string? name) =>
            name is not null && layout is { } l && l.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.ValueEquals(name));

        private void WriteSlot(JsonElement? x, Slot slot)
        {
            var (name, defaultId, text) = (slot.Name!, slot.DefaultId, slot.Text!);
            var prose = text.Length == 0 ? null : text;
            var index = 0;
            if (Get(x, name + OscalCatalogConventions.VerbatimSuffix, JsonValueKind.Object) is { } verbatim)
            {
                if (OscalPartText.Render(verbatim) == text) verbatim.WriteTo(w);
                else OscalPartText.Write(verbatim, [prose], ref index, w, withChildren: false);
            }
            else if (Get(x, name, JsonValueKind.Object) is { } shape)
            {
                if (OscalPartText.TrySplit(text, shape, chunks)) OscalPartText.Write(shape, chunks, ref index, w, withChildren: true);
                else OscalPartText.Write(shape, [prose], ref index, w, withChildren: false);
            }
            else
            {
                w.WriteStartObject();
                if (defaultId is not null) w.WriteString("id", defaultId);
                w.WriteString("name", name);
                if (prose is not null) w.WriteString("prose", prose);
                w.WriteEndObject();
            }
        }

        private void WriteProp(string name, string value, string? remarks = null)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("ns", OscalCatalogConventions.Namespace);
            w.WriteString("value", value);
            if (remarks is not null) w.WriteString("remarks", remarks);
            w.WriteEndObject();
        }

        private void Copy(JsonElement? x, string name)
        {
            if (x is not { } e || !e.TryGetProperty(name, out var value)) return;
            w.WritePropertyName(name);
            value.WriteTo(w);
        }

        private static JsonElement? Get(JsonElement? x, string name, JsonValueKind kind) =>
            x is { } e && e.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

        private static string? Text(JsonElement? x, string name) => Get(x, name, JsonValueKind.String)?.GetString();

        /// <summary>The extra as a JSON object, or null when there is none or it is not ours (another format's extra).</summary>
        internal static JsonDocument? Parse(string? extra)
        {
            if (string.IsNullOrEmpty(extra)) return null;
            try
            {
                var parsed = JsonDocument.Parse(extra);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object) return parsed;
                parsed.Dispose();
                return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>A part rendered as text: its name, the id a plain one gets, the text, and whether empty text means none.</summary>
    private readonly record struct Slot(string? Name, string? DefaultId, string? Text, bool SkipWhenEmpty);
}
