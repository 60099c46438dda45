using System.Net;
using Adhere.Core.Organisations;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Assessments;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Declarations;

/// <summary>The portal page of clarification requests, and where the portal points at it.</summary>
public sealed class ClarificationPagesTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static string PagePath(Guid declaration) => $"/portal/declarations/{declaration}/clarifications";

    private static string ReplyPath(Guid declaration, Guid request) => $"{PagePath(declaration)}?handler=Reply&requestId={request}";

    [Fact]
    public async Task Get_OpenRequest_ShowsTheQuestionAndAReplyFormAndIsAnnouncedOnTheOverviewAndHome()
    {
        var (s, _, _) = await ClarificationSetup.AskedAsync(app, "Which subprocessors host the backups?");
        using var page = await app.SignInAsync(s.Declarations.Editor);

        var html = await page.Http.GetStringAsync(PagePath(s.DeclarationId));
        var overview = await page.Http.GetStringAsync($"/portal/declarations/{s.DeclarationId}");
        var home = await page.Http.GetStringAsync("/portal");

        Assert.Contains("Which subprocessors host the backups?", html, StringComparison.Ordinal);
        Assert.Contains("Waiting for your reply", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Reply.Text\"", html, StringComparison.Ordinal);
        Assert.Contains("1 question waits for your reply", overview, StringComparison.Ordinal);
        Assert.Contains($"href=\"{PagePath(s.DeclarationId)}\"", overview, StringComparison.Ordinal);
        Assert.Contains("1 question waits for your reply", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReply_WithTextAndChosenDocument_RedirectsAndShowsTheReply()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        var document = await s.Declarations.UploadAsync("backup-hosting.pdf");
        using var page = await app.SignInAsync(s.Declarations.Editor);

        var posted = await page.PostFormAsync(PagePath(s.DeclarationId), ReplyPath(s.DeclarationId, requestId), new()
        {
            ["Reply.Text"] = "Example Storage GmbH hosts them in Frankfurt.",
            ["Reply.Documents"] = document.ToString(),
        });
        var html = await page.Http.GetStringAsync(PagePath(s.DeclarationId));
        var home = await page.Http.GetStringAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{PagePath(s.DeclarationId)}#q-{requestId}", posted.Headers.Location!.OriginalString);
        Assert.Contains("Example Storage GmbH hosts them in Frankfurt.", html, StringComparison.Ordinal);
        Assert.Contains("backup-hosting.pdf", html, StringComparison.Ordinal);
        Assert.Contains("first reply in time", html, StringComparison.Ordinal);
        Assert.DoesNotContain("waits for your reply", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReply_WithANewFile_UploadsItAndAttachesIt()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        using var page = await app.SignInAsync(s.Declarations.Editor);
        var token = await page.AntiforgeryTokenAsync(PagePath(s.DeclarationId));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("The list is attached."), "Reply.Text" },
            { new ByteArrayContent("Subprocessor,Country\nExample Storage,DE\n"u8.ToArray()), "Upload", "subprocessors.csv" },
        };

        var posted = await page.Http.PostAsync(ReplyPath(s.DeclarationId, requestId), form);
        var html = await page.Http.GetStringAsync(PagePath(s.DeclarationId));
        var documents = await page.Http.GetStringAsync("/portal/documents");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("subprocessors.csv</a>", html, StringComparison.Ordinal);
        Assert.Contains("subprocessors.csv", documents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReply_WithoutText_ShowsTheErrorAtTheQuestion()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app);
        using var page = await app.SignInAsync(s.Declarations.Editor);

        var posted = await page.PostFormAsync(PagePath(s.DeclarationId), ReplyPath(s.DeclarationId, requestId), new() { ["Reply.Text"] = "  " });
        var html = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Write a reply.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_SeesTheQuestionButNoFormAndCannotPost()
    {
        var (s, _, requestId) = await ClarificationSetup.AskedAsync(app, "Who reviews access rights?");
        var organisation = await app.WithSystemAsync(async sp =>
            (await sp.GetRequiredService<OrganisationQueries>().GetAsync(s.Declarations.Editor.OrganisationId.Value, CancellationToken.None)).Value);
        var viewer = await app.CreateUserAsync(Role.CspViewer, organisation);
        using var page = await app.SignInAsync(viewer);

        var html = await page.Http.GetStringAsync(PagePath(s.DeclarationId));
        var posted = await page.PostFormAsync(PagePath(s.DeclarationId), ReplyPath(s.DeclarationId, requestId), new() { ["Reply.Text"] = "Reader reply" });

        var list = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));

        Assert.Contains("Who reviews access rights?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Reply.Text\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("/account/denied", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("requests")[0].GetProperty("replies").GetArrayLength());
    }
}
