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
}
