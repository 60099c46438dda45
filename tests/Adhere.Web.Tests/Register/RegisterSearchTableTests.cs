using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>
/// The register's search table (ADR 0028) follows every kind of change, whoever writes it (use cases, EF, raw SQL),
/// as the public search shows: statuses, service names and categories, company names, services leaving a
/// declaration, new listings; and the flattened text never matches across two names.
/// </summary>
public sealed class RegisterSearchTableTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Raw SQL changes do not reach the register cache, so every search uses a page size of its own (a fresh cache key).</summary>
    private int pageSize = RegisterPageMax;

    private const int RegisterPageMax = 100;

    private async Task<JsonElement> SearchAsync(string query)
    {
        using var client = app.ApiClient(null);
        var size = Interlocked.Decrement(ref pageSize) + 1;
        Assert.True(size > 0, "Out of page sizes: use fewer searches per test class.");
        return await HttpAssert.JsonAsync(await client.GetAsync(new Uri($"/api/v1/register/entries?pageSize={size}&{query}", UriKind.Relative), Ct));
    }

    private async Task<List<string>> IdsAsync(string query) =>
        [.. (await SearchAsync(query)).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("verificationId").GetString()!)];

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    private Task<int> SqlAsync(FormattableString sql) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Database.ExecuteSqlAsync(sql, Ct));

    [Fact]
    public async Task Search_AfterSuspendAndReinstate_FollowsTheStatus()
    {
        var listed = await RegisterScenario.ListedAsync(app, company: $"Status Follows {Unique()}");
        var q = Q(listed.Company);

        await listed.DecideAsync("suspend");
        var suspended = await IdsAsync($"{q}&status=suspended");
        var validWhileSuspended = await IdsAsync($"{q}&status=valid");
        await listed.DecideAsync("reinstate");

        Assert.Equal([listed.VerificationId], suspended);
        Assert.Empty(validWhileSuspended);
        Assert.Equal([listed.VerificationId], await IdsAsync($"{q}&status=valid"));
        Assert.Empty(await IdsAsync($"{q}&status=suspended"));
    }

    [Fact]
    public async Task Search_EveryDeclarationStatusSetByRawSql_ListsOnlyTheRegisterStatuses()
    {
        var listed = await RegisterScenario.ListedAsync(app, company: $"Any Status {Unique()}");
        DeclarationStatus[] listedStatuses = [DeclarationStatus.Verified, DeclarationStatus.RenewalDue, DeclarationStatus.Suspended,
            DeclarationStatus.Revoked, DeclarationStatus.Expired, DeclarationStatus.Withdrawn];

        var found = new List<DeclarationStatus>();
        foreach (var status in Enum.GetValues<DeclarationStatus>())
        {
            var name = status.ToString();
            await SqlAsync($"""UPDATE "Declarations" SET "Status" = {name} WHERE "VerificationId" = {listed.VerificationId}""");
            if ((await IdsAsync(Q(listed.Company))).SequenceEqual([listed.VerificationId])) found.Add(status);
        }

        Assert.Equal(listedStatuses.Order(), found.Order());
    }

    [Fact]
    public async Task Search_AfterAServiceRenameAndCategoryChange_FindsTheNewNameAndCategoryOnly()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, service: $"Old Service {u}", category: $"Old Category {u}");
        var newCategory = $"New Category {u}";
        await app.WithSystemAsync(async sp =>
        {
            var added = await sp.GetRequiredService<Adhere.Core.Services.AddServiceCategory>().HandleAsync(new($"Code {u}", newCategory), Ct);
            Assert.False(added.IsError);
            var db = sp.GetRequiredService<AdhereDb>();
            var service = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == listed.Service, Ct);
            Assert.False(service.Update($"New Service {u}", service.Description, newCategory, service.Family).IsError);
            await db.SaveChangesAsync(Ct);
        });

        Assert.Empty(await IdsAsync(Q($"old service {u}")));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"new service {u}")));
        Assert.Empty(await IdsAsync($"category={Uri.EscapeDataString(listed.Category)}"));
        Assert.Equal([listed.VerificationId], await IdsAsync($"category={Uri.EscapeDataString(newCategory.ToUpperInvariant())}"));
    }

    [Fact]
    public async Task Search_AfterAnOrganisationRenameByRawSql_FindsTheNewNameInRegisterOrder()
    {
        var u = Unique();
        var first = await RegisterScenario.ListedAsync(app, company: $"Order {u} B");
        var second = await RegisterScenario.ListedAsync(app, company: $"Order {u} C");
        Assert.Equal([first.VerificationId, second.VerificationId], await IdsAsync(Q($"order {u}")));

        var renamed = $"Order {u} A";
        await SqlAsync($"""UPDATE "Organisations" SET "Name" = {renamed}, "NormalizedName" = {renamed.ToUpperInvariant()} WHERE "Name" = {second.Company}""");

        Assert.Equal([second.VerificationId, first.VerificationId], await IdsAsync(Q($"order {u}")));
        Assert.Equal([second.VerificationId], await IdsAsync(Q($"order {u} a")));
        Assert.Empty(await IdsAsync(Q($"order {u} c")));
    }

    [Fact]
    public async Task Search_MoreTextMatchesThanAreSorted_PagesInTheSameOrderWithTheSameTotal()
    {
        // More matches than SortedMatchLimit are paged by walking the register order instead of sorting the matches: on
        // PostgreSQL always, on SQLite for a text the word index narrows ("walk u" is one) and a page that starts within
        // the limit. With the limit at 1 the first page walks on both and the second only on PostgreSQL; at 3 both walk.
        // Every path must give the same pages and totals, with a status filter too.
        var u = Unique();
        var c = await RegisterScenario.ListedAsync(app, company: $"Walk {u} C");
        var a = await RegisterScenario.ListedAsync(app, company: $"Walk {u} A");
        var b = await RegisterScenario.ListedAsync(app, company: $"Walk {u} B");

        async Task<(List<string> Ids, int Total)> PageAsync(int limit, int page, string? status) => await app.WithSystemAsync(async sp =>
        {
            var queries = sp.GetRequiredService<Adhere.Core.Register.RegisterQueries>();
            queries.SortedMatchLimit = limit;
            var found = await queries.SearchAsync(new Adhere.Core.Register.RegisterQueries.Search(Q: $"walk {u}", Status: status, Page: page, PageSize: 2), Ct);
            return (found.Value.Entries.Select(e => e.VerificationId).ToList(), found.Value.Total);
        });

        foreach (var status in new[] { null, "valid" })
        {
            foreach (var limit in new[] { 1, 3, 1000 })
            {
                var first = await PageAsync(limit, 1, status);
                var second = await PageAsync(limit, 2, status);
                Assert.Equal([a.VerificationId, b.VerificationId], first.Ids);
                Assert.Equal([c.VerificationId], second.Ids);
                Assert.Equal((3, 3), (first.Total, second.Total));
            }
        }

        var none = await PageAsync(1, 1, "revoked");
        Assert.Empty(none.Ids);
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task Search_AfterAServiceLeavesTheDeclaration_FindsItNeitherByNameNorByCategory()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Keeps Company {u}", service: $"Leaving Service {u}", category: $"Leaving Category {u}");
        Assert.Equal([listed.VerificationId], await IdsAsync($"category={Uri.EscapeDataString(listed.Category)}"));

        await SqlAsync($"""
            DELETE FROM "DeclarationServices" WHERE "ServiceId" IN (SELECT "Id" FROM "Services" WHERE "Name" = {listed.Service})
            """);

        Assert.Empty(await IdsAsync(Q($"leaving service {u}")));
        Assert.Empty(await IdsAsync($"category={Uri.EscapeDataString(listed.Category)}"));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"keeps company {u}")));
    }

    [Fact]
    public async Task Search_ListingTakenBackAndGivenAgainByRawSql_FollowsTheVerificationId()
    {
        var listed = await RegisterScenario.ListedAsync(app, company: $"Relisted {Unique()}");
        var q = Q(listed.Company);

        await SqlAsync($"""UPDATE "Declarations" SET "VerificationId" = NULL WHERE "VerificationId" = {listed.VerificationId}""");
        var unlisted = await IdsAsync(q);
        await SqlAsync($"""
            UPDATE "Declarations" SET "VerificationId" = {listed.VerificationId}
            WHERE "OrganisationId" IN (SELECT "Id" FROM "Organisations" WHERE "Name" = {listed.Company})
            """);

        Assert.Empty(unlisted);
        Assert.Equal([listed.VerificationId], await IdsAsync(q));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q(listed.VerificationId)));
    }

    [Fact]
    public async Task Search_CategoryThatIsPartOfAnother_MatchesOnlyTheWholeCategory()
    {
        var u = Unique();
        var shorter = await RegisterScenario.ListedAsync(app, category: $"Edge {u}");
        var longer = await RegisterScenario.ListedAsync(app, category: $"Edge {u} Plus");

        Assert.Equal([shorter.VerificationId], await IdsAsync($"category={Uri.EscapeDataString($"edge {u}")}"));
        Assert.Equal([longer.VerificationId], await IdsAsync($"category={Uri.EscapeDataString($"edge {u} plus")}"));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Search_TextSpanningTwoNames_FindsNothing(string lineBreak)
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Span {u} Left", service: $"Right {u} Span");

        var across = await IdsAsync(Q($"{u} left{lineBreak}right {u}"));
        var endOfOne = await IdsAsync(Q($"{u} left"));
        var startOfOther = await IdsAsync(Q($"right {u}"));

        Assert.Empty(across);
        Assert.Equal([listed.VerificationId], endOfOne);
        Assert.Equal([listed.VerificationId], startOfOther);
    }

    [Fact]
    public async Task Search_QuotesBackslashesAndLikeWildcards_MatchOnlyThemselves()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"It's \"{u}\" 10%_off \\ {u}");

        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"it's \"{u}\" 10%_off \\ {u}")));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"'s \"{u}")));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"%_off \\ {u}")));
        Assert.Empty(await IdsAsync(Q($"it_s \"{u}")));
        Assert.Empty(await IdsAsync(Q($"10%off \\ {u}")));
        Assert.Empty(await IdsAsync(Q($"10%_off \\\\ {u}")));
        Assert.Empty(await IdsAsync(Q($"it''s \"{u}")));
    }

    [Fact]
    public async Task Search_SeveralWordsCutAtBothEnds_MatchAsASubstringOnly()
    {
        // On SQLite a text of several words is looked up in the word index first (ADR 0031): the first word may end a
        // longer word and the last may start one, and words present in another order must not match.
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Pre{u}abc Mid{u} Tailpart{u}");

        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"{u}abc mid{u} tail")));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"e{u}abc mid{u} tailpart{u}")));
        Assert.Equal([listed.VerificationId], await IdsAsync(Q($"c mid{u} t")));
        Assert.Empty(await IdsAsync(Q($"{u}abc mid{u}x")));
        Assert.Empty(await IdsAsync(Q($"mid{u} pre{u}abc")));
        Assert.Empty(await IdsAsync(Q($"{u}abc  mid{u}")));
    }

    [Fact]
    public async Task Search_CategoryAlone_PagesAndCountsEachEntryOnceInRegisterOrder()
    {
        var u = Unique();
        var category = $"Paged {u}";
        var b = await RegisterScenario.ListedAsync(app, company: $"Paged {u} B", category: category);
        var a = await RegisterScenario.ListedAsync(app, company: $"Paged {u} A", category: category);
        var c = await RegisterScenario.ListedAsync(app, company: $"Paged {u} C", category: category);
        using var client = app.ApiClient(null);
        async Task<(List<string> Ids, int Total)> PageAsync(int page, int size = 2)
        {
            var json = await HttpAssert.JsonAsync(await client.GetAsync(
                new Uri($"/api/v1/register/entries?category={Uri.EscapeDataString(category)}&pageSize={size}&page={page}", UriKind.Relative), Ct));
            return ([.. json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("verificationId").GetString()!)], json.GetProperty("total").GetInt32());
        }

        var first = await PageAsync(1);
        var second = await PageAsync(2);
        var third = await PageAsync(3);

        Assert.Equal([a.VerificationId, b.VerificationId], first.Ids);
        Assert.Equal([c.VerificationId], second.Ids);
        Assert.Empty(third.Ids);
        Assert.Equal([3, 3, 3], [first.Total, second.Total, third.Total]);
        await SqlAsync($"""UPDATE "Declarations" SET "Status" = 'Draft' WHERE "VerificationId" = {a.VerificationId}""");
        var afterUnlisting = await PageAsync(1, size: 3); // another cache key: raw SQL does not reach the register cache
        Assert.Equal([b.VerificationId, c.VerificationId], afterUnlisting.Ids);
        Assert.Equal(2, afterUnlisting.Total);
    }
}
