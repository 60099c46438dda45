using System.Security.Cryptography;
using System.Text;
using Adhere.Domain.Audit;
using static Adhere.Domain.Tests.Audit.AuditTestChain;

namespace Adhere.Domain.Tests.Audit;

public class AuditChainTests
{
    [Fact]
    public void GenesisHash_IsSixtyFourZeros()
    {
        Assert.Equal("0000000000000000000000000000000000000000000000000000000000000000", AuditChain.GenesisHash);
    }

    [Fact]
    public void CanonicalContent_KnownEvent_HasFixedPropertyOrderAndFormats()
    {
        // The exact text is part of the stored format: changing it would break every chain already written.
        var entry = new AuditEntry(
            "user:7d9f1c2e-0000-4000-8000-000000000001",
            "ada@example.com",
            "organisation.created",
            "organisation",
            "org-1",
            OrganisationId,
            new AuditChanges().Added("name", "Acme"));
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, entry, Start.AddTicks(1_234_567));

        var content = AuditChain.CanonicalContent(e);

        var expected = """
            {"sequence":1,
            "occurredAt":"2026-06-01T12:00:00.1234560Z",
            "actorId":"user:7d9f1c2e-0000-4000-8000-000000000001",
            "actorName":"ada@example.com",
            "action":"organisation.created",
            "objectType":"organisation",
            "objectId":"org-1",
            "organisationId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "changes":"{\u0022name\u0022:{\u0022from\u0022:null,\u0022to\u0022:\u0022Acme\u0022}}",
            "previousHash":"0000000000000000000000000000000000000000000000000000000000000000"}
            """.ReplaceLineEndings(string.Empty);
        Assert.Equal(expected, content);
    }

    [Fact]
    public void CanonicalContent_WithoutOrganisation_WritesJsonNull()
    {
        var entry = Entry(1) with { OrganisationId = null };
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, entry, Start);

        var content = AuditChain.CanonicalContent(e);

        Assert.Contains("\"organisationId\":null,", content, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeHash_KnownEvent_IsLowerHexSha256OfCanonicalContent()
    {
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.CanonicalContent(e))));

        var hash = AuditChain.ComputeHash(e);

        Assert.Equal(expected, hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void ComputeHash_SameInputTwice_GivesSameHash()
    {
        var first = AuditEvent.Chain(4, "ab12", Entry(5), Start);
        var second = AuditEvent.Chain(4, "ab12", Entry(5), Start);

        Assert.Equal(AuditChain.CanonicalContent(first), AuditChain.CanonicalContent(second));
        Assert.Equal(first.Hash, second.Hash);
    }

    [Theory]
    [InlineData(nameof(AuditEvent.Sequence))]
    [InlineData(nameof(AuditEvent.OccurredAt))]
    [InlineData(nameof(AuditEvent.ActorId))]
    [InlineData(nameof(AuditEvent.ActorName))]
    [InlineData(nameof(AuditEvent.Action))]
    [InlineData(nameof(AuditEvent.ObjectType))]
    [InlineData(nameof(AuditEvent.ObjectId))]
    [InlineData(nameof(AuditEvent.OrganisationId))]
    [InlineData(nameof(AuditEvent.Changes))]
    [InlineData(nameof(AuditEvent.PreviousHash))]
    public void ComputeHash_AnyStoredFieldChanged_GivesDifferentHash(string field)
    {
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start);
        var original = AuditChain.ComputeHash(e);

        Tamper(e, field);

        Assert.NotEqual(original, AuditChain.ComputeHash(e));
    }

    [Fact]
    public void ComputeHash_SameInstantReadBackWithOtherOffset_GivesSameHash()
    {
        // A database driver may hand the instant back in local time; the chain must still verify.
        var e = AuditEvent.Chain(0, AuditChain.GenesisHash, Entry(1), Start);
        var original = AuditChain.ComputeHash(e);

        Set(e, nameof(AuditEvent.OccurredAt), e.OccurredAt.ToOffset(TimeSpan.FromHours(2)));

        Assert.Equal(original, AuditChain.ComputeHash(e));
    }

    [Fact]
    public void Verify_SoundChain_IsIntactWithCountAndHeadHash()
    {
        var chain = Build(5);

        var result = AuditChain.Verify(chain);

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.VerifiedCount);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
        Assert.Null(result.BrokenAtSequence);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Verify_EmptyChain_IsIntactWithGenesisHead()
    {
        var result = AuditChain.Verify([]);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.VerifiedCount);
        Assert.Equal(AuditChain.GenesisHash, result.HeadHash);
    }

    [Theory]
    [InlineData(nameof(AuditEvent.OccurredAt))]
    [InlineData(nameof(AuditEvent.ActorId))]
    [InlineData(nameof(AuditEvent.ActorName))]
    [InlineData(nameof(AuditEvent.Action))]
    [InlineData(nameof(AuditEvent.ObjectType))]
    [InlineData(nameof(AuditEvent.ObjectId))]
    [InlineData(nameof(AuditEvent.OrganisationId))]
    [InlineData(nameof(AuditEvent.Changes))]
    [InlineData(nameof(AuditEvent.Hash))]
    public void Verify_FieldEditedInMiddleEntry_BrokenAtThatEntryAsAltered(string field)
    {
        var chain = Build(5);
        Tamper(chain[2], field);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(2, result.VerifiedCount);
        Assert.Null(result.HeadHash);
        Assert.Contains("altered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FirstEntryEdited_BrokenAtOne()
    {
        var chain = Build(3);
        Tamper(chain[0], nameof(AuditEvent.Action));

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(1, result.BrokenAtSequence);
        Assert.Equal(0, result.VerifiedCount);
    }

    [Fact]
    public void Verify_LastEntryEdited_BrokenAtLast()
    {
        var chain = Build(4);
        Tamper(chain[3], nameof(AuditEvent.ActorName));

        var result = AuditChain.Verify(chain);

        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Equal(3, result.VerifiedCount);
    }

    [Fact]
    public void Verify_EntryEditedAndItsHashRecomputed_BrokenAtNextEntryAsUnlinked()
    {
        var chain = Build(5);
        Tamper(chain[1], nameof(AuditEvent.Changes));
        Set(chain[1], nameof(AuditEvent.Hash), AuditChain.ComputeHash(chain[1]));

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(2, result.VerifiedCount);
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PreviousHashEdited_BrokenAtThatEntryAsUnlinked()
    {
        var chain = Build(5);
        Tamper(chain[3], nameof(AuditEvent.PreviousHash));

        var result = AuditChain.Verify(chain);

        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Equal(3, result.VerifiedCount);
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FirstEntryNotLinkedToGenesis_BrokenAtOne()
    {
        var first = AuditEvent.Chain(0, new string('f', 64), Entry(1), Start);

        var result = AuditChain.Verify([first]);

        Assert.False(result.IsIntact);
        Assert.Equal(1, result.BrokenAtSequence);
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MiddleEntryDeleted_BrokenAtEntryAfterTheGap()
    {
        var chain = Build(5);
        chain.RemoveAt(2);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Equal(2, result.VerifiedCount);
        Assert.Contains("expected entry #3 but found #4", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MiddleEntryDeletedAndLaterOnesRenumbered_BrokenAtRenumberedEntry()
    {
        var chain = Build(5);
        chain.RemoveAt(2);
        foreach (var e in chain.Skip(2))
        {
            Set(e, nameof(AuditEvent.Sequence), e.Sequence - 1);
        }

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(2, result.VerifiedCount);
    }

    [Fact]
    public void Verify_FirstEntryDeleted_BrokenAtSecondWithNothingVerified()
    {
        var chain = Build(4);
        chain.RemoveAt(0);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal(0, result.VerifiedCount);
        Assert.Contains("expected entry #1 but found #2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FirstEntryDeletedAndRestRenumbered_BrokenAtOneAsUnlinked()
    {
        var chain = Build(4);
        chain.RemoveAt(0);
        foreach (var e in chain)
        {
            Set(e, nameof(AuditEvent.Sequence), e.Sequence - 1);
        }

        var result = AuditChain.Verify(chain);

        Assert.Equal(1, result.BrokenAtSequence);
        Assert.Equal(0, result.VerifiedCount);
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ForgedEntryWithValidHashInsertedInMiddle_BrokenAtDisplacedEntry()
    {
        var chain = Build(5);
        var forged = AuditEvent.Chain(chain[1].Sequence, chain[1].Hash, Entry(99, "user.deleted"), Start.AddMinutes(2).AddSeconds(30));
        chain.Insert(2, forged);

        var result = AuditChain.Verify(chain);

        // The forgery itself links and hashes correctly; the original #3 after it no longer fits.
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(3, result.VerifiedCount);
        Assert.Contains("expected entry #4 but found #3", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ForgedEntryInsertedAndLaterOnesRenumbered_BrokenAtFirstRenumberedEntry()
    {
        var chain = Build(5);
        var forged = AuditEvent.Chain(chain[1].Sequence, chain[1].Hash, Entry(99, "user.deleted"), Start.AddMinutes(2).AddSeconds(30));
        foreach (var e in chain.Skip(2))
        {
            Set(e, nameof(AuditEvent.Sequence), e.Sequence + 1);
        }

        chain.Insert(2, forged);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Equal(3, result.VerifiedCount);
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ForgedEntryWithStaleHashInserted_BrokenAtForgeryAsAltered()
    {
        var chain = Build(4);
        var forged = AuditEvent.Chain(chain[1].Sequence, chain[1].Hash, Entry(99), Start.AddMinutes(2).AddSeconds(30));
        Tamper(forged, nameof(AuditEvent.Action));
        foreach (var e in chain.Skip(2))
        {
            Set(e, nameof(AuditEvent.Sequence), e.Sequence + 1);
        }

        chain.Insert(2, forged);

        var result = AuditChain.Verify(chain);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(2, result.VerifiedCount);
        Assert.Contains("altered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TwoEntriesSwappedInStoredOrder_BrokenAtFirstOutOfPlace()
    {
        var chain = Build(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(1, result.VerifiedCount);
        Assert.Contains("expected entry #2 but found #3", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SequenceNumbersOfTwoEntriesSwapped_BrokenAtFirstSwappedNumber()
    {
        // Stored order follows the sequence number, so after the swap the later entry is read first.
        var chain = Build(5);
        Set(chain[1], nameof(AuditEvent.Sequence), 3L);
        Set(chain[2], nameof(AuditEvent.Sequence), 2L);
        var storedOrder = chain.OrderBy(e => e.Sequence).ToList();

        var result = AuditChain.Verify(storedOrder);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal(1, result.VerifiedCount);
        Assert.Contains("does not link", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SequenceNumbersSwappedButRowsKeptInPlace_BrokenAtFirstSwappedNumber()
    {
        var chain = Build(5);
        Set(chain[1], nameof(AuditEvent.Sequence), 3L);
        Set(chain[2], nameof(AuditEvent.Sequence), 2L);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(1, result.VerifiedCount);
    }

    [Fact]
    public void Verify_SeveralTamperings_ReportsOnlyTheFirst()
    {
        var chain = Build(6);
        Tamper(chain[4], nameof(AuditEvent.Action));
        Tamper(chain[1], nameof(AuditEvent.ActorName));

        var result = AuditChain.Verify(chain);

        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal(1, result.VerifiedCount);
    }

    [Fact]
    public void Verify_LastEntryDeleted_IsIntactButHeadHashDiffersFromRecordedHead()
    {
        // Truncating the tail leaves a sound chain; only a head hash kept elsewhere reveals it.
        var chain = Build(5);
        var recordedHead = AuditChain.Verify(chain).HeadHash;
        chain.RemoveAt(chain.Count - 1);

        var result = AuditChain.Verify(chain);

        Assert.True(result.IsIntact);
        Assert.Equal(4, result.VerifiedCount);
        Assert.NotEqual(recordedHead, result.HeadHash);
    }

    [Fact]
    public void Verify_TailFullyRewrittenWithValidHashes_IsIntactButHeadHashDiffersFromRecordedHead()
    {
        var chain = Build(5);
        var recordedHead = AuditChain.Verify(chain).HeadHash;
        chain.RemoveRange(2, 3);
        for (var i = 3; i <= 5; i++)
        {
            chain.Add(AuditEvent.Chain(chain[^1].Sequence, chain[^1].Hash, Entry(i, "user.deleted"), Start.AddMinutes(i)));
        }

        var result = AuditChain.Verify(chain);

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.VerifiedCount);
        Assert.NotEqual(recordedHead, result.HeadHash);
    }

    [Fact]
    public void Verify_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => AuditChain.Verify(null!));
    }
}
