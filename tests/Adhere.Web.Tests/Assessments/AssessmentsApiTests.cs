using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

public sealed class AssessmentsApiTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    /// <summary>A submitted declaration with every control answered and one certificate.</summary>
    private async Task<(DeclarationScenario Scenario, Guid Declaration)> SubmittedAsync()
    {
        var s = await AssessmentScenario.SubmittedAsync(app);
        return (s.Declarations, s.DeclarationId);
    }

    [Fact]
    public async Task Open_SubmittedDeclaration_StartsFactFindingAndMovesTheDeclaration()
    {
        var (s, declaration) = await SubmittedAsync();
        var assessorUser = await app.CreateUserAsync(Role.MbAssessor);
        using var assessor = await app.ApiClientAsync(assessorUser);

        var opened = await HttpAssert.JsonAsync(await assessor.PostAsJsonAsync("/api/v1/assessments", new { declarationId = declaration }), HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetGuid();
        var fetched = await HttpAssert.JsonAsync(await assessor.GetAsync($"/api/v1/assessments/{id}"));
        var seenByProvider = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{declaration}"));

        Assert.Equal("initial", opened.GetProperty("kind").GetString());
        Assert.Equal("fact-finding", fetched.GetProperty("phase").GetString());
        Assert.Equal("UnderAssessment", fetched.GetProperty("declarationStatus").GetString());
        Assert.Equal([assessorUser.Id.Value], fetched.GetProperty("assessors").EnumerateArray().Select(a => a.GetGuid()).ToList());
        Assert.Single(fetched.GetProperty("certificateReviews").EnumerateArray());
        Assert.NotEqual(0, fetched.GetProperty("openChecklistItems").GetArrayLength());
        Assert.Equal("UnderAssessment", seenByProvider.GetProperty("summary").GetProperty("status").GetString());
        var audit = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.ObjectType == "assessment" && e.ObjectId == id.ToString()).CountAsync());
        Assert.Equal(1, audit);
        await HttpAssert.ProblemAsync(await assessor.PostAsJsonAsync("/api/v1/assessments", new { declarationId = declaration }),
            HttpStatusCode.Conflict, "declaration.transition-not-allowed");
    }

    [Fact]
    public async Task Open_ByAConflictedAssessor_IsRefusedAndNothingChanges()
    {
        var (s, declaration) = await SubmittedAsync();
        var assessorUser = await app.CreateUserAsync(Role.MbAssessor);
        using var assessor = await app.ApiClientAsync(assessorUser);
        await HttpAssert.JsonAsync(await assessor.PostAsJsonAsync("/api/v1/conflicts-of-interest",
            new { organisationId = s.Editor.OrganisationId.Value, reason = "Former employee." }), HttpStatusCode.Created);
        var before = await app.AuditCountAsync();

        await HttpAssert.ProblemAsync(await assessor.PostAsJsonAsync("/api/v1/assessments", new { declarationId = declaration }),
            HttpStatusCode.Forbidden, "assessment.conflict-of-interest");

        var status = await HttpAssert.JsonAsync(await s.Client.GetAsync($"/api/v1/declarations/{declaration}"));
        Assert.Equal("Submitted", status.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(before, await app.AuditCountAsync());
    }

    [Fact]
    public async Task Open_WrongRoleOrDraftOrProvider_IsRefused()
    {
        var (s, declaration) = await SubmittedAsync();
        var draft = DeclarationScenario.IdOf(await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync("/api/v1/declarations", new { code = s.Code }), HttpStatusCode.Created));
        using var decider = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbDecisionMaker));
        using var assessor = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbAssessor));

        await HttpAssert.ProblemAsync(await decider.PostAsJsonAsync("/api/v1/assessments", new { declarationId = declaration }),
            HttpStatusCode.Forbidden, "assessment.role-not-allowed");
        await HttpAssert.ProblemAsync(await assessor.PostAsJsonAsync("/api/v1/assessments", new { declarationId = draft }),
            HttpStatusCode.Conflict, "declaration.transition-not-allowed");
        await HttpAssert.ProblemAsync(await assessor.PostAsJsonAsync("/api/v1/assessments", new { declarationId = declaration, kind = "recurring" }),
            HttpStatusCode.BadRequest, "assessment.kind-mismatch");
        await HttpAssert.ProblemAsync(await s.Client.PostAsJsonAsync("/api/v1/assessments", new { declarationId = declaration }),
            HttpStatusCode.Forbidden, "auth.forbidden");
        await HttpAssert.ProblemAsync(await assessor.GetAsync($"/api/v1/assessments/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "assessment.not-found");
    }
}
