using System.Text;
using System.Text.Json;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Core.Services;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Adhere.Web.Tests.Declarations.DeclarationBundleSamples;

namespace Adhere.Web.Tests.Declarations;

public sealed class DeclarationBundleTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewCode() => $"Bundle Code {Guid.NewGuid():N}";

    /// <summary>A Monitoring Body code of its own (letters only), so that running numbers are not shared with other tests.</summary>
    private static string NewBodyCode() => new([.. Guid.NewGuid().ToString("N")[..8].Select(c => (char)('A' + Convert.ToInt32(c.ToString(), 16)))]);

    private static async Task<Guid> ImportAsync(IServiceProvider sp, string json)
    {
        var imported = await sp.GetRequiredService<ImportDeclarationBundle>().HandleAsync(new ImportDeclarationBundle.Command(Stream(json), false), Ct);
        if (imported.Error is ProblemListError list) Assert.Fail(string.Join("\n", list.Problems.Select(p => $"{p.Subject}: {p.Message}")));
        Assert.False(imported.IsError, imported.Error?.Message);
        return imported.Value.DeclarationId!.Value;
    }

    private static async Task<string> ExportAsync(IServiceProvider sp, Guid id)
    {
        using var buffer = new MemoryStream();
        var exported = await sp.GetRequiredService<ExportDeclarationBundle>().HandleAsync(id, buffer, Ct);
        Assert.False(exported.IsError, exported.Error?.Message);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<T> Ok<T>(Task<Result<T>> call)
    {
        var result = await call;
        Assert.False(result.IsError, result.Error?.Message);
        return result.Value;
    }

    private Task<Result<BundleImportReport>> TryImportAsync(DeclarationBundle bundle, bool dryRun = false) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<ImportDeclarationBundle>().HandleAsync(new ImportDeclarationBundle.Command(Stream(ToJson(bundle)), dryRun), Ct));

    private sealed record Counts(int Organisations, int Services, int Categories, int Documents, int Declarations, int Answers, int Certificates, int Verifications, int Audit);

    private Task<Counts> CountAsync() => app.WithSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AdhereDb>();
        return new Counts(
            await db.Organisations.IgnoreQueryFilters().CountAsync(Ct),
            await db.Services.IgnoreQueryFilters().CountAsync(Ct),
            await db.ServiceCategories.CountAsync(Ct),
            await db.Documents.IgnoreQueryFilters().CountAsync(Ct),
            await db.Declarations.IgnoreQueryFilters().CountAsync(Ct),
            await db.ControlAnswers.IgnoreQueryFilters().CountAsync(Ct),
            await db.Certificates.IgnoreQueryFilters().CountAsync(Ct),
            await db.VerificationRecords.IgnoreQueryFilters().CountAsync(Ct),
            await db.AuditEvents.CountAsync(Ct));
    });

    private static ProblemListError Problems(Result<BundleImportReport> result) =>
        Assert.IsType<ProblemListError>(result.Error, exactMatch: false);

    private static void HasProblem(ProblemListError list, string code, string path) =>
        Assert.True(list.Problems.Any(p => p.Code == code && p.Subject == path),
            $"No {code} at {path} among:\n{string.Join("\n", list.Problems.Select(p => $"{p.Subject}: {p.Code} {p.Message}"))}");

    [Fact]
    public async Task ExportImportExport_VerifiedDeclarationIntoEmptyDatabases_GivesTheSameBundle()
    {
        var code = NewCode();
        var body = NewBodyCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var org = await app.CreateProviderAsync($"Roundtrip {Guid.NewGuid():N}");
        var id = await app.WithSystemAsync(async sp =>
        {
            await Ok(sp.GetRequiredService<AddServiceCategory>().HandleAsync(new(code, "Infrastructure"), Ct));
            var objects = await Ok(sp.GetRequiredService<CreateService>().HandleAsync(new(org.Id, "Object Storage", "Stores objects.", "Infrastructure", "Storage"), Ct));
            var blocks = await Ok(sp.GetRequiredService<CreateService>().HandleAsync(new(org.Id, "Block Storage", null, "Infrastructure", null), Ct));
            var dpa = await Ok(sp.GetRequiredService<UploadDocument>().HandleAsync(new(org.Id, "dpa.pdf", new MemoryStream(Pdf("dpa"))), Ct));
            var register = await Ok(sp.GetRequiredService<UploadDocument>().HandleAsync(new(org.Id, "Verzeichnis für 2026.pdf", new MemoryStream(Pdf("register"))), Ct));
            var started = await Ok(sp.GetRequiredService<StartDeclaration>().HandleAsync(
                new(org.Id, code, "1.0", ["sov"], [objects.Id, blocks.Id], "Storage 2026", 2, "Dana Officer", "dana@cloud.example"), Ct));
            var declaration = started.Summary.Id;
            await Ok(sp.GetRequiredService<UpdateDeclaration>().HandleAsync(
                new(declaration, "Storage 2026", 2, "Dana Officer", "dana@cloud.example", null, [new(dpa.Id, "dpa")]), Ct));
            await Ok(sp.GetRequiredService<SaveAnswer>().HandleAsync(new(declaration, "1.C", "Data stays in Frankfurt.", null, [], null), Ct));
            await Ok(sp.GetRequiredService<SaveAnswer>().HandleAsync(new(declaration, "1.A", "We keep a register.\r\nIt is reviewed.", "Yearly review.", [register.Id, dpa.Id], null), Ct));
            await Ok(sp.GetRequiredService<AddCertificate>().HandleAsync(declaration, new CertificateInput(
                Standard, "2022", "CERT-001", "Good Certifier", "DAkkS", "Object storage in Frankfurt.", [objects.Id],
                new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31), register.Id, null), Ct));
            return declaration;
        });
        var draft = await app.WithSystemAsync(sp => ExportAsync(sp, id));
        // The history of a declaration verified elsewhere, with its latest report, as a migrating MB adds it.
        var parsed = JsonSerializer.Deserialize<DeclarationBundle>(draft, DeclarationBundleFormat.Json)!;
        var verified = parsed with
        {
            Declaration = parsed.Declaration with
            {
                Status = "verified",
                VerificationHistory =
                [
                    new($"2024LVL02{body}007", 2, "2024-03-01", "2025-02-28", null),
                    new($"2024LVL03{body}007", 3, "2025-03-01", "2026-02-28", "report-2025"),
                ],
            },
            Documents = [.. parsed.Documents!, Document("report-2025", "verification-report-2025.pdf", Pdf("report 2025"))],
        };

        await using var second = await DeclarationBundleInstallation.CreateAsync();
        await second.WithSystemAsync(async sp =>
        {
            await ImportCatalogueAsync(sp, code);
            return true;
        });
        var secondId = await second.WithSystemAsync(sp => ImportAsync(sp, ToJson(verified)));
        var exported = await second.WithSystemAsync(sp => ExportAsync(sp, secondId));
        await using var third = await DeclarationBundleInstallation.CreateAsync();
        await third.WithSystemAsync(async sp =>
        {
            await ImportCatalogueAsync(sp, code);
            return true;
        });
        var thirdId = await third.WithSystemAsync(sp => ImportAsync(sp, exported));
        var again = await third.WithSystemAsync(sp => ExportAsync(sp, thirdId));

        Assert.Equal(exported, again);
        Assert.DoesNotContain(secondId.ToString(), exported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(org.Id.ToString(), draft, StringComparison.OrdinalIgnoreCase);
        // Everything built through the use cases survived: apart from the added history, the bundle is the draft's.
        var back = JsonSerializer.Deserialize<DeclarationBundle>(exported, DeclarationBundleFormat.Json)!;
        var withoutHistory = back with
        {
            Declaration = back.Declaration with { Status = "draft", VerificationHistory = [] },
            Documents = [.. back.Documents!.SkipLast(1)],
        };
        Assert.Equal(draft, ToJson(withoutHistory) + "\n");
        var stored = await third.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var declaration = await db.Declarations.Include(d => d.Certificates).SingleAsync(d => d.Id == new DeclarationId(thirdId), Ct);
            return (declaration.Status, declaration.VerificationId, declaration.GrantedLevel, declaration.ValidUntil,
                Checked: declaration.Certificates.All(c => c.CheckOutcome is not null), declaration.Certificates.Count,
                Sources: await db.VerificationRecords.Where(v => v.DeclarationId == declaration.Id).Select(v => v.Source).ToListAsync(Ct));
        });
        Assert.Equal(DeclarationStatus.Verified, stored.Status);
        Assert.Equal($"2024LVL03{body}007", stored.VerificationId);
        Assert.Equal(ComplianceLevel.Third, stored.GrantedLevel);
        Assert.Equal(new DateOnly(2026, 2, 28), stored.ValidUntil);
        Assert.Equal(1, stored.Count);
        Assert.True(stored.Checked);
        Assert.Equal([VerificationSource.Imported, VerificationSource.Imported], stored.Sources);
    }

    [Fact]
    public async Task Import_VerifiedHistory_KeepsTheIdAndNewNumbersContinueAfterTheHighest()
    {
        var code = NewCode();
        var body = NewBodyCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var draft = Draft(code, $"Verified {Guid.NewGuid():N}");
        var bundle = draft with
        {
            Declaration = draft.Declaration with
            {
                Status = "verified",
                VerificationHistory =
                [
                    new($"2021LVL02{body}041", 2, "2022-05-01", "2023-04-30", null),
                    new($"2020LVL01{body}013", 1, "2020-05-01", "2021-04-30", "doc-1"),
                ],
            },
        };
        var nextBefore = await app.WithSystemAsync(sp => sp.GetRequiredService<VerificationNumbers>().NextRunningNumberAsync(body, Ct));

        var id = await app.WithSystemAsync(sp => ImportAsync(sp, ToJson(bundle)));

        var next = await app.WithSystemAsync(sp => sp.GetRequiredService<VerificationNumbers>().NextRunningNumberAsync(body, Ct));
        var details = await app.WithSystemAsync(sp => Ok(sp.GetRequiredService<DeclarationQueries>().GetAsync(id, Ct)));
        Assert.Equal(1, nextBefore);
        Assert.Equal(42, next);
        Assert.Equal(DeclarationStatus.Verified, details.Summary.Status);
        Assert.Equal($"2021LVL02{body}041", details.Summary.VerificationId);
        Assert.Equal(2, details.Summary.GrantedLevel);
        Assert.Equal([$"2021LVL02{body}041", $"2020LVL01{body}013"], details.Verifications.Select(v => v.VerificationId));
        Assert.All(details.Verifications, v => Assert.Equal("Imported", v.Source));
    }

    [Fact]
    public async Task Import_NewProvider_CreatesEverythingAndRecordsOneAuditEntry()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var before = await CountAsync();

        var imported = await TryImportAsync(Draft(code, $"Fresh {Guid.NewGuid():N}"));

        Assert.False(imported.IsError, imported.Error?.Message);
        var after = await CountAsync();
        Assert.Equal(before with
        {
            Organisations = before.Organisations + 1,
            Services = before.Services + 2,
            Categories = before.Categories + 1,
            Documents = before.Documents + 2,
            Declarations = before.Declarations + 1,
            Answers = before.Answers + 1,
            Certificates = before.Certificates + 1,
            Audit = before.Audit + 1,
        }, after);
        var entry = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync(Ct));
        Assert.Equal("declaration.imported", entry.Action);
        Assert.Equal(imported.Value.DeclarationId.ToString(), entry.ObjectId);
    }

    [Fact]
    public async Task Import_DryRun_ReportsWhatWouldBeCreatedAndWritesNothing()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var before = await CountAsync();

        var checkedOnly = await TryImportAsync(Draft(code, $"Dry {Guid.NewGuid():N}"), dryRun: true);

        Assert.False(checkedOnly.IsError, checkedOnly.Error?.Message);
        Assert.Null(checkedOnly.Value.DeclarationId);
        Assert.True(checkedOnly.Value.OrganisationCreated);
        Assert.Equal((2, 2, 1, 1), (checkedOnly.Value.ServicesCreated, checkedOnly.Value.Documents, checkedOnly.Value.Answers, checkedOnly.Value.Certificates));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_UnknownControlsAndBrokenReferences_ListsEveryProblemWithItsPathAndStoresNothing()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var good = Draft(code, $"Broken {Guid.NewGuid():N}");
        var bad = good with
        {
            Services = [.. good.Services!, new BundleService("svc-1", "Another", null, null, null, "active")],
            Declaration = good.Declaration with
            {
                Status = "verified",
                Agreements = [new BundleAgreement("doc-404", "other")],
                Answers = [.. good.Declaration.Answers!, new BundleAnswer("9.Z", "x", null, null), new BundleAnswer("9.Y", "y", null, null)],
                Certificates =
                [
                    good.Declaration.Certificates![0] with { Standard = "iso-99999", IssuedOn = "2026-01-01", ExpiresOn = "2025-01-01", ClaimedControls = ["1.A", "8.Q"] },
                ],
                VerificationHistory = [new BundleVerification("2020LVL2SCOPE13", 2, "2020-01-01", "2020-12-31", null)],
            },
        };
        var before = await CountAsync();

        var list = Problems(await TryImportAsync(bad));

        Assert.Equal("declaration-bundle.invalid", list.Code);
        HasProblem(list, "declaration.unknown-control", "$.declaration.answers[1].controlKey");
        HasProblem(list, "declaration.unknown-control", "$.declaration.answers[2].controlKey");
        HasProblem(list, "declaration.unknown-control", "$.declaration.certificates[0].claimedControls[1]");
        HasProblem(list, "declaration-bundle.duplicate-key", "$.services[2].key");
        HasProblem(list, "declaration-bundle.unknown-key", "$.declaration.agreements[0].document");
        HasProblem(list, "certificate.unknown-standard", "$.declaration.certificates[0].standard");
        HasProblem(list, "certificate.expiry-before-issue", "$.declaration.certificates[0].expiresOn");
        HasProblem(list, "verification-id.invalid", "$.declaration.verificationHistory[0].verificationId");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("under-assessment")]
    [InlineData("no-such-status")]
    public async Task Import_StatusNotImportable_IsRefused(string status)
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var good = Draft(code, $"Status {Guid.NewGuid():N}");
        var before = await CountAsync();

        var list = Problems(await TryImportAsync(good with { Declaration = good.Declaration with { Status = status } }));

        HasProblem(list, "declaration-bundle.status-not-importable", "$.declaration.status");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_ServiceAlreadyInAnotherOpenDeclarationOfTheCode_IsRefused()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var bundle = Draft(code, $"Twice {Guid.NewGuid():N}");
        Assert.False((await TryImportAsync(bundle)).IsError);
        var before = await CountAsync();

        // The organisation and its services are matched by name (ignoring case): the same services, already declared.
        var list = Problems(await TryImportAsync(bundle with { Organisation = bundle.Organisation with { Name = bundle.Organisation.Name.ToUpperInvariant() } }));

        HasProblem(list, "declaration.service-already-declared", "$.declaration.services[0]");
        HasProblem(list, "declaration.service-already-declared", "$.declaration.services[1]");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_SubmittedButIncomplete_ListsWhatSubmissionLacksAndRollsBack()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var good = Draft(code, $"Submitted {Guid.NewGuid():N}");
        var before = await CountAsync();

        // Control 1.B is not answered, so the submission check a provider's own submission passes fails here too.
        var list = Problems(await TryImportAsync(good with { Declaration = good.Declaration with { Status = "submitted" } }));

        Assert.Contains(list.Problems, p => p.Subject!.StartsWith("$.declaration", StringComparison.Ordinal) && p.Message.Contains("1.B", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_SubmittedAndComplete_IsSubmitted()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var good = Draft(code, $"Submitted {Guid.NewGuid():N}");
        var complete = good with
        {
            Declaration = good.Declaration with
            {
                Status = "submitted",
                Answers = [.. good.Declaration.Answers!, new BundleAnswer("1.B", "We encrypt with AES-256.", null, null)],
            },
        };

        var id = await app.WithSystemAsync(sp => ImportAsync(sp, ToJson(complete)));

        var details = await app.WithSystemAsync(sp => Ok(sp.GetRequiredService<DeclarationQueries>().GetAsync(id, Ct)));
        Assert.Equal(DeclarationStatus.Submitted, details.Summary.Status);
        Assert.Null(details.Summary.VerificationId);
    }

    [Fact]
    public async Task Import_UnknownCodeVersion_NamesTheCodeAndVersion()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var good = Draft(code, $"Version {Guid.NewGuid():N}");
        var before = await CountAsync();

        var list = Problems(await TryImportAsync(good with { Declaration = good.Declaration with { Code = new BundleCode(code, "9.9") } }));

        var problem = Assert.Single(list.Problems);
        Assert.Equal("declaration.catalogue-not-found", problem.Code);
        Assert.Equal("$.declaration.code", problem.Subject);
        Assert.Contains(code, problem.Message, StringComparison.Ordinal);
        Assert.Contains("9.9", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_SchemaViolationsAndMalformedJson_AreListedWithPlaces()
    {
        var before = await CountAsync();
        const string Bundle = """
            { "format": "adhere-declaration-bundle/1", "organisation": { "name": "X", "fax": "1" },
              "declaration": { "code": { "name": "C", "version": "1" } } }
            """;

        var schema = await app.WithSystemAsync(sp => sp.GetRequiredService<ImportDeclarationBundle>().HandleAsync(new(Stream(Bundle), false), Ct));
        var malformed = await app.WithSystemAsync(sp => sp.GetRequiredService<ImportDeclarationBundle>().HandleAsync(new(Stream("{\n  \"format\": \n}"), false), Ct));

        var problems = Problems(schema).Problems;
        Assert.All(problems, p => Assert.Equal("declaration-bundle.schema-violation", p.Code));
        Assert.Contains(problems, p => p.Subject!.StartsWith("$.organisation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Subject == "$.declaration");
        var syntax = Assert.Single(Problems(malformed).Problems);
        Assert.Equal("declaration-bundle.malformed-json", syntax.Code);
        Assert.StartsWith("line 3", syntax.Subject, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_DocumentWhoseContentDoesNotMatchItsHashOrType_IsRefused()
    {
        var code = NewCode();
        await app.WithSystemAsync(sp => ImportCatalogueAsync(sp, code));
        var good = Draft(code, $"Docs {Guid.NewGuid():N}");
        var html = Document("doc-2", "register.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        var before = await CountAsync();

        var list = Problems(await TryImportAsync(good with { Documents = [good.Documents![0] with { Sha256 = new string('0', 64) }, html] }));

        HasProblem(list, "declaration-bundle.sha256-mismatch", "$.documents[0].sha256");
        HasProblem(list, "document.type-not-allowed", "$.documents[1].content");
        Assert.Equal(before, await CountAsync());
    }
}
