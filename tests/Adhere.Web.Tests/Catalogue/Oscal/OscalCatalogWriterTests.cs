using System.Text;
using System.Text.Json.Nodes;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Web.Tests.Catalogue.Oscal;

/// <summary>
/// Writing OSCAL 1.1.3 catalogs: the output validates against NIST's schema (and a broken one does not, so the
/// validation is real), NIST's samples survive read → write → read unchanged, and an Adhere catalogue with keys that
/// are not OSCAL tokens comes back with the same keys, texts and parameters.
/// </summary>
public sealed class OscalCatalogWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);

    [Theory]
    [InlineData(OscalCatalogFiles.Basic)]
    [InlineData(OscalCatalogFiles.NistLow)]
    public void Write_ImportedNistSample_ValidatesAndReadsBackToTheSameDocument(string file)
    {
        var imported = Read(OscalCatalogFiles.Bytes(file));

        var json = WriteToString(imported);
        var reimported = Read(Encoding.UTF8.GetBytes(json));

        Assert.Empty(OscalCatalogFiles.SchemaErrors(json));
        Assert.Equal(CatalogueFingerprint.Of(imported), CatalogueFingerprint.Of(reimported));
        Assert.True(CatalogueDiff.Compare(imported, reimported).IsEmpty);
    }

    [Theory]
    [InlineData(OscalCatalogFiles.Basic)]
    [InlineData(OscalCatalogFiles.NistLow)]
    public void Write_ImportedNistSample_ReproducesEveryGroupAsItWas(string file)
    {
        var bytes = OscalCatalogFiles.Bytes(file);

        var written = JsonNode.Parse(WriteToString(Read(bytes)))!["catalog"]!["groups"]!;

        // Ids, classes, props, links, params, statements with their items, guidance and assessment parts all come back.
        var original = JsonNode.Parse(bytes)!["catalog"]!["groups"]!;
        Assert.True(JsonNode.DeepEquals(original, written));
    }

    [Fact]
    public void Write_HandMadeCatalogue_ValidatesAgainstOfficialSchema()
    {
        var json = WriteToString(CreateDocument());

        Assert.Empty(OscalCatalogFiles.SchemaErrors(json));
    }

    [Theory]
    [InlineData("control id that is not a token")]
    [InlineData("control without title")]
    [InlineData("uuid that is not a UUID")]
    [InlineData("property the schema does not know")]
    public void Validate_DeliberatelyBrokenExport_FailsValidation(string breakage)
    {
        var root = JsonNode.Parse(WriteToString(CreateDocument()))!;
        var catalog = root["catalog"]!.AsObject();
        var control = catalog["groups"]![0]!["groups"]![0]!["controls"]![0]!.AsObject();
        switch (breakage)
        {
            case "control id that is not a token": control["id"] = "5.1.A"; break;
            case "control without title": control.Remove("title"); break;
            case "uuid that is not a UUID": catalog["uuid"] = "not-a-uuid"; break;
            case "property the schema does not know": control["statement"] = "Not allowed on a control"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }

        Assert.NotEmpty(OscalCatalogFiles.SchemaErrors(root.ToJsonString()));
    }

    [Fact]
    public void Write_HandMadeCatalogue_ReadsBackWithSameKeysTextsAndParameters()
    {
        var document = CreateDocument();

        var back = Read(Encoding.UTF8.GetBytes(WriteToString(document)));

        Assert.Equal(document.Code with { SourceId = null, Origin = "oscal" }, back.Code with { SourceId = null });
        Assert.Equal(StripPaths(document.Sections), StripPaths(back.Sections));
        Assert.Equal(document.Controls.Count, back.Controls.Count);
        foreach (var (expected, actual) in document.Controls.Zip(back.Controls))
        {
            Assert.Equal(expected.Key, actual.Key);
            Assert.Equal(expected.SectionKey, actual.SectionKey);
            Assert.Equal(expected.ParentControlKey, actual.ParentControlKey);
            Assert.Equal(expected.Title, actual.Title);
            Assert.Equal(expected.Statement, actual.Statement);
            Assert.Equal(expected.Guidance, actual.Guidance);
            Assert.Equal(expected.GdprReferences, actual.GdprReferences);
            Assert.Equal(expected.Tags, actual.Tags);
            Assert.Equal(expected.ModuleKey, actual.ModuleKey);
            Assert.Equal(Describe(expected.Parameters), Describe(actual.Parameters));
            Assert.Null(actual.Extra);
        }

        Assert.Equal(document.Modules, back.Modules);
        Assert.Empty(CatalogueValidator.Validate(back));
    }

    [Fact]
    public void Write_KeysThatAreNotTokens_GetTokenIdsAndKeepTheKeyInProps()
    {
        var catalog = JsonNode.Parse(WriteToString(CreateDocument()))!["catalog"]!;

        var section = catalog["groups"]![0]!;
        var control = section["groups"]![0]!["controls"]![0]!;
        var enhancement = control["controls"]![0]!;

        Assert.Equal("s-5", section["id"]!.GetValue<string>());
        Assert.Equal("5", Prop(section, "section-id"));
        Assert.Equal("c-5.1.A", control["id"]!.GetValue<string>());
        Assert.Equal("5.1.A", Prop(control, "control-id"));
        Assert.Equal("5.1.A", Prop(control, "label", ns: null));
        Assert.Equal("c-5.1.A_smt", control["parts"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("c-5.1.A_o1_c", enhancement["id"]!.GetValue<string>());
        Assert.Equal("5.1.A(1)", Prop(enhancement, "control-id"));
    }

    [Fact]
    public void Write_SameDocumentTwice_GivesTheSameBytesAndANameBasedUuid()
    {
        var first = WriteToString(CreateDocument());
        var second = WriteToString(CreateDocument());

        Assert.Equal(first, second);
        var uuid = JsonNode.Parse(first)!["catalog"]!["uuid"]!.GetValue<string>();
        Assert.Equal('5', uuid[14]);
        Assert.Equal("2026-03-01T09:30:15Z", JsonNode.Parse(first)!["catalog"]!["metadata"]!["last-modified"]!.GetValue<string>());
    }

    [Fact]
    public void Write_EditedItemOfImportedStatement_KeepsTheItemTree()
    {
        var imported = Read(OscalCatalogFiles.Bytes(OscalCatalogFiles.NistLow));
        var ac1 = imported.Controls.Single(c => c.Key == "ac-1");
        var edited = ac1.Statement.Replace("b. Designate an", "b. Appoint an", StringComparison.Ordinal);
        var document = imported with { Controls = imported.Controls.Select(c => c.Key == "ac-1" ? c with { Statement = edited } : c).ToList() };

        var json = WriteToString(document);

        var statement = JsonNode.Parse(json)!["catalog"]!["groups"]![0]!["controls"]![0]!["parts"]![0]!;
        var itemB = statement["parts"]![1]!;
        Assert.Equal("ac-1_smt.b", itemB["id"]!.GetValue<string>());
        Assert.StartsWith("Appoint an {{ insert: param, ac-01_odp.04 }}", itemB["prose"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(edited, Read(Encoding.UTF8.GetBytes(json)).Controls.Single(c => c.Key == "ac-1").Statement);
    }

    [Fact]
    public void Write_StatementThatNoLongerFitsItsItems_WritesItAsProse()
    {
        var imported = Read(OscalCatalogFiles.Bytes(OscalCatalogFiles.NistLow));
        const string rewritten = "Have an access control policy.";
        var document = imported with { Controls = imported.Controls.Select(c => c.Key == "ac-1" ? c with { Statement = rewritten } : c).ToList() };

        var json = WriteToString(document);

        var statement = JsonNode.Parse(json)!["catalog"]!["groups"]![0]!["controls"]![0]!["parts"]![0]!;
        Assert.Equal("ac-1_smt", statement["id"]!.GetValue<string>());
        Assert.Equal(rewritten, statement["prose"]!.GetValue<string>());
        Assert.Null(statement["parts"]);
        Assert.Empty(OscalCatalogFiles.SchemaErrors(json));
        Assert.Equal(rewritten, Read(Encoding.UTF8.GetBytes(json)).Controls.Single(c => c.Key == "ac-1").Statement);
    }

    [Fact]
    public void Write_ControlsOfTheUngroupedSection_BecomeTopLevelControls()
    {
        var document = CreateDocument() with
        {
            Sections = [.. CreateDocument().Sections, new SectionDraft(OscalCatalogReader.UngroupedSectionKey, null, OscalCatalogReader.UngroupedSectionTitle, null)],
            Controls = [.. CreateDocument().Controls, Control("9.Z", OscalCatalogReader.UngroupedSectionKey, null, "Loose control", "Do it.")],
        };

        var json = WriteToString(document);

        var catalog = JsonNode.Parse(json)!["catalog"]!;
        Assert.Equal("c-9.Z", catalog["controls"]![0]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(catalog["groups"]!.AsArray(), g => g!["id"]!.GetValue<string>() == "_ungrouped");
        Assert.Empty(OscalCatalogFiles.SchemaErrors(json));
        var back = Read(Encoding.UTF8.GetBytes(json));
        Assert.Equal(("9.Z", "_ungrouped"), (back.Controls[0].Key, back.Controls[0].SectionKey));
    }

    private static CatalogueDocument CreateDocument()
    {
        var code = new CodeInfo("EU Cloud Code of Conduct", "2.11", "SCOPE Europe", new DateOnly(2024, 5, 6), new DateOnly(2024, 6, 1),
            CatalogueStatus.Active, "The Code for cloud service providers.", false, "native", null);
        var sections = new List<SectionDraft>
        {
            new("5", null, "Data protection", "Requirements from the GDPR."),
            new("5.1", "5", "Terms and conditions", null),
            new("6", null, "Security", null),
            new("6.2", "6", "Incident management", "Handling incidents."),
        };
        var frequency = new ParameterDraft("p-5.1.A-1", "frequency", [], null, "How often the terms are reviewed.", []);
        var form = new ParameterDraft("p-5.1.A-2", "form of instructions", ["written", "electronic"], "one-or-more", null, []);
        var deadline = new ParameterDraft("p-6.2.P-1", "deadline", [], null, null, ["72 hours"]);
        var controls = new List<ControlDraft>
        {
            Control("5.1.A", "5.1", null, "Processing on instructions",
                "The CSP processes personal data only on {{ insert: param, p-5.1.A-2 }} instructions, reviewed {{ insert: param, p-5.1.A-1 }}.\n  a. Instructions are documented.",
                "Look at the contract.", ["Art. 28(3)(a)", "Art. 29"], ["contract", "instructions"], null, [frequency, form]),
            Control("5.1.A(1)", "5.1", "5.1.A", "Instructions by electronic means", "Electronic instructions are kept.", null, ["Art. 28(3)"], [], "iaas"),
            Control("6.2.P", "6.2", null, "Notification of breaches", "The CSP notifies the customer within {{ insert: param, p-6.2.P-1 }}.",
                null, ["Art. 33(2)"], ["security"], null, [deadline]),
        };
        return new CatalogueDocument(code, sections, controls, [new ModuleDraft("iaas", "Infrastructure", "For IaaS providers.")], [], [], []);
    }

    private static ControlDraft Control(string key, string section, string? parent, string title, string statement, string? guidance = null,
        IReadOnlyList<string>? gdpr = null, IReadOnlyList<string>? tags = null, string? module = null, IReadOnlyList<ParameterDraft>? parameters = null) =>
        new(key, section, parent, title, statement, guidance, gdpr ?? [], tags ?? [], module, parameters ?? []);

    private static List<SectionDraft> StripPaths(IEnumerable<SectionDraft> sections) => sections.Select(s => s with { SourcePath = null }).ToList();

    private static List<string> Describe(IEnumerable<ParameterDraft> parameters) =>
        parameters.Select(p => $"{p.Id}|{p.Label}|{string.Join(";", p.Choices)}|{p.HowMany}|{p.Guidance}|{string.Join(";", p.Values)}").ToList();

    private static string? Prop(JsonNode owner, string name, string? ns = OscalCatalogWriter.Namespace) =>
        owner["props"]?.AsArray()
            .FirstOrDefault(p => p!["name"]!.GetValue<string>() == name && p["ns"]?.GetValue<string>() == ns)?["value"]?.GetValue<string>();

    private static CatalogueDocument Read(byte[] json)
    {
        var result = OscalCatalogReader.Read(json);
        Assert.Empty(result.Problems);
        return result.Document!;
    }

    private static string WriteToString(CatalogueDocument document)
    {
        using var stream = new MemoryStream();
        OscalCatalogWriter.Write(document, stream, new FakeTimeProvider(Now));
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
