using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adhere.Domain.Catalogue;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Adhere.Core.Catalogue.Native;

/// <summary>The outcome of reading a file: a document, or every problem found (never both).</summary>
public sealed record CatalogueReadResult(CatalogueDocument? Document, IReadOnlyList<CatalogueProblem> Problems)
{
    public static CatalogueReadResult Failed(IReadOnlyList<CatalogueProblem> problems) => new(null, problems);

    public static CatalogueReadResult Failed(string location, string code, string message) => new(null, [new CatalogueProblem(location, code, message)]);
}

/// <summary>
/// Reads our native catalogue format (<c>adhere-catalogue/1</c>, YAML or JSON; see docs/formats/catalogue.md):
/// syntax errors name line and column, schema violations name the JSON path (and line) of each, and the rules of
/// <see cref="CatalogueValidator"/> are checked by the caller.
/// </summary>
public static class NativeCatalogueReader
{
    public const string FormatName = "adhere-catalogue/1";

    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    public static CatalogueReadResult Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonNode? root;
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(input);
        var parser = new Parser(reader);
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0) return CatalogueReadResult.Failed("line 1, column 1", "catalogue.empty", "The file is empty.");
            if (stream.Documents.Count > 1)
            {
                return CatalogueReadResult.Failed("line 1, column 1", "catalogue.several-documents", "The file holds several YAML documents; put one catalogue in one file.");
            }

            root = ToJson(stream.Documents[0].RootNode, "$", lines);
        }
        catch (YamlException ex)
        {
            return CatalogueReadResult.Failed($"line {ex.Start.Line.ToString(CultureInfo.InvariantCulture)}, column {ex.Start.Column.ToString(CultureInfo.InvariantCulture)}",
                "catalogue.malformed-yaml", $"The file is not valid YAML or JSON: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some unterminated constructs this way; the parser still knows where it stopped.
            var at = parser.Current?.Start ?? Mark.Empty;
            return CatalogueReadResult.Failed($"line {at.Line.ToString(CultureInfo.InvariantCulture)}, column {at.Column.ToString(CultureInfo.InvariantCulture)}",
                "catalogue.malformed-yaml", "The file is not valid YAML or JSON: a bracket, brace or quote opened here is not closed.");
        }

        var evaluation = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(root), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!evaluation.IsValid)
        {
            var problems = (evaluation.Details ?? [evaluation])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => (Path: ToJsonPath(d.InstanceLocation.ToString()), Message: e.Value)))
                .Distinct()
                .Select(p => new CatalogueProblem(WithLine(p.Path, lines), "catalogue.schema-violation", p.Message))
                .ToList();
            return CatalogueReadResult.Failed(problems);
        }

        return new CatalogueReadResult(Map(root!.AsObject(), lines), []);
    }

    private static CatalogueDocument Map(JsonObject root, Dictionary<string, int> lines)
    {
        var code = root["code"]!.AsObject();
        var info = new CodeInfo(
            Str(code, "name")!.Trim(),
            Str(code, "version")!.Trim(),
            Str(code, "owner"),
            Date(code, "published"),
            Date(code, "approved"),
            Str(code, "status") switch { "draft" => CatalogueStatus.Draft, "retired" => CatalogueStatus.Retired, _ => CatalogueStatus.Active },
            Str(code, "description"),
            code["demo"]?.GetValue<bool>() ?? false,
            "native",
            Str(code, "source-id"));

        var sections = new List<SectionDraft>();
        var controls = new List<ControlDraft>();
        foreach (var (section, i) in Items(root, "sections"))
        {
            ReadSection(section, $"$.sections[{i}]", null, sections, controls, lines);
        }

        var modules = Items(root, "modules").Select(m => new ModuleDraft(Str(m.Node, "id")!, Str(m.Node, "title")!, Str(m.Node, "description"))).ToList();
        var standards = Items(root, "standards").Select(s => new StandardDraft(
            Str(s.Node, "id")!, Str(s.Node, "title")!, Str(s.Node, "publisher"),
            Items(s.Node, "clauses").Select(c => new ClauseDraft(Str(c.Node, "ref")!, Str(c.Node, "title") ?? string.Empty)).ToList())).ToList();
        var mappings = Items(root, "mappings").Select(m =>
        {
            // The schema has already restricted the relationship to the known tokens.
            _ = MappingRelationships.TryParse(Str(m.Node, "relationship"), out var relationship);
            var path = $"$.mappings[{m.Index}]";
            return new MappingDraft(Str(m.Node, "control")!, Str(m.Node, "standard")!, Str(m.Node, "clause")!, relationship!.Value,
                Str(m.Node, "rationale"), m.Node["demo"]?.GetValue<bool>() ?? false, WithLine(path, lines));
        }).ToList();
        var transitions = Items(root, "transitions").Select(t => new TransitionDraft(
            Str(t.Node, "from")!,
            Items(t.Node, "controls").Select(r => new TransitionRow(Str(r.Node, "from")!, Str(r.Node, "to"), Str(r.Node, "note"))).ToList())).ToList();

        return new CatalogueDocument(info, sections, controls, modules, standards, mappings, transitions);
    }

    private static void ReadSection(JsonObject node, string path, string? parent, List<SectionDraft> sections, List<ControlDraft> controls, Dictionary<string, int> lines)
    {
        var key = Str(node, "id")!;
        sections.Add(new SectionDraft(key, parent, Str(node, "title") ?? string.Empty, Str(node, "description"), Extra(node), WithLine(path, lines)));
        foreach (var (control, i) in Items(node, "controls")) ReadControl(control, $"{path}.controls[{i}]", key, null, controls, lines);
        foreach (var (child, i) in Items(node, "sections")) ReadSection(child, $"{path}.sections[{i}]", key, sections, controls, lines);
    }

    private static void ReadControl(JsonObject node, string path, string section, string? parent, List<ControlDraft> controls, Dictionary<string, int> lines)
    {
        var key = Str(node, "id")!;
        var parameters = Items(node, "parameters").Select(p => new ParameterDraft(
            Str(p.Node, "id")!, Str(p.Node, "label"), Strings(p.Node, "choices"), Str(p.Node, "how-many"), Str(p.Node, "guidance"), Strings(p.Node, "values"))).ToList();
        controls.Add(new ControlDraft(key, section, parent, Str(node, "title") ?? string.Empty, (Str(node, "statement") ?? string.Empty).TrimEnd('\n'),
            Str(node, "guidance")?.TrimEnd('\n'), Strings(node, "gdpr"), Strings(node, "tags"), Str(node, "module"), parameters, Extra(node), WithLine(path, lines)));
        foreach (var (child, i) in Items(node, "controls")) ReadControl(child, $"{path}.controls[{i}]", section, key, controls, lines);
    }

    /// <summary>The <c>oscal</c> object kept for export, as compact JSON.</summary>
    private static string? Extra(JsonObject node) => node["oscal"] is JsonObject extra ? extra.ToJsonString() : null;

    private static IEnumerable<(JsonObject Node, int Index)> Items(JsonObject node, string name) =>
        node[name] is JsonArray array ? array.Select((n, i) => (n!.AsObject(), i)) : [];

    private static string? Str(JsonObject node, string name) => node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<string> Strings(JsonObject node, string name) =>
        node[name] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [];

    private static DateOnly? Date(JsonObject node, string name) =>
        Str(node, name) is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// Turns YAML into JSON values: mappings and sequences as they are; plain scalars <c>true</c>/<c>false</c> as
    /// booleans, <c>null</c>/<c>~</c> as null, everything else as text (so that <c>version: 2.10</c> stays "2.10").
    /// Records the line of every node under its JSON path.
    /// </summary>
    private static JsonNode? ToJson(YamlNode node, string path, Dictionary<string, int> lines)
    {
        lines[path] = checked((int)node.Start.Line);
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var name = ((YamlScalarNode)k).Value ?? string.Empty;
                    if (obj.ContainsKey(name))
                    {
                        throw new YamlException(k.Start, k.End, $"The key '{name}' appears twice in the same mapping.");
                    }

                    obj[name] = ToJson(v, $"{path}.{name}", lines);
                }

                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children) array.Add(ToJson(item, $"{path}[{i++}]", lines));
                return array;
            case YamlScalarNode scalar:
                if (scalar.Style is ScalarStyle.Plain)
                {
                    switch (scalar.Value)
                    {
                        case "true" or "True" or "TRUE": return JsonValue.Create(true);
                        case "false" or "False" or "FALSE": return JsonValue.Create(false);
                        case "null" or "Null" or "NULL" or "~" or "": return null;
                    }
                }

                return JsonValue.Create(scalar.Value);
            default:
                throw new YamlException(node.Start, node.End, "Aliases and anchors are not supported in catalogue files.");
        }
    }

    private static string ToJsonPath(string pointer)
    {
        if (pointer is "" or "#") return "$";
        var parts = pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return "$" + string.Concat(parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{p}]" : $".{p}"));
    }

    private static string WithLine(string path, Dictionary<string, int> lines) =>
        lines.TryGetValue(path, out var line) ? $"{path} (line {line.ToString(CultureInfo.InvariantCulture)})" : path;

    private static JsonSchema LoadSchema()
    {
        using var stream = typeof(NativeCatalogueReader).Assembly.GetManifestResourceStream("Adhere.Core.Catalogue.Native.catalogue.schema.json")
            ?? throw new InvalidOperationException("The catalogue schema is not embedded.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}
