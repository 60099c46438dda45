using Adhere.Core.Complaints.Measures;
using Adhere.Domain.Complaints;
using Microsoft.Extensions.Configuration;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The <c>Complaints:Measures</c>, <c>Complaints:Authorities</c> and <c>Complaints:DefaultAuthority</c> settings, read as the host reads them at start-up.</summary>
public sealed class ComplaintMeasureSettingsTests
{
    private static ComplaintMeasureSettings Read(Dictionary<string, string?> values) =>
        ComplaintMeasureSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void From_NothingConfigured_GivesTheDefaultCatalogueAndNoAuthority()
    {
        var settings = Read([]);

        Assert.Equal(MeasureCatalogue.Default.Kinds, settings.Catalogue.Kinds);
        Assert.Null(settings.AuthorityFor("Any Code"));
    }

    [Fact]
    public void From_ConfiguredCatalogueAndAuthorities_ChoosesTheAuthorityByCodeElseTheDefault()
    {
        var settings = Read(new()
        {
            ["Complaints:Measures:0:Key"] = "warning",
            ["Complaints:Measures:0:Name"] = "Formal warning",
            ["Complaints:Measures:0:Effect"] = "none",
            ["Complaints:Measures:1:Key"] = "exclusion",
            ["Complaints:Measures:1:Name"] = "Exclusion",
            ["Complaints:Measures:1:Effect"] = "revocation",
            ["Complaints:Authorities:0:Code"] = "EU Cloud Code",
            ["Complaints:Authorities:0:Name"] = "Lead Authority",
            ["Complaints:Authorities:0:Email"] = "lead@authority.example",
            ["Complaints:DefaultAuthority:Name"] = "Fallback Authority",
            ["Complaints:DefaultAuthority:Email"] = "fallback@authority.example",
        });

        Assert.Equal([("warning", MeasureEffect.None), ("exclusion", MeasureEffect.Revocation)], settings.Catalogue.Kinds.Select(k => (k.Key, k.Effect)));
        Assert.Equal("lead@authority.example", settings.AuthorityFor("eu cloud code")?.Email);
        Assert.Equal("fallback@authority.example", settings.AuthorityFor("Another Code")?.Email);
    }

    [Theory]
    [InlineData("Complaints:Measures:0:Effect", "fine", "the effect 'fine'")]
    [InlineData("Complaints:Measures:1:Key", "warning", "more than once")]
    [InlineData("Complaints:Authorities:0:Email", "not-an-address", "a valid Email")]
    public void From_Malformed_FailsAtStartUpNamingTheProblem(string key, string value, string expected)
    {
        Dictionary<string, string?> values = new()
        {
            ["Complaints:Measures:0:Key"] = "warning",
            ["Complaints:Measures:0:Name"] = "Warning",
            ["Complaints:Measures:0:Effect"] = "none",
            ["Complaints:Measures:1:Key"] = "suspension",
            ["Complaints:Measures:1:Name"] = "Suspension",
            ["Complaints:Measures:1:Effect"] = "suspension",
            ["Complaints:Authorities:0:Code"] = "Code",
            ["Complaints:Authorities:0:Name"] = "Authority",
            ["Complaints:Authorities:0:Email"] = "a@authority.example",
        };
        values[key] = value;

        var error = Assert.Throws<InvalidOperationException>(() => Read(values));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
