using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Core.Documents;
using Adhere.Core.Services;
using Adhere.Core.Catalogue;
using Adhere.Core.Declarations;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Tenancy;

/// <summary>
/// Walks every endpoint and page that takes an object ID, as every role, against objects of an organisation the
/// caller does not belong to (or, for personal tokens, of another user). A denied probe must answer exactly as
/// for an ID that does not exist (so existence does not leak) and must change nothing. Allowed probes are the
/// positive controls that prove the probes reach real objects. Later features add their probes to <see cref="Probes"/>.
/// Catalogue endpoints take IDs too but hold public information of no organisation; their role checks are in
/// Catalogue/CatalogueApiTests.
/// </summary>
public sealed class TenancyMatrixTests(TenancyWorld world) : IClassFixture<TenancyWorld>
{
    /// <summary>What a probe points at: objects owned by the foreign provider "B".</summary>
    public enum Target
    {
        Organisation,
        User,
        Token,
        Service,
        Document,
        Declaration,

        /// <summary>A certificate of the foreign declaration; its path names the declaration as <c>{declaration}</c>.</summary>
        Certificate,
        Notice,
        Assessment,

        /// <summary>A clarification request on the foreign declaration's assessment; its path names the declaration as <c>{declaration}</c>.</summary>
        Clarification,

        /// <summary>
        /// A complaint about the foreign provider, which belongs to the Monitoring Body: its path names the real reference as
        /// <c>{complaint}</c> and <c>{id}</c> stands for a guessed status key. Nobody, MB staff included, reads it without the key.
        /// </summary>
        Complaint,

        /// <summary>A question the MB put to B about the complaint; its text carries the complaint marker.</summary>
        ComplaintQuestion,

        /// <summary>The file the MB sent with B's question (its content carries the marker); its path names the question as <c>{question}</c>.</summary>
        ComplaintQuestionFile,

        /// <summary>The file of an internal note on the complaint (its content carries the marker); its path names the complaint as <c>{complaint}</c>.</summary>
        ComplaintNoteFile,
    }

    public enum Outcome
    {
        Denied,
        Allowed,
    }

    /// <param name="Allowed">Roles for which the probe is allowed (a positive control); every other caller is denied.</param>
    /// <param name="Mutates">True when an allowed call would change data; such calls are not made as positive controls.</param>
    public sealed record Probe(string Name, string Method, string Path, Target Target, bool Page, string[] Allowed, bool Mutates, object? Body = null);

    private static readonly string[] MbAll = ["mb-admin", "mb-assessor", "mb-decision-maker"];

    public static readonly Probe[] Probes =
    [
        new("api get organisation", "GET", "/api/v1/organisations/{id}", Target.Organisation, false, MbAll, false),
        new("api organisation members", "GET", "/api/v1/organisations/{id}/members", Target.Organisation, false, MbAll, false),
        new("api update organisation", "PUT", "/api/v1/organisations/{id}", Target.Organisation, false, ["mb-admin"], true,
            new { name = "Taken over", website = "https://evil.example" }),
        new("api get user", "GET", "/api/v1/users/{id}", Target.User, false, ["mb-admin"], false),
        new("api disable user", "POST", "/api/v1/users/{id}/disable", Target.User, false, ["mb-admin"], true),
        new("api enable user", "POST", "/api/v1/users/{id}/enable", Target.User, false, ["mb-admin"], true),
        new("api revoke token", "DELETE", "/api/v1/me/tokens/{id}", Target.Token, false, [], true),
        new("api get service", "GET", "/api/v1/services/{id}", Target.Service, false, MbAll, false),
        new("api update service", "PUT", "/api/v1/services/{id}", Target.Service, false, ["mb-admin"], true,
            new { name = "Taken over", description = "Planted" }),
        new("api retire service", "POST", "/api/v1/services/{id}/retire", Target.Service, false, ["mb-admin"], true),
        new("api reactivate service", "POST", "/api/v1/services/{id}/reactivate", Target.Service, false, ["mb-admin"], true),
        new("api get document", "GET", "/api/v1/documents/{id}", Target.Document, false, MbAll, false),
        new("api document content", "GET", "/api/v1/documents/{id}/content", Target.Document, false, MbAll, false),
        new("api get declaration", "GET", "/api/v1/declarations/{id}", Target.Declaration, false, MbAll, false),
        new("api declaration answers", "GET", "/api/v1/declarations/{id}/answers", Target.Declaration, false, MbAll, false),
        new("api declaration answer", "GET", "/api/v1/declarations/{id}/answers/5.1.A", Target.Declaration, false, MbAll, false),
        new("api update declaration", "PUT", "/api/v1/declarations/{id}", Target.Declaration, false, [], true, new { title = "Taken over" }),
        new("api save answer", "PUT", "/api/v1/declarations/{id}/answers/5.1.A", Target.Declaration, false, [], true, new { statement = "Planted" }),
        new("api add certificate", "POST", "/api/v1/declarations/{id}/certificates", Target.Declaration, false, [], true,
            new { standard = "iso-27001-2022", number = "X", certificationBody = "X", scopeStatement = "X", issuedOn = "2026-01-01", expiresOn = "2027-01-01" }),
        new("api submit declaration", "POST", "/api/v1/declarations/{id}/submit", Target.Declaration, false, [], true),
        new("api withdraw declaration", "POST", "/api/v1/declarations/{id}/withdraw", Target.Declaration, false, [], true),
        new("api suspend declaration", "POST", "/api/v1/declarations/{id}/suspend", Target.Declaration, false, MbAll, true, new { reason = "Planted" }),
        new("api reinstate declaration", "POST", "/api/v1/declarations/{id}/reinstate", Target.Declaration, false, MbAll, true, new { reason = "Planted" }),
        new("api revoke declaration", "POST", "/api/v1/declarations/{id}/revoke", Target.Declaration, false, MbAll, true, new { reason = "Planted" }),
        new("api start renewal", "POST", "/api/v1/declarations/{id}/renewal", Target.Declaration, false, [], true),
        new("api renewal statement", "PUT", "/api/v1/declarations/{id}/renewal-statement", Target.Declaration, false, [], true, new { noMaterialChange = true }),
        new("api update certificate", "PUT", "/api/v1/declarations/{declaration}/certificates/{id}", Target.Certificate, false, [], true,
            new { standard = "iso-27001-2022", number = "X", certificationBody = "X", scopeStatement = "X", issuedOn = "2026-01-01", expiresOn = "2027-01-01" }),
        new("api remove certificate", "DELETE", "/api/v1/declarations/{declaration}/certificates/{id}", Target.Certificate, false, [], true),
        new("api report certificate change", "POST", "/api/v1/declarations/{declaration}/certificates/{id}/notices", Target.Certificate, false, [], true,
            new { kind = "withdrawn", description = "Planted" }),
        new("api get assessment", "GET", "/api/v1/assessments/{id}", Target.Assessment, false, MbAll, false),
        new("api get selection", "GET", "/api/v1/assessments/{id}/selection", Target.Assessment, false, MbAll, false),
        new("api assessment report", "GET", "/api/v1/assessments/{id}/report?format=md", Target.Assessment, false, MbAll, false),
        // MB staff preview the latest assessment's report of any declaration; a provider only of its own.
        new("api declaration report", "GET", "/api/v1/declarations/{id}/report?format=md", Target.Declaration, false, MbAll, false),
        new("page assessment report", "GET", "/console/assessments/{id}/report", Target.Assessment, true, MbAll, false),
        new("page download assessment report", "GET", "/console/assessments/{id}/report?handler=Download&format=md", Target.Assessment, true, MbAll, false),
        // The world's assessment is not approved, so nobody finds an issued report: every caller must get the answer of a
        // missing ID. The positive controls are in Reports/IssuedReportTests.
        new("api issued assessment report", "GET", "/api/v1/assessments/{id}/report/issued", Target.Assessment, false, [], false),
        new("api issued declaration report", "GET", "/api/v1/declarations/{id}/report/issued", Target.Declaration, false, [], false),
        new("api assessment oscal results", "GET", "/api/v1/assessments/{id}/oscal/assessment-results", Target.Assessment, false, MbAll, false),
        new("api assessment oscal plan", "GET", "/api/v1/assessments/{id}/oscal/assessment-plan", Target.Assessment, false, MbAll, false),
        // As with the report: MB staff export the latest assessment of any declaration, drafts included; a provider only its own approved one.
        new("api declaration oscal results", "GET", "/api/v1/declarations/{id}/oscal/assessment-results", Target.Declaration, false, MbAll, false),
        new("api declaration oscal plan", "GET", "/api/v1/declarations/{id}/oscal/assessment-plan", Target.Declaration, false, MbAll, false),
        // Only the assigned assessor changes a selection; for other MB staff these are role errors, so all three are positive controls that would write.
        new("api make selection", "POST", "/api/v1/assessments/{id}/selection", Target.Assessment, false, MbAll, true, new { seed = 1 }),
        new("api add to selection", "POST", "/api/v1/assessments/{id}/selection/additions", Target.Assessment, false, MbAll, true,
            new { controlKey = "5.1.A", reason = "Planted" }),
        new("api remove from selection", "POST", "/api/v1/assessments/{id}/selection/removals", Target.Assessment, false, MbAll, true,
            new { controlKey = "5.1.A", reason = "Planted" }),
        new("api freeze selection", "POST", "/api/v1/assessments/{id}/selection/freeze", Target.Assessment, false, MbAll, true, new { }),
        // The assessment steps: MB staff reach every assessment (the aggregate then judges role and assignment); providers never do.
        new("api assign assessor", "POST", "/api/v1/assessments/{id}/assessors", Target.Assessment, false, MbAll, true, new { userId = Guid.NewGuid() }),
        new("api assign decision maker", "PUT", "/api/v1/assessments/{id}/decision-maker", Target.Assessment, false, MbAll, true, new { userId = Guid.NewGuid() }),
        new("api checklist item", "PUT", "/api/v1/assessments/{id}/checklist/answers-complete", Target.Assessment, false, MbAll, true, new { status = "confirmed" }),
        new("api certificate review", "PUT", $"/api/v1/assessments/{{id}}/certificate-reviews/{Guid.Empty}", Target.Assessment, false, MbAll, true, new { verdict = "accepted" }),
        new("api complete fact finding", "POST", "/api/v1/assessments/{id}/complete-fact-finding", Target.Assessment, false, MbAll, true, new { }),
        new("api request clarification", "POST", "/api/v1/assessments/{id}/clarifications", Target.Assessment, false, MbAll, true, new { topic = "Planted", question = "Planted" }),
        new("api close clarification", "POST", "/api/v1/assessments/{assessment}/clarifications/{id}/close", Target.Clarification, false, MbAll, true, new { note = "Planted" }),
        new("api resume assessment", "POST", "/api/v1/assessments/{id}/resume", Target.Assessment, false, MbAll, true, new { }),
        new("api control finding", "PUT", "/api/v1/assessments/{id}/findings/controls/5.1.A", Target.Assessment, false, MbAll, true, new { result = "satisfied" }),
        new("api narrative finding", "PUT", "/api/v1/assessments/{id}/findings/narratives/subprocessors", Target.Assessment, false, MbAll, true, new { text = "Planted" }),
        new("api send to decision", "POST", "/api/v1/assessments/{id}/send-to-decision", Target.Assessment, false, MbAll, true, new { }),
        new("api send back", "POST", "/api/v1/assessments/{id}/send-back", Target.Assessment, false, MbAll, true, new { reason = "Planted" }),
        new("api approve", "POST", "/api/v1/assessments/{id}/approve", Target.Assessment, false, MbAll, true, new { }),
        new("api reject", "POST", "/api/v1/assessments/{id}/reject", Target.Assessment, false, MbAll, true, new { reason = "Planted" }),
        new("api cancel assessment", "POST", "/api/v1/assessments/{id}/cancel", Target.Assessment, false, MbAll, true, new { reason = "Planted" }),
        new("api coverage", "GET", "/api/v1/organisations/{id}/coverage", Target.Organisation, false, MbAll, false),
        new("api coverage svg", "GET", "/api/v1/organisations/{id}/coverage.svg", Target.Organisation, false, MbAll, false),
        // MB staff may reach any declaration (the assessor would open it; the others get a role error), so all three are positive controls.
        new("api open assessment", "POST", "/api/v1/assessments", Target.Declaration, false, MbAll, true, new { declarationId = "{id}", kind = "ad-hoc", adHocReason = "complaint" }),
        new("api declaration clarifications", "GET", "/api/v1/declarations/{id}/clarifications", Target.Declaration, false, MbAll, false),
        new("api reply to clarification", "POST", "/api/v1/declarations/{declaration}/clarifications/{id}/replies", Target.Clarification, false, [], true,
            new { text = "Planted" }),
        new("api review notice", "POST", "/api/v1/certificate-notices/{id}/review", Target.Notice, false, MbAll, true, new { note = "x" }),
        new("page declaration", "GET", "/portal/declarations/{id}", Target.Declaration, true, [], false),
        new("page declaration section", "GET", "/portal/declarations/{id}/sections/5", Target.Declaration, true, [], false),
        new("page declaration certificates", "GET", "/portal/declarations/{id}/certificates", Target.Declaration, true, [], false),
        new("page save declaration settings", "POST", "/portal/declarations/{id}?handler=Settings", Target.Declaration, true, [], true,
            new Dictionary<string, string> { ["Settings.Title"] = "Taken over" }),
        new("page submit declaration", "POST", "/portal/declarations/{id}?handler=Submit", Target.Declaration, true, [], true, new Dictionary<string, string>()),
        new("page withdraw declaration", "POST", "/portal/declarations/{id}?handler=Withdraw", Target.Declaration, true, [], true, new Dictionary<string, string>()),
        new("page state renewal", "POST", "/portal/declarations/{id}?handler=Renewal", Target.Declaration, true, [], true,
            new Dictionary<string, string> { ["Renewal.NoMaterialChange"] = "true" }),
        new("page save answer", "POST", "/portal/declarations/{id}/sections/5?handler=Save&control=5.1.A", Target.Declaration, true, [], true,
            new Dictionary<string, string> { ["Answer.Statement"] = "Planted" }),
        new("page add certificate", "POST", "/portal/declarations/{id}/certificates", Target.Declaration, true, [], true,
            new Dictionary<string, string> { ["Certificate.Number"] = "PLANTED", ["Certificate.CertificationBody"] = "Body", ["Certificate.IssuedOn"] = "2026-01-01", ["Certificate.ExpiresOn"] = "2027-01-01" }),
        new("page start renewal", "POST", "/portal/declarations?handler=Renew&id={id}", Target.Declaration, true, [], true, new Dictionary<string, string>()),
        new("page declaration clarifications", "GET", "/portal/declarations/{id}/clarifications", Target.Declaration, true, [], false),
        new("page reply to clarification", "POST", "/portal/declarations/{declaration}/clarifications?handler=Reply&requestId={id}", Target.Clarification, true, [], true,
            new Dictionary<string, string> { ["Reply.Text"] = "Planted" }),
        new("page console declaration", "GET", "/console/declarations/{id}", Target.Declaration, true, MbAll, false),
        new("page console assessment", "GET", "/console/assessments/{id}", Target.Assessment, true, MbAll, false),
        // Every MB member reaches any assessment's forms (the use case then judges the role); CSP members never reach the console.
        new("page record checklist item", "POST", "/console/assessments/{id}?handler=Checklist", Target.Assessment, true, MbAll, true,
            new Dictionary<string, string> { ["item"] = "answers-complete", ["status"] = "confirmed" }),
        new("page open assessment", "POST", "/console/assessments?handler=Open&declarationId={id}", Target.Declaration, true, MbAll, true, new Dictionary<string, string>()),
        new("page certificate", "GET", "/portal/declarations/{declaration}/certificates/{id}", Target.Certificate, true, [], false),
        new("page update certificate", "POST", "/portal/declarations/{declaration}/certificates/{id}?handler=Update", Target.Certificate, true, [], true,
            new Dictionary<string, string> { ["Certificate.Number"] = "PLANTED" }),
        new("page remove certificate", "POST", "/portal/declarations/{declaration}/certificates/{id}?handler=Remove", Target.Certificate, true, [], true,
            new Dictionary<string, string>()),
        new("page report certificate change", "POST", "/portal/declarations/{declaration}/certificates/{id}?handler=Report", Target.Certificate, true, [], true,
            new Dictionary<string, string> { ["Notice.Kind"] = "withdrawn", ["Notice.Description"] = "Planted" }),
        // MB staff may review any provider's notice (a positive control that would change data); CSP members never reach the console.
        new("page review notice", "POST", "/console/certificate-notices?handler=Review&noticeId={id}", Target.Notice, true, MbAll, true,
            new Dictionary<string, string> { ["Note"] = "x" }),
        new("page organisation", "GET", "/console/organisations/{id}", Target.Organisation, true, MbAll, false),
        new("api complaint status", "GET", "/api/v1/complaints/status?reference={complaint}&key={id}", Target.Complaint, false, [], false),
        new("api complaint status by body", "POST", "/api/v1/complaints/status", Target.Complaint, false, [], false, new { reference = "{complaint}", key = "{id}" }),
        new("page complaint status link", "GET", "/complaints/status?ref={complaint}&key={id}", Target.Complaint, true, [], false),
        new("page complaint status form", "POST", "/complaints/status", Target.Complaint, true, [], false,
            new Dictionary<string, string> { ["ref"] = "{complaint}", ["key"] = "{id}" }),
        // The MB's case handling names the complaint by its reference: MB staff reach it, providers never (the same answer for any reference).
        new("api complaint case", "GET", "/api/v1/complaints/{complaint}", Target.Complaint, false, MbAll, false),
        new("api complaint step", "POST", "/api/v1/complaints/{complaint}/steps", Target.Complaint, false, MbAll, true,
            new { trigger = "start-admissibility-check" }),
        new("page complaint case", "GET", "/console/complaints/{complaint}", Target.Complaint, true, MbAll, false),
        // Measures and authority notices belong to the MB's case: providers never reach them; a measure or notice named by a
        // guessed ID is found by nobody. The catalogue (GET /api/v1/complaints/measures) holds no case data (ComplaintMeasuresTests).
        new("api impose complaint measure", "POST", "/api/v1/complaints/{complaint}/measures", Target.Complaint, false, MbAll, true,
            new { key = "reprimand", reasons = "Planted" }),
        new("api lift complaint measure", "POST", "/api/v1/complaints/{complaint}/measures/{id}/lift", Target.Complaint, false, [], true,
            new { reasons = "Planted" }),
        new("api follow up complaint measure", "POST", "/api/v1/complaints/{complaint}/measures/{id}/follow-up", Target.Complaint, false, [], true,
            new { outcome = "met", notes = "Planted" }),
        new("api authority notice pdf", "GET", "/api/v1/complaints/{complaint}/notices/{id}.pdf", Target.Complaint, false, [], false),
        // The investigation: MB staff reach the case (administrators are then refused by the domain, on a page that shows the case
        // they may read); providers never reach it.
        new("api ask complaint question", "POST", "/api/v1/complaints/{complaint}/questions", Target.Complaint, false, MbAll, true,
            new Dictionary<string, string> { ["to"] = "provider", ["text"] = "Planted" }),
        new("api add complaint note", "POST", "/api/v1/complaints/{complaint}/notes", Target.Complaint, false, MbAll, true,
            new Dictionary<string, string> { ["text"] = "Planted" }),
        new("api complaint case file", "GET", "/api/v1/complaints/{complaint}/files/{id}", Target.ComplaintNoteFile, false, ["mb-assessor", "mb-decision-maker"], false),
        new("page complaint case file", "GET", "/console/complaints/{complaint}?handler=File&fileId={id}", Target.ComplaintNoteFile, true, ["mb-assessor", "mb-decision-maker"], false),
        new("page ask complaint question", "POST", "/console/complaints/{complaint}?handler=Ask", Target.Complaint, true, MbAll, true,
            new Dictionary<string, string> { ["to"] = "provider", ["text"] = "Planted" }),
        new("page add complaint note", "POST", "/console/complaints/{complaint}?handler=Note", Target.Complaint, true, MbAll, true,
            new Dictionary<string, string> { ["text"] = "Planted" }),
        // A provider reads and answers only the questions put to it: B's question is, for A's members, a question that does not exist.
        new("api complaint question", "GET", "/api/v1/complaint-questions/{id}", Target.ComplaintQuestion, false, [], false),
        new("api answer complaint question", "POST", "/api/v1/complaint-questions/{id}/answer", Target.ComplaintQuestion, false, [], true,
            new Dictionary<string, string> { ["text"] = "Planted" }),
        new("api complaint question file", "GET", "/api/v1/complaint-questions/{question}/files/{id}", Target.ComplaintQuestionFile, false, [], false),
        new("page complaint question file", "GET", "/portal/complaints?handler=File&questionId={question}&fileId={id}", Target.ComplaintQuestionFile, true, [], false),
        new("page answer complaint question", "POST", "/portal/complaints?handler=Answer&questionId={id}", Target.ComplaintQuestion, true, [], true,
            new Dictionary<string, string> { ["Text"] = "Planted" }),
        // The complainant's answer link: only its secret opens it, for everybody, MB staff included.
        new("api complaint answer link", "GET", "/api/v1/complaint-answers/caq_{id}", Target.Complaint, false, [], false),
        new("api answer by link", "POST", "/api/v1/complaint-answers/caq_{id}", Target.Complaint, false, [], true,
            new Dictionary<string, string> { ["text"] = "Planted" }),
        new("page complaint answer link", "GET", "/complaints/answer/caq_{id}", Target.Complaint, true, [], false),
        // Topics and the ad-hoc assessment from a complaint: MB staff reach every complaint (the use case then judges role and conflicts).
        new("api complaint topics", "PUT", "/api/v1/complaints/{complaint}/topics", Target.Complaint, false, MbAll, true, new { topics = new[] { "breaches" } }),
        new("api complaint assessment", "POST", "/api/v1/complaints/{complaint}/assessment", Target.Complaint, false, MbAll, true, new { }),
        new("page complaint topics", "POST", "/console/complaints/{complaint}?handler=Topics", Target.Complaint, true, MbAll, true,
            new Dictionary<string, string> { ["topics"] = "breaches" }),
        new("page complaint assessment", "POST", "/console/complaints/{complaint}?handler=Assessment", Target.Complaint, true, MbAll, true,
            new Dictionary<string, string>()),
        new("page coverage", "GET", "/console/organisations/{id}/coverage", Target.Organisation, true, MbAll, false),
        new("page save organisation", "POST", "/console/organisations/{id}?handler=Profile", Target.Organisation, true, ["mb-admin"], true,
            new Dictionary<string, string> { ["Profile.Name"] = "Taken over" }),
        new("page user", "GET", "/console/users/{id}", Target.User, true, ["mb-admin"], false),
        new("page disable user", "POST", "/console/users/{id}?handler=Disable", Target.User, true, ["mb-admin"], true, new Dictionary<string, string>()),
        new("page enable user", "POST", "/console/users/{id}?handler=Enable", Target.User, true, ["mb-admin"], true, new Dictionary<string, string>()),
        new("page revoke token", "POST", "/account/tokens?handler=Revoke&id={id}", Target.Token, true, [], true, new Dictionary<string, string>()),
        // The portal is for CSP members only, so no role reaches a foreign service's page.
        new("page document content", "GET", "/portal/documents/{id}/content", Target.Document, true, [], false),
        new("page service", "GET", "/portal/services/{id}", Target.Service, true, [], false),
        new("page save service", "POST", "/portal/services/{id}?handler=Update", Target.Service, true, [], true,
            new Dictionary<string, string> { ["Form.Name"] = "Taken over" }),
        new("page retire service", "POST", "/portal/services/{id}?handler=Retire", Target.Service, true, [], true, new Dictionary<string, string>()),
        new("page reactivate service", "POST", "/portal/services/{id}?handler=Reactivate", Target.Service, true, [], true, new Dictionary<string, string>()),
    ];

    public static readonly string[] Callers = ["anonymous", "csp-editor", "csp-viewer", "mb-admin", "mb-assessor", "mb-decision-maker"];

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var caller in Callers)
        {
            foreach (var probe in Probes) data.Add(caller, probe.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Probe_ForeignObject_DeniedWithoutLeakOrChange(string caller, string probeName)
    {
        var probe = Probes.Single(p => p.Name == probeName);
        var allowed = probe.Allowed.Contains(caller);
        if (allowed && probe.Mutates) return; // a positive control that would change data; covered by the feature tests

        var before = await world.SnapshotAsync();
        var foreign = await world.SendAsync(caller, probe, world.ForeignId(probe.Target));
        var missing = await world.SendAsync(caller, probe, Guid.NewGuid());
        var after = await world.SnapshotAsync();

        if (allowed)
        {
            Assert.True(foreign.Status == HttpStatusCode.OK, $"{caller} should reach {probe.Name}: got {(int)foreign.Status} {foreign.Body}");
            Assert.Contains(world.ForeignMarker(probe.Target), foreign.Body, StringComparison.Ordinal);
            return;
        }

        Assert.True(foreign.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect,
            $"{caller} on {probe.Name}: unexpected {(int)foreign.Status}");
        Assert.Equal(missing.Status, foreign.Status);
        Assert.Equal(missing.ErrorCode, foreign.ErrorCode);
        Assert.Equal(missing.RedirectPath, foreign.RedirectPath);
        Assert.DoesNotContain(world.ForeignMarker(probe.Target), foreign.Body, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task CspMember_ListingOrganisations_SeesOnlyItsOwn()
    {
        var json = await HttpAssert.JsonAsync(await world.Api("csp-viewer").GetAsync("/api/v1/organisations"));

        var names = json.EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Equal([world.OwnOrganisation.Name], names);
    }

    [Theory]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public async Task CspMember_ListingServices_SeesOnlyItsOwn(string caller)
    {
        var all = await HttpAssert.JsonAsync(await world.Api(caller).GetAsync("/api/v1/services"));
        var asked = await HttpAssert.JsonAsync(await world.Api(caller).GetAsync($"/api/v1/services?organisationId={world.ForeignOrganisation.Id}"));
        var page = await (await world.Page(caller).GetAsync("/portal/services")).Content.ReadAsStringAsync();

        Assert.Equal([world.OwnServiceName], all.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList());
        Assert.Equal(0, asked.GetArrayLength());
        Assert.Contains(world.OwnServiceName, page, StringComparison.Ordinal);
        Assert.DoesNotContain(world.ForeignServiceName, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspEditor_OwnOrganisation_IsReachable()
    {
        var json = await HttpAssert.JsonAsync(await world.Api("csp-editor").GetAsync($"/api/v1/organisations/{world.OwnOrganisation.Id}/members"));

        Assert.Equal(2, json.GetArrayLength());
    }

    [Fact]
    public async Task CspEditor_UpdatingForeignOrganisation_LeavesItUntouched()
    {
        var response = await world.Api("csp-editor").PutAsJsonAsync($"/api/v1/organisations/{world.ForeignOrganisation.Id}", new { name = "Mine now" });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "organisation.not-found");
        var stored = await world.App.WithSystemAsync(sp => sp.GetRequiredService<OrganisationQueries>().GetAsync(world.ForeignOrganisation.Id, CancellationToken.None));
        Assert.Equal(world.ForeignOrganisation.Name, stored.Value.Name);
    }
}

/// <summary>Two providers (own "A", foreign "B"), the Monitoring Body, a client per role, and B's objects.</summary>
public sealed class TenancyWorld : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> api = [];
    private readonly Dictionary<string, PageClient> pages = [];

    /// <summary>With the complaint limit raised: every caller posts to the complainant's answer link twice from one address.</summary>
    public AdhereAppFactory App { get; } = new Complaints.ComplaintsAppFactory();

    public OrganisationDetails OwnOrganisation { get; private set; } = null!;

    public OrganisationDetails ForeignOrganisation { get; private set; } = null!;

    public TestUser ForeignUser { get; private set; } = null!;

    public Guid ForeignTokenId { get; private set; }

    public string ForeignTokenName { get; } = $"foreign-token-{Guid.NewGuid():N}";

    public Guid ForeignServiceId { get; private set; }

    public string ForeignServiceName { get; } = $"Foreign Service {Guid.NewGuid():N}";

    public string OwnServiceName { get; } = $"Own Service {Guid.NewGuid():N}";

    public Guid ForeignDocumentId { get; private set; }

    /// <summary>The foreign document's file name, also written into its content so that a leaked download shows it.</summary>
    public string ForeignDocumentName { get; } = $"foreign-document-{Guid.NewGuid():N}.txt";

    public Guid ForeignDeclarationId { get; private set; }

    /// <summary>The foreign declaration's title and the text of its answer to 5.1.A.</summary>
    public string ForeignDeclarationMarker { get; } = $"Foreign declaration {Guid.NewGuid():N}";

    public Guid ForeignCertificateId { get; private set; }

    public string ForeignCertificateNumber { get; } = $"FOREIGN-{Guid.NewGuid():N}";

    public Guid ForeignNoticeId { get; private set; }

    public Guid ForeignAssessmentId { get; private set; }

    /// <summary>A question on B's assessment; its text carries the declaration marker, so that a leaked list shows it.</summary>
    public Guid ForeignClarificationId { get; private set; }

    /// <summary>The reference of a complaint about B, whose text and complainant carry <see cref="ForeignComplaintMarker"/>.</summary>
    public string ForeignComplaintReference { get; private set; } = string.Empty;

    public string ForeignComplaintMarker { get; } = $"complaint-{Guid.NewGuid():N}";

    /// <summary>A question to B about the complaint, with a file; an internal note with a file.</summary>
    public Guid ForeignQuestionId { get; private set; }

    public Guid ForeignQuestionFileId { get; private set; }

    public Guid ForeignNoteFileId { get; private set; }

    /// <summary>A guessed status key (the real one is never known to a prober).</summary>
    public Guid ForeignComplaintKeyGuess { get; } = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        OwnOrganisation = await App.CreateProviderAsync($"Own Provider {Guid.NewGuid():N}");
        ForeignOrganisation = await App.CreateProviderAsync($"Foreign Provider {Guid.NewGuid():N}");
        ForeignUser = await App.CreateUserAsync(Role.CspEditor, ForeignOrganisation);
        ForeignTokenId = (await App.CreateTokenAsync(ForeignUser, name: ForeignTokenName)).Id;
        ForeignServiceId = await CreateServiceAsync(ForeignOrganisation.Id, ForeignServiceName);
        await CreateServiceAsync(OwnOrganisation.Id, OwnServiceName);
        ForeignDocumentId = await UploadDocumentAsync(ForeignOrganisation.Id, ForeignDocumentName);
        await CreateForeignDeclarationAsync();

        foreach (var role in Role.All)
        {
            var user = await App.CreateUserAsync(role, role.IsMonitoringBodyRole ? null : OwnOrganisation);
            api[role.Name] = await App.ApiClientAsync(user);
            pages[role.Name] = await App.SignInAsync(user);
        }

        api["anonymous"] = App.ApiClient(null);
        ForeignAssessmentId = await CreateForeignAssessmentAsync();
        pages["anonymous"] = App.AnonymousPageClient();
        ForeignComplaintReference = await App.WithSystemAsync(async sp =>
        {
            var filed = await sp.GetRequiredService<Adhere.Core.Complaints.SubmitComplaint>().HandleAsync(new("2026LVL02TENANCY001", null, ForeignServiceName,
                "customer", ForeignComplaintMarker, $"{ForeignComplaintMarker}@example.org", false, $"Conduct {ForeignComplaintMarker}"), CancellationToken.None);
            return filed.IsError ? throw new InvalidOperationException(filed.Error!.Message) : filed.Value.Reference;
        });
        await CreateForeignInvestigationAsync();
    }

    /// <summary>The complaint about B in its admissibility check, a question to B with a file, and an internal note with a file.</summary>
    private async Task CreateForeignInvestigationAsync()
    {
        (ForeignQuestionId, ForeignQuestionFileId, ForeignNoteFileId) = await App.WithSystemAsync(async sp =>
        {
            static async Task<T> Ok<T>(Task<Adhere.Domain.Common.Result<T>> call)
            {
                var result = await call;
                return result.IsError ? throw new InvalidOperationException(result.Error!.Message) : result.Value;
            }

            await Ok(sp.GetRequiredService<Adhere.Core.Complaints.MoveComplaint>().HandleAsync(
                new(ForeignComplaintReference, Adhere.Domain.Complaints.ComplaintTrigger.StartAdmissibilityCheck), CancellationToken.None));
            using var questionFile = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"Question file {ForeignComplaintMarker}"));
            var asked = await Ok(sp.GetRequiredService<Adhere.Core.Complaints.Investigation.AskComplaintQuestion>().HandleAsync(
                new(ForeignComplaintReference, "provider", $"Question {ForeignComplaintMarker}", null, [new("question.txt", questionFile)]), CancellationToken.None));
            using var noteFile = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"Note file {ForeignComplaintMarker}"));
            var note = await Ok(sp.GetRequiredService<Adhere.Core.Complaints.Investigation.AddComplaintNote>().HandleAsync(
                new(ForeignComplaintReference, $"Note {ForeignComplaintMarker}", [new("note.txt", noteFile)]), CancellationToken.None));
            var db = sp.GetRequiredService<AdhereDb>();
            var files = await db.InvestigationFiles.AsNoTracking().Select(f => new { f.Id, f.QuestionId, f.NoteId }).ToListAsync();
            return (asked.Id, files.Single(f => f.QuestionId?.Value == asked.Id).Id.Value, files.Single(f => f.NoteId?.Value == note).Id.Value);
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in api.Values) c.Dispose();
        foreach (var p in pages.Values) p.Dispose();
        await App.DisposeAsync();
    }

    public HttpClient Api(string caller) => api[caller];

    public PageClient Page(string caller) => pages[caller];

    private Task<Guid> CreateServiceAsync(Guid organisationId, string name) =>
        App.WithSystemAsync(async sp =>
        {
            var created = await sp.GetRequiredService<CreateService>().HandleAsync(new(organisationId, name, "Tenancy probe", null, null), CancellationToken.None);
            return created.IsError ? throw new InvalidOperationException(created.Error!.Message) : created.Value.Id;
        });

    private Task<Guid> UploadDocumentAsync(Guid organisationId, string name) =>
        App.WithSystemAsync(async sp =>
        {
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"Tenancy probe {name}"));
            var uploaded = await sp.GetRequiredService<UploadDocument>().HandleAsync(new(organisationId, name, content), CancellationToken.None);
            return uploaded.IsError ? throw new InvalidOperationException(uploaded.Error!.Message) : uploaded.Value.Id;
        });

    /// <summary>B's verified declaration (title and one answer carry the marker), with a certificate and an open change notice.</summary>
    private async Task CreateForeignDeclarationAsync()
    {
        var code = $"Tenancy Code {Guid.NewGuid():N}";
        await App.WithSystemAsync(async sp =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Declarations.DeclarationScenario.Yaml(code));
            await sp.GetRequiredService<ImportCatalogue>().HandleAsync(new(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Native, false), CancellationToken.None);
        });
        var today = DateOnly.FromDateTime(App.Time.GetUtcNow().UtcDateTime);
        (ForeignDeclarationId, ForeignCertificateId) = await App.WithUserAsync(ForeignUser, async sp =>
        {
            var started = await sp.GetRequiredService<StartDeclaration>().HandleAsync(
                new(null, code, "1.0", null, [ForeignServiceId], ForeignDeclarationMarker, 2, null, null), CancellationToken.None);
            var id = started.IsError ? throw new InvalidOperationException(started.Error!.Message) : started.Value.Summary.Id;
            await sp.GetRequiredService<SaveAnswer>().HandleAsync(new(id, "5.1.A", ForeignDeclarationMarker, null, null, null), CancellationToken.None);
            var certificate = await sp.GetRequiredService<AddCertificate>().HandleAsync(id, new CertificateInput("iso-27001-2022", null, ForeignCertificateNumber,
                "Body", null, "Scope", [ForeignServiceId], today.AddDays(-10), today.AddYears(2), null, null), CancellationToken.None);
            return (id, certificate.IsError ? throw new InvalidOperationException(certificate.Error!.Message) : certificate.Value.Id);
        });
        await App.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var declaration = await db.Declarations.FirstAsync(d => d.Id == new DeclarationId(ForeignDeclarationId));
            declaration.RecordImportedVerification("2026LVL02TENANCY001", ComplianceLevel.Second, today, today.AddYears(1).AddDays(-1),
                DeclarationStatus.Verified, App.Time.GetUtcNow());
            await db.SaveChangesAsync();
        });
        ForeignNoticeId = await App.WithUserAsync(ForeignUser, async sp =>
        {
            var notice = await sp.GetRequiredService<ReportCertificateChange>().HandleAsync(
                new(ForeignDeclarationId, ForeignCertificateId, "renewed", $"Renewed {ForeignCertificateNumber}", null, null), CancellationToken.None);
            return notice.IsError ? throw new InvalidOperationException(notice.Error!.Message) : notice.Value;
        });
    }

    /// <summary>An ad-hoc assessment of B's verified declaration, opened by an MB assessor.</summary>
    private async Task<Guid> CreateForeignAssessmentAsync()
    {
        var assessor = await App.CreateUserAsync(Role.MbAssessor);
        var id = await App.WithUserAsync(assessor, async sp =>
        {
            var opened = await sp.GetRequiredService<Adhere.Core.Assessments.OpenAssessment>()
                .HandleAsync(new(ForeignDeclarationId, "ad-hoc", "complaint"), CancellationToken.None);
            var id = opened.IsError ? throw new InvalidOperationException(opened.Error!.Message) : opened.Value.Id;
            // A frozen selection, so that the selection and coverage probes reach real data.
            var selected = await sp.GetRequiredService<Adhere.Core.Assessments.Selection.SelectControls>().HandleAsync(new(id, 1, ["tenancy"]), CancellationToken.None);
            if (selected.IsError) throw new InvalidOperationException(selected.Error!.Message);
            var frozen = await sp.GetRequiredService<Adhere.Core.Assessments.Selection.FreezeSelection>().HandleAsync(id, CancellationToken.None);
            return frozen.IsError ? throw new InvalidOperationException(frozen.Error!.Message) : id;
        });
        ForeignClarificationId = await App.WithUserAsync(assessor, async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var assessment = await db.Assessments.SingleAsync(a => a.Id == new AssessmentId(id));
            var declaration = await sp.GetRequiredService<DeclarationAccess>().LoadAsync(ForeignDeclarationId, CancellationToken.None);
            var asked = assessment.RequestClarification(declaration!, ClarificationSubject.ForTopic("Tenancy").Value, $"Question on {ForeignDeclarationMarker}", null,
                ClarificationSettings.Default, assessor.Id, Role.MbAssessor, App.Time.GetUtcNow());
            if (asked.IsError) throw new InvalidOperationException(asked.Error!.Message);
            await db.SaveChangesAsync();
            return asked.Value.Id.Value;
        });
        return id;
    }

    public Guid ForeignId(TenancyMatrixTests.Target target) => target switch
    {
        TenancyMatrixTests.Target.Assessment => ForeignAssessmentId,
        TenancyMatrixTests.Target.Clarification => ForeignClarificationId,
        TenancyMatrixTests.Target.Declaration => ForeignDeclarationId,
        TenancyMatrixTests.Target.Certificate => ForeignCertificateId,
        TenancyMatrixTests.Target.Notice => ForeignNoticeId,
        TenancyMatrixTests.Target.Organisation => ForeignOrganisation.Id,
        TenancyMatrixTests.Target.User => ForeignUser.Id.Value,
        TenancyMatrixTests.Target.Service => ForeignServiceId,
        TenancyMatrixTests.Target.Document => ForeignDocumentId,
        TenancyMatrixTests.Target.Complaint => ForeignComplaintKeyGuess,
        TenancyMatrixTests.Target.ComplaintQuestion => ForeignQuestionId,
        TenancyMatrixTests.Target.ComplaintQuestionFile => ForeignQuestionFileId,
        TenancyMatrixTests.Target.ComplaintNoteFile => ForeignNoteFileId,
        _ => ForeignTokenId,
    };

    /// <summary>Text that appears in a response only if the foreign object leaked into it.</summary>
    public string ForeignMarker(TenancyMatrixTests.Target target) => target switch
    {
        TenancyMatrixTests.Target.Declaration => ForeignDeclarationMarker,
        TenancyMatrixTests.Target.Clarification => ForeignDeclarationMarker,
        TenancyMatrixTests.Target.Certificate => ForeignCertificateNumber,
        TenancyMatrixTests.Target.Notice => ForeignCertificateNumber,
        TenancyMatrixTests.Target.Assessment => ForeignOrganisation.Name,
        TenancyMatrixTests.Target.Organisation => ForeignOrganisation.Name,
        TenancyMatrixTests.Target.User => ForeignUser.Email,
        TenancyMatrixTests.Target.Service => ForeignServiceName,
        TenancyMatrixTests.Target.Document => ForeignDocumentName,
        TenancyMatrixTests.Target.Complaint => ForeignComplaintMarker,
        TenancyMatrixTests.Target.ComplaintQuestion or TenancyMatrixTests.Target.ComplaintQuestionFile or TenancyMatrixTests.Target.ComplaintNoteFile => ForeignComplaintMarker,
        _ => ForeignTokenName,
    };

    public sealed record Answer(HttpStatusCode Status, string? ErrorCode, string? RedirectPath, string Body);

    public async Task<Answer> SendAsync(string caller, TenancyMatrixTests.Probe probe, Guid id)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var path = probe.Path.Replace("{id}", id.ToString(), StringComparison.Ordinal)
            .Replace("{declaration}", ForeignDeclarationId.ToString(), StringComparison.Ordinal)
            .Replace("{assessment}", ForeignAssessmentId.ToString(), StringComparison.Ordinal)
            .Replace("{complaint}", ForeignComplaintReference, StringComparison.Ordinal)
            .Replace("{question}", ForeignQuestionId.ToString(), StringComparison.Ordinal);
        HttpResponseMessage response;
        if (probe.Page)
        {
            var page = pages[caller];
            if (probe.Method == "GET") response = await page.GetAsync(path);
            else
            {
                var form = ((Dictionary<string, string>)probe.Body!).ToDictionary(f => f.Key, f => f.Value
                    .Replace("{id}", id.ToString(), StringComparison.Ordinal).Replace("{complaint}", ForeignComplaintReference, StringComparison.Ordinal));
                var formPage = caller == "anonymous" ? "/account/signin" : "/account/tokens";
                response = await page.PostFormAsync(formPage, path, form);
            }
        }
        else
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), path);
            if (probe.Body is Dictionary<string, string> fields)
            {
                // Endpoints that take files read multipart forms.
                var form = new MultipartFormDataContent();
                foreach (var (key, value) in fields) form.Add(new StringContent(value.Replace("{id}", id.ToString(), StringComparison.Ordinal)), key);
                request.Content = form;
            }
            else if (probe.Body is not null)
            {
                // Bodies may name the probed object as "{id}" too.
                var json = System.Text.Json.JsonSerializer.Serialize(probe.Body).Replace("{id}", id.ToString(), StringComparison.Ordinal)
                    .Replace("{complaint}", ForeignComplaintReference, StringComparison.Ordinal);
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }
            response = await api[caller].SendAsync(request);
        }

        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            code = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString();
        }

        var location = response.Headers.Location;
        var redirect = location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        return new Answer(response.StatusCode, code, redirect, body);
    }

    /// <summary>Everything a foreign probe could change: B's profile, its user's state, its token, its service, its document, the audit trail length.</summary>
    public Task<string> SnapshotAsync() =>
        App.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var org = await sp.GetRequiredService<OrganisationQueries>().GetAsync(ForeignOrganisation.Id, CancellationToken.None);
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == ForeignUser.Id.Value);
            var token = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == new ApiTokenId(ForeignTokenId));
            var service = await sp.GetRequiredService<ServiceQueries>().GetAsync(ForeignServiceId, CancellationToken.None);
            var services = await db.Services.CountAsync();
            var document = await sp.GetRequiredService<DocumentQueries>().GetAsync(ForeignDocumentId, CancellationToken.None);
            var documents = await db.Documents.CountAsync();
            var audit = await db.AuditEvents.CountAsync();
            var declaration = await db.Declarations.AsNoTracking().Where(d => d.Id == new DeclarationId(ForeignDeclarationId))
                .Select(d => new { d.Status, d.Title, d.UpdatedAt, d.ReviewFlaggedAt }).SingleAsync();
            var declarations = await db.Declarations.CountAsync();
            var answers = string.Join(";", await db.ControlAnswers.AsNoTracking().Where(a => a.DeclarationId == new DeclarationId(ForeignDeclarationId))
                .Select(a => a.ControlKey + "=" + a.Statement).ToListAsync());
            var certificates = string.Join(";", await db.Certificates.AsNoTracking().Where(c => c.DeclarationId == new DeclarationId(ForeignDeclarationId))
                .Select(c => c.Number + "/" + c.ExpiresOn).ToListAsync());
            var notices = string.Join(";", await db.CertificateNotices.AsNoTracking().Select(n => n.Id + "/" + n.ReviewedAt).ToListAsync());
            var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == new AssessmentId(ForeignAssessmentId));
            var clarifications = string.Join(";", assessment.Clarifications.Select(c => $"{c.Id}/{c.State}/{c.Replies.Count}"));
            var complaints = string.Join(";", await db.Complaints.AsNoTracking().OrderBy(c => c.Reference).Select(c => c.Reference + "/" + c.Status + "/" + c.StatusChangedAt).ToListAsync());
            var questions = string.Join(";", await db.ComplaintQuestions.AsNoTracking().OrderBy(q => q.AskedAt).Select(q => q.Id + "/" + q.AnsweredAt + "/" + q.Answer).ToListAsync());
            var investigation = $"{await db.ComplaintNotes.CountAsync()}/{await db.InvestigationFiles.CountAsync()}/{await db.OutboxMessages.CountAsync()}";
            return $"{org.Value}|{user.DisabledAt}|{user.SecurityStamp}|{user.LockoutEnd}|{token.RevokedAt}|{service.Value}|{services}|{document.Value}|{documents}|{audit}"
                + $"|{declaration}|{declarations}|{answers}|{certificates}|{notices}|{clarifications}|{complaints}|{questions}|{investigation}";
        });
}
