using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Adhere.Core.Catalogue;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Declarations;

/// <summary>
/// A provider with an editor, two services and a Code of its own: sections 5 (5.1) and 6 (6.1), two controls each;
/// 6.1.A and 6.1.B map to ISO/IEC 27001 (key <see cref="Iso27001"/>), 5.1.A to ISO/IEC 27701.
/// </summary>
public sealed class DeclarationScenario
{
    public const string Iso27001 = "iso-27001-2022";
    public const string Iso27701 = "iso-27701-2019";

    public static readonly string[] ControlKeys = ["5.1.A", "5.1.B", "6.1.A", "6.1.B"];

    private DeclarationScenario(AdhereAppFactory app, string code, TestUser editor, HttpClient client, Guid serviceA, Guid serviceB)
    {
        App = app;
        Code = code;
        Editor = editor;
        Client = client;
        ServiceA = serviceA;
        ServiceB = serviceB;
    }

    public AdhereAppFactory App { get; }

    public string Code { get; }

    public TestUser Editor { get; }

    public HttpClient Client { get; }

    public Guid ServiceA { get; }

    public Guid ServiceB { get; }

    public static string Yaml(string name) => $"""
        format: adhere-catalogue/1
        code:
          name: "{name}"
          version: "1.0"
          status: active
        sections:
          - id: "5"
            title: Data protection
            sections:
              - id: "5.1"
                title: Agreement terms
                controls:
                  - id: 5.1.A
                    title: Terms are written down
                    statement: The provider writes its terms down.
                  - id: 5.1.B
                    title: Terms are available
                    statement: The provider makes the terms available.
          - id: "6"
            title: Security
            sections:
              - id: "6.1"
                title: Security duties
                controls:
                  - id: 6.1.A
                    title: A security programme exists
                    statement: The provider runs a security programme.
                  - id: 6.1.B
                    title: Risks are assessed
                    statement: The provider assesses risks.
        standards:
          - id: {Iso27001}
            title: ISO/IEC 27001:2022
          - id: {Iso27701}
            title: ISO/IEC 27701:2019
        mappings:
          - {"{"} control: 6.1.A, standard: {Iso27001}, clause: "5.1", relationship: intersects-with {"}"}
          - {"{"} control: 6.1.B, standard: {Iso27001}, clause: "6.1", relationship: intersects-with {"}"}
          - {"{"} control: 5.1.A, standard: {Iso27701}, clause: "7.2", relationship: intersects-with {"}"}
        """;

    public static async Task<DeclarationScenario> CreateAsync(AdhereAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var code = $"Test Code {Guid.NewGuid():N}";
        await app.WithSystemAsync(async sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(Yaml(code));
            var report = await sp.GetRequiredService<ImportCatalogue>()
                .HandleAsync(new(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Native, DryRun: false), CancellationToken.None);
            if (report.Problems.Count > 0) throw new InvalidOperationException(string.Join("; ", report.Problems.Select(e => e.Message)));
        });
        var org = await app.CreateProviderAsync();
        var editor = await app.CreateUserAsync(Role.CspEditor, org);
        var client = await app.ApiClientAsync(editor);
        var a = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/services", new { name = "Compute", category = (string?)null }), HttpStatusCode.Created);
        var b = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/services", new { name = "Storage" }), HttpStatusCode.Created);
        return new DeclarationScenario(app, code, editor, client, a.GetProperty("id").GetGuid(), b.GetProperty("id").GetGuid());
    }

    /// <summary>Starts a draft with both services and the given level.</summary>
    public async Task<JsonElement> StartAsync(int? level = 2, Guid[]? services = null) =>
        await HttpAssert.JsonAsync(await Client.PostAsJsonAsync("/api/v1/declarations", new
        {
            code = Code,
            version = "1.0",
            services = services ?? [ServiceA, ServiceB],
            requestedLevel = level,
            contactName = "Dana Protection",
            contactEmail = "dpo@provider.example",
        }), HttpStatusCode.Created);

    public static Guid IdOf(JsonElement details) => details.GetProperty("summary").GetProperty("id").GetGuid();

    /// <summary>Uploads a small PDF and returns its document ID.</summary>
    public async Task<Guid> UploadAsync(string name = "agreement.pdf")
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n%%EOF\n"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = content };
        request.Headers.Add("X-File-Name", name);
        var created = await HttpAssert.JsonAsync(await Client.SendAsync(request), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    public async Task AnswerAllAsync(Guid declaration)
    {
        foreach (var key in ControlKeys)
        {
            await HttpAssert.JsonAsync(await Client.PutAsJsonAsync($"/api/v1/declarations/{declaration}/answers/{key}",
                new { statement = $"We do {key} like this.", measures = "Reviewed yearly." }));
        }
    }

    /// <summary>A certificate body; dates relative to the app's clock.</summary>
    public object Certificate(string standard = Iso27001, Guid[]? covered = null, int issuedDaysAgo = 100, int expiresInDays = 800,
        Guid? auditReport = null, string[]? claims = null)
    {
        var today = DateOnly.FromDateTime(App.Time.GetUtcNow().UtcDateTime);
        return new
        {
            standard,
            standardVersion = "2022",
            number = $"CERT-{Guid.NewGuid():N}"[..16],
            certificationBody = "Example Certification GmbH",
            accreditationBody = "DAkkS",
            scopeStatement = "Compute and storage services operated from EU data centres.",
            coveredServices = covered ?? [ServiceA, ServiceB],
            issuedOn = today.AddDays(-issuedDaysAgo),
            expiresOn = today.AddDays(expiresInDays),
            auditReportDocumentId = auditReport,
            claimedControls = claims,
        };
    }

    /// <summary>Makes a fully answered declaration verified, as if approved on <paramref name="approvedOn"/>.</summary>
    public Task MarkVerifiedAsync(Guid declaration, DateOnly approvedOn, string verificationId = "2025LVL02TEST101") =>
        App.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var entity = await db.Declarations.FirstAsync(d => d.Id == new DeclarationId(declaration));
            entity.RecordImportedVerification(verificationId, ComplianceLevel.Second, approvedOn, approvedOn.AddYears(1).AddDays(-1),
                DeclarationStatus.Verified, App.Time.GetUtcNow());
            await db.SaveChangesAsync();
        });
}
