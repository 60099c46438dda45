using System.Security.Cryptography;
using System.Text;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Web.Tests.Catalogue.Oscal;

/// <summary>
/// What the reader makes of the sample files, pinned: the catalogue fingerprint (content, order and the exact
/// <c>Extra</c> JSON) and a hash of the source paths, computed with the JsonDocument-based reader before the one-pass
/// reader replaced it (ADR 0030). A stored catalogue must re-import to the same fingerprint, so these must not move.
/// </summary>
public sealed class OscalCatalogReaderPinnedTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);

    [Theory]
    [InlineData(OscalCatalogFiles.Basic, "b5c949e58baed49aee546aa377ce6b62457a467b8979a599954660e8c79ca03d", "dc7d86dc8f3af18acf853ecc4e384043a37c585396a37293faa85d6e6f198154")]
    [InlineData(OscalCatalogFiles.NistLow, "45344759ffe451119104f125b0ed4366851b0cd381266b8aef3f9f3722465fa2", "03518be430b74c741067c9e32edf713aede7103c2330d8128f2dbf616689447a")]
    public void Read_SampleCatalog_GivesThePinnedDocument(string file, string fingerprint, string paths)
    {
        var result = OscalCatalogReader.Read(OscalCatalogFiles.Bytes(file));

        Assert.True(result.Succeeded);
        Assert.Equal((fingerprint, paths), (CatalogueFingerprint.Current(result.Document), PathHash(result.Document)));
    }

    // Our export of a sample reads back to the sample's own fingerprint: the round trip loses nothing.
    [Theory]
    [InlineData(OscalCatalogFiles.Basic, "b5c949e58baed49aee546aa377ce6b62457a467b8979a599954660e8c79ca03d")]
    [InlineData(OscalCatalogFiles.NistLow, "45344759ffe451119104f125b0ed4366851b0cd381266b8aef3f9f3722465fa2")]
    public void Read_OwnExportOfSampleCatalog_GivesThePinnedDocument(string file, string fingerprint)
    {
        var first = OscalCatalogReader.Read(OscalCatalogFiles.Bytes(file)).Document!;
        using var exported = new MemoryStream();
        OscalCatalogWriter.Write(first, exported, new FakeTimeProvider(Now));

        var result = OscalCatalogReader.Read(exported.ToArray());

        Assert.True(result.Succeeded);
        Assert.Equal(fingerprint, CatalogueFingerprint.Current(result.Document));
    }

    [Theory]
    [InlineData("ssp-example.json", "$ catalogue.oscal-not-catalog The file is not an OSCAL catalog: it needs an object named 'catalog' at the top. This file holds an OSCAL 'system-security-plan'.")]
    [InlineData("ifa_assessment-plan-example.json", "$ catalogue.oscal-not-catalog The file is not an OSCAL catalog: it needs an object named 'catalog' at the top. This file holds an OSCAL 'assessment-plan'.")]
    [InlineData("ifa_assessment-results-example.json", "$ catalogue.oscal-not-catalog The file is not an OSCAL catalog: it needs an object named 'catalog' at the top. This file holds an OSCAL 'assessment-results'.")]
    public void Read_OtherOscalModel_GivesThePinnedProblems(string file, string problems)
    {
        var result = OscalCatalogReader.Read(OscalCatalogFiles.Bytes(file));

        Assert.False(result.Succeeded);
        Assert.Equal(problems, string.Join(" | ", result.Problems.Select(p => $"{p.Location} {p.Code} {p.Message}")));
    }

    private static string PathHash(CatalogueDocument document)
    {
        var text = new StringBuilder();
        foreach (var s in document.Sections) text.Append(s.Key).Append('=').Append(s.SourcePath).Append('\n');
        foreach (var c in document.Controls) text.Append(c.Key).Append('=').Append(c.SourcePath).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
