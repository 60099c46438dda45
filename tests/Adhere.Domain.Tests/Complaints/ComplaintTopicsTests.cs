using Adhere.Domain.Accounts;
using Adhere.Domain.Complaints;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintTopicsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static Complaint CreateSut() =>
        Complaint.File(new ComplaintReference(2026, 8), ComplaintStatusKey.New().Hash, ComplainantRole.Customer, null, new ComplaintTarget(null, "Acme Cloud", null),
            "They moved our data abroad without telling us.", ComplaintSettings.Default, Monday).Value;

    [Fact]
    public void Tag_OpenComplaint_TrimsAndDropsDuplicatesIgnoringCase()
    {
        var sut = CreateSut();

        var tagged = sut.Tag([" transfers ", "Transfers", "breaches"]);

        Assert.False(tagged.IsError);
        Assert.Equal(["transfers", "breaches"], sut.Topics);
    }

    [Fact]
    public void Tag_EmptyList_ClearsTheTopics()
    {
        var sut = CreateSut();
        sut.Tag(["transfers"]);

        sut.Tag([]);

        Assert.Empty(sut.Topics);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public void Tag_BlankTopic_IsRefusedAndKeepsTheTopics(string? blank)
    {
        var sut = CreateSut();
        sut.Tag(["transfers"]);

        var tagged = sut.Tag(["breaches", blank]);

        Assert.Equal("complaint.topic-invalid", tagged.Error!.Code);
        Assert.Equal(["transfers"], sut.Topics);
    }

    [Fact]
    public void Tag_TooLongOrTooMany_IsRefused()
    {
        var sut = CreateSut();

        Assert.Equal("complaint.topic-invalid", sut.Tag([new string('t', Complaint.MaxTopicLength + 1)]).Error!.Code);
        Assert.Equal("complaint.too-many-topics", sut.Tag([.. Enumerable.Range(0, Complaint.MaxTopics + 1).Select(i => $"t{i}")]).Error!.Code);
        Assert.False(sut.Tag([.. Enumerable.Range(0, Complaint.MaxTopics).Select(i => $"t{i}"), "T0"]).IsError); // duplicates do not count
    }

    [Fact]
    public void Tag_DismissedComplaint_IsRefused()
    {
        var sut = CreateSut();
        sut.StartAdmissibilityCheck(Role.MbDecisionMaker, Monday);
        sut.Dismiss(Role.MbDecisionMaker, DismissalReason.OutsideScope, "Not covered by the Code.", Monday);

        var tagged = sut.Tag(["transfers"]);

        Assert.Equal("complaint.not-open", tagged.Error!.Code);
        Assert.Empty(sut.Topics);
    }
}
