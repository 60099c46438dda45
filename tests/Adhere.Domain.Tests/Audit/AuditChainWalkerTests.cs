using Adhere.Domain.Audit;
using static Adhere.Domain.Tests.Audit.AuditTestChain;

namespace Adhere.Domain.Tests.Audit;

public class AuditChainWalkerTests
{
    [Fact]
    public void Result_BeforeAnyEntry_IsIntactAtGenesis()
    {
        var walker = new AuditChainWalker();

        Assert.Equal(AuditVerification.Intact(0, AuditChain.GenesisHash), walker.Result);
    }

    [Fact]
    public void Accept_SoundEntriesOneByOne_KeepsIntactHeadAtLastAccepted()
    {
        var chain = Build(3);
        var walker = new AuditChainWalker();

        Assert.True(walker.Accept(chain[0]));
        Assert.True(walker.Accept(chain[1]));
        var afterTwo = walker.Result;
        Assert.True(walker.Accept(chain[2]));

        Assert.Equal(AuditVerification.Intact(2, chain[1].Hash), afterTwo);
        Assert.Equal(AuditVerification.Intact(3, chain[2].Hash), walker.Result);
    }

    [Fact]
    public void Accept_AfterBreak_RejectsEvenSoundEntriesAndKeepsFirstVerdict()
    {
        var chain = Build(4);
        Tamper(chain[1], nameof(AuditEvent.ObjectId));
        var walker = new AuditChainWalker();
        walker.Accept(chain[0]);

        var accepted = walker.Accept(chain[1]);
        var laterAccepted = walker.Accept(chain[2]);

        Assert.False(accepted);
        Assert.False(laterAccepted);
        Assert.False(walker.Result.IsIntact);
        Assert.Equal(2, walker.Result.BrokenAtSequence);
        Assert.Equal(1, walker.Result.VerifiedCount);
    }

    [Fact]
    public void Accept_StreamedTamperedChain_GivesSameVerdictAsVerify()
    {
        var chain = Build(5);
        chain.RemoveAt(3);
        var walker = new AuditChainWalker();

        foreach (var e in chain)
        {
            walker.Accept(e);
        }

        Assert.Equal(AuditChain.Verify(chain), walker.Result);
    }

    [Fact]
    public void Accept_SameEntryTwice_BrokenAtTheRepeat()
    {
        var chain = Build(2);
        var walker = new AuditChainWalker();
        walker.Accept(chain[0]);

        var accepted = walker.Accept(chain[0]);

        Assert.False(accepted);
        Assert.Equal(1, walker.Result.BrokenAtSequence);
        Assert.Equal(1, walker.Result.VerifiedCount);
    }

    [Fact]
    public void Accept_Null_Throws()
    {
        var walker = new AuditChainWalker();

        Assert.Throws<ArgumentNullException>(() => walker.Accept(null!));
    }
}
