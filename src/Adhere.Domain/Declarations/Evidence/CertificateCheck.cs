namespace Adhere.Domain.Declarations.Evidence;

/// <summary>
/// The Monitoring Body's checks of one third-party certificate, as DOMAIN.md states them: (a) its scope covers each
/// declared service it is claimed for; (b) it is valid on the decision date, and a warning when it expires before the
/// validity period of the verification ends; (c) each control it is claimed for is mapped to its standard in the
/// catalogue. A missing audit report document is a warning. Pure: all dates are passed in.
/// </summary>
/// <remarks>
/// Keys (standard keys, control keys) are compared ordinally, as the catalogue defines them. The standard's version is
/// not compared: catalogue mappings name the standard only.
/// </remarks>
public static class CertificateCheck
{
    /// <summary>Runs checks (a), (b) and (c) on <paramref name="certificate"/>.</summary>
    /// <param name="certificate">The certificate as the provider cited it; its <see cref="CertificateFacts.ClaimedControls"/> are the controls checked under (c).</param>
    /// <param name="claimedFor">The declared services the certificate is cited for. Duplicates (same <see cref="ServiceId"/>) count once. Empty fails (a).</param>
    /// <param name="decisionDate">The day the level is decided (or would be); the certificate must be valid on it.</param>
    /// <param name="validityEnd">The last day of the validity period that would follow the decision (one year from approval); not before <paramref name="decisionDate"/>.</param>
    /// <param name="catalogueMappings">The catalogue's control-to-standard mappings.</param>
    /// <returns>
    /// <see cref="CertificateCheckOutcome.Failed"/> when (a) or (b) fails; <see cref="CertificateCheckOutcome.PassedWithWarnings"/>
    /// when it expires during the validity period, a claimed control is not mapped, no control is claimed or no audit
    /// report is attached; otherwise <see cref="CertificateCheckOutcome.Passed"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validityEnd"/> lies before <paramref name="decisionDate"/>.</exception>
    public static CertificateCheckResult Run(
        CertificateFacts certificate,
        IReadOnlyList<DeclaredService> claimedFor,
        DateOnly decisionDate,
        DateOnly validityEnd,
        IReadOnlyCollection<ControlStandardMapping> catalogueMappings)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(claimedFor);
        ArgumentNullException.ThrowIfNull(catalogueMappings);
        ArgumentOutOfRangeException.ThrowIfLessThan(validityEnd, decisionDate);

        var findings = new List<CertificateFinding>();
        void Fail(string code, string message) => findings.Add(new CertificateFinding(CertificateFindingSeverity.Failure, code, message));
        void Warn(string code, string message) => findings.Add(new CertificateFinding(CertificateFindingSeverity.Warning, code, message));

        // (a) scope
        var covered = certificate.CoveredServices.ToHashSet();
        var scope = claimedFor.DistinctBy(s => s.Id).Select(s => new ServiceScopeResult(s.Id, s.Name, covered.Contains(s.Id))).ToList();
        if (scope.Count == 0)
        {
            Fail("certificate.no-services", "The certificate is not cited for any declared service, so there is no scope to check it against.");
        }

        foreach (var service in scope.Where(s => !s.IsCovered))
        {
            Fail("certificate.scope-not-covered", $"The scope does not cover '{service.ServiceName}'.");
        }

        // (b) validity; ExpiresOn is the last valid day
        var validity = Validity(certificate.IssuedOn, certificate.ExpiresOn, decisionDate, validityEnd);
        switch (validity)
        {
            case CertificateValidity.DatesInconsistent:
                Fail("certificate.dates-inconsistent", $"The certificate is recorded as issued on {Day(certificate.IssuedOn)}, after it expires on {Day(certificate.ExpiresOn)}; the dates need correcting.");
                break;
            case CertificateValidity.NotYetValid:
                Fail("certificate.not-yet-valid", $"The certificate is issued on {Day(certificate.IssuedOn)}, after the decision date {Day(decisionDate)}, so it is not yet valid.");
                break;
            case CertificateValidity.Expired:
                Fail("certificate.expired", $"The certificate expired on {Day(certificate.ExpiresOn)}, before the decision date {Day(decisionDate)}.");
                break;
            case CertificateValidity.ExpiresDuringValidity:
                Warn("certificate.expires-during-validity", $"The certificate expires on {Day(certificate.ExpiresOn)}, before the validity period ends on {Day(validityEnd)}; the provider must report its renewal.");
                break;
        }

        // (c) mapping
        var mappedToStandard = DefaultClaims(certificate.StandardKey, catalogueMappings).ToHashSet(StringComparer.Ordinal);
        var controls = certificate.ClaimedControls
            .Distinct(StringComparer.Ordinal)
            .Select(key => new ControlMappingResult(key, mappedToStandard.Contains(key) ? MappingOutcome.Mapped : MappingOutcome.NotMapped))
            .ToList();
        if (controls.Count == 0)
        {
            Warn("certificate.no-claimed-controls", "The certificate is cited for no control, so it backs none.");
        }

        foreach (var control in controls.Where(c => c.Outcome == MappingOutcome.NotMapped))
        {
            Warn("certificate.control-not-mapped", $"Control '{control.ControlKey}' is claimed, but the catalogue does not map it to standard '{certificate.StandardKey}'; this certificate does not back it.");
        }

        if (!certificate.HasAuditReport)
        {
            Warn("certificate.no-audit-report", "No audit report document attached: the Monitoring Body cannot check that the audit assessed the claimed controls.");
        }

        var outcome = findings.Exists(f => f.Severity == CertificateFindingSeverity.Failure) ? CertificateCheckOutcome.Failed
            : findings.Count > 0 ? CertificateCheckOutcome.PassedWithWarnings
            : CertificateCheckOutcome.Passed;

        return new CertificateCheckResult(certificate.Id, decisionDate, validityEnd, scope, validity, certificate.ExpiresOn, controls, outcome, findings);
    }

    /// <summary>
    /// The control keys the catalogue maps to <paramref name="standardKey"/>: the claims a certificate of that standard
    /// starts with, before the provider narrows them. Each key once, in the order of the mappings; empty when the
    /// catalogue maps nothing to the standard.
    /// </summary>
    public static IReadOnlyList<string> DefaultClaims(string standardKey, IReadOnlyCollection<ControlStandardMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(standardKey);
        ArgumentNullException.ThrowIfNull(mappings);
        return mappings
            .Where(m => string.Equals(m.StandardKey, standardKey, StringComparison.Ordinal))
            .Select(m => m.ControlKey)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static CertificateValidity Validity(DateOnly issuedOn, DateOnly expiresOn, DateOnly decisionDate, DateOnly validityEnd) =>
        issuedOn > expiresOn ? CertificateValidity.DatesInconsistent
        : decisionDate < issuedOn ? CertificateValidity.NotYetValid
        : expiresOn < decisionDate ? CertificateValidity.Expired
        : expiresOn < validityEnd ? CertificateValidity.ExpiresDuringValidity
        : CertificateValidity.ValidThroughout;

    private static string Day(DateOnly date) => EvidenceText.Day(date);
}
