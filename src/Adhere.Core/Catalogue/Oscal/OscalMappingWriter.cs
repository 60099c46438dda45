using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue.Oscal;

/// <summary>
/// Writes the mappings of a <see cref="CatalogueDocument"/> as one OSCAL 1.2.1 <c>mapping-collection</c> (JSON) that
/// validates against NIST's <c>oscal_mapping_schema.json</c>, and that <see cref="OscalMappingReader"/> reads back
/// without loss.
/// </summary>
/// <remarks>
/// <para>Shape: one <c>mapping</c> per standard that at least one mapping refers to, in the order of
/// <see cref="CatalogueDocument.Standards"/> (a referenced but undeclared standard comes last, keyed only). Standards
/// without mappings are not written: OSCAL requires at least one <c>map</c> per mapping. Each
/// <see cref="MappingDraft"/> becomes one <c>map</c> with one control source and one control target.</para>
/// <para>Where our facts live, since a mapping resource reference has no title of its own:</para>
/// <list type="bullet">
/// <item><c>source-resource</c>: type <c>catalog</c>, href <c>urn:adhere:catalogue:{name}:{version}</c> (each part
/// URL-escaped), and a prop <c>title</c> (ns <see cref="Namespace"/>) holding the Code's name.</item>
/// <item><c>target-resource</c>: type <c>catalog</c>, href <c>urn:adhere:standard:{key}</c>, props <c>title</c> and
/// <c>publisher</c> (ns <see cref="Namespace"/>), and one link per clause of the standard, mapped or not:
/// <c>rel</c> <c>clause</c>, <c>resource-fragment</c> the clause reference, <c>text</c> the clause title. A link is
/// OSCAL's way of pointing into a part of another resource, and its text is the label a tool shows.</item>
/// <item><c>map</c>: <c>remarks</c> holds the rationale; a prop <c>demo</c> = <c>true</c> (ns <see cref="Namespace"/>)
/// marks demo mappings.</item>
/// <item>Provenance: method <c>human</c>, matching-rationale <c>semantic</c>, status from the catalogue's status
/// (draft → <c>draft</c>, active → <c>complete</c>, retired → <c>superseded</c>).</item>
/// </list>
/// <para>Determinism: every UUID is derived from a SHA-256 hash (its version nibble set to 5, name-based). Mapping and
/// map UUIDs hash their subject (catalogue, standard, control, clause), so they stay the same when a rationale changes,
/// as OSCAL asks of per-subject identifiers; the collection's UUID hashes the whole content. The same document and the
/// same time therefore give byte-identical output (LF line ends, two-space indent).</para>
/// <para>Lossy edges: OSCAL strings may not contain line breaks or surrounding blanks, so titles, publisher and
/// clause titles are written on one line and trimmed; an empty title or publisher is left out.</para>
/// </remarks>
public static class OscalMappingWriter
{
    /// <summary>The namespace of Adhere's props on OSCAL objects.</summary>
    public const string Namespace = "https://adhere.dev/ns/oscal";

    /// <summary>The OSCAL version the output declares.</summary>
    public const string OscalVersion = "1.2.1";

    /// <summary>The link relation that marks a clause of a standard on a target resource.</summary>
    public const string ClauseRel = "clause";

    internal const string CataloguePrefix = "urn:adhere:catalogue:";
    internal const string StandardPrefix = "urn:adhere:standard:";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // A data file, not HTML: keep non-ASCII letters and '&' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the document's mappings to <paramref name="output"/> as UTF-8 JSON; the stream is left open.</summary>
    /// <param name="time">Gives <c>metadata.last-modified</c> (to the second, UTC).</param>
    /// <exception cref="ArgumentException">The document has no mappings: OSCAL requires at least one.</exception>
    public static void Write(CatalogueDocument doc, Stream output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        if (doc.Mappings.Count == 0)
        {
            throw new ArgumentException("The catalogue has no mappings; an OSCAL mapping collection needs at least one.", nameof(doc));
        }

        var groups = GroupByStandard(doc);
        var name = doc.Code.Name;
        var version = doc.Code.Version;

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("mapping-collection");
        json.WriteString("uuid", Uuid([.. ContentKey(doc, groups)]));

        json.WriteStartObject("metadata");
        json.WriteString("title", Line($"{name} {version}: mappings to standards") ?? "Mappings to standards");
        json.WriteString("last-modified", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("version", Line(version) ?? "unversioned");
        json.WriteString("oscal-version", OscalVersion);
        json.WriteEndObject();

        json.WriteStartObject("provenance");
        json.WriteString("method", "human");
        json.WriteString("matching-rationale", "semantic");
        json.WriteString("status", doc.Code.Status switch
        {
            CatalogueStatus.Draft => "draft",
            CatalogueStatus.Retired => "superseded",
            _ => "complete",
        });
        var titles = string.Join("; ", groups.Select(g => g.Standard?.Title is { Length: > 0 } t ? t : g.Key));
        json.WriteString("mapping-description", $"How the controls of {name} {version} relate to the clauses of {titles}, as stated by the Code's owner.");
        json.WriteEndObject();

        json.WriteStartArray("mappings");
        foreach (var group in groups) WriteMapping(json, name, version, group);
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteMapping(Utf8JsonWriter json, string name, string version, StandardGroup group)
    {
        json.WriteStartObject();
        json.WriteString("uuid", Uuid("mapping", name, version, group.Key));

        json.WriteStartObject("source-resource");
        json.WriteString("type", "catalog");
        json.WriteString("href", CatalogueHref(name, version));
        WriteProps(json, ("title", Line(name)));
        json.WriteEndObject();

        json.WriteStartObject("target-resource");
        json.WriteString("type", "catalog");
        var href = StandardHref(group.Key);
        json.WriteString("href", href);
        WriteProps(json, ("title", Line(group.Standard?.Title)), ("publisher", Line(group.Standard?.Publisher)));
        var clauses = group.Standard?.Clauses.Where(c => Line(c.Ref) is not null).ToList() ?? [];
        if (clauses.Count > 0)
        {
            json.WriteStartArray("links");
            foreach (var clause in clauses)
            {
                json.WriteStartObject();
                json.WriteString("href", href);
                json.WriteString("rel", ClauseRel);
                json.WriteString("resource-fragment", Line(clause.Ref));
                if (Line(clause.Title) is { } title) json.WriteString("text", title);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();

        json.WriteStartArray("maps");
        var seen = new Dictionary<(string, string), int>();
        foreach (var m in group.Mappings)
        {
            // A repeated (control, clause) pair is invalid in the domain, but must not repeat a UUID either.
            var occurrence = seen[(m.ControlKey, m.ClauseRef)] = seen.GetValueOrDefault((m.ControlKey, m.ClauseRef)) + 1;
            json.WriteStartObject();
            json.WriteString("uuid", Uuid("map", name, version, group.Key, m.ControlKey, m.ClauseRef, occurrence.ToString(CultureInfo.InvariantCulture)));
            json.WriteString("relationship", m.Relationship.ToToken());
            WriteItem(json, "sources", m.ControlKey);
            WriteItem(json, "targets", m.ClauseRef);
            if (m.IsDemo) WriteProps(json, ("demo", "true"));
            if (!string.IsNullOrEmpty(m.Rationale)) json.WriteString("remarks", m.Rationale);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter json, string property, string idRef)
    {
        json.WriteStartArray(property);
        json.WriteStartObject();
        json.WriteString("type", "control");
        json.WriteString("id-ref", Line(idRef) ?? idRef);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteProps(Utf8JsonWriter json, params (string Name, string? Value)[] props)
    {
        if (props.All(p => p.Value is null)) return;
        json.WriteStartArray("props");
        foreach (var (name, value) in props.Where(p => p.Value is not null))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("ns", Namespace);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    internal static string CatalogueHref(string name, string version) =>
        $"{CataloguePrefix}{Uri.EscapeDataString(name)}:{Uri.EscapeDataString(version)}";

    internal static string StandardHref(string key) => StandardPrefix + Uri.EscapeDataString(key);

    private sealed record StandardGroup(string Key, StandardDraft? Standard, List<MappingDraft> Mappings);

    private static List<StandardGroup> GroupByStandard(CatalogueDocument doc)
    {
        var byKey = doc.Mappings.GroupBy(m => m.StandardKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var groups = new List<StandardGroup>();
        foreach (var standard in doc.Standards.DistinctBy(s => s.Key, StringComparer.Ordinal))
        {
            if (byKey.Remove(standard.Key, out var mappings)) groups.Add(new StandardGroup(standard.Key, standard, mappings));
        }

        // Undeclared standards (an invalid document, but still exportable), in order of first use.
        foreach (var key in doc.Mappings.Select(m => m.StandardKey).Distinct(StringComparer.Ordinal).Where(byKey.ContainsKey))
        {
            groups.Add(new StandardGroup(key, null, byKey[key]));
        }

        return groups;
    }

    private static IEnumerable<string> ContentKey(CatalogueDocument doc, List<StandardGroup> groups)
    {
        yield return "collection";
        yield return doc.Code.Name;
        yield return doc.Code.Version;
        yield return doc.Code.Status.ToString();
        foreach (var g in groups)
        {
            yield return g.Key;
            yield return g.Standard?.Title ?? string.Empty;
            yield return g.Standard?.Publisher ?? string.Empty;
            foreach (var c in g.Standard?.Clauses ?? []) yield return $"{c.Ref}\u001e{c.Title}";
            foreach (var m in g.Mappings) yield return $"{m.ControlKey}\u001e{m.ClauseRef}\u001e{m.Relationship.ToToken()}\u001e{m.Rationale}\u001e{m.IsDemo}";
        }
    }

    /// <summary>A name-based UUID (version 5 layout, SHA-256 instead of SHA-1) over the given parts.</summary>
    private static string Uuid(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("adhere/oscal-mapping\u001f" + string.Join('\u001f', parts)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>OSCAL's string and markup-line types: one line, no surrounding blanks; null when nothing is left.</summary>
    private static string? Line(string? value)
    {
        if (value is null) return null;
        var line = string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? null : line;
    }
}
