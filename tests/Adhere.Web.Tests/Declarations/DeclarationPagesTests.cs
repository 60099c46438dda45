using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Adhere.Core.Catalogue;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Declarations;

public sealed class DeclarationPagesTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private const string Pdf = "%PDF-1.7\n% test agreement\n";

    /// <summary>A small Code: section 5 with subsections 5.1 (two controls) and 5.2 (one control mapped to a test standard).</summary>
    private static string Yaml(string name) => $"""
        format: adhere-catalogue/1
        code:
          name: "{name}"
          version: "1.0"
        sections:
          - id: "5"
            title: Data protection
            sections:
              - id: "5.1"
                title: Agreements
                controls:
                  - id: 5.1.A
                    title: Written agreement
                    statement: The provider concludes a written agreement with each customer.
                    guidance: Name the agreement and where customers find it.
                  - id: 5.1.B
                    title: Instructions
                    statement: The provider processes personal data only on documented instructions.
              - id: "5.2"
                title: Security
                controls:
                  - id: 5.2.A
                    title: Security measures
                    statement: The provider protects personal data by appropriate measures.
        standards:
          - id: test-iso-27001
            title: ISO/IEC 27001 (test)
            publisher: ISO/IEC
        mappings:
          - control: 5.2.A
            standard: test-iso-27001
            clause: A.5.1
            relationship: intersects-with
        """;

    /// <summary>A provider with an editor, one categorised service, one uploaded PDF and an imported Code of its own.</summary>
    private sealed record World(OrganisationDetails Organisation, TestUser Editor, string Code, Guid CatalogueId, ServiceDetails Service, DocumentDetails Document);

    private async Task<World> WorldAsync()
    {
        var code = $"Portal Code {Guid.NewGuid():N}";
        var org = await app.CreateProviderAsync();
        var (catalogueId, service, document) = await app.WithSystemAsync(async sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(Yaml(code));
            using var content = new MemoryStream(bytes);
            var report = await sp.GetRequiredService<ImportCatalogue>().HandleAsync(new(content, bytes.Length, CatalogueFormat.Native, false), CancellationToken.None);
            Assert.Empty(report.Problems);
            var catalogue = await sp.GetRequiredService<CatalogueQueries>().FindAsync(code, "1.0", CancellationToken.None);
            var category = await sp.GetRequiredService<AddServiceCategory>()
                .HandleAsync(new($"Code {Guid.NewGuid():N}", $"Category {Guid.NewGuid():N}"), CancellationToken.None);
            var created = await sp.GetRequiredService<CreateService>()
                .HandleAsync(new(org.Id, $"Declared Service {Guid.NewGuid():N}", null, category.Value.Name, "Family A"), CancellationToken.None);
            using var pdf = new MemoryStream(Encoding.ASCII.GetBytes(Pdf));
            var uploaded = await sp.GetRequiredService<UploadDocument>().HandleAsync(new(org.Id, "agreement.pdf", pdf), CancellationToken.None);
            return (catalogue.Value.Id, created.Value, uploaded.Value);
        });
        var editor = await app.CreateUserAsync(Role.CspEditor, org);
        return new World(org, editor, code, catalogueId, service, document);
    }

    private Task<DeclarationDetails> StartAsync(World world, string? title = null) =>
        app.WithSystemAsync(async sp =>
        {
            var started = await sp.GetRequiredService<StartDeclaration>().HandleAsync(new(world.Organisation.Id, world.Code, "1.0", [], [world.Service.Id],
                title ?? $"Declaration {Guid.NewGuid():N}", 1, null, null), CancellationToken.None);
            return started.IsError ? throw new InvalidOperationException(started.Error!.Message) : started.Value;
        });

    /// <summary>Everything but the submission: contact, a service agreement and every answer.</summary>
    private Task CompleteAsync(World world, Guid id) =>
        app.WithSystemAsync(async sp =>
        {
            var updated = await sp.GetRequiredService<UpdateDeclaration>().HandleAsync(new(id, null, 1, "Dana Protect", "dpo@provider.example", null,
                [new UpdateDeclaration.Agreement(world.Document.Id, "service-agreement")]), CancellationToken.None);
            Assert.False(updated.IsError, updated.Error?.Message);
            foreach (var key in new[] { "5.1.A", "5.1.B", "5.2.A" })
            {
                var saved = await sp.GetRequiredService<SaveAnswer>().HandleAsync(new(id, key, $"We do {key}.", null, [], null), CancellationToken.None);
                Assert.False(saved.IsError, saved.Error?.Message);
            }
        });

    private Task<DeclarationDetails> DetailsAsync(Guid id) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<DeclarationQueries>().GetAsync(id, CancellationToken.None)).Value);

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> CertificateFields(World world, DateOnly issued, DateOnly expires) => new()
    {
        ["Certificate.Standard"] = "test-iso-27001",
        ["Certificate.Number"] = $"CERT-{Guid.NewGuid():N}",
        ["Certificate.CertificationBody"] = "Test Certification Ltd",
        ["Certificate.ScopeStatement"] = "The declared service and its operations.",
        ["Certificate.CoveredServices"] = world.Service.Id.ToString(),
        ["Certificate.IssuedOn"] = Iso(issued),
        ["Certificate.ExpiresOn"] = Iso(expires),
        ["Certificate.AuditReportDocumentId"] = world.Document.Id.ToString(),
    };

    /// <summary>The progress row of one section: "answered/total" in its second cell.</summary>
    private static string Progress(string html, string sectionKey)
    {
        var match = Regex.Match(html, $"<a href=\"[^\"]*/sections/{Regex.Escape(sectionKey)}\">[^<]*</a>\\s*</td>\\s*<td>([0-9]+/[0-9]+)</td>");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No progress row for section {sectionKey}.");
    }

    [Fact]
    public async Task StartForm_AsCspEditor_CreatesDraftAndShowsItsOverview()
    {
        var world = await WorldAsync();
        using var page = await app.SignInAsync(world.Editor);

        var posted = await page.PostFormAsync("/portal/declarations", "/portal/declarations", new()
        {
            ["Start.Catalogue"] = world.CatalogueId.ToString(),
            ["Start.Services"] = world.Service.Id.ToString(),
            ["Start.Title"] = "Started through the portal",
            ["Start.RequestedLevel"] = "1",
            ["Start.ContactEmail"] = "dpo@provider.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/portal/declarations/[0-9a-f-]{36}$", location);
        var details = await page.Http.GetStringAsync(location);
        Assert.Contains("Started through the portal", details, StringComparison.Ordinal);
        Assert.Contains(world.Service.Name, details, StringComparison.Ordinal);
        Assert.Equal("0/3", Progress(details, "5"));
        Assert.Equal("0/2", Progress(details, "5.1"));
        Assert.Contains("Control 5.1.A has no implementation statement", details, StringComparison.Ordinal);
        var list = await page.Http.GetStringAsync("/portal/declarations");
        Assert.Contains("Started through the portal", list, StringComparison.Ordinal);
        Assert.Contains("0/3", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveOneControl_ThroughItsOwnForm_RedirectsToItAndChangesProgress()
    {
        var world = await WorldAsync();
        var declaration = await StartAsync(world);
        var id = declaration.Summary.Id;
        using var page = await app.SignInAsync(world.Editor);
        var section = $"/portal/declarations/{id}/sections/5.1";

        var posted = await page.PostFormAsync(section, $"{section}?handler=Save&control=5.1.A", new()
        {
            ["Answer.Statement"] = "We sign a **written agreement** with every customer.",
            ["Answer.Measures"] = "Contract template v3",
            ["Answer.Documents"] = world.Document.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{section}#c-5.1.A", posted.Headers.Location!.OriginalString);
        var after = await page.Http.GetStringAsync(section);
        Assert.Contains("The answer to 5.1.A is saved.", after, StringComparison.Ordinal);
        Assert.Contains("id=\"c-5.1.A\"", after, StringComparison.Ordinal);
        Assert.Contains("<strong>written agreement</strong>", after, StringComparison.Ordinal);
        Assert.Contains("Next: 5.2 Security", after, StringComparison.Ordinal);
        var details = await page.Http.GetStringAsync($"/portal/declarations/{id}");
        Assert.Equal("1/3", Progress(details, "5"));
        Assert.Equal("1/2", Progress(details, "5.1"));
        Assert.Equal("0/1", Progress(details, "5.2"));
        Assert.DoesNotContain("Control 5.1.A has no implementation statement", details, StringComparison.Ordinal);
        var stored = (await DetailsAsync(id)).Summary.ControlsAnswered;
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task SavedStatement_WithScriptAndJavascriptLink_RendersSanitised()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        using var page = await app.SignInAsync(world.Editor);
        var section = $"/portal/declarations/{id}/sections/5.2";

        await page.PostFormAsync(section, $"{section}?handler=Save&control=5.2.A", new()
        {
            ["Answer.Statement"] = "Safe *text* <script>alert('x')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>",
        });
        var html = await page.Http.GetStringAsync(section);

        var preview = Regex.Match(html, "<div class=\"markdown\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<em>text</em>", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", preview, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", preview, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", preview, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCertificate_ExpiringBeforeIssue_ShowsErrorAndStoresNothing()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        using var page = await app.SignInAsync(world.Editor);
        var path = $"/portal/declarations/{id}/certificates";

        var posted = await page.PostFormAsync(path, path, CertificateFields(world, Today, Today.AddDays(-10)));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("a certificate cannot expire before it is issued", html, StringComparison.Ordinal);
        Assert.Contains("Test Certification Ltd", html, StringComparison.Ordinal); // the form keeps what was typed
        Assert.Empty((await DetailsAsync(id)).Certificates);
    }

    [Fact]
    public async Task AddCertificate_Valid_ShowsItsStoredCheck()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        using var page = await app.SignInAsync(world.Editor);
        var path = $"/portal/declarations/{id}/certificates";
        var fields = CertificateFields(world, Today.AddDays(-100), Today.AddYears(2));
        fields["Certificate.ClaimedControls"] = "5.2.A\n5.1.A";

        var posted = await page.PostFormAsync(path, path, fields);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var certificatePage = posted.Headers.Location!.OriginalString;
        Assert.Matches($"^/portal/declarations/{id}/certificates/[0-9a-f-]{{36}}$", certificatePage);
        var html = await page.Http.GetStringAsync(certificatePage);
        Assert.Contains(fields["Certificate.Number"], html, StringComparison.Ordinal);
        Assert.Contains("Outcome: <strong", html, StringComparison.Ordinal);
        Assert.Contains($"{world.Service.Name}: covered", html, StringComparison.Ordinal);
        Assert.Contains("5.2.A: mapped to the standard", html, StringComparison.Ordinal);
        Assert.Contains("5.1.A: not mapped to the standard", html, StringComparison.Ordinal);
        Assert.Contains("valid throughout the validity period", html, StringComparison.Ordinal);
        var stored = Assert.Single((await DetailsAsync(id)).Certificates);
        Assert.NotNull(stored.Check);
        Assert.NotEmpty(stored.Check!.Findings); // 5.1.A is claimed but not mapped
        foreach (var finding in stored.Check.Findings) Assert.Contains(finding.Message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        var list = await page.Http.GetStringAsync(path);
        Assert.Contains(stored.Check.Outcome, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithMissingParts_ShowsTheWholeProblemList()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        using var page = await app.SignInAsync(world.Editor);
        var path = $"/portal/declarations/{id}";

        var posted = await page.PostFormAsync(path, $"{path}?handler=Submit", []);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        var errors = Regex.Match(html, "<div class=\"errors\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("cannot be submitted yet", errors, StringComparison.Ordinal);
        foreach (var key in new[] { "5.1.A", "5.1.B", "5.2.A" })
        {
            Assert.Contains($"Control {key} has no implementation statement", errors, StringComparison.Ordinal);
        }

        Assert.Contains("No data protection contact is given.", errors, StringComparison.Ordinal);
        Assert.Contains("No service agreement document is attached.", errors, StringComparison.Ordinal);
        Assert.Equal(DeclarationStatus.Draft, (await DetailsAsync(id)).Summary.Status);
    }

    [Fact]
    public async Task Submit_WhenComplete_FreezesTheFormsAndRefusesLaterPosts()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        await CompleteAsync(world, id);
        using var page = await app.SignInAsync(world.Editor);
        var path = $"/portal/declarations/{id}";
        var before = await page.Http.GetStringAsync(path);
        Assert.Contains("Nothing is missing", before, StringComparison.Ordinal);

        var submitted = await page.PostFormAsync(path, $"{path}?handler=Submit", []);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var details = await page.Http.GetStringAsync(path);
        Assert.Contains("class=\"status-submitted\">submitted", details, StringComparison.Ordinal);
        Assert.DoesNotContain("Save settings", details, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Submit", details, StringComparison.Ordinal);
        var section = await page.Http.GetStringAsync($"{path}/sections/5.1");
        Assert.DoesNotContain("handler=Save", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a certificate", await page.Http.GetStringAsync($"{path}/certificates"), StringComparison.Ordinal);

        var late = await page.PostFormAsync(path, $"{path}/sections/5.1?handler=Save&control=5.1.A", new() { ["Answer.Statement"] = "Changed afterwards" });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("can no longer be edited", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await app.WithSystemAsync(async sp => (await sp.GetRequiredService<DeclarationQueries>().AnswerAsync(id, "5.1.A", CancellationToken.None)).Value);
        Assert.Equal("We do 5.1.A.", stored.Statement);
        Assert.Equal(DeclarationStatus.Submitted, (await DetailsAsync(id)).Summary.Status);
    }

    [Fact]
    public async Task CspViewer_ReadsEveryPageButCannotPost()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.CspViewer, world.Organisation));
        var path = $"/portal/declarations/{id}";

        var list = await page.Http.GetStringAsync("/portal/declarations");
        var details = await page.Http.GetStringAsync(path);
        var section = await page.Http.GetStringAsync($"{path}/sections/5.1");
        var certificates = await page.Http.GetStringAsync($"{path}/certificates");
        var save = await page.PostFormAsync(path, $"{path}/sections/5.1?handler=Save&control=5.1.A", new() { ["Answer.Statement"] = "Viewer wrote this" });
        var submit = await page.PostFormAsync(path, $"{path}?handler=Submit", []);
        var start = await page.PostFormAsync(path, "/portal/declarations", new() { ["Start.Catalogue"] = world.CatalogueId.ToString() });

        Assert.Contains($"href=\"{path}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Start the declaration", list, StringComparison.Ordinal);
        Assert.Contains("Progress per section", details, StringComparison.Ordinal);
        Assert.DoesNotContain("Save settings", details, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Submit", details, StringComparison.Ordinal);
        Assert.Contains("Written agreement", section, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Save", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Add the certificate", certificates, StringComparison.Ordinal);
        foreach (var refused in new[] { save, submit, start })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var after = await DetailsAsync(id);
        Assert.Equal(0, after.Summary.ControlsAnswered);
        Assert.Equal(DeclarationStatus.Draft, after.Summary.Status);
    }

    [Fact]
    public async Task AnotherOrganisationsDeclaration_IsNotFoundOnEveryPortalPage()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        var certificate = await app.WithSystemAsync(async sp => (await sp.GetRequiredService<AddCertificate>().HandleAsync(id, new(
            "test-iso-27001", null, "FOREIGN-1", "Body", null, "Scope", [world.Service.Id], Today.AddDays(-1), Today.AddYears(1), null, null),
            CancellationToken.None)).Value);
        var intruder = await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync());
        using var page = await app.SignInAsync(intruder);
        var path = $"/portal/declarations/{id}";
        var own = "/portal/declarations";

        var gets = new[] { path, $"{path}/sections/5.1", $"{path}/certificates", $"{path}/certificates/{certificate.Id}" };
        foreach (var get in gets) Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync(get)).StatusCode);
        var posts = new (string Action, Dictionary<string, string> Fields)[]
        {
            ($"{path}?handler=Settings", new() { ["Settings.Title"] = "Taken over" }),
            ($"{path}?handler=Submit", []),
            ($"{path}?handler=Withdraw", []),
            ($"{path}?handler=Renewal", new() { ["Renewal.NoMaterialChange"] = "true" }),
            ($"{path}/sections/5.1?handler=Save&control=5.1.A", new() { ["Answer.Statement"] = "Planted" }),
            ($"{path}/certificates", CertificateFields(world, Today, Today.AddYears(1))),
            ($"{path}/certificates/{certificate.Id}?handler=Update", CertificateFields(world, Today, Today.AddYears(1))),
            ($"{path}/certificates/{certificate.Id}?handler=Remove", []),
            ($"{path}/certificates/{certificate.Id}?handler=Report", new() { ["Notice.Kind"] = "withdrawn", ["Notice.Description"] = "Planted" }),
            ($"{own}?handler=Renew", new() { ["id"] = id.ToString() }),
        };
        foreach (var (action, fields) in posts)
        {
            var response = await page.PostFormAsync(own, action, fields);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{action} answered {(int)response.StatusCode}");
        }

        var after = await DetailsAsync(id);
        Assert.Equal(0, after.Summary.ControlsAnswered);
        Assert.Equal("FOREIGN-1", Assert.Single(after.Certificates).Number);
        Assert.Equal(DeclarationStatus.Draft, after.Summary.Status);
        Assert.DoesNotContain("Taken over", after.Summary.Title ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_ListsFiltersAndShowsDeclarationsReadOnly()
    {
        var world = await WorldAsync();
        var title = $"Console view {Guid.NewGuid():N}";
        var id = (await StartAsync(world, title)).Summary.Id;
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var all = await page.Http.GetStringAsync("/console/declarations");
        var drafts = await page.Http.GetStringAsync("/console/declarations?Status=Draft");
        var verified = await page.Http.GetStringAsync("/console/declarations?Status=Verified");
        var details = await page.Http.GetStringAsync($"/console/declarations/{id}");
        var console = await page.Http.GetStringAsync("/console");

        Assert.Contains(title, all, StringComparison.Ordinal);
        Assert.Contains(world.Organisation.Name, all, StringComparison.Ordinal);
        Assert.Contains(title, drafts, StringComparison.Ordinal);
        Assert.DoesNotContain(title, verified, StringComparison.Ordinal);
        Assert.Contains(title, details, StringComparison.Ordinal);
        Assert.Contains("Progress per section", details, StringComparison.Ordinal);
        Assert.Contains("Control 5.1.A has no implementation statement", details, StringComparison.Ordinal);
        Assert.DoesNotContain("Save settings", details, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=", details, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/declarations\"", console, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/console/declarations/{Guid.NewGuid()}")).StatusCode);

        using var provider = await app.SignInAsync(world.Editor);
        var refused = await provider.GetAsync("/console/declarations");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewNotice_AsMbStaff_ClearsItFromTheOpenList()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        var certificate = await app.WithSystemAsync(async sp => (await sp.GetRequiredService<AddCertificate>().HandleAsync(id, new(
            "test-iso-27001", null, $"NOTICE-{Guid.NewGuid():N}", "Body", null, "Scope", [world.Service.Id], Today.AddDays(-30), Today.AddYears(2),
            world.Document.Id, null), CancellationToken.None)).Value);
        await VerifyAsync(id);
        var description = $"Renewed early {Guid.NewGuid():N}";
        using (var provider = await app.SignInAsync(world.Editor))
        {
            var certificatePage = $"/portal/declarations/{id}/certificates/{certificate.Id}";
            Assert.Contains("Report a change", await provider.Http.GetStringAsync(certificatePage), StringComparison.Ordinal);
            var reported = await provider.PostFormAsync(certificatePage, $"{certificatePage}?handler=Report", new()
            {
                ["Notice.Kind"] = "renewed",
                ["Notice.Description"] = description,
                ["Notice.NewExpiresOn"] = Iso(Today.AddYears(3)),
            });
            Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        }

        using var mb = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));
        var open = await mb.Http.GetStringAsync("/console/certificate-notices");
        Assert.Contains(description, open, StringComparison.Ordinal);
        var notice = await app.WithSystemAsync(async sp =>
            (await sp.GetRequiredService<DeclarationQueries>().NoticesAsync(true, CancellationToken.None)).Single(n => n.Description == description));

        var reviewed = await mb.PostFormAsync("/console/certificate-notices", $"/console/certificate-notices?handler=Review&noticeId={notice.Id}",
            new() { ["Note"] = "Checked the new certificate." });

        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.DoesNotContain(description, await mb.Http.GetStringAsync("/console/certificate-notices"), StringComparison.Ordinal);
        var withReviewed = await mb.Http.GetStringAsync("/console/certificate-notices?all=true");
        Assert.Contains(description, withReviewed, StringComparison.Ordinal);
        Assert.Contains("Checked the new certificate.", withReviewed, StringComparison.Ordinal);
        Assert.False((await DetailsAsync(id)).Summary.FlaggedForReview);
    }

    [Fact]
    public async Task Renewal_StartedFromTheList_ShowsDifferenceAndTakesTheStatement()
    {
        var world = await WorldAsync();
        var id = (await StartAsync(world)).Summary.Id;
        await CompleteAsync(world, id);
        await VerifyAsync(id);
        var added = await app.WithSystemAsync(async sp => (await sp.GetRequiredService<CreateService>()
            .HandleAsync(new(world.Organisation.Id, $"Added Service {Guid.NewGuid():N}", null, world.Service.Category, "Family A"), CancellationToken.None)).Value);
        using var page = await app.SignInAsync(world.Editor);
        Assert.Contains("Start renewal", await page.Http.GetStringAsync("/portal/declarations"), StringComparison.Ordinal);

        var renewed = await page.PostFormAsync("/portal/declarations", "/portal/declarations?handler=Renew", new() { ["id"] = id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        var path = renewed.Headers.Location!.OriginalString;
        Assert.NotEqual($"/portal/declarations/{id}", path);
        var settings = await page.PostFormAsync(path, $"{path}?handler=Settings", new()
        {
            ["Settings.RequestedLevel"] = "1",
            ["Settings.ContactEmail"] = "dpo@provider.example",
            ["Settings.Services"] = added.Id.ToString(),
            ["Settings.Agreements[0].DocumentId"] = world.Document.Id.ToString(),
            ["Settings.Agreements[0].Kind"] = "service-agreement",
        });
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        var before = WebUtility.HtmlDecode(await page.Http.GetStringAsync(path));
        Assert.Contains("Renewal statement", before, StringComparison.Ordinal);
        Assert.Contains("Changes since the last verified declaration", before, StringComparison.Ordinal);
        Assert.Contains($"<tr><td>added</td><td>{added.Name}</td>", before, StringComparison.Ordinal);
        Assert.Contains($"<tr><td>removed</td><td>{world.Service.Name}</td><td>no reason given yet</td>", before, StringComparison.Ordinal);
        Assert.Contains($"The service '{world.Service.Name}' was in the last verified declaration; give the reason for removing it.", before, StringComparison.Ordinal);

        var stated = await page.PostFormAsync(path, $"{path}?handler=Renewal", new()
        {
            ["Renewal.ChangeDescription"] = "The old service was replaced by a new one.",
            ["Renewal.Removals[0].ServiceId"] = world.Service.Id.ToString(),
            ["Renewal.Removals[0].Reason"] = "Discontinued",
            ["Renewal.SameFamily"] = added.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, stated.StatusCode);
        var after = WebUtility.HtmlDecode(await page.Http.GetStringAsync(path));
        Assert.Contains("Reason: Discontinued", after, StringComparison.Ordinal);
        Assert.Contains("Change described: The old service was replaced by a new one.", after, StringComparison.Ordinal);
        Assert.Contains("Nothing is missing", after, StringComparison.Ordinal);
        var renewal = await DetailsAsync(Guid.Parse(path[(path.LastIndexOf('/') + 1)..]));
        Assert.Equal("renewal", renewal.Summary.Kind);
        Assert.True(Assert.Single(renewal.Services).SameFamilyConfirmed);
    }

    [Fact]
    public async Task Submit_WithMoreProblemsThanModelStateUsuallyHolds_ShowsThemAll()
    {
        var world = await WorldAsync();
        var code = $"Large Code {Guid.NewGuid():N}";
        var controls = string.Concat(Enumerable.Range(1, 230).Select(i =>
            $"\n          - id: 9.A{i.ToString(CultureInfo.InvariantCulture)}\n            title: Control {i.ToString(CultureInfo.InvariantCulture)}\n            statement: Requirement {i.ToString(CultureInfo.InvariantCulture)}."));
        var yaml = $"format: adhere-catalogue/1\ncode:\n  name: \"{code}\"\n  version: \"1.0\"\nsections:\n  - id: \"9\"\n    title: Large\n    controls:{controls}\n";
        var id = await app.WithSystemAsync(async sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(yaml);
            using var content = new MemoryStream(bytes);
            var report = await sp.GetRequiredService<ImportCatalogue>().HandleAsync(new(content, bytes.Length, CatalogueFormat.Native, false), CancellationToken.None);
            Assert.Empty(report.Problems);
            var started = await sp.GetRequiredService<StartDeclaration>().HandleAsync(new(world.Organisation.Id, code, "1.0", [], [world.Service.Id],
                null, 1, null, null), CancellationToken.None);
            return started.Value.Summary.Id;
        });
        using var page = await app.SignInAsync(world.Editor);
        var path = $"/portal/declarations/{id}";

        var posted = await page.PostFormAsync(path, $"{path}?handler=Submit", []);

        var html = await posted.Content.ReadAsStringAsync();
        var errors = Regex.Match(html, "<div class=\"errors\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Control 9.A1 has no implementation statement", errors, StringComparison.Ordinal);
        Assert.Contains("Control 9.A230 has no implementation statement", errors, StringComparison.Ordinal);
        Assert.Contains("No service agreement document is attached.", errors, StringComparison.Ordinal);
        Assert.Equal(1 + 230 + 2, Regex.Count(errors, "<li>")); // the summary, every control, the contact and the agreement
    }

    private Task VerifyAsync(Guid id) =>
        app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var declaration = await db.Declarations.FirstAsync(d => d.Id == new DeclarationId(id));
            declaration.RecordImportedVerification($"VID-{Guid.NewGuid():N}", ComplianceLevel.First, Today.AddDays(-10), Today.AddYears(1),
                DeclarationStatus.Verified, app.Time.GetUtcNow());
            await db.SaveChangesAsync();
        });
}
