using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue.Oscal;

/// <summary>
/// The complete path of <see cref="OscalCatalogReader"/>: parses into a <see cref="JsonDocument"/>, maps the tree, and
/// lists every problem with its JSON path. Since the one-pass <see cref="OscalStreamReader"/> (ADR 0030) it reads only
/// the files that one gives up on: files with problems (to report them all, in document order) and the rare shapes
/// it does not replay, such as a property repeated in an object (this reader takes the last). The two must give the
/// same document for the same bytes; tests compare them.
/// </summary>
internal static class OscalTreeReader
{
    public const string UngroupedSectionKey = OscalCatalogReader.UngroupedSectionKey;

    public const string UngroupedSectionTitle = OscalCatalogReader.UngroupedSectionTitle;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    /// <summary>Reads UTF-8 JSON without a byte order mark. The memory must not change during the call.</summary>
    public static OscalReadResult Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            return new OscalReadResult(null, [Malformed(ex)]);
        }

        using (document)
        {
            using var reading = new Reading();
            return reading.Run(document.RootElement);
        }
    }

    private static CatalogueProblem Malformed(JsonException ex)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        // The reader's message ends with its own zero-based position, which would contradict the location.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return new CatalogueProblem(
            string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}"),
            OscalCatalogConventions.MalformedJson,
            $"The file is not valid JSON: {message}");
    }

    private sealed class Reading : IDisposable
    {
        private static readonly string[] ParamExtras = ["class", "depends-on", "props", "links", "usage", "constraints"];

        private readonly List<CatalogueProblem> problems = [];
        private readonly List<SectionDraft> sections = [];
        private readonly List<ControlDraft> controls = [];
        private readonly List<ModuleDraft> modules = [];
        private readonly HashSet<string> moduleKeys = new(StringComparer.Ordinal);
        private readonly JsonScratch extra = new();
        private readonly JsonScratch canonical = new();
        private readonly JsonScratch rebuilt = new();
        private readonly List<string?> chunks = [];
        private readonly StringBuilder text = new();

        public void Dispose()
        {
            extra.Dispose();
            canonical.Dispose();
            rebuilt.Dispose();
        }

        public OscalReadResult Run(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("catalog", out var catalog))
            {
                var what = string.Empty;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in root.EnumerateObject())
                    {
                        if (property.Name.StartsWith('$')) continue;
                        what = $" This file holds an OSCAL '{property.Name}'.";
                        break;
                    }
                }

                return Failed(new CatalogueProblem("$", OscalCatalogConventions.NotCatalog,
                    $"The file is not an OSCAL catalog: it needs an object named 'catalog' at the top.{what}"));
            }

            if (catalog.ValueKind != JsonValueKind.Object)
            {
                return Failed(Invalid("$.catalog", "'catalog' must be an object", catalog));
            }

            var code = ReadMetadata(catalog);
            var uuid = OptionalString(catalog, "uuid", "$.catalog");

            if (Array(catalog, "controls", "$.catalog", out var topControls) && topControls.GetArrayLength() > 0)
            {
                sections.Add(new SectionDraft(UngroupedSectionKey, null, UngroupedSectionTitle, null, null, "$.catalog.controls"));
                var i = 0;
                foreach (var control in topControls.EnumerateArray())
                {
                    ReadControl(control, Index("$.catalog.controls", i++), UngroupedSectionKey, null);
                }
            }

            if (Array(catalog, "groups", "$.catalog", out var groups))
            {
                var i = 0;
                foreach (var group in groups.EnumerateArray())
                {
                    ReadGroup(group, Index("$.catalog.groups", i), null, (++i).ToString(CultureInfo.InvariantCulture));
                }
            }

            if (problems.Count > 0 || code is null) return new OscalReadResult(null, problems);
            return new OscalReadResult(
                new CatalogueDocument(code with { SourceId = uuid }, sections, controls, modules, [], [], []),
                []);
        }

        private static OscalReadResult Failed(CatalogueProblem problem) => new(null, [problem]);

        private CodeInfo? ReadMetadata(JsonElement catalog)
        {
            if (!catalog.TryGetProperty("metadata", out var metadata))
            {
                problems.Add(new CatalogueProblem("$.catalog.metadata", OscalCatalogConventions.MissingField, "'metadata' is required: it holds the catalog's title and version."));
                return null;
            }

            const string path = "$.catalog.metadata";
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Invalid(path, "'metadata' must be an object", metadata));
                return null;
            }

            var title = RequiredString(metadata, "title", path);
            var version = RequiredString(metadata, "version", path);
            var remarks = OptionalString(metadata, "remarks", path);
            var published = Date(metadata, "published", path);

            DateOnly? approved = null;
            foreach (var prop in ReadProps(metadata, path))
            {
                if (!prop.IsAdhere) continue;
                if (prop.Name == OscalCatalogConventions.ApprovedOnProp && approved is null)
                {
                    if (DateOnly.TryParseExact(prop.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) approved = date;
                    else problems.Add(new CatalogueProblem($"{path}.props", OscalCatalogConventions.InvalidField, $"The '{OscalCatalogConventions.ApprovedOnProp}' prop must be a date (yyyy-MM-dd), not '{prop.Value}'."));
                }
                else if (prop.Name == OscalCatalogConventions.ModuleProp && moduleKeys.Add(prop.Value))
                {
                    var remark = prop.Element.TryGetProperty("remarks", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    var (moduleTitle, description) = OscalCatalogConventions.SplitModuleRemarks(remark);
                    modules.Add(new ModuleDraft(prop.Value, moduleTitle ?? prop.Value, description));
                }
            }

            var owner = Owner(metadata, path);
            if (title is null || version is null) return null;
            return new CodeInfo(title, version, owner, published, approved, CatalogueStatus.Active, remarks, false, "oscal", null);
        }

        private string? Owner(JsonElement metadata, string path)
        {
            if (!Array(metadata, "parties", path, out var parties)) return null;
            string? creator = null;
            if (Array(metadata, "responsible-parties", path, out var responsible))
            {
                foreach (var r in responsible.EnumerateArray())
                {
                    if (r.ValueKind == JsonValueKind.Object && r.TryGetProperty("role-id", out var role) && role.ValueEquals("creator"u8)
                        && r.TryGetProperty("party-uuids", out var uuids) && uuids.ValueKind == JsonValueKind.Array
                        && uuids.GetArrayLength() > 0 && uuids[0].ValueKind == JsonValueKind.String)
                    {
                        creator = uuids[0].GetString();
                        break;
                    }
                }
            }

            string? firstName = null;
            foreach (var party in parties.EnumerateArray())
            {
                if (party.ValueKind != JsonValueKind.Object || !party.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String) continue;
                if (creator is not null && party.TryGetProperty("uuid", out var uuid) && uuid.ValueKind == JsonValueKind.String && uuid.ValueEquals(creator))
                {
                    return name.GetString();
                }

                firstName ??= name.GetString();
            }

            return firstName;
        }

        private DateOnly? Date(JsonElement parent, string name, string path)
        {
            var value = OptionalString(parent, name, path);
            if (value is null) return null;
            if (value.Length >= 10 && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add(new CatalogueProblem($"{path}.{name}", OscalCatalogConventions.InvalidField, $"'{name}' must be a date and time such as 2024-02-01T00:00:00Z, not '{value}'."));
            return null;
        }

        private void ReadGroup(JsonElement group, string path, string? parentKey, string position)
        {
            if (group.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Invalid(path, "Each group must be an object", group));
                return;
            }

            var id = OptionalString(group, "id", path);
            var title = RequiredString(group, "title", path);
            string? keyProp = null;
            var w = extra.Begin();
            w.WriteStartObject();
            var others = ReadProps(group, path);
            var keyIndex = others.FindIndex(p => p.IsAdhere && p.Name == OscalCatalogConventions.SectionIdProp);
            if (keyIndex >= 0) keyProp = others[keyIndex].Value;
            var key = keyProp ?? id ?? "g" + position;
            if (id is not null && id != key && id != OscalCatalogConventions.IdFromKey(key, OscalCatalogConventions.SectionPrefix)) w.WriteString("id", id);
            CopyProperty(group, "class", w);
            WriteProps(others, keyIndex, -1, -1, withLists: true, w);
            CopyProperty(group, "links", w);
            CopyProperty(group, "params", w);
            var description = ReadParts(group, path, w, ("overview", null), default).First;
            w.WriteEndObject();

            sections.Add(new SectionDraft(key, parentKey, title ?? string.Empty, description, extra.EndObject(), path));

            if (Array(group, "controls", path, out var groupControls))
            {
                var i = 0;
                foreach (var control in groupControls.EnumerateArray()) ReadControl(control, Index($"{path}.controls", i++), key, null);
            }

            if (Array(group, "groups", path, out var subgroups))
            {
                var i = 0;
                foreach (var subgroup in subgroups.EnumerateArray())
                {
                    ReadGroup(subgroup, Index($"{path}.groups", i), key, position + "." + (++i).ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        private void ReadControl(JsonElement control, string path, string sectionKey, string? parentKey)
        {
            if (control.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Invalid(path, "Each control must be an object", control));
                return;
            }

            var id = RequiredString(control, "id", path);
            var title = RequiredString(control, "title", path);

            var all = ReadProps(control, path);
            string? keyProp = null, module = null;
            int keyIndex = -1, moduleIndex = -1;
            List<string>? gdpr = null, tags = null;
            for (var i = 0; i < all.Count; i++)
            {
                var p = all[i];
                if (!p.IsAdhere) continue;
                switch (p.Name)
                {
                    case OscalCatalogConventions.ControlIdProp when keyIndex < 0:
                        keyIndex = i;
                        keyProp = p.Value;
                        break;
                    case OscalCatalogConventions.ModuleProp when moduleIndex < 0:
                        moduleIndex = i;
                        module = p.Value;
                        break;
                    case OscalCatalogConventions.GdprProp:
                        (gdpr ??= []).Add(p.Value);
                        break;
                    case OscalCatalogConventions.TagProp:
                        (tags ??= []).Add(p.Value);
                        break;
                    default:
                        break;
                }
            }

            var key = keyProp ?? id ?? string.Empty;
            var labelIndex = RedundantLabel(all, key);

            var w = extra.Begin();
            w.WriteStartObject();
            if (id is not null && id != key && id != OscalCatalogConventions.IdFromKey(key, OscalCatalogConventions.ControlPrefix)) w.WriteString("id", id);
            CopyProperty(control, "class", w);
            WriteProps(all, keyIndex, labelIndex, moduleIndex, withLists: false, w);
            CopyProperty(control, "links", w);
            var parameters = ReadParams(control, path, w);
            var oscalId = id ?? string.Empty;
            var (statement, guidance) = ReadParts(control, path, w, ("statement", oscalId + "_smt"), ("guidance", oscalId + "_gdn"));
            w.WriteEndObject();

            if (module is not null && moduleKeys.Add(module)) modules.Add(new ModuleDraft(module, module, null));
            controls.Add(new ControlDraft(key, sectionKey, parentKey, title ?? string.Empty, statement ?? string.Empty, guidance,
                gdpr ?? [], tags ?? [], module, parameters, extra.EndObject(), path));

            if (Array(control, "controls", path, out var children))
            {
                var i = 0;
                foreach (var child in children.EnumerateArray()) ReadControl(child, Index($"{path}.controls", i++), sectionKey, key);
            }
        }

        /// <summary>The index of a lone plain <c>label</c> prop equal to the key: the writer adds it back, so it is not kept.</summary>
        private static int RedundantLabel(List<Prop> all, string key)
        {
            var found = -1;
            for (var i = 0; i < all.Count; i++)
            {
                if (all[i].Name != "label" || all[i].Ns is not null) continue;
                if (found >= 0) return -1;
                found = i;
            }

            if (found < 0 || all[found].Value != key) return -1;
            var count = 0;
            foreach (var _ in all[found].Element.EnumerateObject()) count++;
            return count == 2 ? found : -1;
        }

        private List<ParameterDraft> ReadParams(JsonElement control, string path, Utf8JsonWriter w)
        {
            if (!Array(control, "params", path, out var array)) return [];
            var result = new List<ParameterDraft>(array.GetArrayLength());
            var withExtras = new HashSet<string>(StringComparer.Ordinal);
            var started = false;
            var i = 0;
            foreach (var p in array.EnumerateArray())
            {
                var here = Index($"{path}.params", i++);
                if (p.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(Invalid(here, "Each parameter must be an object", p));
                    continue;
                }

                var id = RequiredString(p, "id", here);
                var label = OptionalString(p, "label", here);
                string? howMany = null;
                List<string>? choices = null;
                if (p.TryGetProperty("select", out var select))
                {
                    if (select.ValueKind != JsonValueKind.Object) problems.Add(Invalid($"{here}.select", "'select' must be an object", select));
                    else
                    {
                        howMany = OptionalString(select, "how-many", $"{here}.select");
                        choices = Strings(select, "choice", $"{here}.select");
                    }
                }

                var values = Strings(p, "values", here);
                string? guidance = null;
                var guidelinesVerbatim = false;
                if (Array(p, "guidelines", here, out var guidelines))
                {
                    var j = 0;
                    foreach (var g in guidelines.EnumerateArray())
                    {
                        var gPath = Index($"{here}.guidelines", j++);
                        if (g.ValueKind != JsonValueKind.Object)
                        {
                            problems.Add(Invalid(gPath, "Each guideline must be an object", g));
                            continue;
                        }

                        var prose = RequiredString(g, "prose", gPath);
                        guidance = guidance is null ? prose : guidance + OscalCatalogConventions.GuidelineSeparator + prose;
                        foreach (var property in g.EnumerateObject())
                        {
                            if (!property.NameEquals("prose"u8)) guidelinesVerbatim = true;
                        }
                    }

                    guidelinesVerbatim |= j != 1;
                }

                if (id is null) continue;
                result.Add(new ParameterDraft(id, label, choices ?? [], howMany, guidance, values ?? []));

                var hasExtras = guidelinesVerbatim || p.TryGetProperty("remarks", out _);
                foreach (var name in ParamExtras) hasExtras = hasExtras || p.TryGetProperty(name, out _);
                if (!hasExtras || !withExtras.Add(id)) continue;
                if (!started)
                {
                    w.WriteStartObject("params");
                    started = true;
                }

                w.WriteStartObject(id);
                foreach (var name in ParamExtras) CopyProperty(p, name, w);
                if (guidelinesVerbatim) CopyProperty(p, "guidelines", w);
                CopyProperty(p, "remarks", w);
                w.WriteEndObject();
            }

            if (started) w.WriteEndObject();
            return result;
        }

        /// <summary>
        /// Renders up to two named parts (the first of each name) as text, and writes to the extra what the writer
        /// needs to rebuild them and the other parts: their order, the shape of each rendered part, and the rest verbatim.
        /// </summary>
        private (string? First, string? Second) ReadParts(JsonElement owner, string path, Utf8JsonWriter w,
            (string Name, string? DefaultId) first, (string? Name, string? DefaultId) second)
        {
            if (!Array(owner, "parts", path, out var parts)) return (null, null);
            int firstAt = -1, secondAt = -1, count = 0;
            foreach (var part in parts.EnumerateArray())
            {
                var here = Index($"{path}.parts", count);
                if (part.ValueKind != JsonValueKind.Object) problems.Add(Invalid(here, "Each part must be an object", part));
                else if (part.TryGetProperty("name", out var name))
                {
                    if (name.ValueKind != JsonValueKind.String) problems.Add(Invalid($"{here}.name", "'name' must be a string", name));
                    else if (firstAt < 0 && name.ValueEquals(first.Name)) firstAt = count;
                    else if (secondAt < 0 && second.Name is not null && name.ValueEquals(second.Name)) secondAt = count;
                }
                else problems.Add(Missing(here, "name", "every part needs a name"));

                count++;
            }

            var found = (firstAt >= 0 ? 1 : 0) + (secondAt >= 0 ? 1 : 0);
            var ordered = firstAt < 0 || secondAt < 0 || firstAt < secondAt;
            if (found != count || !ordered)
            {
                w.WriteStartArray("parts");
                var i = 0;
                foreach (var part in parts.EnumerateArray())
                {
                    if (i == firstAt) w.WriteStringValue(first.Name);
                    else if (i == secondAt) w.WriteStringValue(second.Name);
                    else part.WriteTo(w);
                    i++;
                }

                w.WriteEndArray();
            }

            var firstText = firstAt < 0 ? null : ReadRenderedPart(parts[firstAt], Index($"{path}.parts", firstAt), first.Name, first.DefaultId, w);
            var secondText = secondAt < 0 ? null : ReadRenderedPart(parts[secondAt], Index($"{path}.parts", secondAt), second.Name!, second.DefaultId, w);
            return (firstText, secondText);
        }

        private string ReadRenderedPart(JsonElement part, string path, string name, string? defaultId, Utf8JsonWriter w)
        {
            var rendered = OscalPartText.Render(part, text, path, problems);

            var c = canonical.Begin();
            part.WriteTo(c);
            var original = canonical.End();

            var faithful = OscalPartText.TrySplit(rendered, part, chunks);
            if (faithful)
            {
                var index = 0;
                OscalPartText.Write(part, chunks, ref index, rebuilt.Begin(), withChildren: true);
                faithful = rebuilt.End().SequenceEqual(original);
            }

            if (!faithful)
            {
                w.WritePropertyName(name + OscalCatalogConventions.VerbatimSuffix);
                w.WriteRawValue(original, skipInputValidation: true);
            }
            else if (!OscalPartText.IsPlain(part, name, defaultId))
            {
                var index = 0;
                w.WritePropertyName(name);
                OscalPartText.Write(part, null, ref index, w, withChildren: true);
            }

            return rendered;
        }

        private List<Prop> ReadProps(JsonElement owner, string path)
        {
            if (!Array(owner, "props", path, out var array)) return [];
            var props = new List<Prop>(array.GetArrayLength());
            var i = 0;
            foreach (var p in array.EnumerateArray())
            {
                var here = Index($"{path}.props", i++);
                if (p.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(Invalid(here, "Each prop must be an object", p));
                    continue;
                }

                var name = RequiredString(p, "name", here);
                var value = RequiredString(p, "value", here);
                var ns = OptionalString(p, "ns", here);
                if (name is not null && value is not null) props.Add(new Prop(p, name, ns, value));
            }

            return props;
        }

        /// <summary>Writes the props that have no field of their own, in their order.</summary>
        /// <param name="withLists">Whether to keep the adhere gdpr-reference and tag props (which only controls read).</param>
        private static void WriteProps(List<Prop> all, int skip1, int skip2, int skip3, bool withLists, Utf8JsonWriter w)
        {
            var started = false;
            for (var i = 0; i < all.Count; i++)
            {
                var p = all[i];
                if (i == skip1 || i == skip2 || i == skip3) continue;
                if (!withLists && p.IsAdhere && p.Name is OscalCatalogConventions.GdprProp or OscalCatalogConventions.TagProp) continue;
                if (!started)
                {
                    w.WriteStartArray("props");
                    started = true;
                }

                p.Element.WriteTo(w);
            }

            if (started) w.WriteEndArray();
        }

        private static void CopyProperty(JsonElement owner, string name, Utf8JsonWriter w)
        {
            if (!owner.TryGetProperty(name, out var value)) return;
            w.WritePropertyName(name);
            value.WriteTo(w);
        }

        private string? RequiredString(JsonElement owner, string name, string path)
        {
            if (!owner.TryGetProperty(name, out var value))
            {
                problems.Add(Missing(path, name, null));
                return null;
            }

            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            problems.Add(Invalid($"{path}.{name}", $"'{name}' must be a string", value));
            return null;
        }

        private string? OptionalString(JsonElement owner, string name, string path)
        {
            if (!owner.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            problems.Add(Invalid($"{path}.{name}", $"'{name}' must be a string", value));
            return null;
        }

        private List<string>? Strings(JsonElement owner, string name, string path)
        {
            if (!Array(owner, name, path, out var array)) return null;
            var result = new List<string>(array.GetArrayLength());
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) result.Add(item.GetString()!);
                else problems.Add(Invalid(Index($"{path}.{name}", i), $"Each entry of '{name}' must be a string", item));
                i++;
            }

            return result;
        }

        private bool Array(JsonElement owner, string name, string path, out JsonElement array)
        {
            if (!owner.TryGetProperty(name, out array)) return false;
            if (array.ValueKind == JsonValueKind.Array) return true;
            problems.Add(Invalid($"{path}.{name}", $"'{name}' must be a list", array));
            return false;
        }

        private static CatalogueProblem Missing(string path, string name, string? why) =>
            new($"{path}.{name}", OscalCatalogConventions.MissingField, why is null ? $"'{name}' is required here." : $"'{name}' is required here: {why}.");

        private static CatalogueProblem Invalid(string path, string rule, JsonElement found) =>
            new(path, OscalCatalogConventions.InvalidField, $"{rule}, not {Describe(found.ValueKind)}.");

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            _ => "null",
        };

        private static string Index(string path, int i) => string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
    }

    /// <summary>A reusable buffer and compact, relaxed-escaping JSON writer.</summary>
    private sealed class JsonScratch : IDisposable
    {
        public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly ArrayBufferWriter<byte> buffer = new(4096);
        private readonly Utf8JsonWriter writer;

        public JsonScratch() => writer = new Utf8JsonWriter(buffer, Options);

        public void Dispose() => writer.Dispose();

        public Utf8JsonWriter Begin()
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            return writer;
        }

        public ReadOnlySpan<byte> End()
        {
            writer.Flush();
            return buffer.WrittenSpan;
        }

        /// <summary>The object written since <see cref="Begin"/> as a string, or null when it is empty (<c>{}</c>).</summary>
        public string? EndObject()
        {
            var span = End();
            return span.Length <= 2 ? null : Encoding.UTF8.GetString(span);
        }
    }

    private readonly record struct Prop(JsonElement Element, string Name, string? Ns, string Value)
    {
        public bool IsAdhere => Ns == OscalCatalogConventions.Namespace;
    }
}
