using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Adhere.Web.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The app with one listed register entry that the tests' complaints are about (approving one is slow, so it is shared).</summary>
public sealed class InvestigationAppFactory : AdhereAppFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private RegisterScenario? listed;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Complaints:RateLimit:PermitLimit", "1000000");
    }

    public async Task<RegisterScenario> ListedAsync()
    {
        await gate.WaitAsync();
        try
        {
            return listed ??= await RegisterScenario.ListedAsync(this);
        }
        finally
        {
            gate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        gate.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed partial class ComplaintQuestionsTests(InvestigationAppFactory app) : IClassFixture<InvestigationAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ClientAsync(Role role) => await app.ApiClientAsync(await app.CreateUserAsync(role));

    /// <summary>A complaint about the listed entry (or typed), moved into the admissibility check; returns its reference.</summary>
    private async Task<string> CaseAsync(HttpClient staff, string? email = "asker@example.org", bool typed = false, bool reveal = false, string? name = "Ann Example")
    {
        var listed = typed ? null : await app.ListedAsync();
        using var anonymous = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, anonymous);
        var body = ComplaintScenario.Body(token, email, verificationId: listed?.VerificationId, name: email is null ? null : name);
        body["mayRevealToProvider"] = reveal;
        var created = await HttpAssert.JsonAsync(await anonymous.PostAsJsonAsync("/api/v1/complaints", body, Ct), HttpStatusCode.Created);
        var reference = created.GetProperty("reference").GetString()!;
        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", new { trigger = "start-admissibility-check" }, Ct));
        return reference;
    }

    private static MultipartFormDataContent Form(Dictionary<string, string?> fields, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            if (value is not null) content.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "files", name);
        return content;
    }

    private static async Task<Guid> AskAsync(HttpClient staff, string reference, string to, string text, params (string Name, byte[] Content)[] files)
    {
        using var form = Form(new() { ["to"] = to, ["text"] = text }, files);
        var asked = await HttpAssert.JsonAsync(await staff.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), form, Ct),
            HttpStatusCode.Created);
        return asked.GetProperty("id").GetGuid();
    }

    private Task<string> OutboxBodyAsync(string topic, string to) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.Topic == topic && m.To.Contains(to)).OrderByDescending(m => m.CreatedAt).FirstAsync()).Body);

    private async Task<string> AnswerKeyAsync(string email) =>
        AnswerLinkPattern().Match(await OutboxBodyAsync("complaint.question-asked", email)).Groups[1].Value;

    private static JsonElement Question(JsonElement @case, Guid id) =>
        @case.GetProperty("investigation").GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task AskProvider_ProviderReadsQuestionWithoutComplainantIdentity()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var email = $"secret-{Guid.NewGuid():N}@example.org";
        var reference = await CaseAsync(assessor, email, name: "Hidden Person");
        var listed = await app.ListedAsync();

        var id = await AskAsync(assessor, reference, "provider", "Please send the deletion log for March.", ("request.pdf", Pdf));

        var list = await HttpAssert.JsonAsync(await listed.Assessment.ProviderClient.GetAsync(new Uri("/api/v1/complaint-questions", UriKind.Relative), Ct));
        var mine = list.EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == id);
        Assert.Equal(reference, mine.GetProperty("reference").GetString());
        Assert.Equal(listed.Company, mine.GetProperty("company").GetString());
        Assert.Equal("Please send the deletion log for March.", mine.GetProperty("question").GetString());
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("complainant").ValueKind);
        Assert.False(mine.GetProperty("answered").GetBoolean());
        Assert.True(mine.GetProperty("canAnswer").GetBoolean());
        var raw = list.GetRawText();
        Assert.DoesNotContain(email, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Hidden Person", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(ComplaintScenario.Conduct, raw, StringComparison.Ordinal);
        var file = mine.GetProperty("questionFiles").EnumerateArray().Single();
        using var download = await listed.Assessment.ProviderClient.GetAsync(new Uri($"/api/v1/complaint-questions/{id}/files/{file.GetProperty("id").GetGuid()}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        var mail = await OutboxBodyAsync("complaint.question-asked", listed.Assessment.Declarations.Editor.Email);
        Assert.Contains(reference, mail, StringComparison.Ordinal);
        Assert.Contains("/portal/complaints", mail, StringComparison.Ordinal);
        Assert.DoesNotContain(email, mail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AskProvider_ComplainantAgreed_ProviderSeesNameAndEmail()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var email = $"open-{Guid.NewGuid():N}@example.org";
        var reference = await CaseAsync(assessor, email, reveal: true, name: "Open Person");
        var listed = await app.ListedAsync();

        var id = await AskAsync(assessor, reference, "provider", "What happened on 3 March?");

        var question = await HttpAssert.JsonAsync(await listed.Assessment.ProviderClient.GetAsync(new Uri($"/api/v1/complaint-questions/{id}", UriKind.Relative), Ct));
        Assert.Equal(email, question.GetProperty("complainant").GetProperty("email").GetString());
        Assert.Equal("Open Person", question.GetProperty("complainant").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ProviderQuestion_AnotherProvider_GetsNotFoundAndChangesNothing()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor);
        var id = await AskAsync(assessor, reference, "provider", "Foreign eyes must not see this.", ("request.pdf", Pdf));
        var fileId = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().InvestigationFiles.AsNoTracking()
            .Where(f => f.QuestionId == new Adhere.Domain.Complaints.ComplaintQuestionId(id)).Select(f => f.Id.Value).SingleAsync());
        var other = await app.CreateProviderAsync();
        using var intruder = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspEditor, other));

        var list = await HttpAssert.JsonAsync(await intruder.GetAsync(new Uri("/api/v1/complaint-questions", UriKind.Relative), Ct));
        var single = await intruder.GetAsync(new Uri($"/api/v1/complaint-questions/{id}", UriKind.Relative), Ct);
        var file = await intruder.GetAsync(new Uri($"/api/v1/complaint-questions/{id}/files/{fileId}", UriKind.Relative), Ct);
        using var form = Form(new() { ["text"] = "Planted answer" });
        var answer = await intruder.PostAsync(new Uri($"/api/v1/complaint-questions/{id}/answer", UriKind.Relative), form, Ct);
        var caseResponse = await intruder.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct);

        Assert.Equal(0, list.GetArrayLength());
        await HttpAssert.ProblemAsync(single, HttpStatusCode.NotFound, "complaint.question-not-found");
        await HttpAssert.ProblemAsync(file, HttpStatusCode.NotFound, "complaint.file-not-found");
        await HttpAssert.ProblemAsync(answer, HttpStatusCode.NotFound, "complaint.question-not-found");
        Assert.Equal(HttpStatusCode.Forbidden, caseResponse.StatusCode);
        var stored = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().ComplaintQuestions.AsNoTracking()
            .SingleAsync(q => q.Id == new Adhere.Domain.Complaints.ComplaintQuestionId(id)));
        Assert.Null(stored.Answer);
    }

    [Fact]
    public async Task ProviderAnswer_WithFile_ShowsInTheCaseAndIsAudited()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor);
        var listed = await app.ListedAsync();
        var id = await AskAsync(assessor, reference, "provider", "Send the log.");

        using var form = Form(new() { ["text"] = "The log is attached." }, ("log.pdf", Pdf));
        var answered = await HttpAssert.JsonAsync(await listed.Assessment.ProviderClient.PostAsync(
            new Uri($"/api/v1/complaint-questions/{id}/answer", UriKind.Relative), form, Ct));
        using var again = Form(new() { ["text"] = "Second try." });
        var second = await listed.Assessment.ProviderClient.PostAsync(new Uri($"/api/v1/complaint-questions/{id}/answer", UriKind.Relative), again, Ct);

        Assert.True(answered.GetProperty("answered").GetBoolean());
        await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict, "complaint.question-already-answered");
        var @case = await HttpAssert.JsonAsync(await assessor.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct));
        var q = Question(@case, id);
        Assert.Equal("provider", q.GetProperty("to").GetString());
        Assert.Equal(listed.Company, q.GetProperty("provider").GetString());
        Assert.Equal("The log is attached.", q.GetProperty("answer").GetString());
        Assert.Equal(listed.Assessment.Declarations.Editor.Email, q.GetProperty("answeredBy").GetString());
        var file = q.GetProperty("answerFiles").EnumerateArray().Single();
        Assert.Equal("log.pdf", file.GetProperty("fileName").GetString());
        using var download = await assessor.GetAsync(new Uri($"/api/v1/complaints/{reference}/files/{file.GetProperty("id").GetGuid()}", UriKind.Relative), Ct);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var actions = @case.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Contains("complaint.question-asked", actions);
        Assert.Contains("complaint.question-answered", actions);
    }

    [Fact]
    public async Task ProviderAnswer_ByViewer_IsForbidden()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor);
        var listed = await app.ListedAsync();
        var id = await AskAsync(assessor, reference, "provider", "Who may answer?");
        var organisation = await app.WithSystemAsync(sp => sp.GetRequiredService<Adhere.Core.Organisations.OrganisationQueries>()
            .GetAsync(listed.Assessment.Declarations.Editor.OrganisationId.Value, CancellationToken.None));
        using var viewer = await app.ApiClientAsync(await app.CreateUserAsync(Role.CspViewer, organisation.Value));

        var read = await viewer.GetAsync(new Uri($"/api/v1/complaint-questions/{id}", UriKind.Relative), Ct);
        using var form = Form(new() { ["text"] = "Viewer answer" });
        var answer = await viewer.PostAsync(new Uri($"/api/v1/complaint-questions/{id}/answer", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    [Fact]
    public async Task AskProvider_TypedComplaint_IsRefusedClearly()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor, typed: true);

        using var form = Form(new() { ["to"] = "provider", ["text"] = "Anyone there?" });
        var response = await assessor.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), form, Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "complaint.question-no-provider");
    }

    [Fact]
    public async Task AskComplainant_Anonymous_IsRefusedAndChangesNothing()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor, email: null, typed: true);
        var before = await ComplaintScenario.SnapshotAsync(app);

        using var form = Form(new() { ["to"] = "complainant", ["text"] = "Who are you?" });
        var response = await assessor.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), form, Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "complaint.question-anonymous");
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Theory]
    [InlineData("nobody", "Hello?", null, HttpStatusCode.BadRequest, "complaint.question-recipient-invalid")]
    [InlineData("provider", " ", null, HttpStatusCode.BadRequest, "complaint.question-text-required")]
    [InlineData("provider", "Hello?", "31/12/2026", HttpStatusCode.BadRequest, "complaint.question-due-invalid")]
    [InlineData("complainant", "Hello?", "2099-01-01", HttpStatusCode.BadRequest, "complaint.question-due-fixed")]
    public async Task Ask_BadInput_AnswersWithItsCode(string to, string text, string? dueOn, HttpStatusCode status, string code)
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor);

        using var form = Form(new() { ["to"] = to, ["text"] = text, ["dueOn"] = dueOn });
        var response = await assessor.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), form, Ct);

        await HttpAssert.ProblemAsync(response, status, code);
    }

    [Fact]
    public async Task Ask_ByAdministratorOrBeforeTheCheck_IsRefused()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        using var admin = await ClientAsync(Role.MbAdministrator);
        var reference = await CaseAsync(assessor);
        var fresh = (await ComplaintScenario.FileAsync(app, "fresh@example.org")).GetProperty("reference").GetString()!;

        using var byAdmin = Form(new() { ["to"] = "complainant", ["text"] = "Admin asks" });
        using var tooEarly = Form(new() { ["to"] = "complainant", ["text"] = "Too early" });
        var refusedRole = await admin.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), byAdmin, Ct);
        var refusedState = await assessor.PostAsync(new Uri($"/api/v1/complaints/{fresh}/questions", UriKind.Relative), tooEarly, Ct);

        await HttpAssert.ProblemAsync(refusedRole, HttpStatusCode.Forbidden, "complaint.question-role-not-allowed");
        await HttpAssert.ProblemAsync(refusedState, HttpStatusCode.Conflict, "complaint.question-not-now");
    }

    [Fact]
    public async Task AskComplainant_LinkShowsQuestionAndTakesAnAnswerWithFile()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var email = $"answer-{Guid.NewGuid():N}@example.org";
        var reference = await CaseAsync(assessor, email, typed: true);
        var id = await AskAsync(assessor, reference, "complainant", "Which contract do you mean?", ("form.pdf", Pdf));
        var key = await AnswerKeyAsync(email);
        using var anonymous = app.ApiClient(null);

        var shown = await HttpAssert.JsonAsync(await anonymous.GetAsync(new Uri($"/api/v1/complaint-answers/{key}", UriKind.Relative), Ct));
        var questionFile = shown.GetProperty("files").EnumerateArray().Single().GetProperty("id").GetGuid();
        using var fileDownload = await anonymous.GetAsync(new Uri($"/api/v1/complaint-answers/{key}/files/{questionFile}", UriKind.Relative), Ct);
        var token = await ComplaintScenario.FormTokenAsync(app, anonymous);
        using var form = Form(new() { ["text"] = "The 2024 backup contract.", ["formToken"] = token }, ("contract.pdf", Pdf));
        var answered = await HttpAssert.JsonAsync(await anonymous.PostAsync(new Uri($"/api/v1/complaint-answers/{key}", UriKind.Relative), form, Ct));

        Assert.Equal(reference, shown.GetProperty("reference").GetString());
        Assert.Equal("Which contract do you mean?", shown.GetProperty("question").GetString());
        Assert.Equal(Pdf, await fileDownload.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(answered.GetProperty("answered").GetBoolean());
        var q = Question(await HttpAssert.JsonAsync(await assessor.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct)), id);
        Assert.Equal("The 2024 backup contract.", q.GetProperty("answer").GetString());
        Assert.Equal("contract.pdf", q.GetProperty("answerFiles").EnumerateArray().Single().GetProperty("fileName").GetString());
        var stored = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().ComplaintQuestions.AsNoTracking()
            .SingleAsync(x => x.Id == new Adhere.Domain.Complaints.ComplaintQuestionId(id)));
        Assert.DoesNotContain(key, stored.AnswerKeyHash!, StringComparison.Ordinal);
        Assert.Equal(Adhere.Domain.Complaints.ComplaintStatusKey.Hash(key), stored.AnswerKeyHash);
    }

    [Fact]
    public async Task AnswerLink_Forged_AnswersNotFoundOnApiAndPage()
    {
        using var anonymous = app.ApiClient(null);
        using var page = app.AnonymousPageClient();
        var forged = "caq_" + new string('A', 43);

        var api = await anonymous.GetAsync(new Uri($"/api/v1/complaint-answers/{forged}", UriKind.Relative), Ct);
        var junk = await anonymous.GetAsync(new Uri("/api/v1/complaint-answers/not-a-key", UriKind.Relative), Ct);
        var html = await page.GetAsync($"/complaints/answer/{forged}");
        var token = await ComplaintScenario.FormTokenAsync(app, anonymous);
        using var form = Form(new() { ["text"] = "Planted", ["formToken"] = token });
        var post = await anonymous.PostAsync(new Uri($"/api/v1/complaint-answers/{forged}", UriKind.Relative), form, Ct);

        await HttpAssert.ProblemAsync(api, HttpStatusCode.NotFound, "complaint.question-link-invalid");
        await HttpAssert.ProblemAsync(post, HttpStatusCode.NotFound, "complaint.question-link-invalid");
        await HttpAssert.ProblemAsync(junk, HttpStatusCode.NotFound, "complaint.question-link-invalid");
        Assert.Equal(HttpStatusCode.NotFound, html.StatusCode);
        Assert.Contains("data-error-code=\"complaint.question-link-invalid\"", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerLink_AfterTheWindow_RefusesWithoutShowingTheQuestion_ThenAllowsLackOfCooperation()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        using var decisionMaker = await ClientAsync(Role.MbDecisionMaker);
        var email = $"late-{Guid.NewGuid():N}@example.org";
        var reference = await CaseAsync(assessor, email, typed: true);
        var marker = $"Lapsing question {Guid.NewGuid():N}";
        await AskAsync(assessor, reference, "complainant", marker);
        var key = await AnswerKeyAsync(email);
        var tooEarly = await decisionMaker.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps",
            new { trigger = "dismiss", dismissalReason = "lack-of-cooperation", reasons = "No answer." }, Ct);
        await HttpAssert.ProblemAsync(tooEarly, HttpStatusCode.Conflict, "complaint.no-lapsed-question");

        app.Time.Advance(TimeSpan.FromDays(16));
        using var anonymous = app.ApiClient(null);
        using var page = app.AnonymousPageClient();
        var token = await ComplaintScenario.FormTokenAsync(app, anonymous);
        var before = await ComplaintScenario.SnapshotAsync(app);
        using var form = Form(new() { ["text"] = "Sorry, I was away.", ["formToken"] = token });
        var late = await anonymous.PostAsync(new Uri($"/api/v1/complaint-answers/{key}", UriKind.Relative), form, Ct);
        var shown = await anonymous.GetAsync(new Uri($"/api/v1/complaint-answers/{key}", UriKind.Relative), Ct);
        var html = await (await page.GetAsync($"/complaints/answer/{key}")).Content.ReadAsStringAsync(Ct);

        await HttpAssert.ProblemAsync(late, HttpStatusCode.Conflict, "complaint.question-window-closed");
        await HttpAssert.ProblemAsync(shown, HttpStatusCode.Conflict, "complaint.question-window-closed");
        Assert.Contains("complaint.question-window-closed", html, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, html, StringComparison.Ordinal);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
        var @case = await HttpAssert.JsonAsync(await decisionMaker.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct));
        Assert.True(@case.GetProperty("investigation").GetProperty("complainantLapsed").GetBoolean());
        var dismissed = await HttpAssert.JsonAsync(await decisionMaker.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps",
            new { trigger = "dismiss", dismissalReason = "lack-of-cooperation", reasons = "No answer within two weeks." }, Ct));
        Assert.Equal("lack-of-cooperation", dismissed.GetProperty("dismissalReason").GetString());
    }

    [Fact]
    public async Task Note_WithFile_IsShownToStaffOnly()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor);
        var listed = await app.ListedAsync();
        var marker = $"Internal note {Guid.NewGuid():N}";
        await AskAsync(assessor, reference, "provider", "Anything to add?");

        using var form = Form(new() { ["text"] = marker }, ("call-notes.pdf", Pdf));
        var created = await HttpAssert.JsonAsync(await assessor.PostAsync(new Uri($"/api/v1/complaints/{reference}/notes", UriKind.Relative), form, Ct),
            HttpStatusCode.Created);

        var @case = await HttpAssert.JsonAsync(await assessor.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct));
        var note = @case.GetProperty("investigation").GetProperty("notes").EnumerateArray().Single();
        Assert.Equal(created.GetProperty("id").GetGuid(), note.GetProperty("id").GetGuid());
        Assert.Equal(marker, note.GetProperty("text").GetString());
        var noteFile = note.GetProperty("files").EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.Contains("complaint.note-added", @case.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        var providerList = await listed.Assessment.ProviderClient.GetStringAsync(new Uri("/api/v1/complaint-questions", UriKind.Relative), Ct);
        var providerPage = await (await (await app.SignInAsync(listed.Assessment.Declarations.Editor)).GetAsync("/portal/complaints")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(marker, providerList, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, providerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(noteFile.ToString(), providerPage, StringComparison.Ordinal);
        var providerFile = await listed.Assessment.ProviderClient.GetAsync(new Uri($"/api/v1/complaints/{reference}/files/{noteFile}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, providerFile.StatusCode);
    }

    [Fact]
    public async Task Note_Empty_IsRefused()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor, typed: true);

        using var form = Form(new() { ["text"] = "" });
        var response = await assessor.PostAsync(new Uri($"/api/v1/complaints/{reference}/notes", UriKind.Relative), form, Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.note-text-required");
    }

    [Fact]
    public async Task Ask_FileAgainstTheEvidenceRules_IsRefusedAndChangesNothing()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var reference = await CaseAsync(assessor, typed: true);
        var before = await ComplaintScenario.SnapshotAsync(app);

        using var form = Form(new() { ["to"] = "complainant", ["text"] = "See the file." }, ("run.exe", "MZ\u0090\u0000"u8.ToArray()));
        var response = await assessor.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task PortalPage_EditorAnswersWithoutSeeingTheComplainant()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var email = $"portal-{Guid.NewGuid():N}@example.org";
        var reference = await CaseAsync(assessor, email, name: "Portal Hidden");
        var listed = await app.ListedAsync();
        var id = await AskAsync(assessor, reference, "provider", "Portal question?");
        using var page = await app.SignInAsync(listed.Assessment.Declarations.Editor);

        var html = await (await page.GetAsync("/portal/complaints")).Content.ReadAsStringAsync(Ct);
        var posted = await page.PostFormAsync("/portal/complaints", $"/portal/complaints?handler=Answer&questionId={id}",
            new Dictionary<string, string> { ["Text"] = "Answered in the portal." });

        Assert.Contains(reference, html, StringComparison.Ordinal);
        Assert.Contains("Portal question?", html, StringComparison.Ordinal);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Portal Hidden", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var q = Question(await HttpAssert.JsonAsync(await assessor.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct)), id);
        Assert.Equal("Answered in the portal.", q.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task AnswerPage_ComplainantAnswersWithFormToken()
    {
        using var assessor = await ClientAsync(Role.MbAssessor);
        var email = $"page-{Guid.NewGuid():N}@example.org";
        var reference = await CaseAsync(assessor, email, typed: true);
        var id = await AskAsync(assessor, reference, "complainant", "Page question?");
        var key = await AnswerKeyAsync(email);
        using var page = app.AnonymousPageClient();

        var form = await page.Http.GetStringAsync(new Uri($"/complaints/answer/{key}", UriKind.Relative), Ct);
        var antiforgery = WebUtility.HtmlDecode(AntiforgeryPattern().Match(form).Groups[1].Value);
        var token = WebUtility.HtmlDecode(FormTokenPattern().Match(form).Groups[1].Value);
        app.Time.Advance(TimeSpan.FromSeconds(10));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(token), "FormToken" },
            { new StringContent("Answered on the page."), "Text" },
            { new ByteArrayContent(Pdf), "Files", "proof.pdf" },
        };
        var response = await page.Http.PostAsync(new Uri($"/complaints/answer/{key}", UriKind.Relative), content, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Page question?", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"answered-notice\"", html, StringComparison.Ordinal);
        var q = Question(await HttpAssert.JsonAsync(await assessor.GetAsync(new Uri($"/api/v1/complaints/{reference}", UriKind.Relative), Ct)), id);
        Assert.Equal("Answered on the page.", q.GetProperty("answer").GetString());
        Assert.Equal("proof.pdf", q.GetProperty("answerFiles").EnumerateArray().Single().GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task ConsolePage_ShowsQuestionsNotesAndForms()
    {
        var assessorUser = await app.CreateUserAsync(Role.MbAssessor);
        using var assessor = await app.ApiClientAsync(assessorUser);
        var reference = await CaseAsync(assessor);
        await AskAsync(assessor, reference, "provider", "Console question?");
        using var page = await app.SignInAsync(assessorUser);

        var posted = await page.PostFormAsync($"/console/complaints/{reference}", $"/console/complaints/{reference}?handler=Note",
            new Dictionary<string, string> { ["text"] = "Console note." });
        var html = await (await page.GetAsync($"/console/complaints/{reference}")).Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Console question?", html, StringComparison.Ordinal);
        Assert.Contains("Console note.", html, StringComparison.Ordinal);
        Assert.Contains("handler=Ask", html, StringComparison.Ordinal);
        Assert.Contains("id=\"ask-complainant\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskProvider_ComplaintNamingAFormerVerificationId_ReachesTheSameProvider()
    {
        var entry = await RegisterScenario.ListedAsync(app);
        using var assessor = await ClientAsync(Role.MbAssessor);
        using var anonymous = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, anonymous);
        var created = await HttpAssert.JsonAsync(await anonymous.PostAsJsonAsync("/api/v1/complaints",
            ComplaintScenario.Body(token, "former@example.org", verificationId: entry.VerificationId), Ct), HttpStatusCode.Created);
        var reference = created.GetProperty("reference").GetString()!;
        var renamed = await entry.ChangeLevelAsync();
        Assert.NotEqual(entry.VerificationId, renamed);
        await HttpAssert.JsonAsync(await assessor.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", new { trigger = "start-admissibility-check" }, Ct));

        var id = await AskAsync(assessor, reference, "provider", "Does the new level change anything here?");

        var list = await HttpAssert.JsonAsync(await entry.Assessment.ProviderClient.GetAsync(new Uri("/api/v1/complaint-questions", UriKind.Relative), Ct));
        Assert.Contains(list.EnumerateArray(), q => q.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task OpenApi_DescribesTheInvestigationEndpoints()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));

        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/complaints/{reference}/questions", "/api/v1/complaints/{reference}/notes", "/api/v1/complaint-questions",
            "/api/v1/complaint-questions/{id}/answer", "/api/v1/complaint-answers/{key}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }

    [GeneratedRegex(@"/complaints/answer/(caq_[A-Za-z0-9_\-]+)")]
    private static partial Regex AnswerLinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("name=\"FormToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
