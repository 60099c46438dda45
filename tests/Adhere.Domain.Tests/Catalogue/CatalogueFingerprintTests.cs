using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Adhere.Domain.Catalogue;

namespace Adhere.Domain.Tests.Catalogue;

/// <summary>
/// Stored versions keep the fingerprint of their last import, and an import with the same fingerprint changes
/// nothing: the bytes hashed must never change, or every re-import of an already imported file becomes an update.
/// </summary>
public sealed class CatalogueFingerprintTests
{
    // The options the fingerprint has always serialised with.
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    private static CatalogueDocument Document(int controls) =>
        new(new CodeInfo("Code «ü»", "2.0", "Owner", new DateOnly(2026, 1, 2), null, CatalogueStatus.Active, "Über <b>&</b>", false, "oscal", "src"),
            [new SectionDraft("5", null, "Data protection", "Desc", "{\"x\":1}", SourcePath: "$.groups[0]")],
            [.. Enumerable.Range(0, controls).Select(i => new ControlDraft($"5.{i}", "5", null, $"Title {i} — ü \"q\"", $"Statement {{{{ insert: param, p{i} }}}}.",
                "Guidance", ["Art. 28(3)"], ["tag"], null,
                [new ParameterDraft($"p{i}", "label", ["a", "b"], "one-or-more", null, ["v"])], null) with { SourcePath = $"$.controls[{i}]" })],
            [new ModuleDraft("m", "Module", null)],
            [new StandardDraft("iso", "ISO", null, [new ClauseDraft("A.1", "One")])],
            [new MappingDraft("5.0", "iso", "A.1", MappingRelationship.SubsetOf, "why", false)],
            [new TransitionDraft("1.0", [new TransitionRow("5.x", "5.0", null)])]);

    [Fact]
    public void Of_SmallDocument_IsThePinnedValue()
    {
        Assert.Equal("88790ef05b3aa3d853f3f1b64962def0d817109d33d38b108a1c15272644ec75", CatalogueFingerprint.Of(Document(2)));
    }

    [Fact]
    public void Of_LargeDocument_IsTheHashOfTheSerialisedDocumentWithoutSourcePaths()
    {
        // Large enough that a streaming serialiser flushes many times.
        var document = Document(3000);
        var content = document with
        {
            Sections = [.. document.Sections.Select(s => s with { SourcePath = null })],
            Controls = [.. document.Controls.Select(c => c with { SourcePath = null })],
            Mappings = [.. document.Mappings.Select(m => m with { SourcePath = null })],
        };
        var expected = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, Options)));

        Assert.Equal(expected, CatalogueFingerprint.Of(document));
    }

    [Fact]
    public void Current_SmallDocument_IsThePinnedValue()
    {
        // Stored by every import since the second scheme: this value must not change either.
        Assert.Equal(Pinned, CatalogueFingerprint.Current(Document(2)));
    }

    [Fact]
    public void Current_SourcePathsDiffer_IsEqual()
    {
        var document = Document(3);
        var moved = document with
        {
            Sections = [.. document.Sections.Select(s => s with { SourcePath = "$.elsewhere" })],
            Controls = [.. document.Controls.Select(c => c with { SourcePath = null })],
        };

        Assert.Equal(CatalogueFingerprint.Current(document), CatalogueFingerprint.Current(moved));
    }

    [Fact]
    public void Current_AnyFieldChanges_Differs()
    {
        var document = Document(3);
        var control = document.Controls[1];
        var parameter = control.Parameters[0];
        var variants = new[]
        {
            document with { Code = document.Code with { Owner = null } },
            document with { Code = document.Code with { ApprovedOn = new DateOnly(2026, 1, 3) } },
            document with { Code = document.Code with { Status = CatalogueStatus.Draft } },
            document with { Code = document.Code with { IsDemo = true } },
            document with { Code = document.Code with { SourceId = "other" } },
            document with { Sections = [document.Sections[0] with { Extra = null }] },
            document with { Sections = [document.Sections[0] with { Description = "" }] },
            WithControl(document, control with { Title = control.Title + " " }),
            WithControl(document, control with { Guidance = null }),
            WithControl(document, control with { Tags = ["tag", "more"] }),
            WithControl(document, control with { GdprReferences = [] }),
            WithControl(document, control with { ModuleKey = "m" }),
            WithControl(document, control with { Parameters = [parameter with { Values = [] }] }),
            WithControl(document, control with { Parameters = [parameter with { Choices = ["a", "b", "c"] }] }),
            WithControl(document, control with { Extra = "{}" }),
            document with { Modules = [] },
            document with { Standards = [document.Standards[0] with { Clauses = [new ClauseDraft("A.1", "Two")] }] },
            document with { Mappings = [document.Mappings[0] with { Relationship = MappingRelationship.EqualTo }] },
            document with { Mappings = [document.Mappings[0] with { IsDemo = true }] },
            document with { Transitions = [new TransitionDraft("1.0", [new TransitionRow("5.x", null, null)])] },
        };

        var original = CatalogueFingerprint.Current(document);
        var fingerprints = variants.Select(CatalogueFingerprint.Current).Append(original).ToList();
        Assert.Equal(fingerprints.Count, fingerprints.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Current_ContentMovesBetweenNeighbouringFields_Differs()
    {
        var a = Document(1) with { Modules = [new ModuleDraft("ab", "c", null)] };
        var b = Document(1) with { Modules = [new ModuleDraft("a", "bc", null)] };

        Assert.NotEqual(CatalogueFingerprint.Current(a), CatalogueFingerprint.Current(b));
    }

    [Fact]
    public void Current_LargeDocument_IsStableAndDiffersFromTheFirstScheme()
    {
        // Large enough that the encoder flushes its buffer many times and hands long strings straight to the hash.
        var document = Document(3000) with { Sections = [new SectionDraft("5", null, "Long", new string('x', 40_000), null)] };

        Assert.Equal(CatalogueFingerprint.Current(document), CatalogueFingerprint.Current(document with { }));
        Assert.NotEqual(CatalogueFingerprint.Of(document), CatalogueFingerprint.Current(document));
    }

    [Fact]
    public void Matches_FingerprintOfEitherScheme_IsTrue()
    {
        var document = Document(2);
        var current = CatalogueFingerprint.Current(document);

        Assert.True(CatalogueFingerprint.Matches(current, document, current));
        Assert.True(CatalogueFingerprint.Matches(CatalogueFingerprint.Of(document), document, current));
    }

    [Fact]
    public void Matches_OtherDocumentOrNothingStored_IsFalse()
    {
        var document = Document(2);
        var current = CatalogueFingerprint.Current(document);
        var other = Document(3);

        Assert.False(CatalogueFingerprint.Matches(CatalogueFingerprint.Of(other), document, current));
        Assert.False(CatalogueFingerprint.Matches(CatalogueFingerprint.Current(other), document, current));
        Assert.False(CatalogueFingerprint.Matches(string.Empty, document, current));
        Assert.False(CatalogueFingerprint.Matches(null, document, current));
    }

    [Fact]
    public void Current_DocumentRecords_HaveTheFieldsItEncodes()
    {
        // A new field in a document record must be added to CatalogueFingerprint.Current (and its scheme tag changed)
        // or it would not count as content: this lists what Current encodes, and fails when the records change.
        var expected = new Dictionary<Type, string>
        {
            [typeof(CatalogueDocument)] = "Code Sections Controls Modules Standards Mappings Transitions",
            [typeof(CodeInfo)] = "Name Version Owner PublishedOn ApprovedOn Status Description IsDemo Origin SourceId",
            [typeof(SectionDraft)] = "Key ParentKey Title Description Extra SourcePath",
            [typeof(ControlDraft)] = "Key SectionKey ParentControlKey Title Statement Guidance GdprReferences Tags ModuleKey Parameters Extra SourcePath",
            [typeof(ParameterDraft)] = "Id Label Choices HowMany Guidance Values",
            [typeof(ModuleDraft)] = "Key Title Description",
            [typeof(StandardDraft)] = "Key Title Publisher Clauses",
            [typeof(ClauseDraft)] = "Ref Title",
            [typeof(MappingDraft)] = "ControlKey StandardKey ClauseRef Relationship Rationale IsDemo SourcePath",
            [typeof(TransitionDraft)] = "FromVersion Controls",
            [typeof(TransitionRow)] = "FromKey ToKey Note",
        };

        foreach (var (type, fields) in expected)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            Assert.Equal(fields, string.Join(' ', constructor.GetParameters().Select(p => p.Name)));
        }
    }

    private const string Pinned = "bebf1d74bf6679e3a4824be03c022d31c2540ba4a0f6025db2b7ecec2855829b";

    private static CatalogueDocument WithControl(CatalogueDocument document, ControlDraft control) =>
        document with { Controls = [.. document.Controls.Select(c => c.Key == control.Key ? control : c)] };
}
