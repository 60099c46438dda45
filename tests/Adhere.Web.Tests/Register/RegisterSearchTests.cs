using System.Text.Json;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>
/// The register's text search through its indexes (ADR 0022): substrings anywhere in a name, any case, letters beyond
/// ASCII, short text that the trigram indexes cannot serve, metacharacters of LIKE and FTS5, and names that change.
/// </summary>
public sealed class RegisterSearchTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> SearchAsync(string q, int pageSize = 100)
    {
        using var client = app.ApiClient(null);
        return await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/register/entries?pageSize={pageSize}&q={Uri.EscapeDataString(q)}", UriKind.Relative), Ct));
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("verificationId").GetString()!)];

    /// <summary>Every entry on the page really contains the text (as the search compares: upper-cased) in a name or its ID.</summary>
    private static void AssertEveryEntryContains(JsonElement page, string q)
    {
        var wanted = q.Trim().ToUpperInvariant();
        foreach (var entry in page.GetProperty("entries").EnumerateArray())
        {
            var texts = entry.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)
                .Append(entry.GetProperty("company").GetString()!).Append(entry.GetProperty("verificationId").GetString()!);
            Assert.Contains(texts, t => t.ToUpperInvariant().Contains(wanted, StringComparison.Ordinal));
        }
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Search_MiddleOfANameInAnyCase_FindsTheEntry()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Ümlaut Cloud {u} GmbH", service: $"Łódź Hosting {u} Plus");

        foreach (var q in new[] { $"mlaut cloud {u}", $"ÜMLAUT CLOUD {u}", $"{u} gmbh", $"ódź hosting {u}", $"ŁÓDŹ HOSTING {u} PLUS", $"{u[2..9]}" })
        {
            var page = await SearchAsync(q);
            Assert.True(Ids(page).SequenceEqual([listed.VerificationId]), $"q={q}: {string.Join(", ", Ids(page))}");
        }
    }

    [Theory]
    [InlineData("ꙛ")]
    [InlineData("ꙛꙛ")]
    [InlineData("🜁🜂")]
    public async Task Search_OneOrTwoCharacters_ScansTheNamesAndFindsThem(string q)
    {
        // Characters no other test uses, so that the short text finds exactly this entry; the alchemical symbols are
        // two characters but four UTF-16 units, which must not count as long enough for the trigram index.
        var listed = await RegisterScenario.ListedAsync(app, company: $"Orbit ꙛꙛ 🜁🜂 {Unique()}");

        var page = await SearchAsync(q);

        Assert.Contains(listed.VerificationId, Ids(page));
        AssertEveryEntryContains(page, q);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("*")]
    [InlineData("OR")]
    [InlineData("a OR b")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(a b)")]
    [InlineData("'")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%%%")]
    [InlineData("___")]
    [InlineData("\\")]
    [InlineData("<script>")]
    [InlineData("name:x")]
    [InlineData("^abc")]
    [InlineData("a\0b c")]
    public async Task Search_WithMetacharacters_NeverFailsAndFindsOnlyLiteralMatches(string q)
    {
        await RegisterScenario.ListedAsync(app, company: $"Plain {Unique()}");

        var page = await SearchAsync(q);

        AssertEveryEntryContains(page, q);
    }

    [Fact]
    public async Task Search_NameWithMetacharacters_FindsItLiterallyAndNotByWildcards()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Odd \"Quote\" * OR NEAR( 50% a_b \\ <script> {u}");

        var literal = await SearchAsync($"\"quote\" * or near( 50% a_b \\ <script> {u}");
        var percent = await SearchAsync($"50% a_b \\ <script> {u}");
        var underscoreAsWildcard = await SearchAsync($"axb \\ <script> {u}");
        var percentAsWildcard = await SearchAsync($"5%b \\ <script> {u}");

        Assert.Equal([listed.VerificationId], Ids(literal));
        Assert.Equal([listed.VerificationId], Ids(percent));
        Assert.Empty(Ids(underscoreAsWildcard));
        Assert.Empty(Ids(percentAsWildcard));
    }

    [Fact]
    public async Task Search_AfterARename_FindsTheNewNamesAndNotTheOld()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Before Company {u}", service: $"Before Service {u}");
        var organisation = listed.Assessment.Declarations.Editor.OrganisationId.Value;

        var renamed = await app.WithSystemAsync(sp => sp.GetRequiredService<UpdateOrganisationProfile>()
            .HandleAsync(new(organisation, $"After Company {u}", null, null, null), CancellationToken.None));
        Assert.False(renamed.IsError);
        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var service = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == listed.Service, Ct);
            Assert.False(service.Update($"After Service {u}", service.Description, service.Category, service.Family).IsError);
            await db.SaveChangesAsync(Ct);
        });

        Assert.Empty(Ids(await SearchAsync($"before company {u}")));
        Assert.Empty(Ids(await SearchAsync($"before service {u}")));
        Assert.Equal([listed.VerificationId], Ids(await SearchAsync($"after company {u}")));
        Assert.Equal([listed.VerificationId], Ids(await SearchAsync($"after service {u}")));
        Assert.Equal(0, await IndexedCountAsync($"BEFORE COMPANY {u}"));
        Assert.Equal(0, await IndexedCountAsync($"BEFORE SERVICE {u}"));
    }

    [Fact]
    public async Task Search_AfterAServiceIsDeleted_NoLongerFindsIt()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, service: $"Doomed Service {u}");
        Assert.Equal([listed.VerificationId], Ids(await SearchAsync($"doomed service {u}")));

        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var service = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == listed.Service, Ct);
            await db.DeclarationServices.IgnoreQueryFilters().Where(e => e.ServiceId == service.Id).ExecuteDeleteAsync(Ct);
            await db.Services.IgnoreQueryFilters().Where(s => s.Id == service.Id).ExecuteDeleteAsync(Ct);
        });

        Assert.Equal(0, await IndexedCountAsync($"DOOMED SERVICE {u}"));
        // A fresh key (another page size), so that no cached answer from before the deletion is served.
        Assert.Empty(Ids(await SearchAsync($"doomed service {u}", pageSize: 99)));
    }

    /// <summary>On SQLite, the rows of the FTS5 index that hold the text (the triggers' work); 0 on PostgreSQL, which indexes the tables themselves.</summary>
    private Task<int> IndexedCountAsync(string normalized) => app.WithSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AdhereDb>();
        if (!db.Database.IsSqlite()) return 0;
        var phrase = "\"" + normalized.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return await db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "RegisterSearchText" WHERE "RegisterSearchText" MATCH {phrase}""").SingleAsync(Ct);
    });
}
