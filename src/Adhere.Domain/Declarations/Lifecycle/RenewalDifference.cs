namespace Adhere.Domain.Declarations.Lifecycle;

/// <summary>A declaration's content as the renewal comparison needs it.</summary>
/// <param name="ControlKeys">The keys of the catalogue version it answers, in catalogue order.</param>
/// <param name="Answers">The implementation statement per control key; missing or blank means unanswered.</param>
/// <param name="Services">Its services; IDs must be unique.</param>
/// <param name="Certificates">Its certificates; IDs must be unique.</param>
public sealed record DeclarationSnapshot(
    IReadOnlyList<string> ControlKeys,
    IReadOnlyDictionary<string, string?> Answers,
    IReadOnlyList<DeclaredService> Services,
    IReadOnlyList<CertificateFacts> Certificates);

/// <summary>An aspect of a declared service that can change between two years.</summary>
public enum ServiceField
{
    Name = 1,
    Category = 2,
    Family = 3,
}

/// <summary>A service kept (same <see cref="ServiceId"/>) whose <see cref="Fields"/> differ, in <see cref="ServiceField"/> order.</summary>
public sealed record ServiceChange(DeclaredService Previous, DeclaredService Current, IReadOnlyList<ServiceField> Fields)
{
    public ServiceId Id => Current.Id;

    /// <summary>Same service, new name (compared after trimming, case-sensitively: a change of case shows in the register).</summary>
    public bool IsRenamed => Fields.Contains(ServiceField.Name);

    public bool IsCategoryChanged => Fields.Contains(ServiceField.Category);
}

/// <summary>A control in both catalogue versions whose statement differs; null stands for unanswered.</summary>
public sealed record AnswerChange(string ControlKey, string? Previous, string? Current);

/// <summary>An aspect of a cited certificate that can change between two years.</summary>
public enum CertificateField
{
    Standard = 1,
    StandardVersion = 2,
    Number = 3,
    CertificationBody = 4,
    AccreditationBody = 5,
    ScopeStatement = 6,
    CoveredServices = 7,
    IssuedOn = 8,
    ExpiresOn = 9,
    AuditReport = 10,
    ClaimedControls = 11,
}

/// <summary>A certificate kept (same <see cref="CertificateId"/>) whose <see cref="Fields"/> differ, in <see cref="CertificateField"/> order.</summary>
public sealed record CertificateChange(CertificateFacts Previous, CertificateFacts Current, IReadOnlyList<CertificateField> Fields)
{
    public CertificateId Id => Current.Id;
}

/// <summary>
/// The year-over-year difference between the last verified declaration and its renewal, for the provider's review
/// and the assessment report. Every list has a stable order that does not depend on the order of the input:
/// services by name (ordinal, ignoring case; then by ID), certificates by standard, number and ID, controls in
/// catalogue order (the current catalogue, except <see cref="ControlsDropped"/> in the previous one).
/// </summary>
/// <remarks>
/// Services and certificates are matched by ID, so a renewal must carry IDs over; a renamed service or a re-issued
/// certificate with a new number is a change, not a removal and an addition. Controls are matched by key: where a new
/// catalogue version renames a control, the rename shows as a dropped and an added control, and the caller may show
/// the catalogue's transition beside it.
/// </remarks>
public sealed record RenewalDifference(
    IReadOnlyList<DeclaredService> ServicesAdded,
    IReadOnlyList<DeclaredService> ServicesRemoved,
    IReadOnlyList<ServiceChange> ServicesChanged,
    IReadOnlyList<AnswerChange> AnswersChanged,
    IReadOnlyList<string> ControlsAdded,
    IReadOnlyList<string> ControlsDropped,
    IReadOnlyList<CertificateFacts> CertificatesAdded,
    IReadOnlyList<CertificateFacts> CertificatesRemoved,
    IReadOnlyList<CertificateChange> CertificatesChanged,
    IReadOnlyList<CertificateFacts> CertificatesExpired)
{
    /// <summary>True when nothing at all differs and no current certificate has expired.</summary>
    public bool IsEmpty =>
        ServicesAdded.Count == 0 && ServicesRemoved.Count == 0 && ServicesChanged.Count == 0
        && AnswersChanged.Count == 0 && ControlsAdded.Count == 0 && ControlsDropped.Count == 0
        && CertificatesAdded.Count == 0 && CertificatesRemoved.Count == 0 && CertificatesChanged.Count == 0
        && CertificatesExpired.Count == 0;

    /// <summary>Compares <paramref name="previous"/> (the last verified declaration) with <paramref name="current"/> (its renewal).</summary>
    /// <param name="decisionDate">The date of the renewal decision: a current certificate whose
    /// <see cref="CertificateFacts.ExpiresOn"/> lies before it (valid through its expiry day) is listed in
    /// <see cref="CertificatesExpired"/>, whether or not it changed otherwise.</param>
    /// <remarks>Statements (and service and certificate texts) are compared after trimming and normalising line endings, so that re-saving a carried-over
    /// answer in a browser is no change; blank counts as unanswered.</remarks>
    /// <exception cref="ArgumentException">Duplicate service or certificate IDs in one snapshot: a programmer error.</exception>
    public static RenewalDifference Compare(DeclarationSnapshot previous, DeclarationSnapshot current, DateOnly decisionDate)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);

        var oldServices = previous.Services.ToDictionary(s => s.Id);
        var newServices = current.Services.ToDictionary(s => s.Id);
        var servicesAdded = Ordered(current.Services.Where(s => !oldServices.ContainsKey(s.Id)));
        var servicesRemoved = Ordered(previous.Services.Where(s => !newServices.ContainsKey(s.Id)));
        var servicesChanged = Ordered(current.Services.Where(s => oldServices.ContainsKey(s.Id)))
            .Select(s => new ServiceChange(oldServices[s.Id], s, ServiceFields(oldServices[s.Id], s)))
            .Where(c => c.Fields.Count > 0)
            .ToList();

        var oldKeys = previous.ControlKeys.ToHashSet(StringComparer.Ordinal);
        var newKeys = current.ControlKeys.ToHashSet(StringComparer.Ordinal);
        var answersChanged = current.ControlKeys
            .Where(oldKeys.Contains)
            .Select(k => new AnswerChange(k, previous.Answers.GetValueOrDefault(k), current.Answers.GetValueOrDefault(k)))
            .Where(a => !string.Equals(Normalise(a.Previous), Normalise(a.Current), StringComparison.Ordinal))
            .ToList();
        var controlsAdded = current.ControlKeys.Where(k => !oldKeys.Contains(k)).ToList();
        var controlsDropped = previous.ControlKeys.Where(k => !newKeys.Contains(k)).ToList();

        var oldCertificates = previous.Certificates.ToDictionary(c => c.Id);
        var newCertificates = current.Certificates.ToDictionary(c => c.Id);
        var certificatesAdded = Ordered(current.Certificates.Where(c => !oldCertificates.ContainsKey(c.Id)));
        var certificatesRemoved = Ordered(previous.Certificates.Where(c => !newCertificates.ContainsKey(c.Id)));
        var certificatesChanged = Ordered(current.Certificates.Where(c => oldCertificates.ContainsKey(c.Id)))
            .Select(c => new CertificateChange(oldCertificates[c.Id], c, CertificateFields(oldCertificates[c.Id], c)))
            .Where(c => c.Fields.Count > 0)
            .ToList();
        var certificatesExpired = Ordered(current.Certificates.Where(c => c.ExpiresOn < decisionDate));

        return new RenewalDifference(servicesAdded, servicesRemoved, servicesChanged, answersChanged, controlsAdded, controlsDropped,
            certificatesAdded, certificatesRemoved, certificatesChanged, certificatesExpired);
    }

    private static List<DeclaredService> Ordered(IEnumerable<DeclaredService> services) =>
        [.. services.OrderBy(s => s.Name.Trim(), StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id.Value)];

    private static List<CertificateFacts> Ordered(IEnumerable<CertificateFacts> certificates) =>
        [.. certificates.OrderBy(c => c.StandardKey, StringComparer.Ordinal).ThenBy(c => c.Number, StringComparer.Ordinal).ThenBy(c => c.Id.Value)];

    private static List<ServiceField> ServiceFields(DeclaredService before, DeclaredService after)
    {
        var fields = new List<ServiceField>();
        if (Differs(before.Name, after.Name)) fields.Add(ServiceField.Name);
        if (Differs(before.Category, after.Category)) fields.Add(ServiceField.Category);
        if (Differs(before.Family, after.Family)) fields.Add(ServiceField.Family);
        return fields;
    }

    private static List<CertificateField> CertificateFields(CertificateFacts before, CertificateFacts after)
    {
        var fields = new List<CertificateField>();
        if (Differs(before.StandardKey, after.StandardKey)) fields.Add(CertificateField.Standard);
        if (Differs(before.StandardVersion, after.StandardVersion)) fields.Add(CertificateField.StandardVersion);
        if (Differs(before.Number, after.Number)) fields.Add(CertificateField.Number);
        if (Differs(before.CertificationBody, after.CertificationBody)) fields.Add(CertificateField.CertificationBody);
        if (Differs(before.AccreditationBody, after.AccreditationBody)) fields.Add(CertificateField.AccreditationBody);
        if (Differs(before.ScopeStatement, after.ScopeStatement)) fields.Add(CertificateField.ScopeStatement);
        if (!before.CoveredServices.ToHashSet().SetEquals(after.CoveredServices)) fields.Add(CertificateField.CoveredServices);
        if (before.IssuedOn != after.IssuedOn) fields.Add(CertificateField.IssuedOn);
        if (before.ExpiresOn != after.ExpiresOn) fields.Add(CertificateField.ExpiresOn);
        if (before.HasAuditReport != after.HasAuditReport) fields.Add(CertificateField.AuditReport);
        if (!before.ClaimedControls.ToHashSet(StringComparer.Ordinal).SetEquals(after.ClaimedControls)) fields.Add(CertificateField.ClaimedControls);
        return fields;
    }

    private static bool Differs(string? before, string? after) => !string.Equals(Normalise(before), Normalise(after), StringComparison.Ordinal);

    private static string? Normalise(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.ReplaceLineEndings("\n").Trim();
}
