namespace Adhere.Domain.Declarations.Evidence;

/// <summary>
/// Which catalogue controls checked third-party evidence backs, per control, per top-level section and overall.
/// A control is <see cref="EvidenceBasis.ThirdParty"/> when at least one certificate passed the scope and validity checks
/// (<see cref="CertificateCheckResult.CanBackControls"/>) and its check found the control claimed and
/// <see cref="MappingOutcome.Mapped"/>. Warnings (such as an expiry during the validity period) do not stop the backing;
/// they travel with it in <see cref="BackingCertificate"/>.
/// </summary>
public static class EvidenceCoverage
{
    /// <summary>Computes the coverage of <paramref name="controls"/> by <paramref name="certificates"/>.</summary>
    /// <param name="controls">The catalogue's controls, each key once. Empty gives zero counts and shares of 0.</param>
    /// <param name="certificates">
    /// Each certificate with its latest check. The claims are read from the check, which is what was verified; a check
    /// that is stale because the certificate changed must be rerun by the caller first. Claims of controls outside
    /// <paramref name="controls"/> are ignored.
    /// </param>
    /// <exception cref="ArgumentException">A control key or a certificate appears twice, or a check belongs to another certificate.</exception>
    public static EvidenceCoverageResult Compute(
        IReadOnlyList<CatalogueControlRef> controls,
        IReadOnlyList<(CertificateFacts Certificate, CertificateCheckResult Check)> certificates)
    {
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(certificates);

        var duplicate = controls.GroupBy(c => c.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Control '{duplicate.Key}' appears more than once.", nameof(controls));

        var catalogueKeys = controls.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<CertificateId>();
        var backingCertificates = new List<BackingCertificate>();
        var backersByControl = new Dictionary<string, List<BackingCertificate>>(StringComparer.Ordinal);
        foreach (var (certificate, check) in certificates)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(certificates));
            ArgumentNullException.ThrowIfNull(check, nameof(certificates));
            if (check.CertificateId != certificate.Id)
            {
                throw new ArgumentException($"The check of certificate {check.CertificateId} was paired with certificate {certificate.Id}.", nameof(certificates));
            }

            if (!seen.Add(certificate.Id)) throw new ArgumentException($"Certificate {certificate.Id} appears more than once.", nameof(certificates));

            if (!check.CanBackControls) continue;

            var backing = new BackingCertificate(
                certificate.Id, certificate.StandardKey, certificate.StandardVersion, certificate.Number,
                check.ExpiresOn, check.Validity, check.ValidityEnd, check.Warnings.ToList());
            var backed = check.MappedControls.Distinct(StringComparer.Ordinal).Where(catalogueKeys.Contains).ToList();
            if (backed.Count > 0) backingCertificates.Add(backing);
            foreach (var key in backed)
            {
                if (!backersByControl.TryGetValue(key, out var backers)) backersByControl[key] = backers = [];
                backers.Add(backing);
            }
        }

        var evidence = controls.Select(c => backersByControl.TryGetValue(c.Key, out var backers)
                ? new ControlEvidence(c.Key, c.TopSection, EvidenceBasis.ThirdParty, backers)
                : new ControlEvidence(c.Key, c.TopSection, EvidenceBasis.SelfDeclared, []))
            .ToList();

        var sections = controls
            .Select((c, i) => (Control: c, Evidence: evidence[i]))
            .GroupBy(x => x.Control.TopSection, StringComparer.Ordinal)
            .Select(g => new SectionCoverage(
                g.Key,
                g.Select(x => x.Control.SectionTitle).FirstOrDefault(t => t is not null),
                Tally(g.Select(x => x.Evidence))))
            .ToList();

        return new EvidenceCoverageResult(evidence, sections, Tally(evidence), backingCertificates);
    }

    private static CoverageTally Tally(IEnumerable<ControlEvidence> evidence)
    {
        var list = evidence.ToList();
        return new CoverageTally(list.Count, list.Count(e => e.Basis == EvidenceBasis.ThirdParty));
    }
}
