using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

/// <summary>
/// Puts clarification requests on an open assessment through the domain, as the MB's own endpoints will: the provider's
/// side is tested here without waiting for them.
/// </summary>
public static class ClarificationSetup
{
    /// <summary>The assessor asks <paramref name="question"/> on a topic, due on <paramref name="dueOn"/> (default: the settings' 14 days); returns the request ID.</summary>
    public static Task<Guid> AskAsync(AdhereAppFactory app, AssessmentScenario scenario, Guid assessmentId, string question, DateOnly? dueOn = null,
        string topic = "Subprocessor list")
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(scenario);
        return app.WithUserAsync(scenario.Assessor, async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var assessment = await db.Assessments.SingleAsync(a => a.Id == new AssessmentId(assessmentId));
            var declaration = await sp.GetRequiredService<DeclarationAccess>().LoadAsync(scenario.DeclarationId, CancellationToken.None);
            var asked = assessment.RequestClarification(declaration!, ClarificationSubject.ForTopic(topic).Value, question, dueOn,
                ClarificationSettings.Default, scenario.Assessor.Id, Role.MbAssessor, app.Time.GetUtcNow());
            if (asked.IsError) throw new InvalidOperationException(asked.Error!.Message);
            await db.SaveChangesAsync();
            return asked.Value.Id.Value;
        });
    }

    /// <summary>The assessor closes the request with a note.</summary>
    public static Task CloseAsync(AdhereAppFactory app, AssessmentScenario scenario, Guid assessmentId, Guid requestId, string note) =>
        app.WithUserAsync(scenario.Assessor, async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var assessment = await db.Assessments.SingleAsync(a => a.Id == new AssessmentId(assessmentId));
            var closed = assessment.CloseClarification(new ClarificationRequestId(requestId), note, scenario.Assessor.Id, Role.MbAssessor, app.Time.GetUtcNow());
            if (closed.IsError) throw new InvalidOperationException(closed.Error!.Message);
            await db.SaveChangesAsync();
            return true;
        });

    /// <summary>An open assessment of a submitted declaration with one question; returns the scenario, the assessment and the request.</summary>
    public static async Task<(AssessmentScenario Scenario, Guid AssessmentId, Guid RequestId)> AskedAsync(AdhereAppFactory app, string question = "Which subprocessors host backups?",
        DateOnly? dueOn = null)
    {
        var scenario = await AssessmentScenario.SubmittedAsync(app);
        var assessmentId = AssessmentScenario.IdOf(await scenario.OpenAsync());
        var requestId = await AskAsync(app, scenario, assessmentId, question, dueOn);
        return (scenario, assessmentId, requestId);
    }

    public static string Subject(netDumbster.smtp.SmtpMessage message) => message?.Headers["Subject"] ?? string.Empty;
}

public sealed class ClarificationRepliesApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string Replies(Guid declaration, Guid request) => $"/api/v1/declarations/{declaration}/clarifications/{request}/replies";

    [Fact]
    public async Task Reply_ByProviderEditorWithDocument_IsSavedListedAndMailedToTheAssessor()
    {
        var (s, assessmentId, requestId) = await ClarificationSetup.AskedAsync(app);
        var document = await s.Declarations.UploadAsync("subprocessors.pdf");

        var created = await HttpAssert.JsonAsync(await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, requestId),
            new { text = "Backups are hosted by Example Storage GmbH.", documentIds = new[] { document } }), HttpStatusCode.Created);
        var list = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));
        var mail = await app.WaitForMailAsync(m => ClarificationSetup.Subject(m).StartsWith("Reply from", StringComparison.Ordinal)
            && m.ToAddresses.Any(a => string.Equals(a.Address, s.Assessor.Email, StringComparison.OrdinalIgnoreCase)));

        Assert.Equal("answered", created.GetProperty("state").GetString());
        Assert.True(created.GetProperty("answeredInTime").GetBoolean());
        var reply = created.GetProperty("replies")[0];
        Assert.Equal("Backups are hosted by Example Storage GmbH.", reply.GetProperty("text").GetString());
        Assert.Equal("subprocessors.pdf", reply.GetProperty("documents")[0].GetProperty("fileName").GetString());
        Assert.Equal(s.Declarations.Editor.Email, reply.GetProperty("repliedBy").GetString());
        Assert.Equal(0, list.GetProperty("open").GetInt32());
        Assert.Equal(requestId, list.GetProperty("requests")[0].GetProperty("id").GetGuid());
        Assert.Contains($"https://adhere.test/console/assessments/{assessmentId}", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        var audited = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .CountAsync(e => e.Action == "clarification.replied" && e.ObjectId == assessmentId.ToString()));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task List_OpenRequestPastItsDueDate_IsCountedOverdueWithoutAssessorInternals()
    {
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app, dueOn: today.AddDays(2));
        var viewer = await app.CreateUserAsync(Role.CspViewer, await OrganisationAsync(s));
        using var viewerClient = await app.ApiClientAsync(viewer);

        var before = await HttpAssert.JsonAsync(await viewerClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));
        var asStaff = await HttpAssert.JsonAsync(await s.AdministratorClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));

        Assert.Equal((1, 0), (before.GetProperty("open").GetInt32(), before.GetProperty("overdue").GetInt32()));
        var request = before.GetProperty("requests")[0];
        Assert.Equal(requestId, request.GetProperty("id").GetGuid());
        Assert.Equal("Subprocessor list", request.GetProperty("subject").GetString());
        Assert.Equal("open", request.GetProperty("state").GetString());
        Assert.False(request.TryGetProperty("askedBy", out _)); // who asked stays with the Monitoring Body
        Assert.Equal(1, asStaff.GetProperty("requests").GetArrayLength());

        // A later clock of its own, so that the shared app clock stays put for the other tests of this class.
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(app.Time.GetUtcNow().AddDays(3));
        var overdue = await app.WithUserAsync(viewer, sp => new Adhere.Core.Assessments.ProviderClarifications(sp.GetRequiredService<AdhereDb>(), later)
            .GetAsync(s.DeclarationId, CancellationToken.None));
        Assert.Equal(1, overdue.Value.Overdue);
        Assert.True(overdue.Value.Requests[0].IsOverdue);
    }

    [Fact]
    public async Task Reply_WithoutText_Returns400ReplyRequired()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        var document = await s.Declarations.UploadAsync();

        var empty = await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = " ", documentIds = Array.Empty<Guid>() });
        var onlyDocument = await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = (string?)null, documentIds = new[] { document } });

        await HttpAssert.ProblemAsync(empty, HttpStatusCode.BadRequest, "clarification.reply-required");
        await HttpAssert.ProblemAsync(onlyDocument, HttpStatusCode.BadRequest, "clarification.reply-required");
    }

    [Fact]
    public async Task Reply_WithAnotherProvidersDocument_Returns400DocumentNotFoundAndSavesNothing()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        var other = await app.CreateProviderAsync();
        var foreignDocument = await app.WithSystemAsync(async sp =>
        {
            using var content = new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray());
            return (await sp.GetRequiredService<UploadDocument>().HandleAsync(new(other.Id, "theirs.pdf", content), CancellationToken.None)).Value.Id;
        });

        var response = await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = "See attached.", documentIds = new[] { foreignDocument } });
        var list = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "clarification.document-not-found");
        Assert.Equal(0, list.GetProperty("requests")[0].GetProperty("replies").GetArrayLength());
    }

    [Fact]
    public async Task Reply_ToClosedRequest_Returns409Closed()
    {
        var (s, assessmentId, requestId) = await ClarificationSetup.AskedAsync(app);
        await ClarificationSetup.CloseAsync(app, s, assessmentId, requestId, "Dropped: the list is in the agreement.");

        var response = await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = "Late answer." });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "clarification.closed");
    }

    [Fact]
    public async Task Reply_WhenTheAssessmentIsOver_Returns409AssessmentClosed()
    {
        var (s, assessmentId, requestId) = await ClarificationSetup.AskedAsync(app);
        // Reaching a final phase through the workflow takes a whole assessment; the phase is what the rule reads.
        await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Assessments.Where(a => a.Id == new AssessmentId(assessmentId))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Phase, AssessmentPhase.Cancelled)));

        var response = await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = "Too late." });
        var list = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "assessment.closed");
        Assert.Equal(0, list.GetProperty("open").GetInt32());
        Assert.False(list.GetProperty("requests")[0].GetProperty("canReply").GetBoolean());
    }

    [Fact]
    public async Task Reply_AsCspViewer_Returns403()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        var viewer = await app.CreateUserAsync(Role.CspViewer, await OrganisationAsync(s));
        using var client = await app.ApiClientAsync(viewer);

        var response = await client.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = "Readers cannot reply." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reply_ToUnknownRequest_Returns404ClarificationNotFound()
    {
        var (s, _, _) = await ClarificationSetup.AskedAsync(app);

        var response = await s.ProviderClient.PostAsJsonAsync(Replies(s.DeclarationId, Guid.NewGuid()), new { text = "Hello?" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "clarification.not-found");
    }

    [Fact]
    public async Task Reply_ByAnotherProvidersEditor_Returns404AndChangesNothing()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        var stranger = await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync());
        using var client = await app.ApiClientAsync(stranger);

        var reply = await client.PostAsJsonAsync(Replies(s.DeclarationId, requestId), new { text = "Not mine." });
        var list = await client.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications");
        var own = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));

        await HttpAssert.ProblemAsync(reply, HttpStatusCode.NotFound, "declaration.not-found");
        await HttpAssert.ProblemAsync(list, HttpStatusCode.NotFound, "declaration.not-found");
        Assert.Equal(1, own.GetProperty("open").GetInt32());
    }

    private Task<OrganisationDetails> OrganisationAsync(AssessmentScenario s) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<OrganisationQueries>().GetAsync(s.Declarations.Editor.OrganisationId.Value, CancellationToken.None)).Value);
}
