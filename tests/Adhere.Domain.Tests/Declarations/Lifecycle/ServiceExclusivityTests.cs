using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Tests.Declarations.Lifecycle;

public sealed class ServiceExclusivityTests
{
    private const string Code = "EU Cloud Code of Conduct";

    private static readonly DeclaredService Storage = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000001")), "Storage", "IaaS", null);
    private static readonly DeclaredService Compute = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000002")), "Compute", "IaaS", null);

    private static readonly DeclarationId CandidateId = new(Guid.Parse("30000000-0000-0000-0000-000000000001"));
    private static readonly DeclarationId OtherId = new(Guid.Parse("30000000-0000-0000-0000-000000000002"));
    private static readonly DeclarationId ThirdId = new(Guid.Parse("30000000-0000-0000-0000-000000000003"));

    private static ExclusivityCandidate Candidate(DeclarationId? renews = null) => new(CandidateId, Code, [Storage, Compute], renews);

    private static ExistingDeclaration Other(
        DeclarationStatus status = DeclarationStatus.Verified,
        string code = Code,
        string? version = "2.11",
        DeclarationId? id = null,
        IReadOnlyList<ServiceId>? services = null,
        DeclarationId? renews = null) =>
        new(id ?? OtherId, code, version, status, services ?? [Storage.Id], renews);

    [Fact]
    public void FindConflicts_SameServiceUnderOtherVersionOfSameCode_ReportsConflict()
    {
        var conflict = Assert.Single(ServiceExclusivity.FindConflicts(Candidate(), [Other(version: "2.11")]));

        Assert.Equal(new ServiceConflict(Storage.Id, "Storage", OtherId, Code, "2.11", DeclarationStatus.Verified), conflict);
    }

    [Fact]
    public void FindConflicts_CodeNameDiffersOnlyInCaseAndSpace_IsTheSameCode()
    {
        Assert.Single(ServiceExclusivity.FindConflicts(Candidate(), [Other(code: "  eu cloud code of conduct ", version: null)]));
    }

    [Fact]
    public void FindConflicts_OtherCode_NoConflict()
    {
        Assert.Empty(ServiceExclusivity.FindConflicts(Candidate(), [Other(code: "CISPE Code of Conduct")]));
    }

    [Theory]
    [InlineData(DeclarationStatus.Withdrawn)]
    [InlineData(DeclarationStatus.Rejected)]
    [InlineData(DeclarationStatus.Expired)]
    [InlineData(DeclarationStatus.Revoked)]
    [InlineData(DeclarationStatus.Renewed)]
    public void FindConflicts_ClosedDeclaration_IsIgnored(DeclarationStatus status)
    {
        Assert.Empty(ServiceExclusivity.FindConflicts(Candidate(), [Other(status)]));
    }

    [Theory]
    [InlineData(DeclarationStatus.Draft)]
    [InlineData(DeclarationStatus.Submitted)]
    [InlineData(DeclarationStatus.UnderAssessment)]
    [InlineData(DeclarationStatus.ClarificationRequested)]
    [InlineData(DeclarationStatus.DecisionPending)]
    [InlineData(DeclarationStatus.Verified)]
    [InlineData(DeclarationStatus.RenewalDue)]
    [InlineData(DeclarationStatus.Suspended)]
    public void FindConflicts_OpenDeclaration_Conflicts(DeclarationStatus status)
    {
        Assert.Equal(status, Assert.Single(ServiceExclusivity.FindConflicts(Candidate(), [Other(status)])).OtherStatus);
    }

    [Fact]
    public void FindConflicts_DeclarationTheCandidateRenews_IsIgnored()
    {
        Assert.Empty(ServiceExclusivity.FindConflicts(Candidate(renews: OtherId), [Other(DeclarationStatus.RenewalDue)]));
    }

    [Fact]
    public void FindConflicts_RenewalOfTheCandidate_IsIgnored()
    {
        Assert.Empty(ServiceExclusivity.FindConflicts(Candidate(), [Other(DeclarationStatus.Draft, renews: CandidateId)]));
    }

    [Fact]
    public void FindConflicts_TwoRenewalsOfTheSameDeclaration_Conflict()
    {
        var conflict = Assert.Single(ServiceExclusivity.FindConflicts(Candidate(renews: ThirdId), [Other(DeclarationStatus.Draft, renews: ThirdId)]));

        Assert.Equal(OtherId, conflict.OtherDeclaration);
    }

    [Fact]
    public void FindConflicts_CandidateItselfAmongOthers_IsIgnored()
    {
        Assert.Empty(ServiceExclusivity.FindConflicts(Candidate(), [Other(DeclarationStatus.Draft, id: CandidateId, services: [Storage.Id, Compute.Id])]));
    }

    [Fact]
    public void FindConflicts_NoSharedService_NoConflict()
    {
        var unrelated = new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000009"));

        Assert.Empty(ServiceExclusivity.FindConflicts(Candidate(), [Other(services: [unrelated])]));
    }

    [Fact]
    public void FindConflicts_SeveralServicesAndDeclarations_OrderedByCandidateServiceThenInput()
    {
        var others = new[]
        {
            Other(DeclarationStatus.Verified, version: "2.11", id: OtherId, services: [Compute.Id, Storage.Id]),
            Other(DeclarationStatus.Draft, version: "3.0", id: ThirdId, services: [Storage.Id]),
            Other(DeclarationStatus.Withdrawn, id: new DeclarationId(Guid.Parse("30000000-0000-0000-0000-000000000004")), services: [Storage.Id]),
        };

        var conflicts = ServiceExclusivity.FindConflicts(Candidate(), others);

        Assert.Equal([(Storage.Id, OtherId), (Storage.Id, ThirdId), (Compute.Id, OtherId)], conflicts.Select(c => (c.ServiceId, c.OtherDeclaration)));
    }

    [Fact]
    public void ServiceAlreadyDeclared_Conflict_HasStableCodeAndNamesTheService()
    {
        var conflict = new ServiceConflict(Storage.Id, "Storage", OtherId, Code, "2.11", DeclarationStatus.Verified);

        var error = LifecycleErrors.ServiceAlreadyDeclared(conflict);

        Assert.Equal("declaration.service-already-declared", error.Code);
        Assert.Contains("'Storage'", error.Message, StringComparison.Ordinal);
    }
}
