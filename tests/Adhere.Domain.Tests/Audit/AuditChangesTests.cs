using System.Text.Json;
using Adhere.Domain.Audit;

namespace Adhere.Domain.Tests.Audit;

public class AuditChangesTests
{
    [Fact]
    public void None_HasNoFieldsAndSerialisesToEmptyObject()
    {
        var changes = AuditChanges.None;

        Assert.Empty(changes.Fields);
        Assert.Equal("{}", changes.ToCanonicalJson());
    }

    [Fact]
    public void None_ReturnsAFreshInstanceEachTime()
    {
        AuditChanges.None.Set("name", "a", "b");

        Assert.Empty(AuditChanges.None.Fields);
    }

    [Theory]
    [InlineData("same", "same")]
    [InlineData(null, null)]
    public void Set_UnchangedValue_IsLeftOut(string? from, string? to)
    {
        var changes = new AuditChanges().Set("name", from, to);

        Assert.Empty(changes.Fields);
        Assert.Equal("{}", changes.ToCanonicalJson());
    }

    [Fact]
    public void Set_ValueDiffersOnlyInCase_IsRecorded()
    {
        var changes = new AuditChanges().Set("name", "acme", "Acme");

        Assert.Equal(("acme", "Acme"), changes.Fields["name"]);
    }

    [Fact]
    public void Set_SameFieldTwice_KeepsTheLastChange()
    {
        var changes = new AuditChanges().Set("name", "a", "b").Set("name", "b", "c");

        Assert.Equal("""{"name":{"from":"b","to":"c"}}""", changes.ToCanonicalJson());
    }

    [Fact]
    public void Added_Value_RecordsFromNull()
    {
        var changes = new AuditChanges().Added("website", "https://example.com");

        Assert.Equal("""{"website":{"from":null,"to":"https://example.com"}}""", changes.ToCanonicalJson());
    }

    [Fact]
    public void Added_NullValue_IsLeftOut()
    {
        var changes = new AuditChanges().Added("address", null);

        Assert.Empty(changes.Fields);
    }

    [Fact]
    public void ToCanonicalJson_ValueRemoved_WritesToAsNull()
    {
        var changes = new AuditChanges().Set("address", "Main St 1", null);

        Assert.Equal("""{"address":{"from":"Main St 1","to":null}}""", changes.ToCanonicalJson());
    }

    [Fact]
    public void ToCanonicalJson_KeysInOrdinalOrder_RegardlessOfInsertionOrder()
    {
        var changes = new AuditChanges()
            .Set("b", "1", "2")
            .Set("a", "1", "2")
            .Set("_", "1", "2")
            .Set("B", "1", "2");

        // Ordinal: 'B' (0x42) < '_' (0x5F) < 'a' (0x61) < 'b' (0x62); a culture-aware sort would differ.
        Assert.Equal(["B", "_", "a", "b"], changes.Fields.Keys);
        Assert.Equal(
            """{"B":{"from":"1","to":"2"},"_":{"from":"1","to":"2"},"a":{"from":"1","to":"2"},"b":{"from":"1","to":"2"}}""",
            changes.ToCanonicalJson());
    }

    [Fact]
    public void ToCanonicalJson_SameChangesInOtherOrder_GivesSameText()
    {
        var one = new AuditChanges().Set("name", "a", "b").Added("role", "csp-viewer");
        var other = new AuditChanges().Added("role", "csp-viewer").Set("name", "a", "b");

        Assert.Equal(one.ToCanonicalJson(), other.ToCanonicalJson());
    }

    [Fact]
    public void ToCanonicalJson_QuotesAndSpecialCharacters_AreEscapedStably()
    {
        var changes = new AuditChanges().Set("name", "say \"hi\"", "<b>'é+\\");

        var json = changes.ToCanonicalJson();

        Assert.Equal("""{"name":{"from":"say \u0022hi\u0022","to":"\u003Cb\u003E\u0027\u00E9\u002B\\"}}""", json);
    }

    [Fact]
    public void ToCanonicalJson_ValueThatLooksLikeJson_RoundTripsAsPlainString()
    {
        const string sneaky = "x\",\"to\":\"forged";
        var changes = new AuditChanges().Set("name", "plain", sneaky);

        using var document = JsonDocument.Parse(changes.ToCanonicalJson());

        var name = document.RootElement.GetProperty("name");
        Assert.Equal("plain", name.GetProperty("from").GetString());
        Assert.Equal(sneaky, name.GetProperty("to").GetString());
        Assert.Single(document.RootElement.EnumerateObject());
    }
}
