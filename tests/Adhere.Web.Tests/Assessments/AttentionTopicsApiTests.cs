using System.Net;
using System.Net.Http.Json;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Assessments;

// Attention topics apply to every assessment of this fixture's database, so each test ends the topics it adds.
public sealed class AttentionTopicsApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Add_ByAdministrator_IsListedForStaffAndAudited()
    {
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        using var assessor = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));
        var before = await app.AuditCountAsync();

        var added = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/attention-topics", new
        {
            topic = " transfers ", title = "Transfers to third countries", description = "Press reports on a new transfer scheme.",
            controlKeys = new[] { "6.1.A" }, validFrom = Today.AddDays(10), validUntil = Today.AddDays(40),
        }), HttpStatusCode.Created);
        var id = added.GetProperty("id").GetGuid();
        var listed = await HttpAssert.JsonAsync(await assessor.GetAsync("/api/v1/attention-topics"));

        Assert.Equal("transfers", added.GetProperty("topic").GetString());
        Assert.False(added.GetProperty("isActive").GetBoolean()); // it starts in ten days
        Assert.Equal(["6.1.A"], added.GetProperty("controlKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(listed.EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(before + 1, await app.AuditCountAsync());

        var changed = await HttpAssert.JsonAsync(await admin.PutAsJsonAsync($"/api/v1/attention-topics/{id}", new
        {
            title = "Transfers", description = "Updated.", controlKeys = Array.Empty<string>(), validFrom = Today.AddDays(10), validUntil = Today.AddDays(20),
        }));
        Assert.Equal("Transfers", changed.GetProperty("title").GetString());
        Assert.Equal(0, changed.GetProperty("controlKeys").GetArrayLength());
        Assert.Equal(before + 2, await app.AuditCountAsync());

        var deleted = await admin.DeleteAsync($"/api/v1/attention-topics/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await HttpAssert.ProblemAsync(await assessor.GetAsync($"/api/v1/attention-topics/{id}"), HttpStatusCode.NotFound, "attention-topic.not-found");
        Assert.Equal(before + 3, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Add_BadInputOrNotAdministrator_RefusedWithoutAudit()
    {
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        using var assessor = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));
        var provider = await app.CreateProviderAsync();
        using var csp = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspEditor, provider));
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/attention-topics", new { topic = " ", title = "x" }),
            HttpStatusCode.BadRequest, "attention-topic.topic-required");
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/attention-topics", new { topic = "breaches", title = "" }),
            HttpStatusCode.BadRequest, "attention-topic.title-required");
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/attention-topics",
            new { topic = "breaches", title = "Breaches", validFrom = Today, validUntil = Today.AddDays(-1) }), HttpStatusCode.BadRequest, "attention-topic.ends-before-start");
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/attention-topics/{Guid.NewGuid()}", new { title = "x", validFrom = Today }),
            HttpStatusCode.NotFound, "attention-topic.not-found");
        await HttpAssert.ProblemAsync(await assessor.PostAsJsonAsync("/api/v1/attention-topics", new { topic = "breaches", title = "Breaches" }),
            HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await csp.GetAsync("/api/v1/attention-topics"), HttpStatusCode.Forbidden, "auth.forbidden");

        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Select_WithActiveTopic_IncludesItsControlsForAttentionAndKeepsThem()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        var topic = await HttpAssert.JsonAsync(await s.AdministratorClient.PostAsJsonAsync("/api/v1/attention-topics", new
        {
            topic = $"topic-{Guid.NewGuid():N}", title = "Agreement terms in the news", controlKeys = new[] { "5.1.A", "5.1.B" }, validFrom = Today.AddDays(-1),
        }), HttpStatusCode.Created);
        var topicId = topic.GetProperty("id").GetGuid();
        try
        {
            var id = AssessmentScenario.IdOf(await s.OpenAsync());
            var path = $"/api/v1/assessments/{id}/selection";

            var selection = await HttpAssert.JsonAsync(await s.AssessorClient.PostAsJsonAsync(path, new { seed = 1 }), HttpStatusCode.Created);

            var rows = selection.GetProperty("controls").EnumerateArray().ToList();
            foreach (var key in new[] { "5.1.A", "5.1.B" })
            {
                Assert.Equal("attention", rows.Single(r => r.GetProperty("controlKey").GetString() == key).GetProperty("reason").GetString());
            }

            Assert.Contains(topic.GetProperty("topic").GetString(), selection.GetProperty("activeTopics").EnumerateArray().Select(t => t.GetString()));
            var before = await app.AuditCountAsync();
            await HttpAssert.ProblemAsync(await s.AssessorClient.PostAsJsonAsync($"{path}/removals", new { controlKey = "5.1.A", reason = "Not relevant" }),
                HttpStatusCode.Conflict, "selection.removal-breaks-attention");
            Assert.Equal(before, await app.AuditCountAsync());
        }
        finally
        {
            // A topic a selection used is ended, not deleted: the selection's record refers to it.
            var removed = await HttpAssert.JsonAsync(await s.AdministratorClient.DeleteAsync($"/api/v1/attention-topics/{topicId}"));
            Assert.True(removed.GetProperty("isUsed").GetBoolean());
            Assert.False(removed.GetProperty("isActive").GetBoolean());
            await HttpAssert.JsonAsync(await s.AdministratorClient.GetAsync($"/api/v1/attention-topics/{topicId}"));
        }
    }

    [Fact]
    public async Task ConsolePage_AdministratorAddsAndEnds_OtherStaffOnlyRead()
    {
        using var admin = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));
        using var assessor = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));
        var title = $"Cookie banners {Guid.NewGuid():N}";
        var future = Today.AddYears(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var added = await admin.PostFormAsync("/console/attention-topics", "/console/attention-topics?handler=Add", new()
        {
            ["Form.Topic"] = "cookies", ["Form.Title"] = title, ["Form.ControlKeys"] = "5.1.A, 6.1.B", ["Form.ValidFrom"] = future,
        });
        var read = await (await assessor.GetAsync("/console/attention-topics")).Content.ReadAsStringAsync();
        using var api = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));
        var id = (await HttpAssert.JsonAsync(await api.GetAsync("/api/v1/attention-topics"))).EnumerateArray().Single(t => t.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();
        await assessor.PostFormAsync("/console/attention-topics", $"/console/attention-topics?handler=Remove&id={id}", new());
        var kept = await (await assessor.GetAsync("/console/attention-topics")).Content.ReadAsStringAsync();
        var removed = await admin.PostFormAsync("/console/attention-topics", $"/console/attention-topics?handler=Remove&id={id}", new());

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(title, read, StringComparison.Ordinal);
        Assert.Contains("5.1.A, 6.1.B", read, StringComparison.Ordinal);
        Assert.DoesNotContain("Add topic", read, StringComparison.Ordinal);
        Assert.Contains(title, kept, StringComparison.Ordinal); // an assessor's post changes nothing
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(title, await (await assessor.GetAsync("/console/attention-topics")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
