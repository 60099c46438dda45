using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Adhere.Core.Complaints.AuthorityNotices;
using Adhere.Core.Complaints.Measures;
using Adhere.Core.Declarations;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Core.Register.Status;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Adhere.Web.Tests.Register;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The app with a default supervisory authority and room for many complaints from one address.</summary>
public sealed class MeasuresAppFactory : AdhereAppFactory
{
    public const string AuthorityEmail = "notices@authority.example";
    public const string AuthorityName = "Example Data Protection Authority";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Complaints:RateLimit:PermitLimit", "1000000");
        builder.UseSetting("Complaints:DefaultAuthority:Name", AuthorityName);
        builder.UseSetting("Complaints:DefaultAuthority:Email", AuthorityEmail);
    }
}

/// <summary>
/// Measures on founded complaints: the catalogue, imposing with its refusals, the effect of suspension and revocation on
/// every register surface, lifting only through the measure, follow-up checks, and the notice to the supervisory
/// authority (PDF read back, e-mail with the PDF received over SMTP).
/// </summary>
public sealed class ComplaintMeasuresTests(MeasuresAppFactory app) : IClassFixture<MeasuresAppFactory>, IAsyncLifetime
{
    private const string Reasons = "The provider kept customer backups for a year after contracts ended and did not answer the MB's questions.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        // The status document needs a signing key; creating it again (another test, same fixture) is refused harmlessly.
        await app.WithSystemAsync(sp => sp.GetRequiredService<CreateSigningKey>().HandleAsync(Ct));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record Case(RegisterScenario Listed, string Reference)
    {
        public HttpClient DecisionMaker => Listed.Assessment.DecisionMakerClient;

        public HttpClient Assessor => Listed.Assessment.AssessorClient;
    }

    /// <summary>A listed entry and a complaint about it (or typed without it), taken through to the given finding.</summary>
    private async Task<Case> DecidedAsync(string finding = "founded", bool typed = false, string email = "complainant-secret@example.org")
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var filed = await ComplaintScenario.FileAsync(app, email, typed ? null : listed.VerificationId);
        var c = new Case(listed, filed.GetProperty("reference").GetString()!);
        await HttpAssert.JsonAsync(await StepAsync(c.Assessor, c.Reference, new { trigger = "start-admissibility-check" }));
        await HttpAssert.JsonAsync(await StepAsync(c.Assessor, c.Reference, new { trigger = "admit" }));
        if (finding != "none")
            await HttpAssert.JsonAsync(await StepAsync(c.DecisionMaker, c.Reference, new { trigger = "decide", finding, reasons = "Established by the investigation." }));
        return c;
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, string reference, object body) =>
        client.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", body, Ct);

    private static Task<HttpResponseMessage> ImposeAsync(HttpClient client, string reference, object body) =>
        client.PostAsJsonAsync($"/api/v1/complaints/{reference}/measures", body, Ct);

    private static async Task<JsonElement> CaseAsync(HttpClient client, string reference) =>
        await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/{reference}", Ct));

    private async Task<string> StatusAsync(string id) =>
        (await HttpAssert.JsonAsync(await app.ApiClient(null).GetAsync($"/api/v1/register/verifications/{id}", Ct))).GetProperty("status").GetString()!;

    /// <summary>Everything a refused measure must leave unchanged: measures, notices, declarations' statuses, log, outbox and audit.</summary>
    private Task<string> SnapshotAsync() => app.WithSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AdhereDb>();
        var measures = string.Join(";", await db.ComplaintMeasures.AsNoTracking().OrderBy(m => m.ImposedAt).Select(m => m.Id + "/" + m.State).ToListAsync(Ct));
        var statuses = string.Join(";", await db.Declarations.IgnoreQueryFilters().AsNoTracking().OrderBy(d => d.Id).Select(d => d.Status).ToListAsync(Ct));
        var notices = await db.AuthorityNotices.CountAsync(Ct);
        var log = await db.TransparencyLog.CountAsync(Ct);
        var outbox = await db.OutboxMessages.CountAsync(Ct);
        var audit = await db.AuditEvents.CountAsync(Ct);
        return string.Create(CultureInfo.InvariantCulture, $"{measures}|{notices}|{statuses}|{log}|{outbox}|{audit}");
    });

    /// <summary>Reads every public register surface of <paramref name="id"/> and asserts that each shows <paramref name="status"/>.</summary>
    private async Task AssertEveryRegisterSurfaceAsync(string id, string status, string logEvent)
    {
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var anonymous = app.ApiClient(null);

        using (var page = app.AnonymousPageClient())
        {
            using var response = await page.GetAsync($"/register/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"<dt>Status</dt><dd>{status} since {today}</dd>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var verification = await HttpAssert.JsonAsync(await anonymous.GetAsync($"/api/v1/register/verifications/{id}", Ct));
        Assert.Equal(status, verification.GetProperty("status").GetString());

        using (var badge = await anonymous.GetAsync($"/register/{id}/badge.svg", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, badge.StatusCode);
            var svg = XDocument.Parse(await badge.Content.ReadAsStringAsync(Ct)).Root!;
            Assert.Equal(status, svg.Attribute("data-status")?.Value);
            Assert.Contains($"Adherence is NOT valid: {status}", svg.Attribute("aria-label")?.Value, StringComparison.Ordinal);
        }

        using (var signed = await anonymous.GetAsync($"/register/{id}/status.json", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            var keys = JsonSerializer.Deserialize<JsonWebKeySet>(await anonymous.GetStringAsync(new Uri("/.well-known/adhere-keys.json", UriKind.Relative), Ct))!;
            var document = StatusDocumentVerifier.Verify(await signed.Content.ReadAsStringAsync(Ct), keys, app.Time.GetUtcNow());
            Assert.False(document.IsError, document.IsError ? document.Error!.Message : "");
            Assert.Equal(status, document.Value.Status);
        }

        var log = TransparencyLogDocument.Parse(await anonymous.GetStringAsync(new Uri("/register/transparency-log.json", UriKind.Relative), Ct));
        Assert.Equal(logEvent, log.Last(e => e.VerificationId == id).Event);
        Assert.True(TransparencyLogVerifier.Verify(log).IsIntact);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await anonymous.GetStringAsync(new Uri("/register/feed.atom", UriKind.Relative), Ct));
        var newest = feed.Root!.Elements(atom + "entry").First(e => e.Elements(atom + "link")
            .Any(l => (string?)l.Attribute("rel") == "alternate" && ((string)l.Attribute("href")!).EndsWith($"/register/{id}", StringComparison.Ordinal)));
        Assert.Equal(logEvent, (string?)newest.Element(atom + "category")?.Attribute("term"));
    }

    [Fact]
    public async Task Catalogue_AsMbStaff_ListsTheDefaultMeasures()
    {
        using var client = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/complaints/measures", Ct));

        Assert.Equal(["corrective-action:corrective-action", "reprimand:none", "suspension:suspension", "revocation:revocation"],
            json.EnumerateArray().Select(k => k.GetProperty("key").GetString() + ":" + k.GetProperty("effect").GetString()));
    }

    [Theory]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public async Task MeasureEndpoints_AsProvider_AreForbidden(string roleName)
    {
        var c = await DecidedAsync();
        Assert.True(Role.TryParse(roleName, out var role));
        using var provider = await app.ApiClientAsync(await app.CreateUserAsync(role, await app.CreateProviderAsync()));
        var before = await SnapshotAsync();

        var catalogue = await provider.GetAsync("/api/v1/complaints/measures", Ct);
        var pdf = await provider.GetAsync($"/api/v1/complaints/{c.Reference}/notices/{Guid.NewGuid()}.pdf", Ct);
        var impose = await ImposeAsync(provider, c.Reference, new { key = "suspension", reasons = Reasons });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { catalogue.StatusCode, pdf.StatusCode, impose.StatusCode });
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Impose_Suspension_SuspendsEveryRegisterSurfaceAtOnceAndTellsTheProviderWithoutTheComplainant()
    {
        var c = await DecidedAsync(email: "hidden-complainant@example.org");
        var id = c.Listed.VerificationId;

        var measure = await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "suspension", reasons = Reasons }), HttpStatusCode.Created);

        Assert.Equal(("suspension", "in-force", id), (measure.GetProperty("effect").GetString(), measure.GetProperty("state").GetString(),
            measure.GetProperty("verificationId").GetString()));
        Assert.Equal(["lift"], measure.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        await AssertEveryRegisterSurfaceAsync(id, "suspended", "suspended");
        var mail = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.Topic == "declaration.suspended" && m.Subject.Contains(id)).ToListAsync(Ct));
        var told = Assert.Single(mail);
        Assert.Contains(Reasons, told.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-complainant", told.Body, StringComparison.Ordinal);
        var history = (await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("history").EnumerateArray().Select(s => s.GetProperty("action").GetString()).ToList();
        Assert.Contains("complaint.measure-imposed", history);
        Assert.Contains("complaint.authority-notice", history);
    }

    [Fact]
    public async Task Impose_Revocation_RevokesEveryRegisterSurfaceAndSupersedesTheSuspension()
    {
        var c = await DecidedAsync();
        var id = c.Listed.VerificationId;
        var suspension = await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "suspension", reasons = Reasons }), HttpStatusCode.Created);

        var revocation = await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference,
            new { key = "revocation", reasons = "The breach continued during the suspension." }), HttpStatusCode.Created);

        Assert.Equal("imposed", revocation.GetProperty("state").GetString());
        await AssertEveryRegisterSurfaceAsync(id, "revoked", "revoked");
        var json = await CaseAsync(c.DecisionMaker, c.Reference);
        var states = json.GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetGuid(), m => m.GetProperty("state").GetString());
        Assert.Equal("superseded", states[suspension.GetProperty("id").GetGuid()]);
        Assert.Equal(2, json.GetProperty("notices").GetArrayLength());
    }

    [Fact]
    public async Task Impose_Suspension_WritesTheAuthorityNoticeAsPdfAndMailsItWithTheAttachment()
    {
        var c = await DecidedAsync();
        var id = c.Listed.VerificationId;

        await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "suspension", reasons = Reasons }), HttpStatusCode.Created);

        var notice = Assert.Single((await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("notices").EnumerateArray());
        Assert.Equal((MeasuresAppFactory.AuthorityName, MeasuresAppFactory.AuthorityEmail, id),
            (notice.GetProperty("authority").GetString(), notice.GetProperty("authorityEmail").GetString(), notice.GetProperty("verificationId").GetString()));
        using var download = await c.DecisionMaker.GetAsync(notice.GetProperty("pdfUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var pdfBytes = await download.Content.ReadAsByteArrayAsync(Ct);
        var text = PdfText(pdfBytes);
        Assert.Contains(id, text, StringComparison.Ordinal);
        Assert.Contains("Suspension", text, StringComparison.Ordinal);
        Assert.Contains(c.Reference, text, StringComparison.Ordinal);
        Assert.Contains("kept customer backups for a year", text, StringComparison.Ordinal);
        Assert.DoesNotContain("complainant-secret", text, StringComparison.Ordinal);

        var received = await app.WaitForMailAsync(m => m.ToAddresses.Any(a => a.Address == MeasuresAppFactory.AuthorityEmail)
            && (m.Headers["Subject"] ?? "").Contains(id, StringComparison.Ordinal));
        using var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)), Ct);
        Assert.Contains(Reasons, mime.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(mime.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached, Ct);
        Assert.Equal(pdfBytes, attached.ToArray());

        JsonElement sent = default;
        for (var i = 0; i < 50; i++)
        {
            sent = Assert.Single((await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("notices").EnumerateArray());
            if (sent.GetProperty("sending").GetString() == "sent") break;
            await Task.Delay(100, Ct);
        }

        Assert.Equal("sent", sent.GetProperty("sending").GetString());
        Assert.Equal(JsonValueKind.String, sent.GetProperty("sentAt").ValueKind);
    }

    [Fact]
    public async Task Impose_WithoutAuthorityForTheCode_CreatesTheNoticeAsNoRecipient()
    {
        var c = await DecidedAsync();
        // The same use case with settings that name an authority for another Code only and no default.
        var settings = ComplaintMeasureSettings.Default with { Authorities = [new SupervisoryAuthority("Another Code", "Elsewhere", "else@authority.example")] };
        var imposed = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var time = sp.GetRequiredService<TimeProvider>();
            var writer = new AuthorityNoticeWriter(db, settings, sp.GetRequiredService<Outbox>(), time);
            var impose = new ImposeComplaintMeasure(db, settings, sp.GetRequiredService<ListingDecisions>(), writer, sp.GetRequiredService<ComplaintMeasureQueries>(), time);
            return await impose.HandleAsync(new(c.Reference, "suspension", Reasons), Ct);
        });

        Assert.False(imposed.IsError, imposed.IsError ? imposed.Error!.Message : "");
        var notice = Assert.Single((await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("notices").EnumerateArray());
        Assert.Equal("no-recipient", notice.GetProperty("sending").GetString());
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("authority").ValueKind);
        using var download = await c.DecisionMaker.GetAsync(notice.GetProperty("pdfUrl").GetString(), Ct);
        Assert.Contains(c.Listed.VerificationId, PdfText(await download.Content.ReadAsByteArrayAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal("suspended", await StatusAsync(c.Listed.VerificationId));
    }

    [Fact]
    public async Task Reinstate_SuspensionHeldByAMeasure_IsRefusedNamingTheComplaintAndChangesNothing()
    {
        var c = await DecidedAsync();
        await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "suspension", reasons = Reasons }), HttpStatusCode.Created);
        var before = await SnapshotAsync();

        using var response = await c.DecisionMaker.PostAsJsonAsync($"/api/v1/declarations/{c.Listed.Assessment.DeclarationId}/reinstate",
            new { reason = "Lifting it without the complaint." }, Ct);

        var problem = await HttpAssert.JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("declaration.suspended-by-complaint", problem.GetProperty("errorCode").GetString());
        Assert.Contains(c.Reference, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("suspended", await StatusAsync(c.Listed.VerificationId));
    }

    [Fact]
    public async Task Lift_SuspensionMeasure_ReinstatesTheEntryAndRecordsTheDecision()
    {
        var c = await DecidedAsync();
        var measure = await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "suspension", reasons = Reasons }), HttpStatusCode.Created);
        var path = $"/api/v1/complaints/{c.Reference}/measures/{measure.GetProperty("id").GetGuid()}/lift";
        var before = await SnapshotAsync();

        using var withoutReasons = await c.DecisionMaker.PostAsJsonAsync(path, new { reasons = " " }, Ct);
        using var byAssessor = await c.Assessor.PostAsJsonAsync(path, new { reasons = "An assessor may not lift." }, Ct);
        await HttpAssert.ProblemAsync(withoutReasons, HttpStatusCode.BadRequest, "complaint.measure-reasons-required");
        await HttpAssert.ProblemAsync(byAssessor, HttpStatusCode.Forbidden, "complaint.measure-role-not-allowed");
        Assert.Equal(before, await SnapshotAsync());

        var lifted = await HttpAssert.JsonAsync(await c.DecisionMaker.PostAsJsonAsync(path, new { reasons = "The backups were deleted and the process fixed." }, Ct));
        using var again = await c.DecisionMaker.PostAsJsonAsync(path, new { reasons = "Twice." }, Ct);

        Assert.Equal(("lifted", "The backups were deleted and the process fixed."), (lifted.GetProperty("state").GetString(), lifted.GetProperty("endNotes").GetString()));
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "complaint.measure-not-liftable");
        Assert.Equal("valid", await StatusAsync(c.Listed.VerificationId));
        var log = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().TransparencyLog.AsNoTracking()
            .Where(e => e.VerificationId == c.Listed.VerificationId).OrderBy(e => e.Sequence).Select(e => e.Event).ToListAsync(Ct));
        Assert.Equal(["listed", "suspended", "reinstated"], log);
        var history = (await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, s => s.GetProperty("action").GetString() == "complaint.measure-lifted"
            && s.GetProperty("reasons").GetString() == "The backups were deleted and the process fixed.");
    }

    [Fact]
    public async Task Impose_OnUnfoundedOrUndecidedComplaint_IsRefusedAndChangesNothing()
    {
        var unfounded = await DecidedAsync("unfounded");
        var undecided = await DecidedAsync("none");
        var before = await SnapshotAsync();

        using var onUnfounded = await ImposeAsync(unfounded.DecisionMaker, unfounded.Reference, new { key = "suspension", reasons = Reasons });
        using var onUndecided = await ImposeAsync(undecided.DecisionMaker, undecided.Reference, new { key = "reprimand", reasons = Reasons });

        await HttpAssert.ProblemAsync(onUnfounded, HttpStatusCode.Conflict, "complaint.measure-not-founded");
        await HttpAssert.ProblemAsync(onUndecided, HttpStatusCode.Conflict, "complaint.measure-not-founded");
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("valid", await StatusAsync(unfounded.Listed.VerificationId));
    }

    [Fact]
    public async Task Impose_BadInput_AnswersTypedErrorsAndChangesNothing()
    {
        var c = await DecidedAsync();
        var tomorrow = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = await SnapshotAsync();

        (object Body, HttpStatusCode Status, string Code)[] cases =
        [
            (new { key = "fine", reasons = Reasons }, HttpStatusCode.BadRequest, "complaint.measure-unknown"),
            (new { key = "suspension", reasons = "  " }, HttpStatusCode.BadRequest, "complaint.measure-reasons-required"),
            (new { key = "suspension", reasons = new string('x', 4001) }, HttpStatusCode.BadRequest, "complaint.measure-reasons-too-long"),
            (new { key = "corrective-action", reasons = Reasons, correction = "Delete the backups." }, HttpStatusCode.BadRequest, "complaint.measure-deadline-required"),
            (new { key = "corrective-action", reasons = Reasons, deadline = today, correction = "Delete the backups." }, HttpStatusCode.BadRequest, "complaint.measure-deadline-past"),
            (new { key = "corrective-action", reasons = Reasons, deadline = "31/12/2030", correction = "Delete." }, HttpStatusCode.BadRequest, "complaint.measure-deadline-invalid"),
            (new { key = "corrective-action", reasons = Reasons, deadline = tomorrow }, HttpStatusCode.BadRequest, "complaint.measure-correction-required"),
        ];
        foreach (var (body, status, code) in cases)
        {
            using var response = await ImposeAsync(c.DecisionMaker, c.Reference, body);
            await HttpAssert.ProblemAsync(response, status, code);
        }

        using var byAssessor = await ImposeAsync(c.Assessor, c.Reference, new { key = "reprimand", reasons = Reasons });
        using var unknownCase = await ImposeAsync(c.DecisionMaker, "C-2001-999999", new { key = "reprimand", reasons = Reasons });
        await HttpAssert.ProblemAsync(byAssessor, HttpStatusCode.Forbidden, "complaint.measure-role-not-allowed");
        await HttpAssert.ProblemAsync(unknownCase, HttpStatusCode.NotFound, "complaint.not-found");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Impose_OnATypedComplaint_NeedsTheVerificationIdAndResolvesAFormerOne()
    {
        var c = await DecidedAsync(typed: true);
        var newId = await c.Listed.ChangeLevelAsync();

        using var without = await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "reprimand", reasons = Reasons });
        using var unknown = await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "reprimand", reasons = Reasons, verificationId = "2026LVL02NOBODY999" });
        var measure = await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference,
            new { key = "reprimand", reasons = Reasons, verificationId = c.Listed.VerificationId.ToLowerInvariant() }), HttpStatusCode.Created);

        await HttpAssert.ProblemAsync(without, HttpStatusCode.BadRequest, "complaint.measure-declaration-required");
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest, "complaint.measure-declaration-not-found");
        Assert.Equal((newId, "imposed"), (measure.GetProperty("verificationId").GetString(), measure.GetProperty("state").GetString()));
        Assert.Equal("valid", await StatusAsync(newId));
        Assert.Empty((await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("notices").EnumerateArray());
    }

    [Fact]
    public async Task FollowUp_CorrectiveAction_IsRecordedOnceByACaseHandler()
    {
        var c = await DecidedAsync();
        var deadline = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var measure = await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference,
            new { key = "corrective-action", reasons = Reasons, deadline, correction = "Delete the retained backups and fix the retention job." }), HttpStatusCode.Created);
        var path = $"/api/v1/complaints/{c.Reference}/measures/{measure.GetProperty("id").GetGuid()}/follow-up";

        using var badOutcome = await c.Assessor.PostAsJsonAsync(path, new { outcome = "maybe", notes = "x" }, Ct);
        using var noNotes = await c.Assessor.PostAsJsonAsync(path, new { outcome = "met" }, Ct);
        var checkedUp = await HttpAssert.JsonAsync(await c.Assessor.PostAsJsonAsync(path, new { outcome = "met", notes = "Deletion logs checked." }, Ct));
        using var again = await c.DecisionMaker.PostAsJsonAsync(path, new { outcome = "not-met", notes = "Twice." }, Ct);
        using var liftCorrective = await c.DecisionMaker.PostAsJsonAsync(path.Replace("follow-up", "lift", StringComparison.Ordinal), new { reasons = "x" }, Ct);

        Assert.Equal(("awaiting-follow-up", deadline), (measure.GetProperty("state").GetString(), measure.GetProperty("deadline").GetString()));
        await HttpAssert.ProblemAsync(badOutcome, HttpStatusCode.BadRequest, "complaint.measure-outcome-invalid");
        await HttpAssert.ProblemAsync(noNotes, HttpStatusCode.BadRequest, "complaint.measure-notes-required");
        Assert.Equal(("met", "Deletion logs checked."), (checkedUp.GetProperty("state").GetString(), checkedUp.GetProperty("endNotes").GetString()));
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "complaint.measure-follow-up-not-allowed");
        await HttpAssert.ProblemAsync(liftCorrective, HttpStatusCode.Conflict, "complaint.measure-not-liftable");
        Assert.Equal("valid", await StatusAsync(c.Listed.VerificationId));
    }

    [Fact]
    public async Task NoticePdf_UnknownNotice_IsNotFound()
    {
        var c = await DecidedAsync();

        using var response = await c.DecisionMaker.GetAsync($"/api/v1/complaints/{c.Reference}/notices/{Guid.NewGuid()}.pdf", Ct);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "complaint.notice-not-found");
    }

    [Fact]
    public async Task ConsoleCase_ImposeAndLiftASuspension_ShowsTheMeasureTheNoticeLinkAndTheForms()
    {
        var c = await DecidedAsync();
        var casePage = $"/console/complaints/{c.Reference}";
        var measures = $"{casePage}/measures";
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbDecisionMaker));
        using var assessorPage = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var offered = await page.Http.GetStringAsync(casePage, Ct);
        var assessorView = await assessorPage.Http.GetStringAsync(casePage, Ct);
        using var imposed = await page.PostFormAsync(casePage, $"{measures}?handler=Impose", new() { ["key"] = "suspension", ["reasons"] = Reasons });
        var shown = await page.Http.GetStringAsync(casePage, Ct);
        var measureId = (await CaseAsync(c.DecisionMaker, c.Reference)).GetProperty("measures")[0].GetProperty("id").GetGuid();
        using var refused = await page.PostFormAsync(casePage, $"{measures}?handler=Lift", new() { ["measureId"] = measureId.ToString(), ["reasons"] = "" });
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        var statusAfterRefusal = await StatusAsync(c.Listed.VerificationId);
        using var lifted = await page.PostFormAsync(casePage, $"{measures}?handler=Lift",
            new() { ["measureId"] = measureId.ToString(), ["reasons"] = "Corrected and checked." });

        Assert.Contains($"{measures}?handler=Impose", offered, StringComparison.Ordinal);
        Assert.Contains("<option value=\"suspension\">Suspension</option>", offered, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Impose", assessorView, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, casePage), (imposed.StatusCode, imposed.Headers.Location?.OriginalString));
        Assert.Contains("In force", shown, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/complaints/{c.Reference}/notices/", shown, StringComparison.Ordinal);
        Assert.Contains(MeasuresAppFactory.AuthorityName, shown, StringComparison.Ordinal);
        Assert.Contains($"{measures}?handler=Lift", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("complaint.measure-reasons-required", refusedHtml, StringComparison.Ordinal);
        Assert.Equal("suspended", statusAfterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal("valid", await StatusAsync(c.Listed.VerificationId));
        Assert.Contains("Lifted", await page.Http.GetStringAsync(casePage, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task YearSummary_AfterAReprimand_CountsItByKind()
    {
        var c = await DecidedAsync();
        var year = app.Time.GetUtcNow().UtcDateTime.Year.ToString(CultureInfo.InvariantCulture);
        async Task<int> ReprimandsAsync() => (await HttpAssert.JsonAsync(await c.DecisionMaker.GetAsync($"/api/v1/complaints/summary/{year}", Ct)))
            .GetProperty("measuresByKind").EnumerateArray().Where(k => k.GetProperty("name").GetString() == "reprimand")
            .Select(k => k.GetProperty("count").GetInt32()).SingleOrDefault();
        var before = await ReprimandsAsync();

        await HttpAssert.JsonAsync(await ImposeAsync(c.DecisionMaker, c.Reference, new { key = "reprimand", reasons = Reasons }), HttpStatusCode.Created);

        Assert.Equal(before + 1, await ReprimandsAsync());
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
