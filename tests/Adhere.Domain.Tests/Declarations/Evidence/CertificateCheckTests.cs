using System.Globalization;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using static Adhere.Domain.Tests.Declarations.Evidence.EvidenceTestData;

namespace Adhere.Domain.Tests.Declarations.Evidence;

public sealed class CertificateCheckTests
{
    private static readonly ControlStandardMapping[] Mappings =
    [
        new("5.1.A", Iso27001),
        new("6.1.A", Iso27001),
        new("6.2.B", Iso27001),
        new("5.3.A", Soc2),
    ];

    private static CertificateCheckResult Run(CertificateFacts certificate, IReadOnlyList<DeclaredService>? claimedFor = null, DateOnly? decisionDate = null, DateOnly? validityEnd = null) =>
        CertificateCheck.Run(certificate, claimedFor ?? [Compute, ObjectStorage], decisionDate ?? DecisionDate, validityEnd ?? ValidityEnd, Mappings);

    [Fact]
    public void Run_SoundCertificate_PassesWithoutFindings()
    {
        var certificate = Certificate();

        var result = Run(certificate);

        Assert.Equal(CertificateCheckOutcome.Passed, result.Outcome);
        Assert.Empty(result.Findings);
        Assert.Equal(CertificateValidity.ValidThroughout, result.Validity);
        Assert.True(result.CanBackControls);
        Assert.Equal(certificate.Id, result.CertificateId);
        Assert.Equal(DecisionDate, result.DecisionDate);
    }

    [Fact]
    public void Run_ScopeCoversEveryClaimedService_ReportsEachServiceCovered()
    {
        var result = Run(Certificate(covered: [Compute.Id, ObjectStorage.Id]));

        Assert.Equal([(Compute.Id, true), (ObjectStorage.Id, true)], result.Scope.Select(s => (s.ServiceId, s.IsCovered)));
        Assert.True(result.ScopeCoversClaims);
    }

    [Fact]
    public void Run_ScopeMissesAClaimedService_FailsNamingTheService()
    {
        var result = Run(Certificate(covered: [Compute.Id]));

        Assert.Equal(CertificateCheckOutcome.Failed, result.Outcome);
        Assert.Equal([(Compute.Id, true), (ObjectStorage.Id, false)], result.Scope.Select(s => (s.ServiceId, s.IsCovered)));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(CertificateFindingSeverity.Failure, finding.Severity);
        Assert.Equal("certificate.scope-not-covered", finding.Code);
        Assert.Equal("The scope does not cover 'Object Storage'.", finding.Message);
        Assert.False(result.CanBackControls);
    }

    [Fact]
    public void Run_ClaimedOnlyForCoveredService_PassesAlthoughScopeLacksOthers()
    {
        var result = Run(Certificate(covered: [Compute.Id]), claimedFor: [Compute]);

        Assert.Equal(CertificateCheckOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void Run_NoServicesClaimedFor_FailsWithClearFinding()
    {
        var result = Run(Certificate(), claimedFor: []);

        Assert.Equal(CertificateCheckOutcome.Failed, result.Outcome);
        Assert.Empty(result.Scope);
        Assert.Equal("certificate.no-services", Assert.Single(result.Findings).Code);
        Assert.Contains("not cited for any declared service", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameServiceClaimedTwice_ChecksItOnce()
    {
        var result = Run(Certificate(covered: [Compute.Id]), claimedFor: [Compute, Compute]);

        Assert.Equal(Compute.Id, Assert.Single(result.Scope).ServiceId);
    }

    [Fact]
    public void Run_DecisionOnIssueDay_IsValid()
    {
        var result = Run(Certificate(issuedOn: DecisionDate));

        Assert.Equal(CertificateValidity.ValidThroughout, result.Validity);
        Assert.Equal(CertificateCheckOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void Run_DecisionTheDayBeforeIssue_FailsAsNotYetValid()
    {
        var result = Run(Certificate(issuedOn: DecisionDate.AddDays(1)));

        Assert.Equal(CertificateValidity.NotYetValid, result.Validity);
        Assert.Equal(CertificateCheckOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("certificate.not-yet-valid", finding.Code);
        Assert.Contains("2026-03-16", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DecisionOnExpiryDay_IsStillValidButWarnsOfExpiry()
    {
        var result = Run(Certificate(expiresOn: DecisionDate));

        Assert.Equal(CertificateValidity.ExpiresDuringValidity, result.Validity);
        Assert.Equal(CertificateCheckOutcome.PassedWithWarnings, result.Outcome);
        Assert.True(result.CanBackControls);
    }

    [Fact]
    public void Run_DecisionTheDayAfterExpiry_FailsAsExpired()
    {
        var result = Run(Certificate(expiresOn: DecisionDate.AddDays(-1)));

        Assert.Equal(CertificateValidity.Expired, result.Validity);
        Assert.Equal(CertificateCheckOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("certificate.expired", finding.Code);
        Assert.Equal("The certificate expired on 2026-03-14, before the decision date 2026-03-15.", finding.Message);
        Assert.False(result.CanBackControls);
    }

    [Fact]
    public void Run_ExpiresOnLastDayOfValidityPeriod_IsValidThroughout()
    {
        var result = Run(Certificate(expiresOn: ValidityEnd));

        Assert.Equal(CertificateValidity.ValidThroughout, result.Validity);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Run_ExpiresDuringValidityPeriod_WarnsWithTheExpiryDate()
    {
        var result = Run(Certificate(expiresOn: new DateOnly(2026, 9, 30)));

        Assert.Equal(CertificateValidity.ExpiresDuringValidity, result.Validity);
        Assert.Equal(CertificateCheckOutcome.PassedWithWarnings, result.Outcome);
        Assert.Equal(new DateOnly(2026, 9, 30), result.ExpiresOn);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(CertificateFindingSeverity.Warning, finding.Severity);
        Assert.Equal("certificate.expires-during-validity", finding.Code);
        Assert.Contains("expires on 2026-09-30, before the validity period ends on 2027-03-14", finding.Message, StringComparison.Ordinal);
        Assert.True(result.CanBackControls);
    }

    [Fact]
    public void Run_IssuedAfterExpiry_FailsWithDataErrorFinding()
    {
        var result = Run(Certificate(issuedOn: new DateOnly(2026, 5, 1), expiresOn: new DateOnly(2025, 5, 1)));

        Assert.Equal(CertificateValidity.DatesInconsistent, result.Validity);
        Assert.Equal(CertificateCheckOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("certificate.dates-inconsistent", finding.Code);
        Assert.Contains("issued on 2026-05-01, after it expires on 2025-05-01", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ValidityEndBeforeDecisionDate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(Certificate(), validityEnd: DecisionDate.AddDays(-1)));
    }

    [Fact]
    public void Run_ClaimedControlsMappedToTheStandard_AreMapped()
    {
        var result = Run(Certificate(claimed: ["5.1.A", "6.2.B"]));

        Assert.Equal([("5.1.A", MappingOutcome.Mapped), ("6.2.B", MappingOutcome.Mapped)], result.Controls.Select(c => (c.ControlKey, c.Outcome)));
        Assert.Equal(["5.1.A", "6.2.B"], result.MappedControls);
    }

    [Fact]
    public void Run_ClaimedControlMappedOnlyToAnotherStandard_IsFlaggedWithoutFailing()
    {
        var result = Run(Certificate(claimed: ["5.1.A", "5.3.A"]));

        Assert.Equal([("5.1.A", MappingOutcome.Mapped), ("5.3.A", MappingOutcome.NotMapped)], result.Controls.Select(c => (c.ControlKey, c.Outcome)));
        Assert.Equal(CertificateCheckOutcome.PassedWithWarnings, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("certificate.control-not-mapped", finding.Code);
        Assert.Contains("'5.3.A'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'iso27001'", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["5.1.A"], result.MappedControls);
    }

    [Fact]
    public void Run_ControlClaimedTwice_IsCheckedOnce()
    {
        var result = Run(Certificate(claimed: ["5.1.A", "5.1.A"]));

        Assert.Equal("5.1.A", Assert.Single(result.Controls).ControlKey);
    }

    [Fact]
    public void Run_NoClaimedControls_PassesWithWarning()
    {
        var result = Run(Certificate(claimed: []));

        Assert.Equal(CertificateCheckOutcome.PassedWithWarnings, result.Outcome);
        Assert.Equal("certificate.no-claimed-controls", Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void Run_NoAuditReport_PassesWithWarning()
    {
        var result = Run(Certificate(hasAuditReport: false));

        Assert.Equal(CertificateCheckOutcome.PassedWithWarnings, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("certificate.no-audit-report", finding.Code);
        Assert.StartsWith("No audit report document attached", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SeveralProblems_ReportsAllInCheckOrder()
    {
        var result = Run(Certificate(covered: [], expiresOn: new DateOnly(2026, 9, 30), claimed: ["5.3.A"], hasAuditReport: false));

        Assert.Equal(CertificateCheckOutcome.Failed, result.Outcome);
        Assert.Equal(
            ["certificate.scope-not-covered", "certificate.scope-not-covered", "certificate.expires-during-validity", "certificate.control-not-mapped", "certificate.no-audit-report"],
            result.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Run_UnderCultureWithOtherCalendar_WritesIsoDates()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
        try
        {
            var result = Run(Certificate(expiresOn: new DateOnly(2026, 9, 30)));

            Assert.Contains("2026-09-30", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void DefaultClaims_StandardWithMappings_ReturnsItsControlsOnceInMappingOrder()
    {
        ControlStandardMapping[] mappings = [new("6.1.A", Iso27001), new("5.3.A", Soc2), new("5.1.A", Iso27001), new("6.1.A", Iso27001)];

        var claims = CertificateCheck.DefaultClaims(Iso27001, mappings);

        Assert.Equal(["6.1.A", "5.1.A"], claims);
    }

    [Fact]
    public void DefaultClaims_StandardWithoutMappings_ReturnsNothing()
    {
        var claims = CertificateCheck.DefaultClaims("bsi-c5", Mappings);

        Assert.Empty(claims);
    }

    [Fact]
    public void DefaultClaims_KeyDiffersInCase_DoesNotMatch()
    {
        var claims = CertificateCheck.DefaultClaims("ISO27001", Mappings);

        Assert.Empty(claims);
    }
}
