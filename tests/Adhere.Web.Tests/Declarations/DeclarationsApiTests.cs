using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Declarations;

public sealed class DeclarationsApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static JsonElement Section(JsonElement details, string key) =>
        details.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    private static List<string?> ProblemCodes(JsonElement problem) =>
        [.. problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString())];

    private Task<int> CountAsync(Func<AdhereDb, Task<int>> count) => app.WithSystemAsync(sp => count(sp.GetRequiredService<AdhereDb>()));

    [Fact]
    public async Task Start_AsCspEditor_CreatesDraftFreezesCatalogueAndShowsProgress()
    {
        var s = await DeclarationScenario.CreateAsync(app);

        var details = await s.StartAsync();

        var summary = details.GetProperty("summary");
        Assert.Equal("Draft", summary.GetProperty("status").GetString());
        Assert.Equal("initial", summary.GetProperty("kind").GetString());
        Assert.Equal(4, summary.GetProperty("controls").GetInt32());
        Assert.Equal(0, summary.GetProperty("controlsAnswered").GetInt32());
        Assert.Equal(["Compute", "Storage"], details.GetProperty("services").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList());
        Assert.Equal(2, Section(details, "5").GetProperty("controls").GetInt32());
        Assert.Equal(1, Section(details, "5.1").GetProperty("depth").GetInt32());
        Assert.Contains("Submit", details.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var frozen = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Catalogues.Where(c => c.Name == s.Code).Select(c => c.FrozenAt).SingleAsync());
        Assert.NotNull(frozen);
    }

    [Fact]
    public async Task SaveAnswer_SavesAsYouGoAndCountsPerSection()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var document = await s.UploadAsync("policy.pdf");

        var saved = await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.A",
            new { statement = "  We publish the terms.\r\nSee annex. ", measures = "Legal review", documents = new[] { document } }));
        var details = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));
        var section = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}/answers?section=5"));

        Assert.Equal("We publish the terms.\nSee annex.", saved.GetProperty("statement").GetString());
        Assert.True(saved.GetProperty("isAnswered").GetBoolean());
        Assert.Equal([document], saved.GetProperty("documentIds").EnumerateArray().Select(d => d.GetGuid()).ToList());
        Assert.Equal(1, Section(details, "5.1").GetProperty("answered").GetInt32());
        Assert.Equal(0, Section(details, "6").GetProperty("answered").GetInt32());
        Assert.Equal(["5.1.A", "5.1.B"], section.EnumerateArray().Select(a => a.GetProperty("controlKey").GetString()).ToList());
        Assert.Equal("The provider writes its terms down.", section[0].GetProperty("requirement").GetString());
    }

    [Fact]
    public async Task Update_OnlyServices_KeepsTheOtherFieldsAndEmptyTextOrLevelZeroClears()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync(level: 2));

        var narrowed = await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}", new { services = new[] { s.ServiceA } }));
        var cleared = await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}", new { contactName = "", requestedLevel = 0 }));

        Assert.Equal(2, narrowed.GetProperty("summary").GetProperty("requestedLevel").GetInt32());
        Assert.Equal("dpo@provider.example", narrowed.GetProperty("contactEmail").GetString());
        Assert.Equal("Dana Protection", narrowed.GetProperty("contactName").GetString());
        Assert.Single(narrowed.GetProperty("services").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("contactName").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("summary").GetProperty("requestedLevel").ValueKind);
        Assert.Equal("dpo@provider.example", cleared.GetProperty("contactEmail").GetString());
    }

    [Fact]
    public async Task SaveAnswer_UnknownControlOrForeignDocument_IsRejectedAndNothingSaved()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var other = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var foreignDocument = await other.UploadAsync();

        await HttpAssert.ProblemAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/9.9.Z", new { statement = "x" }),
            HttpStatusCode.BadRequest, "declaration.unknown-control");
        await HttpAssert.ProblemAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.A", new { statement = "x", documents = new[] { foreignDocument } }),
            HttpStatusCode.BadRequest, "declaration.document-not-found");

        Assert.Equal(0, await CountAsync(db => db.ControlAnswers.CountAsync(a => a.DeclarationId == new DeclarationId(id))));
    }

    [Fact]
    public async Task Certificate_CoveringEveryServiceAndValid_PassesAndBacksMappedControls()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var report = await s.UploadAsync("audit-report.pdf");

        var certificate = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate(auditReport: report)),
            HttpStatusCode.Created);

        Assert.Equal(["6.1.A", "6.1.B"], certificate.GetProperty("claimedControls").EnumerateArray().Select(c => c.GetString()).ToList()); // the catalogue's mappings
        var check = certificate.GetProperty("check");
        Assert.Equal("passed", check.GetProperty("outcome").GetString());
        Assert.Equal("valid-throughout", check.GetProperty("validity").GetString());
        Assert.All(check.GetProperty("scope").EnumerateArray(), x => Assert.True(x.GetProperty("isCovered").GetBoolean()));
        Assert.All(check.GetProperty("controls").EnumerateArray(), x => Assert.Equal("Mapped", x.GetProperty("outcome").GetString()));
        var answer = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}/answers/6.1.A"));
        Assert.Equal("third-party", answer.GetProperty("evidenceBasis").GetString());
        Assert.True(answer.GetProperty("certificates")[0].GetProperty("backs").GetBoolean());
    }

    [Fact]
    public async Task Certificate_ScopeMissingAService_FailsCheckA()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());

        var certificate = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(covered: [s.ServiceA])), HttpStatusCode.Created);

        var check = certificate.GetProperty("check");
        Assert.Equal("failed", check.GetProperty("outcome").GetString());
        var scope = check.GetProperty("scope").EnumerateArray().ToDictionary(x => x.GetProperty("serviceName").GetString()!, x => x.GetProperty("isCovered").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["Compute"] = true, ["Storage"] = false }, scope);
        Assert.Contains(check.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "certificate.scope-not-covered"
            && f.GetProperty("message").GetString()!.Contains("Storage", StringComparison.Ordinal));
        var answer = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}/answers/6.1.A"));
        Assert.Equal("self-declared", answer.GetProperty("evidenceBasis").GetString());
    }

    [Fact]
    public async Task Certificate_Expired_FailsCheckB()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());

        var certificate = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(issuedDaysAgo: 1200, expiresInDays: -1)), HttpStatusCode.Created);

        Assert.Equal("failed", certificate.GetProperty("check").GetProperty("outcome").GetString());
        Assert.Equal("expired", certificate.GetProperty("check").GetProperty("validity").GetString());
    }

    [Fact]
    public async Task Certificate_ExpiringWithinValidityPeriod_PassesWithWarning()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var report = await s.UploadAsync();

        var certificate = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(expiresInDays: 90, auditReport: report)), HttpStatusCode.Created);
        var details = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));

        var check = certificate.GetProperty("check");
        Assert.Equal("passed-with-warnings", check.GetProperty("outcome").GetString());
        Assert.Equal("expires-during-validity", check.GetProperty("validity").GetString());
        Assert.Single(details.GetProperty("proposal").GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Certificate_ClaimedForUnmappedControl_IsFlaggedAndDoesNotBackIt()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var report = await s.UploadAsync();

        var certificate = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(auditReport: report, claims: ["6.1.A", "5.1.B"])), HttpStatusCode.Created);

        var check = certificate.GetProperty("check");
        Assert.Equal("passed-with-warnings", check.GetProperty("outcome").GetString());
        var outcomes = check.GetProperty("controls").EnumerateArray().ToDictionary(c => c.GetProperty("controlKey").GetString()!, c => c.GetProperty("outcome").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["6.1.A"] = "Mapped", ["5.1.B"] = "NotMapped" }, outcomes);
        var answer = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}/answers/5.1.B"));
        Assert.Equal("self-declared", answer.GetProperty("evidenceBasis").GetString());
        Assert.False(answer.GetProperty("certificates")[0].GetProperty("backs").GetBoolean());
    }

    [Fact]
    public async Task Certificate_ExpiryBeforeIssue_IsRejectedAndNothingStored()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());

        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(issuedDaysAgo: 10, expiresInDays: -20)), HttpStatusCode.BadRequest, "certificate.expiry-before-issue");
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(standard: "no-such-standard")), HttpStatusCode.BadRequest, "certificate.unknown-standard");

        Assert.Equal(0, await CountAsync(db => db.Certificates.CountAsync(c => c.DeclarationId == new DeclarationId(id))));
    }

    [Fact]
    public async Task Checks_AreStoredWithTheirTimeAndRerunOnlyWhenAnInputChanges()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var created = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate()), HttpStatusCode.Created);
        var certificateId = created.GetProperty("id").GetGuid();
        var firstCheck = created.GetProperty("check").GetProperty("checkedAt").GetDateTimeOffset();

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var unchanged = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));
        Assert.Equal(firstCheck, unchanged.GetProperty("certificates")[0].GetProperty("check").GetProperty("checkedAt").GetDateTimeOffset());

        // Taking a service out of scope is an input of check (a): the check reruns.
        var narrowed = await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}", new
        {
            requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example", services = new[] { s.ServiceA },
        }));
        var check = narrowed.GetProperty("certificates")[0].GetProperty("check");
        Assert.True(check.GetProperty("checkedAt").GetDateTimeOffset() > firstCheck);
        Assert.Equal(certificateId, narrowed.GetProperty("certificates")[0].GetProperty("id").GetGuid());
        Assert.Equal([s.ServiceA], narrowed.GetProperty("certificates")[0].GetProperty("coveredServices").EnumerateArray().Select(x => x.GetGuid()).ToList());
    }

    [Fact]
    public async Task Proposal_FollowsCoverage_Level2ForHalfAndLevel3ForAll()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var report = await s.UploadAsync();
        await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate(auditReport: report)), HttpStatusCode.Created);

        var half = (await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"))).GetProperty("proposal");
        await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates",
            s.Certificate(standard: DeclarationScenario.Iso27701, auditReport: report, claims: ["5.1.A"])), HttpStatusCode.Created);
        var threeQuarters = (await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"))).GetProperty("proposal");

        Assert.Equal(2, half.GetProperty("level").GetInt32());
        Assert.Equal(2, half.GetProperty("backed").GetInt32());
        Assert.Equal(["6"], half.GetProperty("fullyBackedSections").EnumerateArray().Select(x => x.GetString()).ToList());
        Assert.Contains("50.0 %", half.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, threeQuarters.GetProperty("level").GetInt32());
        Assert.Equal(3, threeQuarters.GetProperty("backed").GetInt32());

        // Claiming 5.1.B under ISO/IEC 27701 is not enough: the catalogue does not map it, so it stays self-declared (Level 3 needs all four).
        var cited = await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.B",
            new { statement = "x", certificates = await CertificateIdsAsync(s, id) }));
        var after = (await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"))).GetProperty("proposal");
        Assert.Equal("self-declared", cited.GetProperty("evidenceBasis").GetString());
        Assert.Equal(2, cited.GetProperty("certificates").GetArrayLength());
        Assert.Equal(3, after.GetProperty("backed").GetInt32());

        // A 27001 certificate claimed for 5.1.B does not change that either; only a mapping would.
        Assert.Equal(2, after.GetProperty("level").GetInt32());
    }

    private static async Task<Guid[]> CertificateIdsAsync(DeclarationScenario s, Guid id)
    {
        var details = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));
        return [.. details.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];
    }

    [Fact]
    public async Task Submit_WithGaps_ListsEverythingMissingAtOnce()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var started = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = s.Code, services = new[] { s.ServiceA } }),
            HttpStatusCode.Created);
        var id = DeclarationScenario.IdOf(started);
        await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.A", new { statement = "Done." }));

        var response = await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "declaration.incomplete");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var codes = ProblemCodes(problem);
        Assert.Equal(3, codes.Count(c => c == "submission.control-unanswered"));
        Assert.Contains("submission.service-category-missing", codes);
        Assert.Contains("submission.contact-missing", codes);
        Assert.Contains("submission.service-agreement-missing", codes);
        Assert.Contains("submission.level-missing", codes);
        var subjects = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("subject").GetString()).ToList();
        Assert.Contains("6.1.B", subjects);
        var after = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));
        Assert.Equal("Draft", after.GetProperty("summary").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submit_WhenComplete_FreezesTheDeclarationForTheProvider()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = await CompleteDraftAsync(s);

        var submitted = await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null));

        Assert.Equal("Submitted", submitted.GetProperty("summary").GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, submitted.GetProperty("summary").GetProperty("submittedAt").ValueKind);
        await HttpAssert.ProblemAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.A", new { statement = "Changed" }),
            HttpStatusCode.Conflict, "declaration.not-editable");
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate()),
            HttpStatusCode.Conflict, "declaration.not-editable");
        await HttpAssert.ProblemAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.Conflict, "declaration.not-editable");
        var audit = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.ObjectType == "declaration" && e.ObjectId == id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal("declaration.submitted", audit[^1]);
    }

    [Fact]
    public async Task Start_ServiceAlreadyInAnotherOpenDeclarationOfTheSameCode_IsRejected()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var first = DeclarationScenario.IdOf(await s.StartAsync(services: [s.ServiceA]));
        var before = await CountAsync(db => db.Declarations.CountAsync());

        var response = await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = s.Code, services = new[] { s.ServiceB, s.ServiceA } });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "declaration.service-already-declared");
        Assert.Equal(before, await CountAsync(db => db.Declarations.CountAsync()));
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{first}/withdraw", null));
        await s.StartAsync(services: [s.ServiceA]); // withdrawing released the service
    }

    [Fact]
    public async Task Start_UnknownCodeOrRetiredOrForeignService_IsRejected()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var other = await DeclarationScenario.CreateAsync(app);

        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = "No such code" }), HttpStatusCode.NotFound, "declaration.catalogue-not-found");
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = s.Code, services = new[] { other.ServiceA } }),
            HttpStatusCode.BadRequest, "declaration.service-not-found");
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/services/{s.ServiceB}/retire", null));
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = s.Code, services = new[] { s.ServiceB } }),
            HttpStatusCode.BadRequest, "declaration.service-retired");
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = s.Code, requestedLevel = 4 }),
            HttpStatusCode.BadRequest, "declaration.level-invalid");
    }

    [Fact]
    public async Task Roles_ViewerAndMbReadButCannotWrite_OtherProviderSeesNothing()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        var viewer = await app.CreateUserAsync(Role.CspViewer, await OrganisationOfAsync(s));
        using var viewerClient = await app.ApiClientAsync(viewer);
        using var assessor = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));
        using var admin = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAdministrator));
        var other = await DeclarationScenario.CreateAsync(app);

        await HttpAssert.JsonAsync(await viewerClient.GetAsync($"/api/v1/declarations/{id}"));
        await HttpAssert.JsonAsync(await assessor.GetAsync($"/api/v1/declarations/{id}"));
        await HttpAssert.ProblemAsync(await viewerClient.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.A", new { statement = "x" }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/declarations/{id}/answers/5.1.A", new { statement = "x" }), HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await other.Client.GetAsync($"/api/v1/declarations/{id}"), HttpStatusCode.NotFound, "declaration.not-found");
        var list = await HttpAssert.JsonAsync(await other.Client.GetAsync("/api/v1/declarations"));
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        var all = await HttpAssert.JsonAsync(await assessor.GetAsync("/api/v1/declarations"));
        Assert.Contains(all.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Renewal_CarriesOverAndShowsTheYearOverYearDifference()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = await CompleteDraftAsync(s, services: [s.ServiceA, s.ServiceB]);
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null));
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        await s.MarkVerifiedAsync(id, today.AddMonths(-11));
        var added = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync("/api/v1/services", new { name = "Backup", category = await CategoryAsync() }), HttpStatusCode.Created);
        var backup = added.GetProperty("id").GetGuid();

        var renewal = await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/renewal", null), HttpStatusCode.Created);
        var renewalId = DeclarationScenario.IdOf(renewal);
        Assert.Equal("renewal", renewal.GetProperty("summary").GetProperty("kind").GetString());
        Assert.Equal(4, renewal.GetProperty("summary").GetProperty("controlsAnswered").GetInt32());
        Assert.Single(renewal.GetProperty("certificates").EnumerateArray());
        await HttpAssert.ProblemAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/renewal", null), HttpStatusCode.Conflict, "declaration.renewal-exists");

        await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{renewalId}", new
        {
            requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example", services = new[] { s.ServiceA, backup },
        }));
        await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{renewalId}/answers/5.1.B", new { statement = "We now publish them online." }));

        var details = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{renewalId}"));
        var difference = details.GetProperty("renewal").GetProperty("difference");
        Assert.Equal(["Backup"], Names(difference.GetProperty("servicesAdded")));
        Assert.Equal(["Storage"], Names(difference.GetProperty("servicesRemoved")));
        Assert.Equal(["5.1.B"], difference.GetProperty("answersChanged").EnumerateArray().Select(a => a.GetProperty("controlKey").GetString()).ToList());
        Assert.Equal(0, difference.GetProperty("certificatesAdded").GetArrayLength());
        var codes = details.GetProperty("submissionProblems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("submission.renewal-change-unconfirmed", codes);
        Assert.Contains("submission.removed-service-reason-missing", codes);
        Assert.Contains("submission.added-service-family-unconfirmed", codes);

        var stated = await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{renewalId}/renewal-statement", new
        {
            noMaterialChange = true,
            removalReasons = new Dictionary<Guid, string> { [s.ServiceB] = "Storage moved to a separate declaration." },
            sameFamilyConfirmed = new[] { backup },
        }));
        Assert.Equal(0, stated.GetProperty("submissionProblems").GetArrayLength());
        Assert.Equal("Storage moved to a separate declaration.", stated.GetProperty("renewal").GetProperty("removedServices")[0].GetProperty("reason").GetString());
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{renewalId}/submit", null));
    }

    [Fact]
    public async Task RenewalStatement_ReasonForAKeptService_IsRejected()
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = await CompleteDraftAsync(s);
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null));
        await s.MarkVerifiedAsync(id, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddMonths(-11));
        var renewalId = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/renewal", null), HttpStatusCode.Created));

        await HttpAssert.ProblemAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{renewalId}/renewal-statement", new
        {
            noMaterialChange = true, removalReasons = new Dictionary<Guid, string> { [s.ServiceA] = "Gone" },
        }), HttpStatusCode.BadRequest, "declaration.removal-reason-for-kept-service");
        await HttpAssert.ProblemAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}/renewal-statement", new { noMaterialChange = true }),
            HttpStatusCode.Conflict, "declaration.not-editable");
        await HttpAssert.ProblemAsync(await s.Client.PostAsync($"/api/v1/declarations/{renewalId}/renewal", null), HttpStatusCode.Conflict, "declaration.not-renewable");
    }

    [Fact]
    public async Task CertificateChange_OnVerifiedDeclaration_FlagsItUntilTheMbReviews()
    {
        var assessorUser = await app.CreateUserAsync(Role.MbAssessor);
        var s = await DeclarationScenario.CreateAsync(app);
        var id = await CompleteDraftAsync(s);
        var certificate = (await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"))).GetProperty("certificates")[0].GetProperty("id").GetGuid();
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates/{certificate}/notices",
            new { kind = "withdrawn", description = "x" }), HttpStatusCode.Conflict, "certificate.notice-not-verified");
        await HttpAssert.JsonAsync(await s.Client.PostAsync($"/api/v1/declarations/{id}/submit", null));
        await s.MarkVerifiedAsync(id, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime));
        using var assessor = await app.ApiClientAsync(assessorUser);

        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates/{certificate}/notices",
            new { kind = "lost", description = "x" }), HttpStatusCode.BadRequest, "certificate.notice-kind-invalid");
        var notice = await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates/{certificate}/notices",
            new { kind = "scope-changed", description = "Storage left the certified scope." }), HttpStatusCode.Created);
        var noticeId = notice.GetProperty("id").GetGuid();
        var mail = await app.WaitForMailAsync(m => m.MessageParts[0].BodyData.Contains("Storage left the certified scope.", StringComparison.Ordinal));
        var flagged = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));
        var open = await HttpAssert.JsonAsync(await assessor.GetAsync("/api/v1/certificate-notices"));
        await HttpAssert.ProblemAsync(await s.Client.GetAsync("/api/v1/certificate-notices"), HttpStatusCode.Forbidden, "auth.forbidden");
        var reviewed = await assessor.PostAsJsonAsync($"/api/v1/certificate-notices/{noticeId}/review", new { note = "Asked for the new scope statement." });
        var cleared = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{id}"));
        var stillOpen = await HttpAssert.JsonAsync(await assessor.GetAsync("/api/v1/certificate-notices"));

        Assert.True(flagged.GetProperty("summary").GetProperty("flaggedForReview").GetBoolean());
        Assert.Contains(mail.ToAddresses, a => string.Equals(a.Address, assessorUser.Email, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Certificate change reported by ", mail.Headers["Subject"], StringComparison.Ordinal);
        Assert.Contains($"https://adhere.test/console/declarations/{id}", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.Contains(open.EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId && n.GetProperty("kind").GetString() == "scope-changed");
        Assert.Equal(HttpStatusCode.NoContent, reviewed.StatusCode);
        Assert.False(cleared.GetProperty("summary").GetProperty("flaggedForReview").GetBoolean());
        Assert.DoesNotContain(stillOpen.EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId);
        await HttpAssert.ProblemAsync(await assessor.PostAsJsonAsync($"/api/v1/certificate-notices/{noticeId}/review", new { note = "again" }),
            HttpStatusCode.Conflict, "certificate.notice-reviewed");
    }

    private static List<string?> Names(JsonElement services) => [.. services.EnumerateArray().Select(x => x.GetProperty("name").GetString())];

    private async Task<Adhere.Core.Organisations.OrganisationDetails> OrganisationOfAsync(DeclarationScenario s) =>
        await app.WithSystemAsync(async sp => (await sp.GetRequiredService<Adhere.Core.Organisations.OrganisationQueries>()
            .GetAsync(s.Editor.OrganisationId.Value, CancellationToken.None)).Value);

    private Task<string> CategoryAsync() =>
        app.WithSystemAsync(async sp =>
        {
            var name = $"Category {Guid.NewGuid():N}";
            var added = await sp.GetRequiredService<Adhere.Core.Services.AddServiceCategory>().HandleAsync(new($"Code {Guid.NewGuid():N}", name), CancellationToken.None);
            return added.Value.Name;
        });

    /// <summary>A draft with nothing missing: categorised services, all answers, contact, agreement, level and a certificate.</summary>
    private async Task<Guid> CompleteDraftAsync(DeclarationScenario s, Guid[]? services = null)
    {
        var category = await CategoryAsync();
        foreach (var service in services ?? [s.ServiceA, s.ServiceB])
        {
            var current = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/services/{service}"));
            await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/services/{service}", new { name = current.GetProperty("name").GetString(), category }));
        }

        var id = DeclarationScenario.IdOf(await s.StartAsync(services: services));
        var agreement = await s.UploadAsync("dpa.pdf");
        var report = await s.UploadAsync("audit.pdf");
        await HttpAssert.JsonAsync(await s.Client.PutAsJsonAsync($"/api/v1/declarations/{id}", new
        {
            requestedLevel = 2, contactName = "Dana", contactEmail = "dpo@provider.example",
            agreements = new[] { new { documentId = agreement, kind = "data-processing-agreement" } },
        }));
        await s.AnswerAllAsync(id);
        await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate(covered: services, auditReport: report)),
            HttpStatusCode.Created);
        return id;
    }
}
