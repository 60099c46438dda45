using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adhere.Core.Monitoring;
using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>The public transparency log: entries from approvals and expiry, the published document, and its verification.</summary>
public sealed class TransparencyLogTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private const string LogPath = "/register/transparency-log.json";

    [Fact]
    public async Task Approve_FirstTime_AppendsListedEntryThatAnonymousReadersSeeAndVerify()
    {
        var (s, approved) = await ApprovedAsync(app);
        var id = approved.GetProperty("verificationId").GetString()!;

        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync(LogPath);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var entries = TransparencyLogDocument.Parse(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("version").GetInt32());
        var listed = Assert.Single(entries, e => e.VerificationId == id);
        Assert.Equal("listed", listed.Event);
        Assert.Equal(await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Organisations
            .Where(o => o.Id == s.Declarations.Editor.OrganisationId).Select(o => o.Name).SingleAsync()), listed.CompanyName);
        Assert.Equal(approved.GetProperty("decision").GetProperty("grantedLevel").GetInt32(), listed.Level);
        Assert.Equal(approved.GetProperty("decision").GetProperty("validUntil").GetString(), listed.ValidUntil);
        Assert.Null(listed.FormerVerificationId);
        var verified = TransparencyLogVerifier.Verify(entries);
        Assert.True(verified.IsIntact, verified.Reason);
        Assert.Equal(entries[^1].Hash, verified.Head!.Hash);
    }

    [Fact]
    public async Task ApproveRenewalThenAdHocAtAnotherLevel_AppendsRenewedAndLevelChanged()
    {
        var (s, first) = await ApprovedAsync(app);
        var firstId = first.GetProperty("verificationId").GetString()!;
        var firstLevel = first.GetProperty("decision").GetProperty("grantedLevel").GetInt32();

        var renewal = await RenewAsync(s, s.DeclarationId);
        var renewed = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync(renewal)}/approve", new { }));
        var adHoc = await s.ReadyForDecisionAsync(renewal, kind: "ad-hoc", adHocReason: "complaint");
        var otherLevel = firstLevel == 1 ? 2 : 1;
        var changed = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{adHoc}/approve",
            new { grantedLevel = otherLevel, rationale = "The complaint showed that the evidence no longer holds." }));
        var changedId = changed.GetProperty("verificationId").GetString()!;

        var entries = await LogAsync();
        var mine = entries.Where(e => e.VerificationId == firstId || e.VerificationId == changedId).ToList();
        Assert.Equal(["listed", "renewed", "level-changed"], mine.Select(e => e.Event));
        Assert.Equal(renewed.GetProperty("decision").GetProperty("validUntil").GetString(), mine[1].ValidUntil);
        Assert.Equal((changedId, firstId, otherLevel), (mine[2].VerificationId, mine[2].FormerVerificationId, mine[2].Level));
        Assert.True(mine[0].Sequence < mine[1].Sequence && mine[1].Sequence < mine[2].Sequence);
        Assert.True(TransparencyLogVerifier.Verify(entries).IsIntact);
    }

    [Fact]
    public async Task Verify_EntryRewrittenInTheDownload_NamesItsSequenceNumber()
    {
        await ApprovedAsync(app);
        await ApprovedAsync(app);
        var document = JsonNode.Parse(await RawLogAsync())!;
        var entries = document["entries"]!.AsArray();
        var target = entries[entries.Count - 2]!;
        var sequence = target["sequence"]!.GetValue<long>();
        target["company"] = "Someone Else GmbH";

        var result = TransparencyLogVerifier.Verify(TransparencyLogDocument.Parse(document.ToJsonString()));

        Assert.False(result.IsIntact);
        Assert.Equal(sequence, result.BrokenAtSequence);
        Assert.Contains("rewritten", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleEntryDeleted_IsDetectedAtTheGap()
    {
        await ApprovedAsync(app);
        await ApprovedAsync(app);
        await ApprovedAsync(app);
        var entries = (await LogAsync()).ToList();
        var removed = entries[^2];
        entries.Remove(removed);

        var result = TransparencyLogVerifier.Verify(entries);

        Assert.False(result.IsIntact);
        Assert.Equal(removed.Sequence + 1, result.BrokenAtSequence);
        Assert.Contains("missing", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_After_ReturnsOnlyNewerEntries_AndTheETagAnswers304UntilTheLogGrows()
    {
        await ApprovedAsync(app);
        var all = await LogAsync();
        var head = all[^1].Sequence;
        using var anonymous = app.CreateClient();

        var first = await anonymous.GetAsync($"{LogPath}?after={head}");
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{LogPath}?after={head}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var unchanged = await anonymous.SendAsync(conditional);
        var (_, approved) = await ApprovedAsync(app);
        var newer = TransparencyLogDocument.Parse(await (await anonymous.GetAsync($"{LogPath}?after={head}")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Empty(TransparencyLogDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Contains("public", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        var entry = Assert.Single(newer);
        Assert.Equal((head + 1, approved.GetProperty("verificationId").GetString()), (entry.Sequence, entry.VerificationId));
        Assert.Equal(all[^1].Hash, entry.PreviousHash);
    }

    [Fact]
    public async Task MonitoringJob_AfterValidityEnds_AppendsExpired()
    {
        // Its own app: moving the clock a year on would disturb the other tests of the class.
        await using var own = new AdhereAppFactory();
        await own.InitializeAsync();
        var (_, approved) = await ApprovedAsync(own);
        var id = approved.GetProperty("verificationId").GetString()!;

        own.Time.Advance(TimeSpan.FromDays(367));
        var report = await own.WithSystemAsync(sp => sp.GetRequiredService<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), true, CancellationToken.None));

        using var anonymous = own.CreateClient();
        var entries = TransparencyLogDocument.Parse(await anonymous.GetStringAsync(new Uri(LogPath, UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal(1, report.Expired);
        Assert.Equal(["listed", "expired"], entries.Where(e => e.VerificationId == id).Select(e => e.Event));
        Assert.True(TransparencyLogVerifier.Verify(entries).IsIntact);
    }

    private static async Task<(AssessmentScenario S, JsonElement Approved)> ApprovedAsync(AdhereAppFactory factory)
    {
        var s = await AssessmentScenario.SubmittedAsync(factory);
        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync()}/approve", new { }));
        return (s, approved);
    }

    private async Task<string> RawLogAsync()
    {
        using var anonymous = app.CreateClient();
        return await anonymous.GetStringAsync(new Uri(LogPath, UriKind.Relative), TestContext.Current.CancellationToken);
    }

    private async Task<IReadOnlyList<TransparencyLogRecord>> LogAsync() => TransparencyLogDocument.Parse(await RawLogAsync());

    private static async Task<Guid> RenewAsync(AssessmentScenario s, Guid verified)
    {
        var renewal = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await s.ProviderClient.PostAsync($"/api/v1/declarations/{verified}/renewal", null), HttpStatusCode.Created));
        await HttpAssert.JsonAsync(await s.ProviderClient.PutAsJsonAsync($"/api/v1/declarations/{renewal}/renewal-statement", new { noMaterialChange = true }));
        await HttpAssert.JsonAsync(await s.ProviderClient.PostAsync($"/api/v1/declarations/{renewal}/submit", null));
        return renewal;
    }
}
