using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Tests.Declarations.Lifecycle;

public sealed class RenewalDifferenceTests
{
    private static readonly DateOnly DecisionDate = new(2026, 5, 15);

    private static readonly DeclaredService Storage = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000001")), "Storage", "IaaS", "Core");
    private static readonly DeclaredService Compute = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000002")), "Compute", "IaaS", "Core");
    private static readonly DeclaredService Backup = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000003")), "Backup", "SaaS", "Core");

    private static readonly CertificateFacts Iso = new(
        new CertificateId(Guid.Parse("20000000-0000-0000-0000-000000000001")), "iso-27001", "2022", "ISO-123", "Cert Body", "DAkkS",
        "Storage and Compute", [Storage.Id, Compute.Id], new DateOnly(2024, 3, 1), new DateOnly(2027, 2, 28), true, ["6.1.A", "6.2.A"]);

    private static readonly CertificateFacts Soc = new(
        new CertificateId(Guid.Parse("20000000-0000-0000-0000-000000000002")), "soc2", null, "SOC-9", "Audit Firm", null,
        "Storage", [Storage.Id], new DateOnly(2025, 7, 1), new DateOnly(2026, 6, 30), true, ["5.1.A"]);

    private static DeclarationSnapshot Snapshot(
        IReadOnlyList<string>? controls = null,
        Dictionary<string, string?>? answers = null,
        IReadOnlyList<DeclaredService>? services = null,
        IReadOnlyList<CertificateFacts>? certificates = null) =>
        new(controls ?? ["5.1.A", "5.1.B", "6.1.A"],
            answers ?? new Dictionary<string, string?> { ["5.1.A"] = "We do.", ["5.1.B"] = "Line one\nLine two", ["6.1.A"] = "Encrypted." },
            services ?? [Storage, Compute],
            certificates ?? [Iso, Soc]);

    [Fact]
    public void Compare_NothingChanged_IsEmpty()
    {
        var current = Snapshot(
            answers: new Dictionary<string, string?> { ["5.1.A"] = "We do.  ", ["5.1.B"] = "Line one\r\nLine two", ["6.1.A"] = "Encrypted." },
            services: [Compute, Storage],
            certificates: [Soc, Iso with { ClaimedControls = ["6.2.A", "6.1.A"] }]);

        var difference = RenewalDifference.Compare(Snapshot(), current, DecisionDate);

        Assert.True(difference.IsEmpty, "Expected no difference.");
    }

    [Fact]
    public void Compare_ServiceAdded_ListsItOnlyAsAdded()
    {
        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(services: [Storage, Compute, Backup]), DecisionDate);

        Assert.Equal([Backup], difference.ServicesAdded);
        Assert.Empty(difference.ServicesRemoved);
        Assert.Empty(difference.ServicesChanged);
        Assert.False(difference.IsEmpty);
    }

    [Fact]
    public void Compare_ServiceRemoved_ListsItOnlyAsRemoved()
    {
        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(services: [Storage]), DecisionDate);

        Assert.Equal([Compute], difference.ServicesRemoved);
        Assert.Empty(difference.ServicesAdded);
    }

    [Fact]
    public void Compare_ServiceRenamed_IsAChangeNotAnAdditionAndRemoval()
    {
        var renamed = Storage with { Name = "Object Storage" };

        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(services: [renamed, Compute]), DecisionDate);

        var change = Assert.Single(difference.ServicesChanged);
        Assert.Equal([ServiceField.Name], change.Fields);
        Assert.True(change.IsRenamed);
        Assert.Equal(("Storage", "Object Storage"), (change.Previous.Name, change.Current.Name));
        Assert.Empty(difference.ServicesAdded);
        Assert.Empty(difference.ServicesRemoved);
    }

    [Fact]
    public void Compare_ServiceCategoryChanged_ReportsCategory()
    {
        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(services: [Storage, Compute with { Category = "PaaS" }]), DecisionDate);

        var change = Assert.Single(difference.ServicesChanged);
        Assert.Equal(Compute.Id, change.Id);
        Assert.Equal([ServiceField.Category], change.Fields);
        Assert.True(change.IsCategoryChanged);
        Assert.False(change.IsRenamed);
    }

    [Fact]
    public void Compare_AnswerChanged_ReportsControlWithBothTexts()
    {
        var answers = new Dictionary<string, string?> { ["5.1.A"] = "We do, with a DPA.", ["5.1.B"] = "Line one\nLine two", ["6.1.A"] = "Encrypted." };

        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(answers: answers), DecisionDate);

        Assert.Equal([new AnswerChange("5.1.A", "We do.", "We do, with a DPA.")], difference.AnswersChanged);
    }

    [Fact]
    public void Compare_AnswerRemoved_CountsAsChangeToUnanswered()
    {
        var answers = new Dictionary<string, string?> { ["5.1.A"] = "We do.", ["5.1.B"] = "Line one\nLine two" };

        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(answers: answers), DecisionDate);

        Assert.Equal([new AnswerChange("6.1.A", "Encrypted.", null)], difference.AnswersChanged);
    }

    [Fact]
    public void Compare_NewCatalogueVersion_ListsAddedAndDroppedControls()
    {
        var current = Snapshot(
            controls: ["5.1.A", "5.1.C", "6.1.A", "6.2.A"],
            answers: new Dictionary<string, string?> { ["5.1.A"] = "We do.", ["5.1.C"] = "New.", ["6.1.A"] = "Encrypted." });

        var difference = RenewalDifference.Compare(Snapshot(), current, DecisionDate);

        Assert.Equal(["5.1.C", "6.2.A"], difference.ControlsAdded);
        Assert.Equal(["5.1.B"], difference.ControlsDropped);
        Assert.Empty(difference.AnswersChanged);
    }

    [Fact]
    public void Compare_CertificateAddedAndRemoved_ListsBoth()
    {
        var c5 = Iso with { Id = new CertificateId(Guid.Parse("20000000-0000-0000-0000-000000000003")), StandardKey = "bsi-c5", Number = "C5-1" };

        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(certificates: [Iso, c5]), DecisionDate);

        Assert.Equal([c5], difference.CertificatesAdded);
        Assert.Equal([Soc], difference.CertificatesRemoved);
        Assert.Empty(difference.CertificatesChanged);
    }

    [Fact]
    public void Compare_CertificateReissued_ReportsNumberAndDates()
    {
        var reissued = Iso with { Number = "ISO-456", IssuedOn = new DateOnly(2027, 3, 1), ExpiresOn = new DateOnly(2030, 2, 28) };

        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(certificates: [reissued, Soc]), DecisionDate);

        var change = Assert.Single(difference.CertificatesChanged);
        Assert.Equal(Iso.Id, change.Id);
        Assert.Equal([CertificateField.Number, CertificateField.IssuedOn, CertificateField.ExpiresOn], change.Fields);
    }

    [Fact]
    public void Compare_CertificateScopeAndClaimedControlsChanged_ReportsThem()
    {
        var narrowed = Iso with { ScopeStatement = "Storage only", CoveredServices = [Storage.Id], ClaimedControls = ["6.1.A"] };

        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(certificates: [narrowed, Soc]), DecisionDate);

        Assert.Equal(
            [CertificateField.ScopeStatement, CertificateField.CoveredServices, CertificateField.ClaimedControls],
            Assert.Single(difference.CertificatesChanged).Fields);
    }

    [Fact]
    public void Compare_CertificateExpiredBeforeDecisionDate_ListsItAsExpired()
    {
        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(), new DateOnly(2026, 7, 1));

        Assert.Equal([Soc], difference.CertificatesExpired);
        Assert.Empty(difference.CertificatesChanged);
        Assert.False(difference.IsEmpty);
    }

    [Fact]
    public void Compare_CertificateExpiringOnDecisionDate_IsStillValid()
    {
        var difference = RenewalDifference.Compare(Snapshot(), Snapshot(), Soc.ExpiresOn);

        Assert.Empty(difference.CertificatesExpired);
    }

    [Fact]
    public void Compare_InputInAnyOrder_OutputOrderedByNameAndStandard()
    {
        var zeta = new DeclaredService(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000010")), "zeta", "SaaS", null);
        var alpha = new DeclaredService(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000011")), "Alpha", "SaaS", null);
        var c5 = Iso with { Id = new CertificateId(Guid.Parse("20000000-0000-0000-0000-000000000003")), StandardKey = "bsi-c5", Number = "C5-1" };
        var previous = Snapshot(certificates: []);

        var difference = RenewalDifference.Compare(previous, Snapshot(services: [zeta, Storage, Compute, alpha], certificates: [Soc, Iso, c5]), DecisionDate);

        Assert.Equal(["Alpha", "zeta"], difference.ServicesAdded.Select(s => s.Name));
        Assert.Equal(["bsi-c5", "iso-27001", "soc2"], difference.CertificatesAdded.Select(c => c.StandardKey));
    }
}
