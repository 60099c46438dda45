using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Register;

/// <summary>The Atom feed of register changes: its shape, one entry per log entry, escaping, caching and paging.</summary>
public sealed class RegisterFeedTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private const string FeedPath = "/register/feed.atom";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string path, string? ifNoneMatch = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        return await client.SendAsync(request, Ct);
    }

    private async Task<XDocument> FeedAsync(string path = FeedPath)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The entries whose alternate link leads to the register entry of <paramref name="verificationId"/>.</summary>
    private static List<XElement> EntriesFor(XDocument feed, string verificationId) =>
        [.. feed.Root!.Elements(Atom + "entry").Where(e => e.Elements(Atom + "link")
            .Any(l => (string?)l.Attribute("rel") == "alternate" && ((string)l.Attribute("href")!).EndsWith($"/register/{verificationId}", StringComparison.Ordinal)))];

    private static string Term(XElement entry) => (string)entry.Element(Atom + "category")!.Attribute("term")!;

    [Fact]
    public async Task Feed_AfterApproval_IsAtomWithTheListedEntry()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        using var response = await GetAsync(FeedPath);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Equal("http://localhost/register/feed.atom", (string?)root.Element(Atom + "id"));
        Assert.False(string.IsNullOrWhiteSpace((string?)root.Element(Atom + "title")));
        Assert.False(string.IsNullOrWhiteSpace((string?)root.Element(Atom + "author")?.Element(Atom + "name")));
        Assert.Contains(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && (string?)l.Attribute("href") == "http://localhost/register/feed.atom");

        var entry = Assert.Single(EntriesFor(feed, listed.VerificationId));
        Assert.Equal("listed", Term(entry));
        Assert.Equal($"{listed.Company}: listed at Level {listed.Level} ({listed.VerificationId})", (string?)entry.Element(Atom + "title"));
        Assert.StartsWith("urn:uuid:", (string?)entry.Element(Atom + "id"), StringComparison.Ordinal);
        Assert.Equal("text", (string?)entry.Element(Atom + "content")!.Attribute("type"));
        Assert.Contains(listed.VerificationId, (string)entry.Element(Atom + "content")!, StringComparison.Ordinal);
        var link = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate");
        Assert.Equal($"http://localhost/register/{listed.VerificationId}", (string?)link.Attribute("href"));

        // Newest first, and the feed is as new as its newest entry.
        var updated = root.Elements(Atom + "entry").Select(e => DateTimeOffset.Parse((string)e.Element(Atom + "updated")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderByDescending(u => u), updated);
        Assert.Equal(updated[0], DateTimeOffset.Parse((string)root.Element(Atom + "updated")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Feed_AfterExpiry_HasAnExpiredEntryAboveTheListing()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        await RegisterScenario.ExpireAllAsync(app);
        var entries = EntriesFor(await FeedAsync(), listed.VerificationId);

        Assert.Equal(["expired", "listed"], entries.Select(Term));
        Assert.Equal($"{listed.Company}: expired ({listed.VerificationId})", (string?)entries[0].Element(Atom + "title"));
    }

    [Fact]
    public async Task Feed_AfterLevelChange_HasALevelChangedEntryNamingTheFormerId()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        var newId = await listed.ChangeLevelAsync();
        var entry = Assert.Single(EntriesFor(await FeedAsync(), newId));

        Assert.Equal("level-changed", Term(entry));
        var title = (string?)entry.Element(Atom + "title");
        Assert.StartsWith($"{listed.Company}: now at Level ", title, StringComparison.Ordinal);
        Assert.EndsWith($"({newId}, formerly {listed.VerificationId})", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_AfterListingDecisionsAndAWithdrawal_NamesEachChange()
    {
        var sanctioned = await RegisterScenario.ListedAsync(app);
        var withdrawn = await RegisterScenario.ListedAsync(app);

        await sanctioned.DecideAsync("suspend");
        await sanctioned.DecideAsync("reinstate");
        await sanctioned.DecideAsync("suspend");
        await sanctioned.DecideAsync("revoke");
        await withdrawn.WithdrawAsync();
        var feed = await FeedAsync();

        var entries = EntriesFor(feed, sanctioned.VerificationId);
        Assert.Equal(["revoked", "suspended", "reinstated", "suspended", "listed"], entries.Select(Term));
        Assert.Equal($"{sanctioned.Company}: revoked ({sanctioned.VerificationId})", (string?)entries[0].Element(Atom + "title"));
        Assert.Equal($"{sanctioned.Company}: reinstated at Level {sanctioned.Level} ({sanctioned.VerificationId})", (string?)entries[2].Element(Atom + "title"));
        var gone = EntriesFor(feed, withdrawn.VerificationId);
        Assert.Equal(["withdrawn", "listed"], gone.Select(Term));
        Assert.Equal($"{withdrawn.Company}: withdrawn by the provider ({withdrawn.VerificationId})", (string?)gone[0].Element(Atom + "title"));
    }

    [Fact]
    public async Task Feed_CompanyNameWithMarkupCharacters_IsEscapedAndReadsBackExactly()
    {
        var company = $"Acme <Cloud> & \"Sons\" {Guid.NewGuid():N}";
        var listed = await RegisterScenario.ListedAsync(app, company: company);

        using var response = await GetAsync(FeedPath);
        var raw = await response.Content.ReadAsStringAsync(Ct);
        var entry = Assert.Single(EntriesFor(XDocument.Parse(raw), listed.VerificationId));

        Assert.Contains("Acme &lt;Cloud&gt; &amp; \"Sons\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<Cloud>", raw, StringComparison.Ordinal);
        Assert.StartsWith(company + ": listed", (string?)entry.Element(Atom + "title"), StringComparison.Ordinal);
        Assert.Contains(company, (string)entry.Element(Atom + "content")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_WithItsETag_Answers304UntilTheRegisterChanges()
    {
        await RegisterScenario.ListedAsync(app);
        using var first = await GetAsync(FeedPath);
        var etag = first.Headers.ETag!.Tag;

        using var again = await GetAsync(FeedPath, etag);
        await RegisterScenario.ListedAsync(app);
        using var afterChange = await GetAsync(FeedPath, etag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        Assert.NotEqual(etag, afterChange.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Feed_AcrossRequestsAndNewEntries_KeepsEachEntrysId()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var id = (string?)Assert.Single(EntriesFor(await FeedAsync(), listed.VerificationId)).Element(Atom + "id");

        var again = (string?)Assert.Single(EntriesFor(await FeedAsync(), listed.VerificationId)).Element(Atom + "id");
        await RegisterScenario.ListedAsync(app);
        var afterAnother = (string?)Assert.Single(EntriesFor(await FeedAsync(), listed.VerificationId)).Element(Atom + "id");

        Assert.Equal(id, again);
        Assert.Equal(id, afterAnother);
        var ids = (await FeedAsync()).Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "id")!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Feed_Before_GivesOnlyOlderChanges()
    {
        var older = await RegisterScenario.ListedAsync(app);
        var newer = await RegisterScenario.ListedAsync(app);
        var log = await HttpAssert.JsonAsync(await GetAsync("/register/transparency-log.json"));
        var newerSequence = log.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("verificationId").GetString() == newer.VerificationId)
            .GetProperty("sequence").GetInt64();

        var page = await FeedAsync($"{FeedPath}?before={newerSequence}");

        Assert.Empty(EntriesFor(page, newer.VerificationId));
        Assert.Single(EntriesFor(page, older.VerificationId));
        Assert.Equal("http://localhost/register/feed.atom", (string?)page.Root!.Element(Atom + "id"));
    }

    [Fact]
    public async Task Feed_BeforeZero_AnswersProblem()
    {
        using var response = await GetAsync($"{FeedPath}?before=0");

        var problem = await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("register.feed-before-invalid", problem.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task RegisterPage_Always_AdvertisesTheFeed()
    {
        using var response = await GetAsync("/register");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/register/feed.atom\"", html[html.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Always_DescribesTheFeedAndTheRateLimit()
    {
        var json = await HttpAssert.JsonAsync(await GetAsync("/openapi/v1.json"));

        var paths = json.GetProperty("paths");
        var feed = paths.GetProperty(FeedPath).GetProperty("get");
        Assert.True(feed.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/atom+xml", out _));
        Assert.True(feed.GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/api/v1/register/entries").GetProperty("get").GetProperty("responses").TryGetProperty("429", out _));
    }
}
