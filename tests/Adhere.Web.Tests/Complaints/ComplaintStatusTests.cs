using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Complaints;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Complaints;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

public sealed class ComplaintStatusTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    private const string NotFoundCode = "complaint.status-not-found";

    private async Task<(string Reference, string Key, string Url)> FileAsync(string? email = "status@example.org")
    {
        var created = await ComplaintScenario.FileAsync(app, email);
        return (created.GetProperty("reference").GetString()!, created.GetProperty("statusKey").GetString()!, created.GetProperty("statusUrl").GetString()!);
    }

    [Fact]
    public async Task Api_ByReferenceAndKey_ReturnsStatusAndDatesOnly()
    {
        var (reference, key, _) = await FileAsync();
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/complaints/status?reference={reference}&key={key}", UriKind.Relative)));

        Assert.Equal(reference, json.GetProperty("reference").GetString());
        Assert.Equal("received", json.GetProperty("status").GetString());
        Assert.True(json.TryGetProperty("decideBy", out _));
        var text = json.GetRawText();
        Assert.DoesNotContain("status@example.org", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ComplaintScenario.Conduct, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ByPostedBody_ReturnsStatus()
    {
        var (reference, key, _) = await FileAsync();
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints/status", new { reference = reference.ToLowerInvariant(), key }));

        Assert.Equal(reference, json.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Api_AfterMbMovesTheCase_ShowsNewStatusButNoReasons()
    {
        var (reference, key, _) = await FileAsync();
        var decisionMaker = await app.CreateUserAsync(Role.MbDecisionMaker);
        const string Reasons = "Internal: the provider's contract excludes backups.";
        await app.WithUserAsync(decisionMaker, async sp =>
        {
            var move = sp.GetRequiredService<MoveComplaint>();
            Assert.False((await move.HandleAsync(new(reference, ComplaintTrigger.StartAdmissibilityCheck), CancellationToken.None)).IsError);
            var dismissed = await move.HandleAsync(new(reference, ComplaintTrigger.Dismiss, Reasons, DismissalReason.OutsideScope), CancellationToken.None);
            Assert.False(dismissed.IsError, dismissed.Error?.Message);
            return true;
        });
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/complaints/status?reference={reference}&key={key}", UriKind.Relative)));

        Assert.Equal("dismissed", json.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("acknowledgedAt").ValueKind);
        Assert.DoesNotContain(Reasons, json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveComplaint_EachTransition_IsAuditedWithReasons()
    {
        var (reference, _, _) = await FileAsync(null);
        var decisionMaker = await app.CreateUserAsync(Role.MbDecisionMaker);
        var steps = new MoveComplaint.Command[]
        {
            new(reference, ComplaintTrigger.StartAdmissibilityCheck),
            new(reference, ComplaintTrigger.Admit),
            new(reference, ComplaintTrigger.Decide, "The logs show the retention breach.", Finding: ComplaintFinding.Founded),
            new(reference, ComplaintTrigger.Close),
            new(reference, ComplaintTrigger.Appeal, "The provider appealed with new evidence."),
        };

        var id = await app.WithUserAsync(decisionMaker, async sp =>
        {
            foreach (var step in steps)
            {
                var moved = await sp.GetRequiredService<MoveComplaint>().HandleAsync(step, CancellationToken.None);
                Assert.False(moved.IsError, moved.Error?.Message);
            }

            return (await sp.GetRequiredService<AdhereDb>().Complaints.SingleAsync(c => c.Reference == reference)).Id.ToString();
        });

        var actions = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.ObjectType == "complaint" && e.ObjectId == id).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Changes, e.ActorName }).ToListAsync());
        Assert.Equal(["complaint.received", "complaint.start-admissibility-check", "complaint.admit", "complaint.decide", "complaint.close", "complaint.appeal"],
            actions.Select(a => a.Action));
        Assert.Contains("The logs show the retention breach.", actions[3].Changes, StringComparison.Ordinal);
        Assert.All(actions.Skip(1), a => Assert.Equal(decisionMaker.Email, a.ActorName));
    }

    [Fact]
    public async Task MoveComplaint_DecisionWithoutReasons_IsRefusedAndNothingChanges()
    {
        var (reference, _, _) = await FileAsync(null);
        var decisionMaker = await app.CreateUserAsync(Role.MbDecisionMaker);
        await app.WithUserAsync(decisionMaker, async sp =>
        {
            var move = sp.GetRequiredService<MoveComplaint>();
            await move.HandleAsync(new(reference, ComplaintTrigger.StartAdmissibilityCheck), CancellationToken.None);
            await move.HandleAsync(new(reference, ComplaintTrigger.Admit), CancellationToken.None);
            return true;
        });
        var before = await ComplaintScenario.SnapshotAsync(app);

        var result = await app.WithUserAsync(decisionMaker, sp =>
            sp.GetRequiredService<MoveComplaint>().HandleAsync(new(reference, ComplaintTrigger.Decide, " ", Finding: ComplaintFinding.Unfounded), CancellationToken.None));

        Assert.Equal("complaint.reason-required", result.Error!.Code);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Theory]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public async Task MoveComplaint_ByProviderMember_IsNotFoundAndNothingChanges(string roleName)
    {
        var (reference, _, _) = await FileAsync(null);
        Assert.True(Role.TryParse(roleName, out var role));
        var member = await app.CreateUserAsync(role, await app.CreateProviderAsync());
        var before = await ComplaintScenario.SnapshotAsync(app);

        var result = await app.WithUserAsync(member, sp =>
            sp.GetRequiredService<MoveComplaint>().HandleAsync(new(reference, ComplaintTrigger.StartAdmissibilityCheck), CancellationToken.None));

        Assert.Equal("complaint.not-found", result.Error!.Code);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    public static TheoryData<string> WrongLookups() => new() { "wrong-key", "unknown-reference", "malformed-reference", "missing-key", "other-complaints-key" };

    [Theory]
    [MemberData(nameof(WrongLookups))]
    public async Task Api_WrongKeyOrUnknownReference_AnswersTheSame404(string lookup)
    {
        var (reference, key, _) = await FileAsync();
        var (_, otherKey, _) = await FileAsync();
        var (askedReference, askedKey) = lookup switch
        {
            "wrong-key" => (reference, ComplaintStatusKey.New().Secret),
            "unknown-reference" => ("C-2099-999999", key),
            "malformed-reference" => ("not-a-reference", key),
            "missing-key" => (reference, ""),
            _ => (reference, otherKey),
        };
        using var client = app.ApiClient(null);

        using var response = await client.GetAsync(new Uri($"/api/v1/complaints/status?reference={Uri.EscapeDataString(askedReference)}&key={Uri.EscapeDataString(askedKey)}", UriKind.Relative));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, NotFoundCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(ComplaintIntakeErrors.StatusNotFound().Message, body, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ProviderTokenWithWrongKey_GetsTheSame404()
    {
        var (reference, _, _) = await FileAsync();
        var editor = await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync());
        using var client = await app.ApiClientAsync(editor);

        using var response = await client.GetAsync(new Uri($"/api/v1/complaints/status?reference={reference}&key=guess", UriKind.Relative));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, NotFoundCode);
    }

    [Fact]
    public async Task Page_ByLink_ShowsStatusAndDates()
    {
        var (reference, _, url) = await FileAsync();
        using var page = app.AnonymousPageClient();

        using var response = await page.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(reference, html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"received\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ComplaintScenario.Conduct, html, StringComparison.Ordinal);
        Assert.DoesNotContain("status@example.org", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Page_ByForm_ShowsStatus()
    {
        var (reference, key, _) = await FileAsync();
        using var page = app.AnonymousPageClient();

        using var response = await page.PostFormAsync("/complaints/status", "/complaints/status", new() { ["ref"] = reference, ["key"] = key });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-status=\"received\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForgedLinkAndUnknownReference_ShowTheSameMessage()
    {
        var (reference, key, _) = await FileAsync();
        using var page = app.AnonymousPageClient();

        using var forged = await page.GetAsync($"/complaints/status?ref={reference}&key={key}x");
        using var unknown = await page.GetAsync($"/complaints/status?ref=C-2099-000001&key={key}");

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var message = System.Net.WebUtility.HtmlEncode(ComplaintIntakeErrors.StatusNotFound().Message);
        var forgedHtml = await forged.Content.ReadAsStringAsync();
        Assert.Contains(message, forgedHtml, StringComparison.Ordinal);
        Assert.Contains(message, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("data-status", forgedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutQuery_ShowsTheLookupForm()
    {
        using var page = app.AnonymousPageClient();

        var html = await (await page.GetAsync("/complaints/status")).Content.ReadAsStringAsync();

        Assert.Contains("<label for=\"ref\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"key\">", html, StringComparison.Ordinal);
    }
}
