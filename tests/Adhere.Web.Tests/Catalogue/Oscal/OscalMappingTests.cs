using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;
using Adhere.Web.Tests.Infrastructure;
using Json.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Web.Tests.Catalogue.Oscal;

/// <summary>
/// OSCAL 1.2.1 mapping collections: the writer's output validates against NIST's schema, and what it writes the
/// reader gives back; foreign files import with derived keys; bad files report every problem with its path.
/// </summary>
public sealed class OscalMappingTests
{
    private const string Iso27001 = "iso-27001-2022";
    private const string Iso27701 = "iso-27701-2019";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);

    private static readonly Lazy<JsonSchema> MappingSchema = new(() => JsonSchema.FromText(
        File.ReadAllText(RepositoryFiles.Shared("oscal/schema/oscal_mapping_schema.json")),
        // Our own registry: the global one refuses a second schema with the same $id (another test may load it too).
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    [Fact]
    public void Write_CatalogueWithTwoStandards_ValidatesAgainstOfficialSchema()
    {
        var json = WriteToString(CreateDocument());

        Assert.Empty(SchemaErrors(json));
    }

    [Theory]
    [InlineData("missing provenance")]
    [InlineData("relationship that is not a token")]
    [InlineData("item type outside the enumeration")]
    [InlineData("uuid that is not a UUID")]
    [InlineData("last-modified that is not a date-time")]
    [InlineData("property the schema does not know")]
    public void Validate_DeliberatelyBrokenDocument_FailsValidation(string breakage)
    {
        var root = JsonNode.Parse(WriteToString(CreateDocument()))!;
        var collection = root["mapping-collection"]!.AsObject();
        var map = collection["mappings"]![0]!["maps"]![0]!.AsObject();
        switch (breakage)
        {
            case "missing provenance": collection.Remove("provenance"); break;
            case "relationship that is not a token": map["relationship"] = "similar to"; break;
            case "item type outside the enumeration": map["sources"]![0]!["type"] = "clause"; break;
            case "uuid that is not a UUID": map["uuid"] = "not-a-uuid"; break;
            case "last-modified that is not a date-time": collection["metadata"]!["last-modified"] = "yesterday"; break;
            case "property the schema does not know": map["title"] = "Not allowed on a map"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }

        Assert.NotEmpty(SchemaErrors(root.ToJsonString()));
    }

    [Fact]
    public void Validate_TokenWithNonAsciiLetters_PassesBecauseUnicodeClassesAreHonoured()
    {
        // TokenDatatype is ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$: "équivalent-à" is a token, "1-to-1" (a leading digit) is not.
        var root = JsonNode.Parse(WriteToString(CreateDocument()))!;
        var map = root["mapping-collection"]!["mappings"]![0]!["maps"]![0]!;

        map["relationship"] = "équivalent-à";
        var accented = SchemaErrors(root.ToJsonString());
        map["relationship"] = "1-to-1";
        var leadingDigit = SchemaErrors(root.ToJsonString());

        Assert.Empty(accented);
        Assert.NotEmpty(leadingDigit);
    }

    [Fact]
    public void Read_SimilarToRelationship_SchemaAcceptsButReaderRejects()
    {
        // The JSON schema types a relationship as any token; only the reader holds it to the OSCAL vocabulary.
        var root = JsonNode.Parse(WriteToString(CreateDocument()))!;
        root["mapping-collection"]!["mappings"]![0]!["maps"]![2]!["relationship"] = "similar-to";
        var json = root.ToJsonString();

        var result = Read(json);

        Assert.Empty(SchemaErrors(json));
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.mapping-collection.mappings[0].maps[2].relationship", problem.Location);
        Assert.Equal("catalogue.unknown-relationship", problem.Code);
        Assert.Empty(result.Mappings);
    }

    [Fact]
    public void Write_SameDocumentAndTime_IsByteIdentical()
    {
        var first = WriteToBytes(CreateDocument(), new FakeTimeProvider(Now));
        var second = WriteToBytes(CreateDocument(), new FakeTimeProvider(Now));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_LaterTime_ChangesOnlyLastModified()
    {
        var first = WriteToString(CreateDocument());
        var later = Encoding.UTF8.GetString(WriteToBytes(CreateDocument(), new FakeTimeProvider(Now.AddDays(3))));

        Assert.Equal(first.Replace("2026-03-01T09:30:15Z", "2026-03-04T09:30:15Z", StringComparison.Ordinal), later);
    }

    [Fact]
    public void Write_ChangedRationale_KeepsMapUuidButChangesCollectionUuid()
    {
        var document = CreateDocument();
        var edited = document with { Mappings = [document.Mappings[0] with { Rationale = "Reworded." }, .. document.Mappings.Skip(1)] };

        var before = JsonNode.Parse(WriteToString(document))!["mapping-collection"]!;
        var after = JsonNode.Parse(WriteToString(edited))!["mapping-collection"]!;

        Assert.Equal(before["mappings"]![0]!["maps"]![0]!["uuid"]!.GetValue<string>(), after["mappings"]![0]!["maps"]![0]!["uuid"]!.GetValue<string>());
        Assert.NotEqual(before["uuid"]!.GetValue<string>(), after["uuid"]!.GetValue<string>());
    }

    [Fact]
    public void Write_Resources_NameCatalogueAndStandardsByUrn()
    {
        var mappings = JsonNode.Parse(WriteToString(CreateDocument()))!["mapping-collection"]!["mappings"]!.AsArray();

        Assert.Equal(2, mappings.Count);
        Assert.Equal("urn:adhere:catalogue:EU%20Cloud%20Code%20of%20Conduct:2.11", mappings[0]!["source-resource"]!["href"]!.GetValue<string>());
        Assert.Equal("urn:adhere:standard:iso-27001-2022", mappings[0]!["target-resource"]!["href"]!.GetValue<string>());
        Assert.Equal("urn:adhere:standard:iso-27701-2019", mappings[1]!["target-resource"]!["href"]!.GetValue<string>());
        Assert.Equal(4, mappings[0]!["maps"]!.AsArray().Count);
        Assert.Equal(3, mappings[1]!["maps"]!.AsArray().Count);
    }

    [Fact]
    public void Write_NoMappings_Throws()
    {
        var document = CreateDocument() with { Mappings = [] };

        Assert.Throws<ArgumentException>(() => WriteToString(document));
    }

    [Fact]
    public void WriteThenRead_TwoStandards_GivesBackMappingsStandardsAndCatalogue()
    {
        var document = CreateDocument();

        var result = Read(WriteToString(document));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Mappings.Count);
        foreach (var mapping in result.Mappings)
        {
            Assert.True(mapping.Source.IsAdhere);
            Assert.Equal("EU Cloud Code of Conduct", mapping.Source.Name);
            Assert.Equal("2.11", mapping.Source.Version);
        }

        Assert.Equal([Iso27001, Iso27701], result.Mappings.Select(m => m.Standard.Key));
        foreach (var (expected, actual) in document.Standards.Zip(result.Mappings.Select(m => m.Standard)))
        {
            Assert.Equal(expected.Key, actual.Key);
            Assert.Equal(expected.Title, actual.Title);
            Assert.Equal(expected.Publisher, actual.Publisher);
            Assert.Equal(expected.Clauses, actual.Clauses);
        }

        Assert.Equal(document.Mappings, result.Mappings.SelectMany(m => m.Mappings).Select(m => m with { SourcePath = null }));
        Assert.Equal("$.mapping-collection.mappings[1].maps[2]", result.Mappings[1].Mappings[2].SourcePath);
    }

    [Fact]
    public void WriteThenRead_NameWithColonSlashAndUmlaut_ParsesBackFromUrn()
    {
        var document = CreateDocument() with { Code = CreateDocument().Code with { Name = "Größe: Cloud/Code", Version = "3.0:rc 1" } };

        var json = WriteToString(document);
        var source = Assert.Single(Read(json).Mappings.Select(m => m.Source).DistinctBy(s => s.Href));

        Assert.Empty(SchemaErrors(json));
        Assert.Equal("Größe: Cloud/Code", source.Name);
        Assert.Equal("3.0:rc 1", source.Version);
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndColumn()
    {
        const string json = "{\n  \"mapping-collection\": {\n    \"uuid\": \"x\",,\n  }\n}\n";

        var result = Read(json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("catalogue.malformed-json", problem.Code);
        Assert.Equal("line 3, column 17", problem.Location);
        Assert.Empty(result.Mappings);
    }

    [Fact]
    public void Read_SeveralUnknownRelationships_ReportsEachWithItsPath()
    {
        var root = JsonNode.Parse(WriteToString(CreateDocument()))!;
        var mappings = root["mapping-collection"]!["mappings"]!;
        mappings[0]!["maps"]![1]!["relationship"] = "similar-to";
        mappings[0]!["maps"]![3]!["relationship"] = "equivalent";
        mappings[1]!["maps"]![0]!["relationship"] = "related";

        var result = Read(root.ToJsonString());

        Assert.Empty(result.Mappings);
        Assert.All(result.Problems, p => Assert.Equal("catalogue.unknown-relationship", p.Code));
        Assert.All(result.Problems, p => Assert.Contains("equal-to, subset-of, superset-of, intersects-with, no-relationship", p.Message, StringComparison.Ordinal));
        Assert.Equal(
            [
                "$.mapping-collection.mappings[0].maps[1].relationship",
                "$.mapping-collection.mappings[0].maps[3].relationship",
                "$.mapping-collection.mappings[1].maps[0].relationship",
            ],
            result.Problems.Select(p => p.Location));
        Assert.Contains("'similar-to'", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingParts_ReportsEveryOneWithItsPath()
    {
        const string json = """
            {"mapping-collection": {"mappings": [
              {"source-resource": {"type": "catalog", "href": "https://example.org/ccm.json"},
               "maps": [
                 {"relationship": "equal-to", "targets": [{"type": "control", "id-ref": "ac-1"}]},
                 {"relationship": "subset-of", "sources": [{"type": "control"}], "targets": [{"type": "parameter", "id-ref": "ac-1_prm_1"}]}
               ]}
            ]}}
            """;

        var result = Read(json);

        Assert.Equal(
            [
                ("$.mapping-collection.mappings[0].target-resource", "catalogue.oscal-missing-field"),
                ("$.mapping-collection.mappings[0].maps[0].sources", "catalogue.oscal-missing-field"),
                ("$.mapping-collection.mappings[0].maps[1].sources[0].id-ref", "catalogue.oscal-missing-field"),
                ("$.mapping-collection.mappings[0].maps[1].targets[0].type", "catalogue.oscal-unsupported-item-type"),
            ],
            result.Problems.Select(p => (p.Location, p.Code)));
    }

    [Fact]
    public void Read_NotAMappingCollection_SaysSo()
    {
        var result = Read("""{"catalog": {"uuid": "x"}}""");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$", "catalogue.oscal-not-mapping-collection"), (problem.Location, problem.Code));
    }

    [Fact]
    public void Read_ForeignCollection_ImportsWithDerivedKeysAndExpandsPairs()
    {
        // Written by hand the way another tool would: back-matter indirection, several sources and targets per map,
        // statement items, no Adhere props.
        const string json = """
            {
              "mapping-collection": {
                "uuid": "9b0d6a1e-3c4f-4d2a-9e8b-1f2a3b4c5d6e",
                "metadata": {"title": "CCM v4 to SP 800-53 and ISO 27001", "last-modified": "2025-11-02T10:00:00Z", "version": "1.0", "oscal-version": "1.2.1"},
                "provenance": {"method": "hybrid", "matching-rationale": "functional", "status": "draft", "mapping-description": "Illustrative."},
                "mappings": [
                  {
                    "uuid": "0f8e7d6c-5b4a-4392-8a1b-2c3d4e5f6a7b",
                    "source-resource": {"type": "catalog", "href": "https://example.org/catalogs/csa-ccm-v4.json"},
                    "target-resource": {"type": "catalog", "href": "#5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"},
                    "maps": [
                      {"uuid": "11111111-2222-4333-8444-555555555555", "relationship": "subset-of",
                       "sources": [{"type": "control", "id-ref": "IAM-01"}, {"type": "control", "id-ref": "IAM-02"}],
                       "targets": [{"type": "control", "id-ref": "ac-1"}, {"type": "statement", "id-ref": "ac-2_smt.a"}],
                       "remarks": "Identity policies."},
                      {"uuid": "66666666-7777-4888-9999-aaaaaaaaaaaa", "relationship": "equal-to",
                       "sources": [{"type": "statement", "id-ref": "IAM-03_smt"}],
                       "targets": [{"type": "control", "id-ref": "ac-1"}]}
                    ]
                  },
                  {
                    "uuid": "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff",
                    "source-resource": {"type": "catalog", "href": "https://example.org/catalogs/csa-ccm-v4.json"},
                    "target-resource": {"type": "catalog", "href": "https://example.org/catalogs/iso-27001-2022.json"},
                    "maps": [
                      {"uuid": "12345678-1234-4234-8234-123456789abc", "relationship": "intersects-with",
                       "sources": [{"type": "control", "id-ref": "CEK-03"}],
                       "targets": [{"type": "control", "id-ref": "A.8.24"}]}
                    ]
                  }
                ],
                "back-matter": {"resources": [{"uuid": "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170", "title": "NIST SP 800-53 Rev. 5"}]}
              }
            }
            """;
        Assert.Empty(SchemaErrors(json));

        var result = Read(json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Mappings.Count);
        var nist = result.Mappings[0];
        Assert.False(nist.Source.IsAdhere);
        Assert.Equal("https://example.org/catalogs/csa-ccm-v4.json", nist.Source.Href);
        Assert.Equal("nist-sp-800-53-rev-5", nist.Standard.Key);
        Assert.Equal("NIST SP 800-53 Rev. 5", nist.Standard.Title);
        Assert.Null(nist.Standard.Publisher);
        Assert.Equal([new ClauseDraft("ac-1", ""), new ClauseDraft("ac-2_smt.a", "")], nist.Standard.Clauses);
        Assert.Equal(
            [
                new MappingDraft("IAM-01", "nist-sp-800-53-rev-5", "ac-1", MappingRelationship.SubsetOf, "Identity policies.", false),
                new MappingDraft("IAM-01", "nist-sp-800-53-rev-5", "ac-2_smt.a", MappingRelationship.SubsetOf, "Identity policies.", false),
                new MappingDraft("IAM-02", "nist-sp-800-53-rev-5", "ac-1", MappingRelationship.SubsetOf, "Identity policies.", false),
                new MappingDraft("IAM-02", "nist-sp-800-53-rev-5", "ac-2_smt.a", MappingRelationship.SubsetOf, "Identity policies.", false),
                new MappingDraft("IAM-03_smt", "nist-sp-800-53-rev-5", "ac-1", MappingRelationship.EqualTo, null, false),
            ],
            nist.Mappings.Select(m => m with { SourcePath = null }));
        Assert.Equal("$.mapping-collection.mappings[0].maps[1]", nist.Mappings[4].SourcePath);

        var iso = result.Mappings[1];
        Assert.Equal("iso-27001-2022", iso.Standard.Key);
        Assert.Equal("https://example.org/catalogs/iso-27001-2022.json", iso.Standard.Title);
        Assert.Equal([new ClauseDraft("A.8.24", "")], iso.Standard.Clauses);
        Assert.Equal(MappingRelationship.IntersectsWith, Assert.Single(iso.Mappings).Relationship);
    }

    [Fact]
    public void Read_MappingsAsSingleObject_IsAccepted()
    {
        // The schema allows "mappings" to be one object instead of a list.
        const string json = """
            {"mapping-collection": {"mappings": {
              "source-resource": {"type": "profile", "href": "https://example.org/profile.json"},
              "target-resource": {"type": "catalog", "href": "https://example.org/Cloud_Controls.json"},
              "maps": [{"relationship": "no-relationship", "sources": [{"type": "control", "id-ref": "x-1"}], "targets": [{"type": "control", "id-ref": "y-1"}]}]
            }}}
            """;

        var result = Read(json);

        var mapping = Assert.Single(result.Mappings);
        Assert.Equal("$.mapping-collection.mappings", mapping.Path);
        Assert.Equal("cloud-controls", mapping.Standard.Key);
        Assert.Equal(MappingRelationship.NoRelationship, Assert.Single(mapping.Mappings).Relationship);
    }

    private static CatalogueDocument CreateDocument() => new(
        new CodeInfo("EU Cloud Code of Conduct", "2.11", "SCOPE Europe", new DateOnly(2025, 1, 15), null, CatalogueStatus.Active,
            "The EU Cloud Code of Conduct.", IsDemo: false, "native", null),
        [],
        [],
        [],
        [
            new StandardDraft(Iso27001, "ISO/IEC 27001:2022", "ISO/IEC",
            [
                new ClauseDraft("A.5.1", "Policies for information security"),
                new ClauseDraft("A.5.19", "Information security in supplier relationships"),
                new ClauseDraft("A.8.24", "Use of cryptography"),
            ]),
            new StandardDraft(Iso27701, "ISO/IEC 27701:2019", "ISO/IEC",
            [
                new ClauseDraft("6.12.1.2", "Addressing security within supplier agreements"),
                new ClauseDraft("7.2.8", "Records related to processing PII"),
            ]),
        ],
        [
            new MappingDraft("5.1.A", Iso27001, "A.5.1", MappingRelationship.EqualTo, "Both require a documented information security policy.", false),
            new MappingDraft("5.1.B", Iso27001, "A.5.1", MappingRelationship.SubsetOf, null, true),
            new MappingDraft("6.2.C", Iso27001, "A.5.19", MappingRelationship.SupersetOf, "Covers supplier relationships.\nAnd the sub-processors' duties too.", false),
            new MappingDraft("7.1.A", Iso27001, "A.8.24", MappingRelationship.IntersectsWith, null, false),
            new MappingDraft("5.1.A", Iso27701, "6.12.1.2", MappingRelationship.NoRelationship, "Examined: unrelated.", true),
            new MappingDraft("6.2.C", Iso27701, "7.2.8", MappingRelationship.IntersectsWith, "Records of processing & sub-processors (Art. 30 GDPR).", true),
            new MappingDraft("7.1.A", Iso27701, "7.2.8", MappingRelationship.EqualTo, null, false),
        ],
        []);

    private static string WriteToString(CatalogueDocument document) =>
        Encoding.UTF8.GetString(WriteToBytes(document, new FakeTimeProvider(Now)));

    private static byte[] WriteToBytes(CatalogueDocument document, TimeProvider time)
    {
        using var stream = new MemoryStream();
        OscalMappingWriter.Write(document, stream, time);
        return stream.ToArray();
    }

    private static OscalMappingReadResult Read(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return OscalMappingReader.Read(stream);
    }

    private static List<string> SchemaErrors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var evaluation = MappingSchema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (evaluation.IsValid) return [];

        var errors = (evaluation.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        // An invalid result always names at least one error; if not, say so rather than pass silently.
        return errors.Count > 0 ? errors : ["invalid, without details"];
    }
}
