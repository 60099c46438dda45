using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>The compliance mark (badge.svg) of a register entry and the embed snippet on the entry and portal pages.</summary>
public sealed class ComplianceMarkTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> GetAsync(AdhereAppFactory on, string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = on.ApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>The badge, parsed as XML (which fails on anything unescaped), with its accessible name and visible text.</summary>
    private static async Task<(XElement Root, string Label, string Text)> BadgeAsync(AdhereAppFactory on, string id)
    {
        using var response = await GetAsync(on, $"/register/{id}/badge.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", root.Attribute("role")?.Value);
        var title = root.Element(Svg + "title")?.Value;
        Assert.Equal(title, root.Attribute("aria-label")?.Value);
        return (root, title!, string.Join(" | ", root.Descendants(Svg + "text").Select(t => t.Value)));
    }

    private static async Task<DateOnly> ValidUntilAsync(AdhereAppFactory on, string id)
    {
        var entry = await HttpAssert.JsonAsync(await GetAsync(on, $"/api/v1/register/entries/{id}"));
        return DateOnly.Parse(entry.GetProperty("validUntil").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the listed declaration through the lifecycle as the MB or the provider would.</summary>
    internal static Task FireAsync(AdhereAppFactory on, string verificationId, DeclarationTrigger trigger, Role role) =>
        on.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var declaration = await db.Declarations.IgnoreQueryFilters().SingleAsync(d => d.VerificationId == verificationId, Ct);
            var fired = declaration.Fire(trigger, role, on.Time.GetUtcNow());
            Assert.False(fired.IsError, fired.IsError ? fired.Error!.Message : "");
            await db.SaveChangesAsync(Ct);
        });

    [Fact]
    public async Task Badge_ValidEntry_ShowsLevelIdAndValidityInWords()
    {
        var listed = await RegisterScenario.ListedAsync(app, company: $"Nimbus <&> \"Cloud\" {Guid.NewGuid():N}");
        var until = (await ValidUntilAsync(app, listed.VerificationId)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await GetAsync(app, $"/register/{listed.VerificationId}/badge.svg");
        var (root, label, text) = await BadgeAsync(app, listed.VerificationId);

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
        Assert.Equal("valid", root.Attribute("data-status")?.Value);
        Assert.Contains("VALID", text, StringComparison.Ordinal);
        Assert.Contains($"valid until {until}", text, StringComparison.Ordinal);
        Assert.Contains($"ID {listed.VerificationId}", text, StringComparison.Ordinal);
        Assert.Contains($"Level {listed.Level}", text, StringComparison.Ordinal);
        Assert.Contains($"of {listed.Company}", label, StringComparison.Ordinal); // escaped in the bytes, intact once parsed
        Assert.Contains("Adherence is valid", label, StringComparison.Ordinal);
        Assert.Contains($"Level of Compliance {listed.Level}", label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Badge_SuspendedRevokedAndWithdrawn_EachSayItsStatusInItsOwnColour()
    {
        var suspended = await RegisterScenario.ListedAsync(app);
        var revoked = await RegisterScenario.ListedAsync(app);
        var withdrawn = await RegisterScenario.ListedAsync(app);
        var valid = await RegisterScenario.ListedAsync(app);
        await FireAsync(app, suspended.VerificationId, DeclarationTrigger.Suspend, Role.MbDecisionMaker);
        await FireAsync(app, revoked.VerificationId, DeclarationTrigger.Revoke, Role.MbDecisionMaker);
        await FireAsync(app, withdrawn.VerificationId, DeclarationTrigger.Withdraw, Role.CspEditor);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var badges = new Dictionary<string, (XElement Root, string Label, string Text)>();
        foreach (var (status, id) in new[] { ("suspended", suspended.VerificationId), ("revoked", revoked.VerificationId),
                     ("withdrawn", withdrawn.VerificationId), ("valid", valid.VerificationId) })
        {
            badges[status] = await BadgeAsync(app, id);
        }

        foreach (var status in new[] { "suspended", "revoked", "withdrawn" })
        {
            var (root, label, text) = badges[status];
            Assert.Equal(status, root.Attribute("data-status")?.Value);
            Assert.Contains(status.ToUpperInvariant(), text, StringComparison.Ordinal);
            Assert.Contains($"{status} since {today}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("valid until", text, StringComparison.Ordinal);
            Assert.Contains($"Adherence is NOT valid: {status}", label, StringComparison.Ordinal);
        }

        var colours = badges.Values.Select(b => b.Root.Element(Svg + "rect")!.Attribute("fill")!.Value).ToList();
        Assert.Equal(colours.Count, colours.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Badge_AfterTheValidityEnds_SaysExpired()
    {
        await using var own = new AdhereAppFactory();
        await own.InitializeAsync();
        var listed = await RegisterScenario.ListedAsync(own);
        var until = (await ValidUntilAsync(own, listed.VerificationId)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await RegisterScenario.ExpireAllAsync(own);

        var (root, label, text) = await BadgeAsync(own, listed.VerificationId);

        Assert.Equal("expired", root.Attribute("data-status")?.Value);
        Assert.Contains("EXPIRED", text, StringComparison.Ordinal);
        Assert.Contains($"was valid until {until}", text, StringComparison.Ordinal);
        Assert.Contains("Adherence is NOT valid: expired", label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Badge_ByAFormerIdAfterALevelChange_DrawsTheCurrentEntry()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();

        var (_, label, text) = await BadgeAsync(app, listed.VerificationId.ToLowerInvariant());

        Assert.Contains($"ID {newId}", text, StringComparison.Ordinal);
        Assert.Contains($"Verification-ID {newId}", label, StringComparison.Ordinal);
        Assert.DoesNotContain(listed.VerificationId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Badge_UnknownOrMalformedId_AnswersProblemDetails()
    {
        await HttpAssert.ProblemAsync(await GetAsync(app, "/register/2026LVL02NOBODY999/badge.svg"), HttpStatusCode.NotFound, "register.not-found");
        await HttpAssert.ProblemAsync(await GetAsync(app, "/register/not-an-id/badge.svg"), HttpStatusCode.BadRequest, "register.id-malformed");
    }

    [Fact]
    public async Task Badge_WithItsETag_AnswersNotModified()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        using var first = await GetAsync(app, $"/register/{listed.VerificationId}/badge.svg");
        var etag = first.Headers.ETag!;

        using var again = await GetAsync(app, $"/register/{listed.VerificationId}/badge.svg", h => h.IfNoneMatch.Add(etag));

        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 300 }, first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal("cross-origin", first.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
    }

    [Fact]
    public async Task Badge_SameDayAndStatus_HasTheSameBytes()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        using var first = await GetAsync(app, $"/register/{listed.VerificationId}/badge.svg");
        using var second = await GetAsync(app, $"/register/{listed.VerificationId}/badge.svg");

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task EntryPage_Always_ShowsTheMarkAndACopyableSnippetWithAbsoluteUrls()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        using var page = app.AnonymousPageClient();

        using var response = await page.GetAsync($"/register/{listed.VerificationId}");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<img src=\"/register/{listed.VerificationId}/badge.svg\" alt=\"Compliance mark of ", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"compliance-mark-html\">", html, StringComparison.Ordinal);
        var snippet = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html,
            "<textarea id=\"compliance-mark-html\"[^>]*>([^<]*)</textarea>").Groups[1].Value);
        Assert.Equal($"<a href=\"http://localhost/register/{listed.VerificationId}\"><img src=\"http://localhost/register/{listed.VerificationId}/badge.svg\" "
            + $"alt=\"GDPR code of conduct compliance mark, Verification-ID {listed.VerificationId}: the linked register entry shows its current status\" "
            + "width=\"340\" height=\"76\"></a>", snippet);
    }

    [Fact]
    public async Task PortalDeclarationPage_ListedDeclaration_ShowsTheMarkAndSnippet()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        using var page = await app.SignInAsync(listed.Assessment.Declarations.Editor);

        using var response = await page.GetAsync($"/portal/declarations/{listed.Assessment.DeclarationId}");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<img src=\"/register/{listed.VerificationId}/badge.svg\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=&quot;http://localhost/register/{listed.VerificationId}&quot;", html, StringComparison.Ordinal);
    }
}
