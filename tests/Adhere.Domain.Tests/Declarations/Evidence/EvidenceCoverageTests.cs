using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using static Adhere.Domain.Tests.Declarations.Evidence.EvidenceTestData;

namespace Adhere.Domain.Tests.Declarations.Evidence;

public sealed class EvidenceCoverageTests
{
    private static readonly List<CatalogueControlRef> Catalogue =
    [
        new("5.1.A", "5", "Data protection"),
        new("5.1.B", "5", "Data protection"),
        new("5.3.A", "5", "Data protection"),
        new("5.3.B", "5", "Data protection"),
        new("6.1.A", "6", "Security"),
    ];

    private static readonly ControlStandardMapping[] Mappings =
    [
        new("5.1.A", Iso27001),
        new("5.1.B", Iso27001),
        new("6.1.A", Iso27001),
        new("5.3.A", Soc2),
    ];

    private static (CertificateFacts, CertificateCheckResult) Checked(CertificateFacts certificate, IReadOnlyList<DeclaredService>? claimedFor = null) =>
        (certificate, Check(certificate, Mappings, claimedFor));

    private static ControlEvidence Control(EvidenceCoverageResult coverage, string key) => coverage.Controls.Single(c => c.ControlKey == key);

    [Fact]
    public void Compute_NoCertificates_EveryControlSelfDeclared()
    {
        var coverage = EvidenceCoverage.Compute(Catalogue, []);

        Assert.All(coverage.Controls, c => Assert.Equal(EvidenceBasis.SelfDeclared, c.Basis));
        Assert.Equal(new CoverageTally(5, 0), coverage.Overall);
        Assert.Empty(coverage.BackingCertificates);
    }

    [Fact]
    public void Compute_ClaimedButUnmappedControl_IsNotBackedWhileMappedSiblingsAre()
    {
        var certificate = Certificate(claimed: ["5.1.A", "5.1.B", "5.3.A"]);

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        Assert.Equal(EvidenceBasis.ThirdParty, Control(coverage, "5.1.A").Basis);
        Assert.Equal(EvidenceBasis.ThirdParty, Control(coverage, "5.1.B").Basis);
        Assert.Equal(EvidenceBasis.SelfDeclared, Control(coverage, "5.3.A").Basis);
        Assert.Empty(Control(coverage, "5.3.A").BackedBy);
        Assert.Equal(certificate.Id, Assert.Single(Control(coverage, "5.1.A").BackedBy).Id);
    }

    [Fact]
    public void Compute_MappedButUnclaimedControl_IsNotBacked()
    {
        var certificate = Certificate(claimed: ["5.1.A"]);

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        Assert.Equal(EvidenceBasis.SelfDeclared, Control(coverage, "6.1.A").Basis);
    }

    [Fact]
    public void Compute_CertificateFailingScope_BacksNothing()
    {
        var certificate = Certificate(claimed: ["5.1.A", "6.1.A"], covered: [Compute.Id]);

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        Assert.Equal(0, coverage.Overall.Backed);
        Assert.Empty(coverage.BackingCertificates);
    }

    [Fact]
    public void Compute_CertificateCitedForNoService_BacksNothing()
    {
        var certificate = Certificate(claimed: ["5.1.A", "6.1.A"]);

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate, claimedFor: [])]);

        Assert.Equal(0, coverage.Overall.Backed);
    }

    [Fact]
    public void Compute_ExpiredCertificate_BacksNothing()
    {
        var certificate = Certificate(claimed: ["5.1.A", "6.1.A"], expiresOn: DecisionDate.AddDays(-1));

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        Assert.Equal(0, coverage.Overall.Backed);
    }

    [Fact]
    public void Compute_CertificateExpiringDuringValidity_StillBacksAndCarriesTheExpiry()
    {
        var certificate = Certificate(claimed: ["5.1.A"], expiresOn: new DateOnly(2026, 9, 30));

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        var evidence = Control(coverage, "5.1.A");
        Assert.Equal(EvidenceBasis.ThirdParty, evidence.Basis);
        var backing = Assert.Single(evidence.BackedBy);
        Assert.True(backing.ExpiresDuringValidity);
        Assert.Equal(new DateOnly(2026, 9, 30), backing.ExpiresOn);
        Assert.Equal("certificate.expires-during-validity", Assert.Single(backing.Warnings).Code);
    }

    [Fact]
    public void Compute_CertificateWithoutAuditReport_StillBacksAndCarriesTheWarning()
    {
        var certificate = Certificate(claimed: ["5.1.A"], hasAuditReport: false);

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        var backing = Assert.Single(Control(coverage, "5.1.A").BackedBy);
        Assert.Equal("certificate.no-audit-report", Assert.Single(backing.Warnings).Code);
    }

    [Fact]
    public void Compute_TwoCertificatesForOneControl_ListsBothInGivenOrder()
    {
        var iso = Certificate(claimed: ["5.1.A", "6.1.A"], number: "ISO-1");
        var soc = Certificate(claimed: ["5.3.A"], standard: Soc2, number: "SOC-1");
        var iso2 = Certificate(claimed: ["5.1.A"], number: "ISO-2");

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(iso), Checked(soc), Checked(iso2)]);

        Assert.Equal(["ISO-1", "ISO-2"], Control(coverage, "5.1.A").BackedBy.Select(b => b.Number));
        Assert.Equal(["SOC-1"], Control(coverage, "5.3.A").BackedBy.Select(b => b.Number));
        Assert.Equal(["ISO-1", "SOC-1", "ISO-2"], coverage.BackingCertificates.Select(b => b.Number));
    }

    [Fact]
    public void Compute_MixedEvidence_CountsPerSectionAndOverall()
    {
        var certificate = Certificate(claimed: ["5.1.A", "5.1.B", "6.1.A"]);

        var coverage = EvidenceCoverage.Compute(Catalogue, [Checked(certificate)]);

        Assert.Equal(
            [new SectionCoverage("5", "Data protection", new CoverageTally(4, 2)), new SectionCoverage("6", "Security", new CoverageTally(1, 1))],
            coverage.Sections);
        Assert.Equal(0.5m, coverage.Sections[0].Tally.Share);
        Assert.Equal(1m, coverage.Sections[1].Tally.Share);
        Assert.True(coverage.Sections[1].Tally.IsFullyBacked);
        Assert.False(coverage.Sections[0].Tally.IsFullyBacked);
        Assert.Equal(new CoverageTally(5, 3), coverage.Overall);
        Assert.Equal(0.6m, coverage.Overall.Share);
    }

    [Fact]
    public void Compute_ShareOfThirds_IsAnExactDecimalQuotient()
    {
        var controls = Controls("5", 3);
        var certificate = Certificate(claimed: ["5.1.1"]);

        var coverage = EvidenceCoverage.Compute(controls, [(certificate, Check(certificate, [new("5.1.1", Iso27001)]))]);

        Assert.Equal(1m / 3m, coverage.Overall.Share);
    }

    [Fact]
    public void Compute_EmptyCatalogue_ZeroCountsAndShare()
    {
        var certificate = Certificate(claimed: ["5.1.A"]);

        var coverage = EvidenceCoverage.Compute([], [Checked(certificate)]);

        Assert.Empty(coverage.Controls);
        Assert.Empty(coverage.Sections);
        Assert.Equal(new CoverageTally(0, 0), coverage.Overall);
        Assert.Equal(0m, coverage.Overall.Share);
        Assert.False(coverage.Overall.IsFullyBacked);
        Assert.Empty(coverage.BackingCertificates);
    }

    [Fact]
    public void Compute_ClaimOutsideTheCatalogue_IsIgnored()
    {
        var certificate = Certificate(claimed: ["6.2.B"]);

        var coverage = EvidenceCoverage.Compute(Catalogue, [(certificate, Check(certificate, [new("6.2.B", Iso27001)]))]);

        Assert.Equal(0, coverage.Overall.Backed);
        Assert.Empty(coverage.BackingCertificates);
    }

    [Fact]
    public void Compute_DuplicateControlKey_Throws()
    {
        List<CatalogueControlRef> controls = [new("5.1.A", "5"), new("5.1.A", "5")];

        Assert.Throws<ArgumentException>(() => EvidenceCoverage.Compute(controls, []));
    }

    [Fact]
    public void Compute_CheckPairedWithAnotherCertificate_Throws()
    {
        var certificate = Certificate();
        var other = Certificate();

        Assert.Throws<ArgumentException>(() => EvidenceCoverage.Compute(Catalogue, [(certificate, Check(other, Mappings))]));
    }

    [Fact]
    public void Compute_SameCertificateTwice_Throws()
    {
        var certificate = Certificate();

        Assert.Throws<ArgumentException>(() => EvidenceCoverage.Compute(Catalogue, [Checked(certificate), Checked(certificate)]));
    }

    [Fact]
    public void CoverageTally_BackedAboveControls_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoverageTally(2, 3));
    }
}
