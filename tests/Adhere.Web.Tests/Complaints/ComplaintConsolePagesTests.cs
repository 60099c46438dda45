using System.Net;
using Adhere.Domain.Accounts;

namespace Adhere.Web.Tests.Complaints;

public sealed class ComplaintConsolePagesTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    private static string CasePage(string reference) => $"/console/complaints/{reference}";

    private async Task<string> FileAsync(string? email = "console@example.org") =>
        (await ComplaintScenario.FileAsync(app, email)).GetProperty("reference").GetString()!;

    [Fact]
    public async Task List_AsAssessor_ShowsOpenComplaintWithItsTargets()
    {
        var reference = await FileAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var html = await page.Http.GetStringAsync("/console/complaints", TestContext.Current.CancellationToken);

        Assert.Contains($"href=\"/console/complaints/{reference}\"", html, StringComparison.Ordinal);
        Assert.Contains("Acme Cloud", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_AsDecisionMaker_ShowsConductComplainantAndStepForms()
    {
        var reference = await FileAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbDecisionMaker));

        var html = await page.Http.GetStringAsync(CasePage(reference), TestContext.Current.CancellationToken);

        Assert.Contains(ComplaintScenario.Conduct, html, StringComparison.Ordinal);
        Assert.Contains("console@example.org", html, StringComparison.Ordinal);
        Assert.Contains("handler=StartCheck", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Decide", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_AsAdministrator_WithholdsComplainantAndOffersNoSteps()
    {
        var reference = await FileAsync("admin-hidden@example.org");
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAdministrator));

        var html = await page.Http.GetStringAsync(CasePage(reference), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("admin-hidden@example.org", html, StringComparison.Ordinal);
        Assert.Contains("Withheld", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_StartCheckThenDismiss_MoveTheComplaintAndShowInHistory()
    {
        var reference = await FileAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbDecisionMaker));

        var started = await page.PostFormAsync(CasePage(reference), $"{CasePage(reference)}?handler=StartCheck", []);
        var dismissed = await page.PostFormAsync(CasePage(reference), $"{CasePage(reference)}?handler=Dismiss",
            new() { ["ground"] = "outside-scope", ["reasons"] = "The Code does not cover this contract." });
        var html = await page.Http.GetStringAsync(CasePage(reference), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Contains("Outside the Code&#x27;s scope", html, StringComparison.Ordinal);
        Assert.Contains("The Code does not cover this contract.", html, StringComparison.Ordinal);
        Assert.Contains("handler=Reopen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_DismissWithoutReasons_ShowsTheReasonAndChangesNothing()
    {
        var reference = await FileAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbDecisionMaker));
        await page.PostFormAsync(CasePage(reference), $"{CasePage(reference)}?handler=StartCheck", []);
        var before = await ComplaintScenario.SnapshotAsync(app);

        var response = await page.PostFormAsync(CasePage(reference), $"{CasePage(reference)}?handler=Dismiss", new() { ["ground"] = "outside-scope", ["reasons"] = " " });
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("complaint.reason-required", html, StringComparison.Ordinal);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Case_UnknownReference_AnswersNotFound()
    {
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var response = await page.GetAsync(CasePage("C-1999-000001"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_AsProvider_IsRefused()
    {
        await FileAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, await app.CreateProviderAsync()));

        var response = await page.GetAsync("/console/complaints");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Acme Cloud", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
