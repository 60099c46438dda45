using System.Text.RegularExpressions;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Accounts;
using Adhere.Core.Assessments;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Declarations;
using Adhere.Core.Demo;
using Adhere.Core.Services;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Demo;

/// <summary>
/// The first test runs <c>adhere demo seed</c> itself and checks what it prints; the others check what it wrote, in a
/// copy of the database that <see cref="CliHarness.CreateDemoSeededAsync"/> seeded with that same command.
/// </summary>
public sealed class DemoCommandsTests
{
    [Fact]
    public async Task Seed_UnmigratedDatabase_MigratesAndPrintsEightUsersWithWorkingPasswords()
    {
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("demo", "seed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Applied migration \d{14}_Initial\.", result.Out);
        Assert.Contains("shown once", result.Out, StringComparison.Ordinal);
        var users = Regex.Matches(result.Out, @"^(\S+@\S+)\s+(mb-\S+|csp-\S+)\s+(.+?)\s+([A-Za-z0-9]{16})$", RegexOptions.Multiline);
        Assert.Equal(8, users.Count);
        Assert.Contains(users, m => m.Groups[1].Value == "admin@mb.demo.example" && m.Groups[2].Value == "mb-admin" && m.Groups[3].Value == "Demo Monitoring Body");
        Assert.Contains(users, m => m.Groups[1].Value == "viewer@stratus.demo.example" && m.Groups[3].Value == "Stratus Hosting SAS");
        var allPasswordsWork = await cli.WithServicesAsync(async sp =>
        {
            var manager = sp.GetRequiredService<UserManager<AdhereUser>>();
            foreach (Match m in users)
            {
                var user = await manager.FindByEmailAsync(m.Groups[1].Value);
                if (user is null || !await manager.CheckPasswordAsync(user, m.Groups[4].Value)) return false;
            }

            return true;
        });
        Assert.True(allPasswordsWork);
        Assert.Contains("Audit chain intact", (await cli.SucceedAsync("audit", "verify")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_GivesTheDemoCodeItsFifteenCategoriesAndProvidersCategorisedServices()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();

        var (categories, services) = await cli.WithServicesAsync(async sp => (
            await sp.GetRequiredService<ServiceCategoryQueries>().ListAsync(DemoSeeder.DemoCodeName, CancellationToken.None),
            await sp.GetRequiredService<ServiceQueries>().ListAsync(null, CancellationToken.None)));

        Assert.Equal(15, categories.Count);
        Assert.Equal("Computing", categories[0].Name);
        Assert.Equal("Migration & O&M Management", categories[^1].Name);
        var nimbus = services.Where(s => s.OrganisationName == "Nimbus Cloud GmbH").ToList();
        Assert.InRange(nimbus.Count, 15, 25);
        Assert.Equal(2, nimbus.Select(s => s.Family).OfType<string>().Distinct().Count());
        Assert.Contains(services, s => s.OrganisationName == "Stratus Hosting SAS");
        Assert.All(services, s => Assert.Contains(categories, c => c.Name == s.Category));
    }

    [Fact]
    public async Task Seed_GivesNimbusAVerifiedDeclarationWithItsReportAndStratusARenewalWaitingForTheDecision()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();

        var declarations = await cli.WithServicesAsync(async sp =>
        {
            var queries = sp.GetRequiredService<DeclarationQueries>();
            var list = await queries.ListAsync(null, CancellationToken.None);
            var details = new List<DeclarationDetails>();
            foreach (var d in list) details.Add((await queries.GetAsync(d.Id, CancellationToken.None)).Value);
            return details;
        });

        var nimbus = Assert.Single(declarations, d => d.Summary.OrganisationName == "Nimbus Cloud GmbH");
        Assert.Equal(DeclarationStatus.Verified, nimbus.Summary.Status);
        Assert.Matches(@"^\d{4}LVL02ADHERE002$", nimbus.Summary.VerificationId);
        Assert.Equal(69, nimbus.Summary.Controls);
        Assert.Equal(69, nimbus.Summary.ControlsAnswered);
        Assert.Equal(20, nimbus.Services.Count);
        Assert.True(nimbus.Services.Select(s => s.Category).Distinct().Count() >= 14);
        Assert.Equal(["iso-27001-2022", "iso-27701-2019"], nimbus.Certificates.Select(c => c.Standard).Order().ToList());
        Assert.All(nimbus.Certificates, c => Assert.NotEqual("failed", c.Check!.Outcome));
        Assert.InRange(nimbus.Proposal.Backed, 1, 68);
        Assert.Single(declarations, d => d.Summary.OrganisationName == "Cirrus Data Oy" && d.Summary.Status == DeclarationStatus.Submitted);
        var stratus = declarations.Where(d => d.Summary.OrganisationName == "Stratus Hosting SAS").ToList();
        var verified = Assert.Single(stratus, d => d.Summary.Status == DeclarationStatus.Verified);
        Assert.Matches(@"^\d{4}LVL02ADHERE001$", verified.Summary.VerificationId);
        Assert.Single(verified.Verifications);
        var renewal = Assert.Single(stratus, d => d.Summary.Status == DeclarationStatus.DecisionPending && d.Summary.Kind == "renewal");
        Assert.Equal(verified.Services.Count + 1, renewal.Services.Count);

        var assessment = await cli.WithServicesAsync(async sp =>
        {
            var queries = sp.GetRequiredService<AssessmentQueries>();
            return Assert.Single(await queries.ListAsync(nimbus.Summary.Id, CancellationToken.None));
        });
        Assert.Equal("approved", assessment.Phase);
        Assert.Equal(2, assessment.Decision!.GrantedLevel);
        Assert.Equal(2, assessment.Clarifications.Count);
        Assert.All(assessment.Clarifications, c => Assert.Equal("closed", c.State));
        Assert.Equal(true, assessment.Deadlines.EveryDeadlineMet);
        Assert.Contains(assessment.ControlFindings, f => f.Result == Adhere.Domain.Assessments.FindingResult.Observation);
        Assert.True(assessment.NarrativeFindings.Count >= 5);
        var frozen = await cli.WithServicesAsync(sp => sp.GetRequiredService<SelectionQueries>().FrozenControlsAsync(new(assessment.Id), CancellationToken.None));
        Assert.Equal(frozen!.Order(StringComparer.Ordinal), assessment.ControlFindings.Select(f => f.ControlKey).Order(StringComparer.Ordinal));
        var issued = await cli.WithServicesAsync(sp => sp.GetRequiredService<Adhere.Core.Reports.Frozen.FrozenReportQueries>().ForAssessmentAsync(assessment.Id, CancellationToken.None));
        Assert.Equal(nimbus.Summary.VerificationId, issued!.VerificationId);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(issued.Pdf, 0, 5), StringComparison.Ordinal);

        // The renewal's draft report compares this year's services with last year's: the added one shows as new.
        var renewalReport = await cli.WithServicesAsync(async sp =>
        {
            var queries = sp.GetRequiredService<AssessmentQueries>();
            var open = Assert.Single(await queries.ListAsync(renewal.Summary.Id, CancellationToken.None));
            return (await sp.GetRequiredService<Adhere.Core.Reports.ReportBuilder>().BuildAsync(open.Id, CancellationToken.None)).Value;
        });
        var comparison = renewalReport.Body.OfType<Adhere.Domain.Reports.Table>().Single(t => t.Headers.Contains("Previous verification"));
        Assert.Contains(comparison.Rows, r => r[0] == "Stratus Managed PostgreSQL" && r[2] != r[3]);
        Assert.Contains("Audit chain intact", (await cli.SucceedAsync("audit", "verify")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_ListsRegisterEntriesInDifferentStatesWithAMatchingLog()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();

        var (entries, log) = await cli.WithServicesAsync(async sp =>
        {
            var entries = await sp.GetRequiredService<Adhere.Core.Register.RegisterQueries>().ExportAsync(CancellationToken.None);
            var log = await sp.GetRequiredService<Adhere.Core.Register.TransparencyLogQueries>().EntriesAsync(0, CancellationToken.None);
            return (entries, log);
        });

        Assert.Equal("valid", Assert.Single(entries, e => e.Company == "Nimbus Cloud GmbH").Status);
        Assert.Equal("valid", Assert.Single(entries, e => e.Company == "Stratus Hosting SAS").Status);
        var expired = Assert.Single(entries, e => e.Company == "Altocumulus Hosting s.r.o.");
        var suspended = Assert.Single(entries, e => e.Company == "Cumulus Compute AB");
        Assert.Equal("expired", expired.Status);
        Assert.Equal("suspended", suspended.Status);
        Assert.Matches(@"^\d{4}LVL02ADHERE00[34]$", suspended.VerificationId);
        Assert.Equal(["listed", "suspended"], log.Where(e => e.VerificationId == suspended.VerificationId).Select(e => e.Event));
        Assert.Equal(["listed", "expired"], log.Where(e => e.VerificationId == expired.VerificationId).Select(e => e.Event));
        Assert.All(entries, e => Assert.Contains(log, l => l.VerificationId == e.VerificationId && l.Event == "listed"));
        Assert.True(Adhere.Core.Register.TransparencyLogVerifier.Verify(log).IsIntact);
    }

    [Fact]
    public async Task Seed_SecondTime_ExitsTwoAndCreatesNothing()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();
        var before = await cli.CountAsync();

        var again = await cli.RunAsync("demo", "seed");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("(demo.not-empty)", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("@", again.Out, StringComparison.Ordinal);
        Assert.Equal(before, await cli.CountAsync());
        Assert.Equal((8, 6), (before.Users, before.Organisations));
    }
}
