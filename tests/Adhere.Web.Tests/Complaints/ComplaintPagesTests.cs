using System.Net;
using System.Text.RegularExpressions;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

public sealed partial class ComplaintPagesTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Opens the form like a browser, waits like a person (the app's clock), and posts it with the given fields and files.</summary>
    private async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(PageClient page, Dictionary<string, string> fields,
        IReadOnlyList<(string Name, byte[] Content)>? files = null, TimeSpan? wait = null, Func<string, string>? tamperToken = null)
    {
        var form = await page.Http.GetStringAsync(new Uri("/complaints/new", UriKind.Relative));
        var antiforgery = WebUtility.HtmlDecode(AntiforgeryPattern().Match(form).Groups[1].Value);
        var token = WebUtility.HtmlDecode(FormTokenPattern().Match(form).Groups[1].Value);
        app.Time.Advance(wait ?? TimeSpan.FromSeconds(10));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        content.Add(new StringContent(tamperToken is null ? token : tamperToken(token)), "FormToken");
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, bytes) in files ?? [])
        {
            content.Add(new ByteArrayContent(bytes), "Attachments", name);
        }

        var response = await page.Http.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> Fields(string? email = null, string conduct = ComplaintScenario.Conduct) => new()
    {
        ["Company"] = "Acme Cloud",
        ["Service"] = "Acme Backup",
        ["Role"] = "data-subject",
        ["Conduct"] = conduct,
        ["Email"] = email ?? string.Empty,
        ["Name"] = email is null ? string.Empty : "Ann Example",
    };

    [Fact]
    public async Task Get_Form_IsAccessible()
    {
        using var page = app.AnonymousPageClient();

        var html = await page.Http.GetStringAsync(new Uri("/complaints/new", UriKind.Relative));

        // Every input has a label; the role radios are grouped under a legend; the anonymous option is explained.
        foreach (var id in new[] { "verificationId", "company", "service", "conduct", "name", "email", "attachments", "mayRevealToProvider", "role-customer", "role-data-subject", "role-csp", "role-other" })
        {
            Assert.Contains($"<label for=\"{id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<legend>In which role do you complain?", html, StringComparison.Ordinal);
        Assert.Contains("complain anonymously", html, StringComparison.Ordinal);
        Assert.Contains("cannot ask", html, StringComparison.Ordinal);
        Assert.Matches(FormTokenPattern(), html);
    }

    [Fact]
    public async Task Get_FromRegisterEntry_PrefillsVerificationId()
    {
        using var page = app.AnonymousPageClient();

        var html = await page.Http.GetStringAsync(new Uri("/complaints/new?verificationId=2026LVL02ADHERE001", UriKind.Relative));

        Assert.Contains("value=\"2026LVL02ADHERE001\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Anonymous_ShowsReferenceStatusLinkAndNotice()
    {
        using var page = app.AnonymousPageClient();

        var (response, html) = await SubmitAsync(page, Fields());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = ReferencePattern().Match(html).Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Contains("id=\"anonymous-notice\"", html, StringComparison.Ordinal);
        Assert.Contains("cannot ask you follow-up questions", html, StringComparison.Ordinal);
        var link = WebUtility.HtmlDecode(StatusLinkPattern().Match(html).Groups[1].Value);
        Assert.Contains($"ref={reference}", link, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var status = await page.GetAsync(new Uri(link).PathAndQuery);
        Assert.Contains("data-status=\"received\"", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithContact_SendsAcknowledgementAndShowsNoAnonymousNotice()
    {
        var email = $"form-{Guid.NewGuid():N}@example.org";
        using var page = app.AnonymousPageClient();

        var (_, html) = await SubmitAsync(page, Fields(email));

        var reference = ReferencePattern().Match(html).Groups[1].Value;
        Assert.DoesNotContain("id=\"anonymous-notice\"", html, StringComparison.Ordinal);
        // The MB's notice names the reference too; the acknowledgement is the mail to the complainant.
        var mail = await app.WaitForMailAsync(m => m.Headers["Subject"]?.Contains(reference, StringComparison.Ordinal) == true
            && m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("Your complaint", mail.Headers["Subject"], StringComparison.Ordinal);
        var stored = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Complaints.AsNoTracking().SingleAsync(c => c.Reference == reference));
        Assert.Equal("Ann Example", stored.ComplainantName);
        Assert.Equal(Adhere.Domain.Complaints.ComplainantRole.DataSubject, stored.ComplainantRole);
    }

    [Fact]
    public async Task Post_WithAttachment_StoresItUnderTheEvidenceRules()
    {
        using var page = app.AnonymousPageClient();

        var (response, html) = await SubmitAsync(page, Fields(), [("contract.pdf", Pdf)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = ReferencePattern().Match(html).Groups[1].Value;
        var attachment = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var complaint = await db.Complaints.AsNoTracking().SingleAsync(c => c.Reference == reference);
            return await db.ComplaintAttachments.AsNoTracking().SingleAsync(a => a.ComplaintId == complaint.Id);
        });
        Assert.Equal("contract.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.True(File.Exists(Path.Combine(app.EvidencePath, attachment.Sha256[..2], attachment.Sha256)));
    }

    public static TheoryData<string, string> BadAttachments() => new()
    {
        { "disguised", "not an allowed type" },
        { "empty", "The file is empty." },
        { "too-many", "At most 5 files" },
    };

    [Theory]
    [MemberData(nameof(BadAttachments))]
    public async Task Post_BadAttachment_ShowsErrorAndWritesNothing(string kind, string message)
    {
        using var page = app.AnonymousPageClient();
        IReadOnlyList<(string, byte[])> files = kind switch
        {
            "disguised" => [("invoice.pdf", "<html><script>alert(1)</script></html>"u8.ToArray())],
            "empty" => [("empty.pdf", [])],
            _ => [.. Enumerable.Range(0, 6).Select(i => ($"f{i}.pdf", Pdf))],
        };
        var before = await ComplaintScenario.SnapshotAsync(app);

        var (response, html) = await SubmitAsync(page, Fields(), files);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("href=\"#attachments\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Post_EmptyConduct_ShowsSummaryLinkedToTheFieldAndKeepsInput()
    {
        using var page = app.AnonymousPageClient();
        var before = await ComplaintScenario.SnapshotAsync(app);

        var (response, html) = await SubmitAsync(page, Fields("keep@example.org", conduct: "   "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#conduct\">Describe the conduct you complain about.</a>", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"conduct-hint conduct-error\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"keep@example.org\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Post_InvalidEmail_LinksTheEmailField()
    {
        using var page = app.AnonymousPageClient();

        var (_, html) = await SubmitAsync(page, Fields("nobody@nowhere"));

        Assert.Contains("<a href=\"#email\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"email-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoRole_LinksTheFirstRadio()
    {
        using var page = app.AnonymousPageClient();
        var fields = Fields();
        fields.Remove("Role");

        var (_, html) = await SubmitAsync(page, fields);

        Assert.Contains("<a href=\"#role-customer\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"role-error\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("too-fast", "too quickly")]
    [InlineData("expired", "expired")]
    [InlineData("forged", "not valid")]
    public async Task Post_BadFormToken_IsRefusedAndWritesNothing(string kind, string message)
    {
        using var page = app.AnonymousPageClient();
        var before = await ComplaintScenario.SnapshotAsync(app);

        var (response, html) = await SubmitAsync(page, Fields(), wait: kind switch
        {
            "too-fast" => TimeSpan.FromSeconds(1),
            "expired" => TimeSpan.FromHours(3),
            _ => TimeSpan.FromSeconds(10),
        }, tamperToken: kind == "forged" ? t => "x" + t : null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("name=\"FormToken\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("name=\"FormToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("<strong id=\"reference\">(C-[0-9]{4}-[0-9]{6})</strong>")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("<a id=\"status-link\" href=\"([^\"]+)\"")]
    private static partial Regex StatusLinkPattern();
}
