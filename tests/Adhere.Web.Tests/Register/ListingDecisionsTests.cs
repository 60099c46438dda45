using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>
/// Suspension, reinstatement, revocation and a provider's withdrawal of a listed declaration, and what the register
/// shows of each: the API entry and verification, the verification page and the transparency log, at once.
/// </summary>
public sealed class ListingDecisionsTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid declaration, string action, string? reason) =>
        client.PostAsJsonAsync($"/api/v1/declarations/{declaration}/{action}", new { reason }, Ct);

    private async Task<JsonElement> VerificationAsync(string id)
    {
        using var anonymous = app.ApiClient(null);
        return await HttpAssert.JsonAsync(await anonymous.GetAsync($"/api/v1/register/verifications/{id}", Ct));
    }

    private async Task<string> VerifyPageAsync(string id)
    {
        using var page = app.AnonymousPageClient();
        using var response = await page.GetAsync($"/register/verify/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private Task<List<(string Event, string Id)>> LogAsync(string id) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<AdhereDb>().TransparencyLog.AsNoTracking()
            .Where(e => e.VerificationId == id).OrderBy(e => e.Sequence).Select(e => new { e.Event, e.VerificationId }).ToListAsync(Ct))
            .Select(e => (e.Event, e.VerificationId)).ToList());

    [Fact]
    public async Task Suspend_ByDecisionMaker_ShowsSuspendedEverywhereAndTellsTheProvider()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var s = listed.Assessment;

        using var response = await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "suspend", "The provider did not correct the breach notification process in time.");

        var declaration = await HttpAssert.JsonAsync(response);
        Assert.Equal("Suspended", declaration.GetProperty("summary").GetProperty("status").GetString());
        var answer = await VerificationAsync(listed.VerificationId);
        Assert.Equal("suspended", answer.GetProperty("status").GetString());
        Assert.Contains($"{listed.VerificationId}: suspended since", await VerifyPageAsync(listed.VerificationId), StringComparison.Ordinal);
        Assert.Equal([("listed", listed.VerificationId), ("suspended", listed.VerificationId)], await LogAsync(listed.VerificationId));
        var mail = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.Topic == "declaration.suspended" && m.Subject.Contains(listed.VerificationId)).ToListAsync(Ct));
        Assert.Contains(mail, m => m.To == s.Declarations.Editor.Email && m.Body.Contains("breach notification process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Suspend_WithoutReason_AnswersReasonRequiredAndChangesNothing()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var s = listed.Assessment;

        using var response = await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "suspend", "   ");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "declaration.reason-required");
        Assert.Equal("valid", (await VerificationAsync(listed.VerificationId)).GetProperty("status").GetString());
        Assert.Equal([("listed", listed.VerificationId)], await LogAsync(listed.VerificationId));
    }

    [Fact]
    public async Task Suspend_ByAssessorOrProvider_IsRefusedAndChangesNothing()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var s = listed.Assessment;

        using var byAssessor = await DecideAsync(s.AssessorClient, s.DeclarationId, "suspend", "An assessor may not decide this.");
        using var byProvider = await DecideAsync(s.ProviderClient, s.DeclarationId, "suspend", "A provider may not suspend itself.");

        await HttpAssert.ProblemAsync(byAssessor, HttpStatusCode.Forbidden, "declaration.role-not-allowed");
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Equal("valid", (await VerificationAsync(listed.VerificationId)).GetProperty("status").GetString());
        Assert.Single(await LogAsync(listed.VerificationId));
    }

    [Fact]
    public async Task Reinstate_AfterSuspension_IsValidAgainAndLogged()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var s = listed.Assessment;
        (await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "suspend", "Pending the outcome of a complaint.")).Dispose();

        using var response = await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "reinstate", "The complaint was found unfounded.");

        Assert.Equal("Verified", (await HttpAssert.JsonAsync(response)).GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("valid", (await VerificationAsync(listed.VerificationId)).GetProperty("status").GetString());
        Assert.Equal(["listed", "suspended", "reinstated"], (await LogAsync(listed.VerificationId)).Select(e => e.Event));
    }

    [Fact]
    public async Task Reinstate_WhenNotSuspended_IsAConflict()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        using var response = await DecideAsync(listed.Assessment.DecisionMakerClient, listed.Assessment.DeclarationId, "reinstate", "Nothing to lift.");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "declaration.transition-not-allowed");
    }

    [Fact]
    public async Task Revoke_FromSuspended_IsFinalAndShowsRevoked()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var s = listed.Assessment;
        (await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "suspend", "Pending the outcome of a complaint.")).Dispose();

        using var revoked = await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "revoke", "The breach was confirmed and not remedied.");
        using var again = await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "reinstate", "Trying to undo a revocation.");

        Assert.Equal("Revoked", (await HttpAssert.JsonAsync(revoked)).GetProperty("summary").GetProperty("status").GetString());
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "declaration.transition-not-allowed");
        Assert.Equal("revoked", (await VerificationAsync(listed.VerificationId)).GetProperty("status").GetString());
        Assert.Contains($"{listed.VerificationId}: revoked since", await VerifyPageAsync(listed.VerificationId), StringComparison.Ordinal);
        Assert.Equal(["listed", "suspended", "revoked"], (await LogAsync(listed.VerificationId)).Select(e => e.Event));
    }

    [Fact]
    public async Task Withdraw_ListedDeclaration_ShowsWithdrawnAndIsLogged()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        using var response = await listed.Assessment.ProviderClient.PostAsync($"/api/v1/declarations/{listed.Assessment.DeclarationId}/withdraw", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("withdrawn", (await VerificationAsync(listed.VerificationId)).GetProperty("status").GetString());
        Assert.Contains($"{listed.VerificationId}: withdrawn since", await VerifyPageAsync(listed.VerificationId), StringComparison.Ordinal);
        Assert.Equal(["listed", "withdrawn"], (await LogAsync(listed.VerificationId)).Select(e => e.Event));
    }

    [Fact]
    public async Task Withdraw_Suspended_IsRefusedSoASanctionCannotBeDodged()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var s = listed.Assessment;
        (await DecideAsync(s.DecisionMakerClient, s.DeclarationId, "suspend", "Pending the outcome of a complaint.")).Dispose();

        using var response = await s.ProviderClient.PostAsync($"/api/v1/declarations/{s.DeclarationId}/withdraw", null, Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "declaration.transition-not-allowed");
        Assert.Equal("suspended", (await VerificationAsync(listed.VerificationId)).GetProperty("status").GetString());
    }
}
