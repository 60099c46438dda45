using System.Diagnostics;
using System.Globalization;
using Adhere.Core;
using Adhere.Core.Demo;
using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Bench;

/// <summary>
/// A synthetic public register (issue 7): organisations with ten services each, and a listed declaration for most of
/// them, with Verification-IDs spread over levels and statuses. Everything goes through the real migrations and the
/// domain's own constructors (<see cref="Declaration.RecordImportedVerification"/>, the path of imported verification
/// history), saved by EF in batches; so the app reads the rows as any register entry. Deterministic: the same
/// counts give the same names, IDs and statuses, which <see cref="RegisterWords"/> lets the search client rely on.
/// </summary>
internal static class RegisterData
{
    public const string BodyCode = "BENCH";

    public static async Task RunAsync(DatabaseProvider provider, string connection, int organisations, int servicesPer, int listed, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await using var provider_ = new ServiceCollection().AddLogging().AddAdhereCore(new DatabaseSettings(provider, connection)).BuildServiceProvider();

        CatalogueIdAndCode catalogue;
        List<string> categories;
        await using (var scope = await SystemScopeAsync(provider_))
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var db = scope.ServiceProvider.GetRequiredService<AdhereDb>();
            if (await db.Organisations.IgnoreQueryFilters().AnyAsync(ct)) throw new ArgumentException("The database is not empty; the generator wants a fresh one.");
            var imported = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().ImportDemoCatalogueAsync(ct);
            if (imported.IsError) throw new InvalidOperationException(imported.Error!.Message);
            var row = await db.Catalogues.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.Version }).FirstAsync(ct);
            catalogue = new(row.Id, row.Name, row.Version);
            categories = await db.ServiceCategories.AsNoTracking().Select(c => c.Name).Distinct().ToListAsync(ct);
            if (categories.Count == 0)
            {
                for (var i = 0; i < RegisterWords.Categories.Length; i++)
                {
                    db.ServiceCategories.Add(Ok(ServiceCategory.Create(row.Name, RegisterWords.Categories[i], i + 1)));
                }

                await db.SaveChangesAsync(ct);
                categories = [.. RegisterWords.Categories];
            }
        }

        var random = new Random(7);
        var statusCounts = new Dictionary<DeclarationStatus, int>();
        const int Batch = 1000;
        for (var start = 0; start < organisations; start += Batch)
        {
            await using var scope = await SystemScopeAsync(provider_);
            var db = scope.ServiceProvider.GetRequiredService<AdhereDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(organisations, start + Batch); n++)
            {
                var organisation = Ok(Organisation.Create(RegisterWords.Company(n), OrganisationKind.CloudServiceProvider, now));
                db.Organisations.Add(organisation);
                var services = new List<ServiceId>();
                for (var s = 0; s < servicesPer; s++)
                {
                    var service = Ok(CloudService.Create(organisation.Id, RegisterWords.Service(n, s), null, categories[(n + s) % categories.Count], null, now));
                    db.Services.Add(service);
                    services.Add(service.Id);
                }

                var declaration = Declaration.Start(organisation.Id, catalogue.Id, catalogue.Name, catalogue.Version, [], now);
                var inScope = services.Take(3 + (n % (servicesPer - 2 > 0 ? servicesPer - 2 : 1))).ToList();
                Ok(declaration.SetServices(inScope, now));
                if (n < listed)
                {
                    var status = StatusOf(n);
                    var level = (ComplianceLevel)(1 + (n % 3));
                    var approved = today.AddDays(-random.Next(30, 330));
                    var validUntil = status == DeclarationStatus.Expired ? today.AddDays(-random.Next(1, 60)) : approved.AddYears(1);
                    var id = new VerificationNumber(2026 - (n % 4), level, BodyCode, n + 1).ToString();
                    declaration.RecordImportedVerification(id, level, approved, validUntil, status, now);
                    statusCounts[status] = statusCounts.GetValueOrDefault(status) + 1;
                }

                db.Declarations.Add(declaration);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        output.WriteLine($"organisations\t{organisations}");
        output.WriteLine($"services\t{organisations * servicesPer}");
        output.WriteLine($"declarations\t{organisations}");
        output.WriteLine($"listed\t{Math.Min(listed, organisations)}");
        foreach (var (status, count) in statusCounts.OrderBy(p => p.Key)) output.WriteLine($"status.{status}\t{count}");
        output.WriteLine($"categories\t{categories.Count}");
        output.WriteLine($"seconds\t{clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>The status of the n-th listed declaration: mostly valid, a few of every other register status.</summary>
    public static DeclarationStatus StatusOf(int n) => (n % 100) switch
    {
        < 80 => DeclarationStatus.Verified,
        < 86 => DeclarationStatus.RenewalDue,
        < 91 => DeclarationStatus.Expired,
        < 95 => DeclarationStatus.Suspended,
        < 98 => DeclarationStatus.Revoked,
        _ => DeclarationStatus.Withdrawn,
    };

    /// <summary>The Verification-ID the generator gave the n-th organisation's declaration (0-based).</summary>
    public static string IdOf(int n) => new VerificationNumber(2026 - (n % 4), (ComplianceLevel)(1 + (n % 3)), BodyCode, n + 1).ToString();

    /// <summary>
    /// Suspends (or revokes) a listed declaration as another process would: the domain trigger and a transparency log
    /// entry in one transaction, then polls <paramref name="url"/> until the register answers the new status. Prints
    /// the milliseconds from the commit to the first answer that shows it, and the number of requests it took.
    /// </summary>
    public static async Task ChangeAsync(DatabaseProvider provider, string connection, string verificationId, string to, Uri url, TextWriter output, CancellationToken ct)
    {
        var trigger = to switch
        {
            "suspended" => DeclarationTrigger.Suspend,
            "revoked" => DeclarationTrigger.Revoke,
            _ => throw new ArgumentException("--to is suspended or revoked."),
        };
        using var http = new HttpClient();
        var before = await http.GetStringAsync(url, ct);
        await using var services = new ServiceCollection().AddLogging().AddAdhereCore(new DatabaseSettings(provider, connection)).BuildServiceProvider();
        await using (var scope = await SystemScopeAsync(services))
        {
            var db = scope.ServiceProvider.GetRequiredService<AdhereDb>();
            await using var unit = await db.BeginUnitAsync(ct);
            var declaration = await db.Declarations.IgnoreQueryFilters().SingleAsync(d => d.VerificationId == verificationId, ct);
            var now = TimeProvider.System.GetUtcNow();
            var fired = declaration.Fire(trigger, Role.MbDecisionMaker, now);
            if (fired.IsError) throw new InvalidOperationException(fired.Error!.Message);
            var company = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).SingleAsync(ct);
            await scope.ServiceProvider.GetRequiredService<TransparencyLog>().AppendAsync(new TransparencyLogChange(
                to == "suspended" ? TransparencyLogEvents.Suspended : TransparencyLogEvents.Revoked, verificationId, null, company,
                (int)declaration.GrantedLevel!, declaration.ValidUntil), ct);
            await db.SaveChangesAsync(ct);
            await unit.CommitAsync(ct);
        }

        var clock = Stopwatch.StartNew();
        var requests = 0;
        string after;
        do
        {
            after = await http.GetStringAsync(url, ct);
            requests++;
            if (after.Contains($"\"status\":\"{to}\"", StringComparison.Ordinal)) break;
            await Task.Delay(5, ct);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(10));

        var seen = after.Contains($"\"status\":\"{to}\"", StringComparison.Ordinal);
        output.WriteLine($"before\t{before}");
        output.WriteLine($"after\t{after}");
        output.WriteLine($"seen\t{(seen ? "yes" : "no")}");
        output.WriteLine($"ms\t{clock.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}");
        output.WriteLine($"requests\t{requests}");
    }

    private static async Task<AsyncServiceScope> SystemScopeAsync(IServiceProvider services)
    {
        await Task.CompletedTask;
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("bench", "register benchmark");
        return scope;
    }

    private static T Ok<T>(Adhere.Domain.Common.Result<T> result) =>
        result.IsError ? throw new InvalidOperationException(result.Error!.Message) : result.Value;

    private sealed record CatalogueIdAndCode(Adhere.Domain.Catalogue.CatalogueId Id, string Name, string Version);
}

/// <summary>The words the synthetic register is made of, shared by the generator and the search client.</summary>
internal static class RegisterWords
{
    public static readonly string[] Prefixes = ["Nordlicht", "Azurion", "Helvetia", "Baltic", "Iberia", "Danube", "Alpine", "Celtic", "Adriatic", "Lumen",
        "Vektor", "Orbis", "Stratus", "Nimbus", "Castell", "Meridian", "Polaris", "Tessera", "Quantix", "Sylvan"];

    public static readonly string[] Middles = ["Cloud", "Data", "Hosting", "Systems", "Networks", "Compute", "Digital", "Software", "Infra", "Services"];

    public static readonly string[] Suffixes = ["GmbH", "SE", "AG", "S.A.", "B.V.", "Ltd", "Oy", "AB", "S.r.l.", "SAS"];

    public static readonly string[] ServiceWords = ["Object Storage", "Managed Kubernetes", "Virtual Machines", "Backup", "Mail Gateway", "Identity",
        "Load Balancer", "Managed PostgreSQL", "Archive", "Content Delivery", "Monitoring", "Key Vault", "Container Registry", "Message Queue",
        "Data Warehouse", "Video Conferencing", "File Sync", "DNS", "Web Hosting", "Analytics"];

    public static readonly string[] Categories = ["Infrastructure", "Platform", "Software", "Storage", "Networking", "Security"];

    /// <summary>"Nordlicht Cloud 0042 GmbH": unique per n.</summary>
    public static string Company(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefixes[n % Prefixes.Length]} {Middles[n / Prefixes.Length % Middles.Length]} {n:0000} {Suffixes[n / 7 % Suffixes.Length]}");

    public static string Service(int n, int s) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefixes[n % Prefixes.Length]} {ServiceWords[(n + (3 * s)) % ServiceWords.Length]} {s + 1}");
}
