using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The decision through the API: approval with the Verification-ID, level changes, rejection, sending back, renewal.</summary>
public sealed partial class AssessmentDecisionApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?<year>[0-9]{4})LVL(?<level>[0-9]{2})ADHERE(?<number>[0-9]{3,})$")]
    private static partial Regex IdPattern();

    private Task<List<string>> RecordsAsync(Guid declaration) => app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().VerificationRecords.AsNoTracking()
        .Where(v => v.DeclarationId == new DeclarationId(declaration)).OrderBy(v => v.RecordedAt).Select(v => v.VerificationId).ToListAsync());

    [Fact]
    public async Task Approve_AtTheProposedLevel_VerifiesForAYearUnderANewId()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();

        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }));

        var decision = approved.GetProperty("decision");
        var level = approved.GetProperty("proposedLevel").GetProperty("level").GetInt32();
        Assert.Equal("approved", approved.GetProperty("phase").GetString());
        Assert.Equal("Verified", approved.GetProperty("declarationStatus").GetString());
        Assert.Equal(level, decision.GetProperty("grantedLevel").GetInt32());
        Assert.Equal(Day(Today.AddYears(1).AddDays(-1)), decision.GetProperty("validUntil").GetString());
        var verificationId = approved.GetProperty("verificationId").GetString()!;
        var match = IdPattern().Match(verificationId);
        Assert.True(match.Success, verificationId);
        Assert.Equal(Today.Year.ToString(CultureInfo.InvariantCulture), match.Groups["year"].Value);
        Assert.Equal(level, int.Parse(match.Groups["level"].Value, CultureInfo.InvariantCulture));
        Assert.Equal([verificationId], await RecordsAsync(s.DeclarationId));
        var provider = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}"));
        Assert.Equal("Verified", provider.GetProperty("summary").GetProperty("status").GetString());
        await app.WaitForMailAsync(m => (m.Headers["Subject"] ?? string.Empty).Contains(verificationId, StringComparison.Ordinal));
        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }),
            HttpStatusCode.Conflict, "assessment.phase-not-allowed");
    }

    [Fact]
    public async Task Approve_AnotherLevelWithoutRationale_IsRefusedAndWithOneIsGranted()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { grantedLevel = 1 }),
            HttpStatusCode.BadRequest, "decision.rationale-required");
        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { grantedLevel = 7, rationale = "x" }),
            HttpStatusCode.BadRequest, "decision.level-invalid");
        Assert.Equal(before, await app.AuditCountAsync());
        Assert.Empty(await RecordsAsync(s.DeclarationId));

        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve",
            new { grantedLevel = 1, rationale = "The certificate's scope leaves out two of the declared services." }));
        Assert.Equal(1, approved.GetProperty("decision").GetProperty("grantedLevel").GetInt32());
        Assert.Contains("LVL01", approved.GetProperty("verificationId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_ByAnotherThanTheAssignedDecisionMaker_IsRefused()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();
        await HttpAssert.JsonAsync(await s.AdministratorClient.PutAsJsonAsync($"/api/v1/assessments/{id}/decision-maker", new { userId = s.DecisionMaker.Id.Value }));
        using var other = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbDecisionMaker));

        await HttpAssert.ProblemAsync(await other.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }),
            HttpStatusCode.Forbidden, "assessment.not-assigned-decision-maker");
        await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"/api/v1/assessments/{id}/approve", new { }),
            HttpStatusCode.Forbidden, "assessment.role-not-allowed");
    }

    [Fact]
    public async Task SendBackThenReject_WithReasons_EndRejectedAndTellTheProvider()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var id = await s.ReadyForDecisionAsync();

        await HttpAssert.ProblemAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/send-back", new { }),
            HttpStatusCode.BadRequest, "decision.reason-required");
        var back = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/send-back",
            new { reason = "Examine the transfer safeguards again." }));
        Assert.Equal("in-depth-review", back.GetProperty("phase").GetString());
        await HttpAssert.JsonAsync(await s.AssessorClient.PostAsync($"/api/v1/assessments/{id}/send-to-decision", null));
        var reason = $"Transfers rely on clauses that are no longer valid ({Guid.NewGuid():N}).";
        var rejected = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{id}/reject", new { reason }));

        Assert.Equal("rejected", rejected.GetProperty("phase").GetString());
        Assert.Equal("Rejected", rejected.GetProperty("declarationStatus").GetString());
        Assert.Null(rejected.GetProperty("verificationId").GetString());
        await app.WaitForMailAsync(m => m.MessageParts[0].BodyData.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApproveRenewal_KeepsTheIdAndAtAnotherLevelChangesOnlyTheLevelPart()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var first = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync()}/approve", new { }));
        var firstId = first.GetProperty("verificationId").GetString()!;
        var firstLevel = first.GetProperty("decision").GetProperty("grantedLevel").GetInt32();

        var renewal = await RenewAsync(s, s.DeclarationId);
        var renewed = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync(renewal)}/approve", new { }));
        Assert.Equal("recurring", renewed.GetProperty("kind").GetString());
        Assert.Equal(firstId, renewed.GetProperty("verificationId").GetString());
        var old = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}"));
        Assert.Equal("Renewed", old.GetProperty("summary").GetProperty("status").GetString());

        var third = await RenewAsync(s, renewal);
        var otherLevel = firstLevel == 1 ? 2 : 1;
        var changed = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync(third)}/approve",
            new { grantedLevel = otherLevel, rationale = "The evidence changed since last year." }));
        var changedId = changed.GetProperty("verificationId").GetString()!;
        Assert.Equal(firstId.Replace($"LVL{firstLevel:D2}", $"LVL{otherLevel:D2}", StringComparison.Ordinal), changedId);
        Assert.Equal([firstId], await RecordsAsync(renewal));
        Assert.Equal([changedId], await RecordsAsync(third));
    }

    [Fact]
    public async Task ApproveAdHoc_AtAnotherLevel_ChangesTheLevelPartButNotTheValidity()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var first = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync()}/approve", new { }));
        var firstId = first.GetProperty("verificationId").GetString()!;
        var firstLevel = first.GetProperty("decision").GetProperty("grantedLevel").GetInt32();
        var validUntil = first.GetProperty("decision").GetProperty("validUntil").GetString();

        var adHoc = await s.ReadyForDecisionAsync(kind: "ad-hoc", adHocReason: "complaint");
        var otherLevel = firstLevel == 1 ? 2 : 1;
        var confirmed = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{adHoc}/approve",
            new { grantedLevel = otherLevel, rationale = "The complaint showed that the transfer evidence no longer holds." }));

        var declaration = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}"));
        var newId = firstId.Replace($"LVL{firstLevel:D2}", $"LVL{otherLevel:D2}", StringComparison.Ordinal);
        Assert.Equal("ad-hoc", confirmed.GetProperty("kind").GetString());
        Assert.Equal(newId, confirmed.GetProperty("verificationId").GetString());
        Assert.Equal("Verified", declaration.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(validUntil, declaration.GetProperty("summary").GetProperty("validUntil").GetString());
        Assert.Equal([firstId, newId], await RecordsAsync(s.DeclarationId));
    }

    [Fact]
    public async Task Approve_InParallelOnTwoAppInstances_NeverIssuesTheSameId()
    {
        await using var second = AdhereAppFactory.SecondInstanceOf(app);
        var scenarios = new List<(AssessmentScenario S, Guid Assessment, HttpClient Decider)>();
        for (var i = 0; i < 6; i++)
        {
            var s = await AssessmentScenario.SubmittedAsync(app);
            var assessment = await s.ReadyForDecisionAsync();
            // Every other approval goes to the second instance, which shares only the database with the first.
            var decider = i % 2 == 0 ? s.DecisionMakerClient : second.ApiClient((await app.CreateTokenAsync(s.DecisionMaker)).Secret);
            scenarios.Add((s, assessment, decider));
        }

        var approved = await Task.WhenAll(scenarios.Select(x => Task.Run(async () =>
            await HttpAssert.JsonAsync(await x.Decider.PostAsJsonAsync($"/api/v1/assessments/{x.Assessment}/approve", new { })))));

        var ids = approved.Select(a => a.GetProperty("verificationId").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var numbers = ids.Select(v => int.Parse(IdPattern().Match(v).Groups["number"].Value, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 6), numbers);
    }

    /// <summary>The provider renews <paramref name="verified"/> unchanged and submits; returns the renewal's ID.</summary>
    private static async Task<Guid> RenewAsync(AssessmentScenario s, Guid verified)
    {
        var renewal = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await s.ProviderClient.PostAsync($"/api/v1/declarations/{verified}/renewal", null), HttpStatusCode.Created));
        await HttpAssert.JsonAsync(await s.ProviderClient.PutAsJsonAsync($"/api/v1/declarations/{renewal}/renewal-statement", new { noMaterialChange = true }));
        await HttpAssert.JsonAsync(await s.ProviderClient.PostAsync($"/api/v1/declarations/{renewal}/submit", null));
        return renewal;
    }
}
