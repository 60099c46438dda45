using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

/// <summary>
/// A provider's submitted declaration (every control of <see cref="DeclarationScenario"/> answered, a service agreement,
/// one ISO/IEC 27001 certificate) and MB staff to assess it: an assessor, a decision maker and an administrator, each
/// with an API client.
/// </summary>
public sealed class AssessmentScenario
{
    private AssessmentScenario(DeclarationScenario declaration, Guid declarationId, TestUser assessor, HttpClient assessorClient,
        TestUser decisionMaker, HttpClient decisionMakerClient, TestUser administrator, HttpClient administratorClient)
    {
        Declarations = declaration;
        DeclarationId = declarationId;
        Assessor = assessor;
        AssessorClient = assessorClient;
        DecisionMaker = decisionMaker;
        DecisionMakerClient = decisionMakerClient;
        Administrator = administrator;
        AdministratorClient = administratorClient;
    }

    /// <summary>The provider side: its editor, its client and the catalogue.</summary>
    public DeclarationScenario Declarations { get; }

    public Guid DeclarationId { get; }

    public TestUser Assessor { get; }

    public HttpClient AssessorClient { get; }

    public TestUser DecisionMaker { get; }

    public HttpClient DecisionMakerClient { get; }

    public TestUser Administrator { get; }

    public HttpClient AdministratorClient { get; }

    /// <summary>The provider editor's API client.</summary>
    public HttpClient ProviderClient => Declarations.Client;

    /// <summary>
    /// Submits the declaration. "Compute" and "Storage" share <paramref name="category"/> (a fresh one when null);
    /// <paramref name="moreServices"/> are created in their categories (added to the list when new) and declared too.
    /// </summary>
    public static async Task<AssessmentScenario> SubmittedAsync(AdhereAppFactory app, string? category = null,
        IReadOnlyList<(string Category, string Name)>? moreServices = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var s = await DeclarationScenario.CreateAsync(app);
        var codeName = $"Code {Guid.NewGuid():N}";
        var categories = new[] { category ?? $"Cat {Guid.NewGuid():N}" }.Concat(moreServices?.Select(m => m.Category) ?? []).Distinct(StringComparer.Ordinal).ToList();
        await app.WithSystemAsync(async sp =>
        {
            foreach (var name in categories)
                _ = (await sp.GetRequiredService<Adhere.Core.Services.AddServiceCategory>().HandleAsync(new(codeName, name), CancellationToken.None)).Value;
        });
        foreach (var (service, name) in new[] { (s.ServiceA, "Compute"), (s.ServiceB, "Storage") })
        {
            await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/services/{service}", new { name, category = categories[0] }));
        }

        var services = new List<Guid> { s.ServiceA, s.ServiceB };
        foreach (var (more, name) in moreServices ?? [])
        {
            var created = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync("/api/v1/services", new { name, category = more }), HttpStatusCode.Created);
            services.Add(created.GetProperty("id").GetGuid());
        }

        var id = DeclarationScenario.IdOf(await s.StartAsync(services: [.. services]));
        var agreement = await s.UploadAsync("dpa.pdf");
        await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}", new
        {
            requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example",
            agreements = new[] { new { documentId = agreement, kind = "service-agreement" } },
        }));
        await s.AnswerAllAsync(id);
        await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate(auditReport: agreement)), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null));

        var assessor = await app.CreateUserAsync(Role.MbAssessor);
        var decisionMaker = await app.CreateUserAsync(Role.MbDecisionMaker);
        var administrator = await app.CreateUserAsync(Role.MbAdministrator);
        return new AssessmentScenario(s, id, assessor, await app.ApiClientAsync(assessor), decisionMaker, await app.ApiClientAsync(decisionMaker),
            administrator, await app.ApiClientAsync(administrator));
    }

    /// <summary>The assessor opens the assessment (initial); returns its summary.</summary>
    public async Task<JsonElement> OpenAsync() =>
        await HttpAssert.JsonAsync(await AssessorClient.PostAsJsonAsync("/api/v1/assessments", new { declarationId = DeclarationId }), HttpStatusCode.Created);

    public static Guid IdOf(JsonElement assessment) => assessment.GetProperty("id").GetGuid();

    /// <summary>
    /// Takes an assessment of <paramref name="declaration"/> (default: this scenario's) to the decision: opens it, settles
    /// fact finding, selects with a fixed seed and freezes, finds every selected control satisfied and sends it on.
    /// Returns the assessment's ID.
    /// </summary>
    public async Task<Guid> ReadyForDecisionAsync(Guid? declaration = null, string? kind = null, string? adHocReason = null)
    {
        var opened = await HttpAssert.JsonAsync(await AssessorClient.PostAsJsonAsync("/api/v1/assessments",
            new { declarationId = declaration ?? DeclarationId, kind, adHocReason }), HttpStatusCode.Created);
        var id = IdOf(opened);
        await SettleFactFindingAsync(this, id, opened);
        await HttpAssert.JsonAsync(await AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/selection", new { seed = 42 }), HttpStatusCode.Created);
        var frozen = await HttpAssert.JsonAsync(await AssessorClient.PostAsync($"/api/v1/assessments/{id}/selection/freeze", null));
        await HttpAssert.JsonAsync(await AssessorClient.PostAsync($"/api/v1/assessments/{id}/complete-fact-finding", null));
        foreach (var control in SelectedControls(frozen))
        {
            await HttpAssert.JsonAsync(await AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/{control}",
                new { result = "satisfied", samplesConsulted = new[] { "Policy register" } }));
        }

        await HttpAssert.JsonAsync(await AssessorClient.PostAsync($"/api/v1/assessments/{id}/send-to-decision", null));
        return id;
    }

    /// <summary>Settles every checklist item and certificate review of a freshly opened assessment (here, not in a test class, so the browser tests can link this file).</summary>
    public static async Task SettleFactFindingAsync(AssessmentScenario s, Guid id, JsonElement opened)
    {
        foreach (var item in opened.GetProperty("checklist").EnumerateArray())
        {
            var name = Kebab(item.GetProperty("item").GetString()!);
            await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/checklist/{name}", new { status = "confirmed" }));
        }

        foreach (var review in opened.GetProperty("certificateReviews").EnumerateArray())
        {
            await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync(
                $"/api/v1/assessments/{id}/certificate-reviews/{review.GetProperty("certificateId").GetGuid()}", new { verdict = "accepted" }));
        }
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The control keys of a selection as the selection API returns it.</summary>
    public static IReadOnlyList<string> SelectedControls(JsonElement selection) =>
        [.. selection.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("controlKey").GetString()!)];
}
