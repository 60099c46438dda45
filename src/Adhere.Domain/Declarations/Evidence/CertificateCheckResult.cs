namespace Adhere.Domain.Declarations.Evidence;

/// <summary>
/// Where a certificate stands against the decision date and the validity period of the verification that would follow.
/// A certificate is valid from <see cref="CertificateFacts.IssuedOn"/> through <see cref="CertificateFacts.ExpiresOn"/>,
/// both days included.
/// </summary>
public enum CertificateValidity
{
    /// <summary>Issued after the decision date: not valid yet. Fails check (b).</summary>
    NotYetValid = 1,

    /// <summary>Its last valid day lies before the decision date. Fails check (b).</summary>
    Expired = 2,

    /// <summary>Valid on the decision date and on every day up to and including the end of the validity period.</summary>
    ValidThroughout = 3,

    /// <summary>Valid on the decision date but its last valid day lies before the end of the validity period: a warning, it still backs controls.</summary>
    ExpiresDuringValidity = 4,

    /// <summary>Issued after it expires: a data error, so it is valid on no day at all. Fails check (b).</summary>
    DatesInconsistent = 5,
}

/// <summary>Whether the catalogue maps a claimed control to the certificate's standard (check (c)).</summary>
public enum MappingOutcome
{
    /// <summary>The catalogue maps the control to the certificate's standard: the certificate can back it.</summary>
    Mapped = 1,

    /// <summary>Claimed, but the catalogue maps it to some other standard or to none: flagged, and not backed by this certificate.</summary>
    NotMapped = 2,
}

/// <summary>The overall result of the certificate checks.</summary>
public enum CertificateCheckOutcome
{
    /// <summary>Every check passed without a remark.</summary>
    Passed = 1,

    /// <summary>Scope and validity passed; there is at least one warning (an expiry during the validity period, an unmapped claim, no claims, no audit report).</summary>
    PassedWithWarnings = 2,

    /// <summary>Scope (a) or validity (b) failed: the certificate backs no control.</summary>
    Failed = 3,
}

/// <summary>How serious a <see cref="CertificateFinding"/> is.</summary>
public enum CertificateFindingSeverity
{
    /// <summary>The certificate may still back controls, but the Monitoring Body should look at this.</summary>
    Warning = 1,

    /// <summary>The certificate cannot back any control.</summary>
    Failure = 2,
}

/// <summary>
/// One remark of a certificate check: a stable <see cref="Code"/> (such as <c>certificate.scope-not-covered</c>) and a
/// plain sentence for the people reading the check.
/// </summary>
public sealed record CertificateFinding(CertificateFindingSeverity Severity, string Code, string Message);

/// <summary>Check (a) for one declared service the certificate is claimed for.</summary>
/// <param name="IsCovered">The certificate's recorded scope includes the service.</param>
public sealed record ServiceScopeResult(ServiceId ServiceId, string ServiceName, bool IsCovered);

/// <summary>Check (c) for one control the certificate is claimed for.</summary>
public sealed record ControlMappingResult(string ControlKey, MappingOutcome Outcome);

/// <summary>
/// The result of <see cref="CertificateCheck.Run"/> for one certificate, computed for <see cref="DecisionDate"/> and the
/// validity period ending on <see cref="ValidityEnd"/>. It holds no time of day: the caller stores when the check ran
/// and reruns it whenever the certificate, the services it is claimed for, the dates or the catalogue change.
/// </summary>
/// <param name="Scope">Check (a), one entry per distinct service the certificate is claimed for, in the order given.</param>
/// <param name="Validity">Check (b).</param>
/// <param name="ExpiresOn">The certificate's last valid day, so that a warning can name it.</param>
/// <param name="Controls">Check (c), one entry per distinct claimed control key, in the order claimed.</param>
/// <param name="Findings">Every failure and warning as a sentence, in the order (a), (b), (c), audit report.</param>
public sealed record CertificateCheckResult(
    CertificateId CertificateId,
    DateOnly DecisionDate,
    DateOnly ValidityEnd,
    IReadOnlyList<ServiceScopeResult> Scope,
    CertificateValidity Validity,
    DateOnly ExpiresOn,
    IReadOnlyList<ControlMappingResult> Controls,
    CertificateCheckOutcome Outcome,
    IReadOnlyList<CertificateFinding> Findings)
{
    /// <summary>Check (a) passed: claimed for at least one service, and its scope covers every one of them.</summary>
    public bool ScopeCoversClaims => Scope.Count > 0 && Scope.All(s => s.IsCovered);

    /// <summary>Check (b) passed: valid on the decision date (it may still expire during the validity period).</summary>
    public bool IsValidOnDecisionDate => Validity is CertificateValidity.ValidThroughout or CertificateValidity.ExpiresDuringValidity;

    /// <summary>Checks (a) and (b) passed, so the certificate backs each of its <see cref="MappingOutcome.Mapped"/> controls.</summary>
    public bool CanBackControls => ScopeCoversClaims && IsValidOnDecisionDate;

    /// <summary>The claimed control keys the catalogue maps to the certificate's standard.</summary>
    public IEnumerable<string> MappedControls => Controls.Where(c => c.Outcome == MappingOutcome.Mapped).Select(c => c.ControlKey);

    /// <summary>The findings that do not stop the certificate from backing controls.</summary>
    public IEnumerable<CertificateFinding> Warnings => Findings.Where(f => f.Severity == CertificateFindingSeverity.Warning);
}
