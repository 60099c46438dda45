using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adhere.Core.Catalogue;
using Adhere.Core.Declarations;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Declarations;

/// <summary>A small catalogue and valid bundles for declaration bundle tests (web and CLI).</summary>
public static class DeclarationBundleSamples
{
    public const string Standard = "iso-27001-2022";

    /// <summary>A Code with three controls (1.A and 1.B mapped to ISO/IEC 27001) and a module "sov" with one more.</summary>
    public static string CatalogueYaml(string codeName) => $"""
        format: adhere-catalogue/1
        code:
          name: "{codeName}"
          version: "1.0"
        modules:
          - id: sov
            title: Sovereignty
        sections:
          - id: "1"
            title: General
            controls:
              - id: 1.A
                title: Records
                statement: Providers keep a register of processing.
              - id: 1.B
                title: Encryption
                statement: Providers encrypt customer data at rest.
              - id: 1.C
                title: Location
                statement: Providers keep data in the EU.
                module: sov
        standards:
          - id: {Standard}
            title: ISO/IEC 27001:2022
        mappings:
          - control: 1.A
            standard: {Standard}
            clause: A.5.1
            relationship: intersects-with
          - control: 1.B
            standard: {Standard}
            clause: A.8.24
            relationship: intersects-with
        """;

    /// <summary>Imports <see cref="CatalogueYaml"/> as the system caller of <paramref name="services"/>.</summary>
    public static async Task ImportCatalogueAsync(IServiceProvider services, string codeName)
    {
        ArgumentNullException.ThrowIfNull(services);
        using var yaml = new MemoryStream(Encoding.UTF8.GetBytes(CatalogueYaml(codeName)));
        var report = await services.GetRequiredService<ImportCatalogue>()
            .HandleAsync(new ImportCatalogue.Command(yaml, yaml.Length, CatalogueFormat.Native, false), CancellationToken.None);
        if (report.Action == ImportAction.Refused) throw new InvalidOperationException(string.Join("; ", report.Problems.Select(p => p.Message)));
    }

    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n");

    public static BundleDocument Document(string key, string fileName, byte[] content) =>
        new(key, fileName, Convert.ToHexStringLower(SHA256.HashData(content)), Convert.ToBase64String(content));

    /// <summary>A valid draft of <paramref name="codeName"/> 1.0 for a new provider: two services, one answer with a document, one certificate.</summary>
    public static DeclarationBundle Draft(string codeName, string organisation) => new(
        DeclarationBundleFormat.FormatName,
        new BundleOrganisation(organisation, "1 Cloud Street, Berlin", "https://cloud.example", "privacy@cloud.example"),
        ["Infrastructure"],
        [
            new BundleService("svc-1", "Object Storage", "Stores objects.", "Infrastructure", "Storage", "active"),
            new BundleService("svc-2", "Block Storage", null, "Infrastructure", null, "active"),
        ],
        new BundleDeclaration(
            new BundleCode(codeName, "1.0"), [], "initial", "draft", "Storage 2026", 2,
            new BundleContact("Dana Officer", "dana@cloud.example"),
            ["svc-1", "svc-2"],
            [new BundleAgreement("doc-1", "data-processing-agreement")],
            [new BundleAnswer("1.A", "We keep a register.", "Reviewed yearly.", ["doc-2"])],
            [new BundleCertificate("cert-1", Standard, "2022", "CERT-001", "Good Certifier", null, "All storage services.", ["svc-1"],
                "2025-01-01", "2027-12-31", "doc-2", ["1.A", "1.B"])],
            []),
        [Document("doc-1", "dpa.pdf", Pdf("dpa")), Document("doc-2", "register.pdf", Pdf("register"))]);

    public static string ToJson(DeclarationBundle bundle) => JsonSerializer.Serialize(bundle, DeclarationBundleFormat.Json);

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));
}
