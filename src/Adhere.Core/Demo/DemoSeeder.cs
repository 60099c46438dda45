using System.Security.Cryptography;
using Adhere.Core.Accounts;
using Adhere.Core.Catalogue;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Demo;

/// <summary>
/// Fills a database with a small, realistic installation: the Monitoring Body with one user per MB role and five
/// cloud providers (two with an editor and a viewer, a newcomer with an editor, two without users whose register entries
/// are expired and suspended), their services and declarations (<see cref="DemoDeclarations"/>), assessments
/// (<see cref="DemoAssessments"/>) and complaints (<see cref="DemoComplaints"/>). Passwords are random and returned once, for printing.
/// Later features add their demo data here, so a newcomer sees every part of the product populated.
/// </summary>
public sealed class DemoSeeder(AdhereDb db, CreateOrganisation createOrganisation, UpdateOrganisationProfile updateProfile, AddUser addUser,
    ImportCatalogue importCatalogue, AddServiceCategory addCategory, CreateService createService, DemoDeclarations declarations,
    DemoAssessments assessments, DemoComplaints complaints, Reports.Signing.SigningSettings signing, Reports.Signing.CreateSigningKey createKey)
{
    public const string MonitoringBodyName = "Demo Monitoring Body";

    /// <summary>The demo catalogue's name, which the demo category list belongs to.</summary>
    public const string DemoCodeName = "EU Cloud CoC v2.11 (demo: structure only)";

    /// <summary>The service categories of the demo Code, in list order.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "Computing", "Networking & CDN", "Database", "Storage", "Security", "Enterprise Services & Cloud Communication",
        "Analytics Computing", "AI & Machine Learning", "Media Services", "Middleware", "Container", "Developer Tools",
        "Domain Names and Websites", "Serverless", "Migration & O&M Management",
    ];

    // Invented services; any likeness to real products is accidental.
    private static readonly (string Organisation, string Name, string Category, string? Family, string Description)[] Services =
    [
        ("Nimbus Cloud GmbH", "Nimbus Compute Instances", "Computing", "Nimbus Core", "Virtual machines in sizes from one to 96 virtual CPUs."),
        ("Nimbus Cloud GmbH", "Nimbus Dedicated Hosts", "Computing", "Nimbus Core", "Single-tenant physical servers for licensing and isolation needs."),
        ("Nimbus Cloud GmbH", "Nimbus Private Network", "Networking & CDN", "Nimbus Core", "Isolated virtual networks with subnets and routing."),
        ("Nimbus Cloud GmbH", "Nimbus Edge Delivery", "Networking & CDN", "Nimbus Core", "Content delivery from edge locations across Europe."),
        ("Nimbus Cloud GmbH", "Nimbus Managed PostgreSQL", "Database", "Nimbus Data", "Managed PostgreSQL clusters with automatic backups."),
        ("Nimbus Cloud GmbH", "Nimbus Key-Value Store", "Database", "Nimbus Data", "A low-latency key-value database."),
        ("Nimbus Cloud GmbH", "Nimbus Object Storage", "Storage", "Nimbus Core", "S3-compatible object storage in German data centres."),
        ("Nimbus Cloud GmbH", "Nimbus Block Volumes", "Storage", "Nimbus Core", "Network-attached block storage for instances."),
        ("Nimbus Cloud GmbH", "Nimbus Key Vault", "Security", "Nimbus Core", "Managed encryption keys and secrets."),
        ("Nimbus Cloud GmbH", "Nimbus Identity", "Security", "Nimbus Core", "Single sign-on and user directories for customer applications."),
        ("Nimbus Cloud GmbH", "Nimbus Team Mail", "Enterprise Services & Cloud Communication", null, "Hosted e-mail and calendars for businesses."),
        ("Nimbus Cloud GmbH", "Nimbus Data Lake Analytics", "Analytics Computing", "Nimbus Data", "SQL queries over files in object storage."),
        ("Nimbus Cloud GmbH", "Nimbus Model Hosting", "AI & Machine Learning", "Nimbus Data", "Serving of customer-trained machine learning models."),
        ("Nimbus Cloud GmbH", "Nimbus Video Transcoding", "Media Services", null, "Conversion of video files between formats."),
        ("Nimbus Cloud GmbH", "Nimbus Message Queue", "Middleware", "Nimbus Data", "Managed message queues with at-least-once delivery."),
        ("Nimbus Cloud GmbH", "Nimbus Kubernetes Engine", "Container", "Nimbus Core", "Managed Kubernetes clusters."),
        ("Nimbus Cloud GmbH", "Nimbus Container Registry", "Container", "Nimbus Core", "Private registries for container images."),
        ("Nimbus Cloud GmbH", "Nimbus Code Pipelines", "Developer Tools", null, "Hosted build and deployment pipelines."),
        ("Nimbus Cloud GmbH", "Nimbus Functions", "Serverless", "Nimbus Core", "Event-driven functions billed per invocation."),
        ("Nimbus Cloud GmbH", "Nimbus Migration Assistant", "Migration & O&M Management", null, "Tools to move virtual machines and databases to Nimbus."),
        ("Stratus Hosting SAS", "Stratus Web Hosting", "Domain Names and Websites", "Stratus Web", "Shared hosting for web sites with PHP and MySQL."),
        ("Stratus Hosting SAS", "Stratus Domains", "Domain Names and Websites", "Stratus Web", "Registration and DNS for domain names."),
        ("Stratus Hosting SAS", "Stratus Virtual Servers", "Computing", null, "Virtual private servers hosted in Lyon."),
        ("Stratus Hosting SAS", "Stratus Backup", "Storage", null, "Daily off-site backups of servers and sites."),
        ("Stratus Hosting SAS", "Stratus Managed MySQL", "Database", "Stratus Web", "Managed MySQL databases for web applications."),
        ("Cirrus Data Oy", "Cirrus Object Archive", "Storage", "Cirrus Storage", "Long-term object storage with write-once retention."),
        ("Cirrus Data Oy", "Cirrus File Sync", "Enterprise Services & Cloud Communication", "Cirrus Storage", "File sharing and synchronisation for teams."),
        ("Cirrus Data Oy", "Cirrus Backup Vault", "Migration & O&M Management", null, "Encrypted backups of servers and databases, kept in Finland."),
        ("Altocumulus Hosting s.r.o.", "Altocumulus Virtual Servers", "Computing", null, "Virtual servers in a Prague data centre."),
        ("Altocumulus Hosting s.r.o.", "Altocumulus Mail", "Enterprise Services & Cloud Communication", null, "Mailboxes and shared calendars for small firms."),
        ("Cumulus Compute AB", "Cumulus GPU Instances", "AI & Machine Learning", "Cumulus Platform", "Virtual machines with GPUs for training models."),
        ("Cumulus Compute AB", "Cumulus Object Store", "Storage", "Cumulus Platform", "Object storage in Stockholm with versioning."),
        ("Cumulus Compute AB", "Cumulus Managed Redis", "Database", "Cumulus Platform", "In-memory key-value databases, managed."),
    ];

    public sealed record DemoUser(string Email, string Role, string Organisation, string Password);

    private static readonly (string Name, string Kind, string Address, string Website, string Contact)[] Organisations =
    [
        (MonitoringBodyName, "mb", "Rue de la Démo 1, 1000 Brussels, Belgium", "https://mb.demo.example", "privacy@mb.demo.example"),
        ("Nimbus Cloud GmbH", "csp", "Wolkenweg 7, 10115 Berlin, Germany", "https://nimbus.demo.example", "dpo@nimbus.demo.example"),
        ("Stratus Hosting SAS", "csp", "12 rue des Nuages, 69002 Lyon, France", "https://stratus.demo.example", "dpo@stratus.demo.example"),
        ("Cirrus Data Oy", "csp", "Pilvikatu 3, 00100 Helsinki, Finland", "https://cirrus.demo.example", "dpo@cirrus.demo.example"),
        // Register entries in other states (expired, suspended); no users, they exist for the public register.
        ("Altocumulus Hosting s.r.o.", "csp", "Oblačná 5, 110 00 Prague, Czechia", "https://altocumulus.demo.example", "dpo@altocumulus.demo.example"),
        ("Cumulus Compute AB", "csp", "Molngatan 9, 111 20 Stockholm, Sweden", "https://cumulus.demo.example", "dpo@cumulus.demo.example"),
    ];

    private static readonly (string Email, Role Role, string Organisation)[] Users =
    [
        ("admin@mb.demo.example", Role.MbAdministrator, MonitoringBodyName),
        ("assessor@mb.demo.example", Role.MbAssessor, MonitoringBodyName),
        ("decider@mb.demo.example", Role.MbDecisionMaker, MonitoringBodyName),
        ("editor@nimbus.demo.example", Role.CspEditor, "Nimbus Cloud GmbH"),
        ("viewer@nimbus.demo.example", Role.CspViewer, "Nimbus Cloud GmbH"),
        ("editor@stratus.demo.example", Role.CspEditor, "Stratus Hosting SAS"),
        ("viewer@stratus.demo.example", Role.CspViewer, "Stratus Hosting SAS"),
        ("editor@cirrus.demo.example", Role.CspEditor, "Cirrus Data Oy"),
    ];

    /// <summary>True when the database holds no organisation at all: the condition for seeding on first start.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct) => !await db.Organisations.IgnoreQueryFilters().AnyAsync(ct);

    /// <summary>Seeds the demo; refuses when a Monitoring Body exists, since a second one would be an error.</summary>
    public async Task<Result<IReadOnlyList<DemoUser>>> SeedAsync(Func<string, string>? passwordFor, CancellationToken ct)
    {
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Kind == OrganisationKind.MonitoringBody, ct))
        {
            return new ConflictError("demo.not-empty", "This database already has a Monitoring Body; the demo is seeded into new databases only.");
        }

        await using var transaction = await db.BeginUnitAsync(ct);
        var organisationIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (name, kind, address, website, contact) in Organisations)
        {
            var org = await createOrganisation.HandleAsync(new(name, kind), ct);
            if (org.IsError) return org.Error!;
            organisationIds[name] = org.Value.Id;
            var profile = await updateProfile.HandleAsync(new(org.Value.Id, name, address, website, contact), ct);
            if (profile.IsError) return profile.Error!;
        }

        var created = new List<DemoUser>();
        foreach (var (email, role, organisation) in Users)
        {
            var password = passwordFor?.Invoke(email) ?? NewPassword();
            var user = await addUser.HandleAsync(new(email, role.Name, organisation, password), ct);
            if (user.IsError) return user.Error!;
            created.Add(new DemoUser(email, role.Name, organisation, password));
        }

        var catalogue = await ImportDemoCatalogueAsync(ct);
        if (catalogue.IsError) return catalogue.Error!;

        foreach (var category in Categories)
        {
            var added = await addCategory.HandleAsync(new(DemoCodeName, category), ct);
            if (added.IsError) return added.Error!;
        }

        foreach (var (organisation, name, category, family, description) in Services)
        {
            var service = await createService.HandleAsync(new(organisationIds[organisation], name, description, category, family), ct);
            if (service.IsError) return service.Error!;
        }

        // With a signing password configured (always so in Development, ADR 0015), the demo's report is issued signed.
        if (signing.KeyPassword is not null && !await db.SigningKeys.AnyAsync(ct))
        {
            var key = await createKey.HandleAsync(ct);
            if (key.IsError) return key.Error!;
        }

        var declared = await declarations.SeedAsync(organisationIds, ct);
        if (declared.IsError) return declared.Error!;
        var assessed = await assessments.SeedAsync(declared.Value.Nimbus, declared.Value.Stratus, ct);
        if (assessed.IsError) return assessed.Error!;
        var history = await declarations.SeedRegisterHistoryAsync(organisationIds, ct);
        if (history.IsError) return history.Error!;
        var complained = await complaints.SeedAsync(ct);
        if (complained.IsError) return complained.Error!;

        await transaction.CommitAsync(ct);
        return created;
    }

    /// <summary>Imports the demo catalogue (the Code's structure with placeholder statements), shipped inside this assembly.</summary>
    public async Task<Result<ImportReport>> ImportDemoCatalogueAsync(CancellationToken ct)
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(DemoCatalogueResource)
            ?? throw new InvalidOperationException("The demo catalogue is not embedded.");
        var report = await importCatalogue.HandleAsync(new ImportCatalogue.Command(stream, stream.Length, CatalogueFormat.Native, DryRun: false), ct);
        if (report.Problems.Count > 0)
        {
            var first = report.Problems[0];
            return new InvalidError("demo.catalogue-invalid", $"The demo catalogue does not import: {first.Location}: {first.Message}");
        }

        return report;
    }

    public const string DemoCatalogueResource = "Adhere.Core.Catalogue.Demo.eu-cloud-coc-2.11-demo.yaml";

    /// <summary>A random password that meets the policy: 16 characters, mixed case and digits.</summary>
    public static string NewPassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
