using System.Globalization;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;

namespace Adhere.Domain.Tests.Declarations.Evidence;

/// <summary>Fixed dates, services and certificates for the evidence rules.</summary>
internal static class EvidenceTestData
{
    public static readonly DateOnly DecisionDate = new(2026, 3, 15);

    // Validity is one year from approval; the last valid day of the verification.
    public static readonly DateOnly ValidityEnd = new(2027, 3, 14);

    public static readonly DeclaredService Compute = new(new ServiceId(new Guid("00000000-0000-4000-8000-000000000001")), "Compute", "IaaS", "Cloud");

    public static readonly DeclaredService ObjectStorage = new(new ServiceId(new Guid("00000000-0000-4000-8000-000000000002")), "Object Storage", "IaaS", "Cloud");

    public const string Iso27001 = "iso27001";

    public const string Soc2 = "soc2";

    public static CertificateFacts Certificate(
        IReadOnlyList<string>? claimed = null,
        IReadOnlyList<ServiceId>? covered = null,
        DateOnly? issuedOn = null,
        DateOnly? expiresOn = null,
        bool hasAuditReport = true,
        string standard = Iso27001,
        string number = "ISO-0001",
        Guid? id = null) =>
        new(
            new CertificateId(id ?? Guid.NewGuid()),
            standard,
            "2022",
            number,
            "Example Certification GmbH",
            "DAkkS",
            "Compute and Object Storage operated from EU data centres.",
            covered ?? [Compute.Id, ObjectStorage.Id],
            issuedOn ?? new DateOnly(2025, 6, 1),
            expiresOn ?? new DateOnly(2028, 5, 31),
            hasAuditReport,
            claimed ?? ["5.1.A", "6.1.A"]);

    public static CertificateCheckResult Check(CertificateFacts certificate, IReadOnlyCollection<ControlStandardMapping> mappings, IReadOnlyList<DeclaredService>? claimedFor = null) =>
        CertificateCheck.Run(certificate, claimedFor ?? [Compute, ObjectStorage], DecisionDate, ValidityEnd, mappings);

    /// <summary>Catalogue controls named <c>{section}.1.{n}</c>, n = 1..count, with the demo titles.</summary>
    public static List<CatalogueControlRef> Controls(string section, int count) =>
        [.. Enumerable.Range(1, count).Select(n => new CatalogueControlRef(Key(section, n), section, Title(section)))];

    public static string Key(string section, int n) => string.Create(CultureInfo.InvariantCulture, $"{section}.1.{n}");

    private static string? Title(string section) => section switch
    {
        "5" => "Data protection",
        "6" => "Security",
        _ => null,
    };

    /// <summary>
    /// Coverage of a catalogue with the given sections, where one sound certificate (mapped, in scope, valid throughout)
    /// backs the first <c>Backed</c> controls of each section.
    /// </summary>
    public static EvidenceCoverageResult Coverage(params (string Section, int Controls, int Backed)[] sections)
    {
        var controls = sections.SelectMany(s => Controls(s.Section, s.Controls)).ToList();
        var claimed = sections.SelectMany(s => Enumerable.Range(1, s.Backed).Select(n => Key(s.Section, n))).ToList();
        var mappings = claimed.Select(k => new ControlStandardMapping(k, Iso27001)).ToList();
        var certificate = Certificate(claimed: claimed);
        return EvidenceCoverage.Compute(controls, [(certificate, Check(certificate, mappings))]);
    }
}
