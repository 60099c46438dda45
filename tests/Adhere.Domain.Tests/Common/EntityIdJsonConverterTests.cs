using System.Text.Json;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;

namespace Adhere.Domain.Tests.Common;

public class EntityIdJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new EntityIdJsonConverter() } };

    private sealed record Holder(ServiceId Id, CertificateId? Maybe);

    [Fact]
    public void Serialize_Ids_WritesBareGuidsAndReadsThemBack()
    {
        var holder = new Holder(new ServiceId(Guid.Parse("8c1f4a5e-0000-4000-8000-000000000001")), null);

        var json = JsonSerializer.Serialize(holder, Options);
        var back = JsonSerializer.Deserialize<Holder>(json, Options);

        Assert.Equal("""{"Id":"8c1f4a5e-0000-4000-8000-000000000001","Maybe":null}""", json);
        Assert.Equal(holder, back);
    }
}
