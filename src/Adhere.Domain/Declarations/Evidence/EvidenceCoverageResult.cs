namespace Adhere.Domain.Declarations.Evidence;

/// <summary>What a control's answer rests on.</summary>
public enum EvidenceBasis
{
    /// <summary>The provider's own documented review only (the basis of Level 1).</summary>
    SelfDeclared = 1,

    /// <summary>Backed by at least one certificate that passed the scope and validity checks and is mapped to the control.</summary>
    ThirdParty = 2,
}

/// <summary>
/// A certificate that backs a control, with what the report needs to qualify that backing ("backed, but the certificate
/// expires on …"). One instance per certificate, shared by every control it backs.
/// </summary>
/// <param name="Validity">Either <see cref="CertificateValidity.ValidThroughout"/> or <see cref="CertificateValidity.ExpiresDuringValidity"/>.</param>
/// <param name="ValidityEnd">The last day of the validity period the check was run for.</param>
/// <param name="Warnings">The warnings of the certificate's check; empty when it passed without remark.</param>
public sealed record BackingCertificate(
    CertificateId Id,
    string StandardKey,
    string? StandardVersion,
    string Number,
    DateOnly ExpiresOn,
    CertificateValidity Validity,
    DateOnly ValidityEnd,
    IReadOnlyList<CertificateFinding> Warnings)
{
    /// <summary>The certificate expires before the validity period ends.</summary>
    public bool ExpiresDuringValidity => Validity == CertificateValidity.ExpiresDuringValidity;
}

/// <summary>The evidence basis of one catalogue control.</summary>
/// <param name="BackedBy">The certificates that back it, in the order they were given; empty when self-declared.</param>
public sealed record ControlEvidence(string ControlKey, string TopSection, EvidenceBasis Basis, IReadOnlyList<BackingCertificate> BackedBy);

/// <summary>How many controls a part of the catalogue has and how many of them third-party evidence backs.</summary>
/// <param name="Controls">At least 0.</param>
/// <param name="Backed">From 0 to <paramref name="Controls"/>.</param>
public sealed record CoverageTally(int Controls, int Backed)
{
    public int Controls { get; } = Controls >= 0 ? Controls : throw new ArgumentOutOfRangeException(nameof(Controls), Controls, "A count of controls cannot be negative.");

    public int Backed { get; } = Backed >= 0 && Backed <= Controls
        ? Backed
        : throw new ArgumentOutOfRangeException(nameof(Backed), Backed, "The backed controls must be between 0 and the number of controls.");

    /// <summary>Backed divided by controls, from 0 to 1, as an exact decimal quotient; 0 when there are no controls.</summary>
    public decimal Share => Controls == 0 ? 0m : (decimal)Backed / Controls;

    /// <summary>There is at least one control and every one is backed.</summary>
    public bool IsFullyBacked => Controls > 0 && Backed == Controls;
}

/// <summary>The coverage of one top-level section of the catalogue (such as <c>5</c> or <c>6</c>).</summary>
/// <param name="Title">The section's title when the catalogue gave one.</param>
public sealed record SectionCoverage(string TopSection, string? Title, CoverageTally Tally);

/// <summary>The result of <see cref="EvidenceCoverage.Compute"/>.</summary>
/// <param name="Controls">One entry per catalogue control, in catalogue order.</param>
/// <param name="Sections">One entry per top-level section, in the order of their first control.</param>
/// <param name="Overall">All controls together.</param>
/// <param name="BackingCertificates">Each certificate that backs at least one catalogue control, once, in the order the certificates were given.</param>
public sealed record EvidenceCoverageResult(
    IReadOnlyList<ControlEvidence> Controls,
    IReadOnlyList<SectionCoverage> Sections,
    CoverageTally Overall,
    IReadOnlyList<BackingCertificate> BackingCertificates);
