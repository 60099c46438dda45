using System.Globalization;
using System.Text;
using System.Text.Json;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue.Oscal;

/// <summary>
/// The catalogue a mapping's <c>source-resource</c> names. For a file we wrote, <see cref="Name"/> and
/// <see cref="Version"/> come from the <c>urn:adhere:catalogue:{name}:{version}</c> href; for a foreign file they are
/// null and only <see cref="Href"/> (as written) and <see cref="Title"/> (if any could be found) tell which catalogue
/// was meant.
/// </summary>
/// <param name="Title">Our <c>title</c> prop, else the title of the back-matter resource an <c>#uuid</c> href points to.</param>
public sealed record OscalCatalogueReference(string Href, string? Name, string? Version, string? Title)
{
    /// <summary>True when the href is one of ours, so that <see cref="Name"/> and <see cref="Version"/> are set.</summary>
    public bool IsAdhere => Name is not null && Version is not null;
}

/// <summary>
/// One <c>mapping</c> of a collection: which catalogue the controls come from, the standard the clauses belong to,
/// and one <see cref="MappingDraft"/> per (source, target) pair of every <c>map</c>.
/// </summary>
/// <param name="Standard">
/// Key, title, publisher and clauses as we wrote them; for a foreign file the key is derived from the target's title or
/// href (lower case, dashes; made unique within the file), and the clauses are the target id-refs, with empty titles.
/// </param>
/// <param name="Path">The JSON path of the mapping, e.g. <c>$.mapping-collection.mappings[0]</c>.</param>
public sealed record OscalResourceMapping(OscalCatalogueReference Source, StandardDraft Standard, IReadOnlyList<MappingDraft> Mappings, string Path);

/// <summary>The outcome of reading a mapping collection: its mappings, or every problem found (never both).</summary>
public sealed record OscalMappingReadResult(IReadOnlyList<OscalResourceMapping> Mappings, IReadOnlyList<CatalogueProblem> Problems)
{
    /// <summary>True when the file was read without problems.</summary>
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Reads an OSCAL 1.2 <c>mapping-collection</c> (JSON) as written by <see cref="OscalMappingWriter"/> or by another
/// tool. It checks what it needs rather than the whole schema, and reports every problem at once with its JSON path:
/// syntax errors as <c>line L, column C</c> (<c>catalogue.malformed-json</c>; the column counts UTF-8 bytes),
/// relationships outside the OSCAL vocabulary (<c>catalogue.unknown-relationship</c>), missing or mistyped fields
/// (<c>catalogue.oscal-missing-field</c>, <c>catalogue.oscal-invalid-field</c>) and item types other than
/// <c>control</c> and <c>statement</c> (<c>catalogue.oscal-unsupported-item-type</c>). Whether the controls and
/// clauses exist is for <see cref="CatalogueValidator"/> to say, once the mappings are joined to a catalogue.
/// </summary>
public static class OscalMappingReader
{
    private const string Root = "$.mapping-collection";

    /// <summary>Reads the whole stream; the stream is left open.</summary>
    public static OscalMappingReadResult Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            return Failed(new CatalogueProblem(
                $"line {line.ToString(CultureInfo.InvariantCulture)}, column {column.ToString(CultureInfo.InvariantCulture)}",
                "catalogue.malformed-json", $"The file is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("mapping-collection", out var collection)
                || collection.ValueKind != JsonValueKind.Object)
            {
                return Failed(new CatalogueProblem("$", "catalogue.oscal-not-mapping-collection",
                    "The file is not an OSCAL mapping collection: it needs an object named 'mapping-collection' at the top."));
            }

            var reader = new Reader(collection);
            var mappings = reader.ReadCollection();
            return reader.Problems.Count == 0 ? new OscalMappingReadResult(mappings, []) : Failed([.. reader.Problems]);
        }
    }

    private static OscalMappingReadResult Failed(params CatalogueProblem[] problems) => new([], problems);

    private sealed class Reader(JsonElement collection)
    {
        private readonly Dictionary<string, string> _keysByHref = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usedKeys = new(StringComparer.Ordinal);
        private Dictionary<string, string>? _backMatterTitles;

        public List<CatalogueProblem> Problems { get; } = [];

        public List<OscalResourceMapping> ReadCollection()
        {
            var result = new List<OscalResourceMapping>();
            foreach (var (mapping, path) in Items(collection, "mappings", Root, allowSingleObject: true))
            {
                if (ReadMapping(mapping, path) is { } read) result.Add(read);
            }

            return result;
        }

        private OscalResourceMapping? ReadMapping(JsonElement mapping, string path)
        {
            var source = ReadSource(mapping, path);
            var target = Object(mapping, "target-resource", path);
            var targetHref = target is { } t ? String(t, "href", $"{path}.target-resource") : null;

            var pairs = new List<(string Control, string Clause, MappingRelationship Relationship, string? Rationale, bool IsDemo, string Path)>();
            foreach (var (map, mapPath) in Items(mapping, "maps", path, allowSingleObject: false))
            {
                var relationship = ReadRelationship(map, mapPath);
                var sources = ReadItems(map, "sources", mapPath);
                var targets = ReadItems(map, "targets", mapPath);
                if (relationship is null) continue;
                var rationale = map.TryGetProperty("remarks", out var remarks) && remarks.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(remarks.GetString())
                    ? remarks.GetString()
                    : null;
                var demo = AdhereProp(map, "demo") is { } d && string.Equals(d, "true", StringComparison.OrdinalIgnoreCase);
                foreach (var s in sources)
                {
                    foreach (var c in targets) pairs.Add((s, c, relationship.Value, rationale, demo, mapPath));
                }
            }

            if (source is null || target is null || targetHref is null) return null;

            var standard = ReadStandard(target.Value, targetHref, pairs.Select(p => p.Clause));
            var drafts = pairs.Select(p => new MappingDraft(p.Control, standard.Key, p.Clause, p.Relationship, p.Rationale, p.IsDemo, p.Path)).ToList();
            return new OscalResourceMapping(source, standard, drafts, path);
        }

        private OscalCatalogueReference? ReadSource(JsonElement mapping, string path)
        {
            if (Object(mapping, "source-resource", path) is not { } resource) return null;
            if (String(resource, "href", $"{path}.source-resource") is not { } href) return null;
            var title = AdhereProp(resource, "title") ?? BackMatterTitle(href);
            if (href.StartsWith(OscalMappingWriter.CataloguePrefix, StringComparison.Ordinal)
                && href[OscalMappingWriter.CataloguePrefix.Length..].Split(':') is [{ Length: > 0 } name, { Length: > 0 } version])
            {
                return new OscalCatalogueReference(href, Uri.UnescapeDataString(name), Uri.UnescapeDataString(version), title);
            }

            return new OscalCatalogueReference(href, null, null, title);
        }

        private StandardDraft ReadStandard(JsonElement target, string href, IEnumerable<string> mappedClauses)
        {
            var title = AdhereProp(target, "title") ?? BackMatterTitle(href);
            string key;
            if (href.StartsWith(OscalMappingWriter.StandardPrefix, StringComparison.Ordinal) && href.Length > OscalMappingWriter.StandardPrefix.Length)
            {
                key = Uri.UnescapeDataString(href[OscalMappingWriter.StandardPrefix.Length..]);
                _usedKeys.Add(key);
                title ??= key;
            }
            else
            {
                key = DerivedKey(href, title);
                title ??= href;
            }

            var clauses = new List<ClauseDraft>();
            var refs = new HashSet<string>(StringComparer.Ordinal);
            if (target.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
            {
                foreach (var link in links.EnumerateArray())
                {
                    if (link.ValueKind == JsonValueKind.Object
                        && Text(link, "rel") == OscalMappingWriter.ClauseRel
                        && Text(link, "resource-fragment") is { Length: > 0 } clause
                        && refs.Add(clause))
                    {
                        clauses.Add(new ClauseDraft(clause, Text(link, "text") ?? string.Empty));
                    }
                }
            }

            // Foreign files (and clauses we never listed) name their clauses only through the maps' targets.
            clauses.AddRange(mappedClauses.Where(refs.Add).Select(c => new ClauseDraft(c, string.Empty)));
            return new StandardDraft(key, title, AdhereProp(target, "publisher"), clauses);
        }

        private MappingRelationship? ReadRelationship(JsonElement map, string path)
        {
            if (String(map, "relationship", path) is not { } token) return null;
            if (MappingRelationships.TryParse(token, out var relationship)) return relationship;
            Problems.Add(new CatalogueProblem($"{path}.relationship", "catalogue.unknown-relationship",
                $"'{token}' is not a relationship Adhere knows; use one of: {string.Join(", ", MappingRelationships.AllTokens)}."));
            return null;
        }

        private List<string> ReadItems(JsonElement map, string name, string path)
        {
            var refs = new List<string>();
            foreach (var (item, itemPath) in Items(map, name, path, allowSingleObject: false))
            {
                var type = String(item, "type", itemPath);
                var idRef = String(item, "id-ref", itemPath);
                if (type is not null and not "control" and not "statement")
                {
                    Problems.Add(new CatalogueProblem($"{itemPath}.type", "catalogue.oscal-unsupported-item-type",
                        $"'{type}' is not an item type Adhere can map; use 'control' or 'statement'."));
                }
                else if (type is not null && idRef is not null)
                {
                    refs.Add(idRef);
                }
            }

            return refs;
        }

        /// <summary>The elements of an array property (or a lone object where OSCAL allows one in its place).</summary>
        private List<(JsonElement Item, string Path)> Items(JsonElement parent, string name, string path, bool allowSingleObject)
        {
            var here = $"{path}.{name}";
            if (!parent.TryGetProperty(name, out var value))
            {
                Missing(here, name, path);
                return [];
            }

            if (allowSingleObject && value.ValueKind == JsonValueKind.Object) return [(value, here)];
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                Problems.Add(new CatalogueProblem(here, "catalogue.oscal-invalid-field", $"'{name}' must be a list with at least one entry."));
                return [];
            }

            var items = new List<(JsonElement, string)>(value.GetArrayLength());
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemPath = $"{here}[{i++.ToString(CultureInfo.InvariantCulture)}]";
                if (item.ValueKind == JsonValueKind.Object) items.Add((item, itemPath));
                else Problems.Add(new CatalogueProblem(itemPath, "catalogue.oscal-invalid-field", $"Each entry of '{name}' must be an object."));
            }

            return items;
        }

        private JsonElement? Object(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Missing($"{path}.{name}", name, path);
                return null;
            }

            if (value.ValueKind == JsonValueKind.Object) return value;
            Problems.Add(new CatalogueProblem($"{path}.{name}", "catalogue.oscal-invalid-field", $"'{name}' must be an object."));
            return null;
        }

        /// <summary>A required, non-blank string property, trimmed.</summary>
        private string? String(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                Missing($"{path}.{name}", name, path);
                return null;
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text) return text;
            Problems.Add(new CatalogueProblem($"{path}.{name}", "catalogue.oscal-invalid-field", $"'{name}' must be a non-empty string."));
            return null;
        }

        private void Missing(string here, string name, string path) =>
            Problems.Add(new CatalogueProblem(here, "catalogue.oscal-missing-field", $"'{name}' is required here ({path})."));

        private static string? Text(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string? AdhereProp(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty("props", out var props) || props.ValueKind != JsonValueKind.Array) return null;
            foreach (var prop in props.EnumerateArray())
            {
                if (prop.ValueKind == JsonValueKind.Object && Text(prop, "name") == name && Text(prop, "ns") == OscalMappingWriter.Namespace)
                {
                    return Text(prop, "value");
                }
            }

            return null;
        }

        /// <summary>The title of the back-matter resource that an <c>#uuid</c> href points to, OSCAL's usual indirection.</summary>
        private string? BackMatterTitle(string href)
        {
            if (!href.StartsWith('#')) return null;
            if (_backMatterTitles is null)
            {
                _backMatterTitles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (collection.TryGetProperty("back-matter", out var backMatter) && backMatter.ValueKind == JsonValueKind.Object
                    && backMatter.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
                {
                    foreach (var resource in resources.EnumerateArray())
                    {
                        if (resource.ValueKind == JsonValueKind.Object && Text(resource, "uuid") is { } uuid && Text(resource, "title") is { Length: > 0 } title)
                        {
                            _backMatterTitles.TryAdd(uuid, title);
                        }
                    }
                }
            }

            return _backMatterTitles.GetValueOrDefault(href[1..]);
        }

        /// <summary>A stable key for a foreign standard: the same href gives the same key; different ones never collide.</summary>
        private string DerivedKey(string href, string? title)
        {
            if (_keysByHref.TryGetValue(href, out var known)) return known;
            var stem = Slug(title ?? LastSegment(href));
            if (stem.Length == 0) stem = "standard";
            var key = stem;
            for (var n = 2; _usedKeys.Contains(key); n++)
            {
                var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
                key = stem[..Math.Min(stem.Length, CatalogueValidator.MaxKeyLength - suffix.Length)] + suffix;
            }

            _usedKeys.Add(key);
            _keysByHref[href] = key;
            return key;
        }

        private static string LastSegment(string href)
        {
            var text = href.TrimStart('#').TrimEnd('/');
            var segment = text[(text.LastIndexOfAny(['/', ':']) + 1)..];
            var dot = segment.LastIndexOf('.');
            var stem = dot > 0 && segment.Length - dot <= 5 && !segment[(dot + 1)..].Any(char.IsDigit) ? segment[..dot] : segment;
            return Uri.UnescapeDataString(stem);
        }

        private static string Slug(string text)
        {
            var slug = new StringBuilder(Math.Min(text.Length, CatalogueValidator.MaxKeyLength));
            foreach (var ch in text)
            {
                if (slug.Length >= CatalogueValidator.MaxKeyLength) break;
                if (char.IsLetterOrDigit(ch)) slug.Append(char.ToLowerInvariant(ch));
                else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            }

            return slug.ToString().Trim('-');
        }
    }
}
