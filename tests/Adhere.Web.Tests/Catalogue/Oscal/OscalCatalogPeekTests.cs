using System.Text;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Catalogue.Oscal;

public sealed class OscalCatalogPeekTests
{
    private static byte[] Shared(string relative) => File.ReadAllBytes(RepositoryFiles.Shared(relative));

    private static (string, string)? Peek(string json) => OscalCatalogPeek.TitleAndVersion(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("oscal/examples/basic-catalog.json")]
    [InlineData("oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json")]
    public void TitleAndVersion_RealCatalog_AreWhatTheFullReadGives(string file)
    {
        var bytes = Shared(file);

        var peeked = OscalCatalogPeek.TitleAndVersion(bytes);

        var code = OscalCatalogReader.Read(bytes).Document!.Code;
        Assert.Equal((code.Name, code.Version), peeked);
    }

    [Fact]
    public void TitleAndVersion_EscapedTitleAfterOtherProperties_IsUnescaped()
    {
        var peeked = Peek("""{"$schema": "x", "catalog": {"uuid": "u", "metadata": {"props": [{"name": "a", "value": "b"}], "title": "Caf\u00e9 \"code\"", "last-modified": "2026-01-01T00:00:00Z", "version": "2.0"}}}""");

        Assert.Equal(("Café \"code\"", "2.0"), peeked);
    }

    [Theory]
    [InlineData("""{"catalog": {"metadata": {"title": "T"}}}""")] // no version
    [InlineData("""{"catalog": {"metadata": {"title": 5, "version": "1"}}}""")] // not a string
    [InlineData("""{"catalog": {"metadata": {"title": "A", "title": "B", "version": "1"}}}""")] // repeated
    [InlineData("""{"catalog": {"metadata": {"title": "T", "version": """)] // cut short
    [InlineData("""{"catalog": [], "metadata": {"title": "T", "version": "1"}}""")] // not a catalog object
    [InlineData("""["catalog"]""")]
    [InlineData("not json")]
    public void TitleAndVersion_NotFoundOrNotPlain_IsNull(string json)
    {
        Assert.Null(Peek(json));
    }

    [Fact]
    public void TitleAndVersion_MetadataBeyondTheLimit_IsNullWithoutReadingFurther()
    {
        var filler = new string('x', OscalCatalogPeek.PeekLimit);
        var json = "{\"catalog\": {\"groups\": [{\"id\": \"g\", \"title\": \"" + filler + "\"}], \"metadata\": {\"title\": \"T\", \"version\": \"1\"}}}";

        Assert.Null(Peek(json));
        Assert.Equal(("T", "1"), Peek(json.Replace(filler, "short", StringComparison.Ordinal)));
    }
}
