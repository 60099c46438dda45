using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Web.Tests.Catalogue.Oscal;

/// <summary>
/// The one-pass reader against the tree reader it stands in for (ADR 0030): for the same bytes, the same document
/// (every field, the <c>Extra</c> JSON byte for byte and the source paths), on the sample catalogs, our own exports and
/// variants that reorder, re-indent and re-escape them; and a give-up (null) wherever the tree reader reports a problem
/// or takes the last of a repeated property.
/// </summary>
public sealed class OscalStreamReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);

    public static TheoryData<string, string> Variants() => new()
    {
        { OscalCatalogFiles.Basic, "as is" },
        { OscalCatalogFiles.NistLow, "as is" },
        { OscalCatalogFiles.Basic, "export" },
        { OscalCatalogFiles.NistLow, "export" },
        { OscalCatalogFiles.Basic, "reversed" },
        { OscalCatalogFiles.NistLow, "reversed" },
        { OscalCatalogFiles.Basic, "escaped" },
        { OscalCatalogFiles.NistLow, "escaped" },
        { OscalCatalogFiles.NistLow, "reversed export" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void TryRead_CatalogVariant_GivesTheTreeReadersDocument(string file, string variant)
    {
        var bytes = Variant(OscalCatalogFiles.Bytes(file), variant);

        ReadsAsTheTreeReader(bytes);
    }

    [Fact]
    public void TryRead_PartsAndPropsInEveryPlace_GivesTheTreeReadersDocument()
    {
        const string json = """
            { "$schema": "x", "catalog": {
                "groups": [ {
                  "groups": [ { "title": "Sub", "id": "sub", "parts": [ { "prose": "Before", "name": "overview", "id": "o1" } ] } ],
                  "controls": [
                    { "controls": [ { "title": "Child", "id": "c-1.1", "props": [ { "value": "1.1", "name": "label" } ] } ],
                      "parts": [
                        { "name": "guidance", "prose": "Guide" },
                        { "name": "statement", "id": "c-1_smt", "parts": [
                            { "name": "item", "prose": "First\nline", "props": [ { "name": "label", "value": "a." } ] },
                            { "name": "item", "props": [ { "name": "label", "value": "b.", "ns": "x" } ], "prose": "Second", "parts": [] },
                            { "parts": [ { "name": "item", "prose": "" } ], "name": "item", "prose": "Third" } ] },
                        { "name": "other", "prose": 5, "parts": "no list" } ],
                      "params": [
                        { "id": "p1", "guidelines": [ { "prose": "One" }, { "prose": "Two" } ], "label": "L" },
                        { "id": "p2", "select": { "how-many": "one", "choice": [ "a", "b" ] }, "remarks": { "any": [ 1.50, true, null ] } },
                        { "id": "p2", "class": "again" },
                        { "id": "p3", "guidelines": [ { "prose": "Only", "x": 1 } ], "values": [ "v" ], "usage": "u" } ],
                      "title": "Control \u00e9 \"1\"", "id": "c-1", "class": "k\u002Fl",
                      "props": [ { "name": "label", "value": "c-1" }, { "name": "control-id", "ns": "https://adhere.dev/ns/oscal", "value": "1" } ],
                      "links": [ { "href": "#x", "rel": "r" } ] } ],
                  "props": [ { "name": "section-id", "ns": "https://adhere.dev/ns/oscal", "value": "S" }, { "name": "tag", "ns": "https://adhere.dev/ns/oscal", "value": "t" } ],
                  "title": "Group", "params": [ { "id": "gp" } ], "class": "g" } ],
                "controls": [ { "id": "loose", "title": "Loose", "parts": [ { "name": "statement", "parts": [ { "name": "item", "prose": "x" } ], "prose": "after" } ] } ],
                "metadata": {
                  "props": [ { "name": "approved-on", "ns": "https://adhere.dev/ns/oscal", "value": "2025-01-02" },
                             { "name": "module", "ns": "https://adhere.dev/ns/oscal", "value": "m", "remarks": "Title\n\nText" } ],
                  "parties": [ { "uuid": "u1", "name": "First" }, { "uuid": "u2", "name": "Creator" } ],
                  "responsible-parties": [ { "role-id": "owner", "party-uuids": [ "u1" ] }, { "party-uuids": [ "u2" ], "role-id": "creator" } ],
                  "published": "2024-02-01T00:00:00Z", "version": "1", "title": "T", "remarks": "R" },
                "uuid": "5c6a3b02-0f7e-4d0a-9b7e-2d7f1c0e9a11"
            } }
            """;
        var bytes = Encoding.UTF8.GetBytes(json);

        var fast = ReadsAsTheTreeReader(bytes);
        Assert.Equal("Creator", fast.Code.Owner);
    }

    [Theory]
    [InlineData("""{ "catalog": { "metadata": { "title": "T", "version": "1" }, "controls": [ { "id": "a", "id": "b", "title": "T" } ] } }""")]
    [InlineData("""{ "catalog": { "metadata": { "title": "T", "version": "1" }, "controls": [ { "id": "a", "title": "T", "parts": [ { "name": "statement", "prose": "x", "prose": "y" } ] } ] } }""")]
    [InlineData("""{ "catalog": { "metadata": { "title": "T", "version": "1" } }, "catalog": { "metadata": { "title": "U", "version": "2" } } }""")]
    public void Read_RepeatedProperty_LeavesItToTheTreeReader(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(OscalStreamReader.TryRead(bytes));
        var result = OscalCatalogReader.Read(bytes);
        var tree = OscalTreeReader.Read(bytes);
        Assert.True(result.Succeeded);
        AssertSame(tree.Document!, result.Document);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"catalog\": { } } x")]
    [InlineData("""{ "catalog": { "metadata": { "title": "T" } } }""")]
    [InlineData("""{ "catalog": { "metadata": { "title": "T", "version": "1" }, "controls": [ { "id": "a", "title": "T", "parts": [ { "prose": "no name" } ] } ] } }""")]
    [InlineData("""{ "catalog": { "metadata": { "title": "T", "version": "1" }, "controls": [ { "id": "a", "title": "T", "params": [ { "id": "p", "values": [ 1 ] } ] } ] } }""")]
    [InlineData("""{ "catalog": { "metadata": { "title": "T", "version": "1", "published": "soon" } } }""")]
    [InlineData("""{ "profile": { } }""")]
    public void Read_FileWithProblems_ReportsWhatTheTreeReaderReports(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(OscalStreamReader.TryRead(bytes));
        var result = OscalCatalogReader.Read(bytes);
        Assert.False(result.Succeeded);
        Assert.Equal(OscalTreeReader.Read(bytes).Problems, result.Problems);
    }

    // The top-level groups are mapped on two threads (ADR 0036): a problem in a group either thread maps (the first,
    // the middle, the last) must give up all the same, and the tree reader then reports it as before.
    // On one line the helper finds the groups by reading the list through; indented, from the line breaks (ADR 0037).
    [Theory]
    [InlineData(0, false)]
    [InlineData(9, false)]
    [InlineData(17, false)]
    [InlineData(0, true)]
    [InlineData(9, true)]
    [InlineData(17, true)]
    public void Read_ProblemInOneTopLevelGroup_ReportsWhatTheTreeReaderReports(int group, bool indented)
    {
        var catalog = JsonNode.Parse(OscalCatalogFiles.Bytes(OscalCatalogFiles.NistLow))!;
        var groups = catalog["catalog"]!["groups"]!.AsArray();
        Assert.Equal(18, groups.Count);
        groups[group]!["controls"]![0]!["parts"]!.AsArray().Add(new JsonObject { ["prose"] = "no name" });
        var bytes = Encoding.UTF8.GetBytes(catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = indented }));

        Assert.Null(OscalStreamReader.TryRead(bytes));
        var result = OscalCatalogReader.Read(bytes);
        Assert.False(result.Succeeded);
        Assert.Equal(OscalTreeReader.Read(bytes).Problems, result.Problems);
    }

    // The helper takes a line break followed by the first group's indentation and a brace for the start of a group
    // (ADR 0037). Files where that is wrong somewhere must still read exactly as the tree reader reads them.
    [Theory]
    [InlineData("a control object indented as a group")]
    [InlineData("two groups on one line")]
    [InlineData("the catalog's own controls after the groups")]
    [InlineData("line breaks as CR LF")]
    [InlineData("tabs")]
    public void TryRead_GroupStartsGuessedWrongSomewhere_GivesTheTreeReadersDocument(string layout)
    {
        var text = Encoding.UTF8.GetString(OscalCatalogFiles.Bytes(OscalCatalogFiles.NistLow));
        var late = text.Length * 2 / 3;
        text = layout switch
        {
            "a control object indented as a group" => ReplaceOnceAfter(text, late, "\n          {", "\n      {"),
            "two groups on one line" => ReplaceOnceAfter(text, late, "},\n      {", "}, {"),
            "the catalog's own controls after the groups" => WithOwnControls(text),
            "line breaks as CR LF" => text.Replace("\n", "\r\n", StringComparison.Ordinal),
            "tabs" => text.Replace("  ", "\t", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(layout)),
        };
        var bytes = Encoding.UTF8.GetBytes(text);

        var fast = ReadsAsTheTreeReader(bytes);
        Assert.Equal(18 + (layout.Contains("own controls", StringComparison.Ordinal) ? 1 : 0), fast.Sections.Count(s => s.ParentKey is null));
    }

    private static string ReplaceOnceAfter(string text, int from, string old, string replacement)
    {
        var at = text.IndexOf(old, from, StringComparison.Ordinal);
        Assert.True(at > 0, $"'{old}' after {from}");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    /// <summary>The catalog with a control of its own after the groups, written indented: its list is as deep as the groups'.</summary>
    private static string WithOwnControls(string text)
    {
        var root = JsonNode.Parse(text)!;
        var catalog = root["catalog"]!.AsObject();
        var back = catalog["back-matter"];
        catalog.Remove("back-matter");
        catalog["controls"] = new JsonArray(new JsonObject { ["id"] = "own-1", ["title"] = "A control of the catalog itself" });
        if (back is not null) catalog["back-matter"] = back.DeepClone();
        var indented = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.Contains("\n      {\n        \"id\": \"own-1\"", indented, StringComparison.Ordinal);
        return indented;
    }

    [Fact]
    public void TryRead_FileCutOffInItsGroups_GivesUp()
    {
        var bytes = OscalCatalogFiles.Bytes(OscalCatalogFiles.NistLow);

        Assert.Null(OscalStreamReader.TryRead(bytes.AsMemory(0, bytes.Length * 2 / 3)));
    }

    [Fact]
    public void TryRead_ManyReadsAtOnce_GiveTheSameDocumentEach()
    {
        var bytes = OscalCatalogFiles.Bytes(OscalCatalogFiles.NistLow);
        var expected = JsonSerializer.Serialize(OscalTreeReader.Read(bytes).Document);

        var read = new string[8];
        Parallel.For(0, read.Length, i => read[i] = JsonSerializer.Serialize(OscalStreamReader.TryRead(bytes)));

        Assert.All(read, json => Assert.Equal(expected, json));
    }

    /// <summary>The fast path's document, after checking that it is the tree reader's for the same bytes.</summary>
    private static CatalogueDocument ReadsAsTheTreeReader(byte[] bytes)
    {
        var fast = OscalStreamReader.TryRead(bytes);
        Assert.NotNull(fast);
        var tree = OscalTreeReader.Read(bytes);
        Assert.Empty(tree.Problems);
        AssertSame(tree.Document!, fast);
        return fast;
    }

    private static void AssertSame(CatalogueDocument expected, CatalogueDocument actual)
    {
        Assert.Equal(CatalogueFingerprint.Current(expected), CatalogueFingerprint.Current(actual));
        // Every field, source paths included, and the extras as the exact strings.
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        Assert.Equal(expected.Controls.Select(c => c.Extra), actual.Controls.Select(c => c.Extra));
        Assert.Equal(expected.Sections.Select(s => s.Extra), actual.Sections.Select(s => s.Extra));
    }

    private static byte[] Variant(byte[] bytes, string variant)
    {
        switch (variant)
        {
            case "as is":
                return bytes;
            case "export":
                return Export(bytes);
            case "reversed":
                return Encoding.UTF8.GetBytes(Reverse(JsonNode.Parse(bytes)!)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            case "escaped":
                // The default encoder escapes non-ASCII, quotes in text, '<', '>', '&', '+' and more: names and strings the reader must unescape.
                return Encoding.UTF8.GetBytes(JsonNode.Parse(bytes)!.ToJsonString());
            case "reversed export":
                return Encoding.UTF8.GetBytes(Reverse(JsonNode.Parse(Export(bytes))!)!.ToJsonString());
            default:
                throw new ArgumentOutOfRangeException(nameof(variant));
        }
    }

    private static byte[] Export(byte[] bytes)
    {
        var document = OscalTreeReader.Read(bytes).Document!;
        using var stream = new MemoryStream();
        OscalCatalogWriter.Write(document, stream, new FakeTimeProvider(Now));
        return stream.ToArray();
    }

    /// <summary>The same JSON with the properties of every object in reverse order.</summary>
    private static JsonNode? Reverse(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Reverse).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
