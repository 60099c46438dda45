using System.Net.Http.Json;
using Adhere.Core.Monitoring;
using Adhere.Core.Organisations;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>A verified declaration listed in the register, under a company and a service name of the test's choosing.</summary>
public sealed record RegisterScenario(AssessmentScenario Assessment, string VerificationId, int Level, string Company, string Service, string Category)
{
    /// <summary>Approves a fresh declaration; names default to unique ones so that searches find exactly this entry.</summary>
    public static async Task<RegisterScenario> ListedAsync(AdhereAppFactory app, string? company = null, string? service = null, string? category = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var unique = Guid.NewGuid().ToString("N");
        company ??= $"Company {unique}";
        service ??= $"Service {unique}";
        category ??= $"Category {unique}";
        var s = await AssessmentScenario.SubmittedAsync(app, moreServices: [(category, service)]);
        var renamed = await app.WithSystemAsync(sp => sp.GetRequiredService<UpdateOrganisationProfile>()
            .HandleAsync(new(s.Declarations.Editor.OrganisationId.Value, company, null, null, null), CancellationToken.None));
        Assert.False(renamed.IsError, renamed.IsError ? renamed.Error!.Message : "");
        var approved = await HttpAssert.JsonAsync(await s.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{await s.ReadyForDecisionAsync()}/approve", new { }));
        return new RegisterScenario(s, approved.GetProperty("verificationId").GetString()!, approved.GetProperty("decision").GetProperty("grantedLevel").GetInt32(),
            company, service, category);
    }

    /// <summary>An ad-hoc assessment grants another level; returns the new ID (the old one stays in the history).</summary>
    public async Task<string> ChangeLevelAsync()
    {
        var adHoc = await Assessment.ReadyForDecisionAsync(kind: "ad-hoc", adHocReason: "complaint");
        var other = Level == 1 ? 2 : 1;
        var changed = await HttpAssert.JsonAsync(await Assessment.DecisionMakerClient.PostAsJsonAsync($"/api/v1/assessments/{adHoc}/approve",
            new { grantedLevel = other, rationale = "The complaint showed that the evidence no longer holds." }));
        return changed.GetProperty("verificationId").GetString()!;
    }

    /// <summary>A decision maker suspends, reinstates or revokes the entry (<paramref name="action"/>: suspend, reinstate, revoke) with a reason.</summary>
    public async Task DecideAsync(string action, string reason = "Decided in a test.")
    {
        using var response = await Assessment.DecisionMakerClient.PostAsJsonAsync($"/api/v1/declarations/{Assessment.DeclarationId}/{action}", new { reason });
        await HttpAssert.JsonAsync(response);
    }

    /// <summary>The provider withdraws the listed declaration.</summary>
    public async Task WithdrawAsync()
    {
        using var response = await Assessment.ProviderClient.PostAsync(new Uri($"/api/v1/declarations/{Assessment.DeclarationId}/withdraw", UriKind.Relative), null);
        await HttpAssert.JsonAsync(response);
    }

    /// <summary>Moves the app's clock past the validity and runs the monitoring job, which marks the declaration expired.</summary>
    public static async Task ExpireAllAsync(AdhereAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Time.Advance(TimeSpan.FromDays(400));
        await app.WithSystemAsync(sp => sp.GetRequiredService<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), true, CancellationToken.None));
    }
}
