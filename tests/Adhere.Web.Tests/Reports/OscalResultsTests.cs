using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Catalogue.Oscal;
using Adhere.Web.Tests.Infrastructure;
using Json.Schema;

namespace Adhere.Web.Tests.Reports;

/// <summary>
/// A real assessment exported as OSCAL assessment results and the plan they import: both validate against NIST's schemas,
/// they say what was examined and found, approval adds the attestation and the verification facts, the same assessment
/// gives the same bytes, and providers reach only their own declaration's approved export.
/// </summary>
public sealed class OscalResultsTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private const string Ns = "urn:adhere:ns:oscal";

    private static string ResultsPath(Guid assessment) => $"/api/v1/assessments/{assessment}/oscal/assessment-results";

    private static string PlanPath(Guid assessment) => $"/api/v1/assessments/{assessment}/oscal/assessment-plan";

    /// <summary>
    /// An approved assessment whose first examined control was found not satisfied, whose last (when there are two or
    /// more) carries an observation, and with one narrative finding; returns the approved assessment as the API shows it.
    /// </summary>
    private static async Task<(AssessmentScenario S, Guid Id, JsonElement Approved, IReadOnlyList<string> Selected)> ApprovedAsync(AdhereAppFactory app)
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/send-back", new { reason = "Look again at the first control." }));
        var selected = AssessmentScenario.SelectedControls(await HttpAssert.JsonAsync(await s.AssessorClient.GetAsync($"/api/v1/assessments/{id}/selection")));
        await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/{selected[0]}",
            new { result = "not-satisfied", notes = "The instruction log skips two customer requests.", samplesConsulted = new[] { "Ticket 4711", "Ticket 4712" } }));
        if (selected.Count > 1)
        {
            await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/controls/{selected[^1]}",
                new { result = "observation", notes = "Met; the review interval could be shorter." }));
        }

        await HttpAssert.JsonAsync(await s.AssessorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/findings/narratives/subprocessors",
            new { text = "Subprocessors are listed with their locations." }));
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/send-to-decision", null));
        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));
        return (s, id, approved, selected);
    }

    private static async Task<(string Text, JsonElement Root)> ExportAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (text, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static JsonElement Result(JsonElement results) => Assert.Single(results.GetProperty("assessment-results").GetProperty("results").EnumerateArray());

    private static Dictionary<string, string> AdhereProps(JsonElement owner) =>
        owner.TryGetProperty("props", out var props)
            ? props.EnumerateArray().Where(p => p.GetProperty("ns").GetString() == Ns)
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString()!, StringComparer.Ordinal)
            : [];

    private static List<string> ControlIds(JsonElement reviewed) =>
        [.. reviewed.GetProperty("control-selections").EnumerateArray()
            .SelectMany(s => s.TryGetProperty("include-controls", out var ids) ? ids.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(c => c.GetProperty("control-id").GetString()!)];

    [Fact]
    public async Task Export_ApprovedAssessment_BothDocumentsValidateAgainstTheirSchemas()
    {
        var (s, id, _, _) = await ApprovedAsync(app);

        var (results, _) = await ExportAsync(s.AssessorClient, ResultsPath(id));
        var (plan, _) = await ExportAsync(s.AssessorClient, PlanPath(id));

        var resultErrors = OscalAssessmentSchemas.Errors(OscalAssessmentSchemas.Results, results);
        var planErrors = OscalAssessmentSchemas.Errors(OscalAssessmentSchemas.Plan, plan);
        Assert.True(resultErrors.Count == 0, "assessment-results: " + string.Join("\n", resultErrors));
        Assert.True(planErrors.Count == 0, "assessment-plan: " + string.Join("\n", planErrors));
    }

    [Fact]
    public async Task SchemaCheck_BrokenExport_ReportsTheErrorsWithTheirPaths()
    {
        var (s, id, _, _) = await ApprovedAsync(app);
        var (text, _) = await ExportAsync(s.AssessorClient, ResultsPath(id));

        // A state OSCAL does not know, and a result without its uuid: the check must name both places.
        var broken = text.Replace("\"state\": \"not-satisfied\"", "\"state\": \"partly\"", StringComparison.Ordinal);
        var node = System.Text.Json.Nodes.JsonNode.Parse(broken)!;
        node["assessment-results"]!["results"]![0]!.AsObject().Remove("uuid");

        var errors = OscalAssessmentSchemas.Errors(OscalAssessmentSchemas.Results, node.ToJsonString());

        Assert.Contains(errors, e => e.StartsWith("/assessment-results/results/0/findings/0/target/status/state", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/assessment-results/results/0:", StringComparison.Ordinal) && e.Contains("uuid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_ApprovedAssessment_ReviewsTheFrozenSelectionUnderTheCatalogExportIds()
    {
        var (s, id, _, selected) = await ApprovedAsync(app);

        var (_, results) = await ExportAsync(s.AssessorClient, ResultsPath(id));
        var (_, plan) = await ExportAsync(s.AssessorClient, PlanPath(id));

        var expected = selected.Select(k => "c-" + k).ToList();
        Assert.Equal(expected, ControlIds(Result(results).GetProperty("reviewed-controls")));
        Assert.Equal(expected.Order(StringComparer.Ordinal), ControlIds(plan.GetProperty("assessment-plan").GetProperty("reviewed-controls")).Order(StringComparer.Ordinal));
        // The plan's back matter links the catalog export; every reviewed id is a control of it.
        var catalogLink = plan.GetProperty("assessment-plan").GetProperty("back-matter").GetProperty("resources").EnumerateArray()
            .Select(r => r.GetProperty("rlinks")[0].GetProperty("href").GetString()!).Single(h => h.Contains("/catalogues/", StringComparison.Ordinal));
        var catalog = await s.AssessorClient.GetByteArrayAsync(catalogLink);
        var catalogIds = OscalCatalogFiles.Census(catalog).Controls.Select(c => c.Item1).ToHashSet(StringComparer.Ordinal);
        Assert.All(expected, c => Assert.Contains(c, catalogIds));
        var declarationLink = plan.GetProperty("assessment-plan").GetProperty("import-ssp").GetProperty("href").GetString()!;
        var declaration = plan.GetProperty("assessment-plan").GetProperty("back-matter").GetProperty("resources").EnumerateArray()
            .Single(r => "#" + r.GetProperty("uuid").GetString() == declarationLink);
        Assert.Equal($"/api/v1/declarations/{s.DeclarationId}", declaration.GetProperty("rlinks")[0].GetProperty("href").GetString());
    }

    [Fact]
    public async Task ExportResults_ApprovedAssessment_HasAFindingPerExaminedControlWithTheRecordedState()
    {
        var (s, id, _, selected) = await ApprovedAsync(app);

        var (_, results) = await ExportAsync(s.AssessorClient, ResultsPath(id));

        var findings = Result(results).GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(selected, findings.Select(f => AdhereProps(f)["control-key"]));
        Assert.Equal(selected.Select(k => $"c-{k}_smt"), findings.Select(f => f.GetProperty("target").GetProperty("target-id").GetString()));
        var states = findings.Select(f => f.GetProperty("target").GetProperty("status").GetProperty("state").GetString()).ToList();
        Assert.Equal("not-satisfied", states[0]);
        Assert.Equal("The instruction log skips two customer requests.", findings[0].GetProperty("description").GetString());
        Assert.Contains("Ticket 4712", findings[0].GetProperty("remarks").GetString(), StringComparison.Ordinal);
        Assert.All(states.Skip(1), state => Assert.Equal("satisfied", state));
        if (selected.Count > 1) Assert.Equal("observation", AdhereProps(findings[^1])["finding-result"]);
        var narrative = Assert.Single(Result(results).GetProperty("observations").EnumerateArray());
        Assert.Equal("Subprocessors are listed with their locations.", narrative.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ExportResults_ApprovedAssessment_CarriesTheVerificationFactsAndTheAttestation()
    {
        var (s, id, approved, _) = await ApprovedAsync(app);

        var (_, results) = await ExportAsync(s.AssessorClient, ResultsPath(id));

        var result = Result(results);
        var props = AdhereProps(result);
        var decision = approved.GetProperty("decision");
        var verificationId = approved.GetProperty("verificationId").GetString()!;
        Assert.Equal("approved", props["status"]);
        Assert.Equal(verificationId, props["verification-id"]);
        Assert.Equal(decision.GetProperty("grantedLevel").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), props["level-of-compliance"]);
        Assert.Equal(decision.GetProperty("decidedOn").GetString(), props["approved-on"]);
        Assert.Equal(decision.GetProperty("validUntil").GetString(), props["valid-until"]);
        var attestation = Assert.Single(result.GetProperty("attestations").EnumerateArray());
        var part = attestation.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "decision");
        Assert.Contains(verificationId, part.GetProperty("prose").GetString(), StringComparison.Ordinal);
        Assert.Contains("approved", part.GetProperty("prose").GetString(), StringComparison.Ordinal);
        var metadata = results.GetProperty("assessment-results").GetProperty("metadata");
        Assert.Equal(decision.GetProperty("decidedAt").GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            metadata.GetProperty("published").GetString());
        var parties = metadata.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains(approved.GetProperty("organisationName").GetString(), parties);
        Assert.Equal(2, parties.Count);
    }

    [Fact]
    public async Task Export_SameAssessmentTwice_GivesIdenticalBytes()
    {
        var (s, id, _, _) = await ApprovedAsync(app);

        var firstResults = await s.AssessorClient.GetByteArrayAsync(ResultsPath(id));
        var firstPlan = await s.AssessorClient.GetByteArrayAsync(PlanPath(id));
        app.Time.Advance(TimeSpan.FromHours(3));
        var secondResults = await s.DecisionMakerClient.GetByteArrayAsync(ResultsPath(id));
        var secondPlan = await s.DecisionMakerClient.GetByteArrayAsync(PlanPath(id));
        var providerResults = await s.ProviderClient.GetByteArrayAsync($"/api/v1/declarations/{s.DeclarationId}/oscal/assessment-results");

        Assert.Equal(firstResults, secondResults);
        Assert.Equal(firstPlan, secondPlan);
        Assert.Equal(firstResults, providerResults);
    }

    [Fact]
    public async Task ExportResults_ImportAp_ResolvesToThePlanOfTheSameAssessment()
    {
        var (s, id, _, _) = await ApprovedAsync(app);
        var address = new Uri(s.ProviderClient.BaseAddress!, $"/api/v1/declarations/{s.DeclarationId}/oscal/assessment-results");

        var (_, results) = await ExportAsync(s.ProviderClient, address.ToString());
        var href = results.GetProperty("assessment-results").GetProperty("import-ap").GetProperty("href").GetString()!;
        var (_, plan) = await ExportAsync(s.ProviderClient, new Uri(address, href).ToString());
        var (_, staffPlan) = await ExportAsync(s.AssessorClient, PlanPath(id));

        Assert.Equal(staffPlan.GetProperty("assessment-plan").GetProperty("uuid").GetString(), plan.GetProperty("assessment-plan").GetProperty("uuid").GetString());
        Assert.Contains(plan.GetProperty("assessment-plan").GetProperty("uuid").GetString()!,
            results.GetProperty("assessment-results").GetProperty("import-ap").GetProperty("remarks").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportResults_Draft_IsValidWithoutAttestationAndSaysDraft()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();

        var (text, results) = await ExportAsync(s.AssessorClient, ResultsPath(id));

        var result = Result(results);
        var props = AdhereProps(result);
        Assert.Equal("draft", props["status"]);
        Assert.False(props.ContainsKey("verification-id"));
        Assert.False(props.ContainsKey("level-of-compliance"));
        Assert.False(result.TryGetProperty("attestations", out _));
        Assert.False(results.GetProperty("assessment-results").GetProperty("metadata").TryGetProperty("published", out _));
        var errors = OscalAssessmentSchemas.Errors(OscalAssessmentSchemas.Results, text);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // The provider sees nothing before the decision.
        await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/oscal/assessment-results"),
            HttpStatusCode.NotFound, "oscal.assessment-not-found");
    }

    [Fact]
    public async Task ExportResults_ApprovedAtAnotherLevel_AttestsTheGrantedLevelWithTheRationale()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        const string rationale = "The certificate leaves out one of the declared services.";
        await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { grantedLevel = 1, rationale }));

        var (_, results) = await ExportAsync(s.AssessorClient, ResultsPath(id));

        var result = Result(results);
        Assert.Equal("1", AdhereProps(result)["level-of-compliance"]);
        Assert.NotEqual("1", AdhereProps(result)["proposed-level"]);
        var parts = Assert.Single(result.GetProperty("attestations").EnumerateArray()).GetProperty("parts").EnumerateArray().ToList();
        Assert.Contains("Level 1 of Compliance", parts.Single(p => p.GetProperty("name").GetString() == "decision").GetProperty("prose").GetString(), StringComparison.Ordinal);
        Assert.Contains(rationale, parts.Single(p => p.GetProperty("name").GetString() == "level-rationale").GetProperty("prose").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportResults_Rejected_SaysRejectedWithoutAttestationOrVerificationId()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        const string reason = "Transfers rely on clauses that are no longer valid.";
        await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/reject", new { reason }));

        var (text, results) = await ExportAsync(s.AssessorClient, ResultsPath(id));

        var result = Result(results);
        Assert.Equal("rejected", AdhereProps(result)["status"]);
        Assert.False(AdhereProps(result).ContainsKey("verification-id"));
        Assert.False(result.TryGetProperty("attestations", out _));
        Assert.Contains(reason, result.GetProperty("remarks").GetString(), StringComparison.Ordinal);
        Assert.Empty(OscalAssessmentSchemas.Errors(OscalAssessmentSchemas.Results, text));
    }

    [Fact]
    public async Task Export_SelectionNotFrozen_IsAConflict()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = AssessmentScenario.IdOf(await s.OpenAsync());

        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync(ResultsPath(id)), HttpStatusCode.Conflict, "oscal.selection-not-frozen");
        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync(PlanPath(id)), HttpStatusCode.Conflict, "oscal.selection-not-frozen");
        await HttpAssert.ProblemAsync(await s.AssessorClient.GetAsync(ResultsPath(Guid.NewGuid())), HttpStatusCode.NotFound, "assessment.not-found");
    }

    [Fact]
    public async Task DeclarationExports_OwnProviderGetsThemAndAnotherProviderGetsNotFound()
    {
        var (s, id, _, _) = await ApprovedAsync(app);
        using var stranger = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync()));

        var (_, own) = await ExportAsync(s.ProviderClient, $"/api/v1/declarations/{s.DeclarationId}/oscal/assessment-results");
        var (_, ownPlan) = await ExportAsync(s.ProviderClient, $"/api/v1/declarations/{s.DeclarationId}/oscal/assessment-plan");

        Assert.Equal(id.ToString(), AdhereProps(Result(own))["assessment-id"]);
        Assert.Contains(ownPlan.GetProperty("assessment-plan").GetProperty("back-matter").GetProperty("resources").EnumerateArray(),
            r => AdhereProps(r).GetValueOrDefault("declaration-id") == s.DeclarationId.ToString());
        foreach (var document in new[] { "assessment-results", "assessment-plan" })
        {
            await HttpAssert.ProblemAsync(await stranger.GetAsync($"/api/v1/declarations/{s.DeclarationId}/oscal/{document}"),
                HttpStatusCode.NotFound, "oscal.assessment-not-found");
            await HttpAssert.ProblemAsync(await s.ProviderClient.GetAsync($"/api/v1/assessments/{id}/oscal/{document}"),
                HttpStatusCode.Forbidden, "auth.forbidden");
        }
    }
}

/// <summary>NIST's assessment plan and results schemas (in <c>../shared/oscal/schema</c> beside the repository), read once.</summary>
internal static class OscalAssessmentSchemas
{
    private static readonly Lazy<string> SchemaFolder = new(() => RepositoryFiles.Shared("oscal/schema"));

    public static readonly Lazy<JsonSchema> Results = new(() => Load("oscal_assessment-results_schema.json"));

    public static readonly Lazy<JsonSchema> Plan = new(() => Load("oscal_assessment-plan_schema.json"));

    /// <summary>Every schema error as "instance location: keyword message"; empty when the document is valid.</summary>
    public static List<string> Errors(Lazy<JsonSchema> schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }

    // Each schema in its own registry: the global one refuses a second schema with the same definitions' $ids.
    private static JsonSchema Load(string file) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaFolder.Value, file)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
