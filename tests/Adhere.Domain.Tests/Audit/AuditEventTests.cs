using Adhere.Domain.Audit;
using static Adhere.Domain.Tests.Audit.AuditTestChain;

namespace Adhere.Domain.Tests.Audit;

public class AuditEventTests
{
    [Fact]
    public void Chain_FromGenesis_IsSequenceOneLinkedToGenesis()
    {
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start);

        Assert.Equal(1, e.Sequence);
        Assert.Equal(AuditChain.GenesisHash, e.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(e), e.Hash);
    }

    [Fact]
    public void Chain_AfterAnEntry_NumbersNextAndLinksToItsHash()
    {
        var first = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start);

        var second = AuditEvent.Chain(first.Sequence, first.Hash, Entry(2), Start.AddSeconds(1));

        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void Chain_CopiesEntryAndStoresChangesAsCanonicalJson()
    {
        var entry = new AuditEntry("cli", "cli", "user.invited", "user", "u-42", null,
            new AuditChanges().Added("role", "mb-assessor").Added("email", "bob@example.com"));

        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, entry, Start);

        Assert.Equal("cli", e.ActorId);
        Assert.Equal("cli", e.ActorName);
        Assert.Equal("user.invited", e.Action);
        Assert.Equal("user", e.ObjectType);
        Assert.Equal("u-42", e.ObjectId);
        Assert.Null(e.OrganisationId);
        Assert.Equal("""{"email":{"from":null,"to":"bob@example.com"},"role":{"from":null,"to":"mb-assessor"}}""", e.Changes);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 0)]
    [InlineData(10, 10)]
    [InlineData(19, 10)]
    [InlineData(1_234_567, 1_234_560)]
    public void Chain_SubMicrosecondTicks_TruncatedDownToWholeMicroseconds(long extraTicks, long expectedTicks)
    {
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start.AddTicks(extraTicks));

        Assert.Equal(Start.AddTicks(expectedTicks), e.OccurredAt);
    }

    [Fact]
    public void Chain_InstantWithOffset_StoredAsSameInstantInUtc()
    {
        var local = new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.FromHours(2));

        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), local);

        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
        Assert.Equal(Start, e.OccurredAt);
        Assert.Equal(Start.DateTime, e.OccurredAt.DateTime);
    }

    [Fact]
    public void Chain_SameInstantInDifferentOffsets_GivesSameHash()
    {
        var utc = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start);
        var local = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start.ToOffset(TimeSpan.FromHours(-5)));

        Assert.Equal(utc.Hash, local.Hash);
    }

    [Fact]
    public void Chain_AfterMaximumSequence_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => AuditEvent.Chain(long.MaxValue, AuditChain.GenesisHash, Entry(1), Start));
    }

    [Fact]
    public void Chain_NullEntry_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => AuditEvent.Chain(0, AuditChain.GenesisHash, null!, Start));
    }
}
