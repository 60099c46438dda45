using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>
/// A text search with a space is counted on PostgreSQL from the splits table (ADR 0035), on SQLite as before: the totals
/// and pages must be the substring test's, whatever the words around the text, and the table must follow the entries.
/// </summary>
public sealed class RegisterSearchSplitsTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The IDs of the page (all matches: page size 100) and the total.</summary>
    private async Task<(string Ids, int Total)> SearchAsync(string text, string? more = null)
    {
        using var client = app.ApiClient(null);
        var json = await HttpAssert.JsonAsync(await client.GetAsync(
            new Uri($"/api/v1/register/entries?pageSize=100&q={Uri.EscapeDataString(text)}{more}", UriKind.Relative), Ct));
        return (string.Join(' ', json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("verificationId").GetString()!)), json.GetProperty("total").GetInt32());
    }

    /// <summary>What <see cref="SearchAsync"/> gives when exactly <paramref name="entries"/> match, in this order.</summary>
    private static (string Ids, int Total) Found(params RegisterScenario[] entries) => (string.Join(' ', entries.Select(e => e.VerificationId)), entries.Length);

    [Fact]
    public async Task Search_TextWithSpaces_CountsExactlyTheEntriesContainingIt()
    {
        var u = Unique();
        // Twice in one entry (company and service), counted once; inside longer words at both ends; a doubled space;
        // the words on two lines (company, service); the words in another order. Register order: company names.
        var twice = await RegisterScenario.ListedAsync(app, company: $"A{u} Pre{u} Mid{u} End One", service: $"Pre{u} Mid{u} End Two");
        var inWords = await RegisterScenario.ListedAsync(app, company: $"B{u}", service: $"XPre{u} Mid{u} EndX");
        var doubled = await RegisterScenario.ListedAsync(app, company: $"C{u}", service: $"Pre{u}  Mid{u} End");
        var twoLines = await RegisterScenario.ListedAsync(app, company: $"D{u} Pre{u}", service: $"Mid{u} End");
        var reordered = await RegisterScenario.ListedAsync(app, company: $"E{u}", service: $"Mid{u} End Pre{u}");

        Assert.Equal(Found(twice, inWords), await SearchAsync($"pre{u} mid{u} end"));
        Assert.Equal(Found(twice, inWords), await SearchAsync($"e{u} mid{u} e"));
        Assert.Equal(Found(doubled), await SearchAsync($"pre{u}  mid{u}"));
        Assert.Equal(Found(twice, inWords, doubled, twoLines, reordered), await SearchAsync($"mid{u} end"));
        Assert.Equal(Found(reordered), await SearchAsync($"end pre{u}"));
        Assert.Equal(Found(), await SearchAsync($"pre{u} mid{u} endxx"));
        Assert.Equal(Found(), await SearchAsync($"{u} pre{u}x"));
        // With a filter PostgreSQL counts with the substring test on the entries: the same entries.
        Assert.Equal(Found(twice, inWords), await SearchAsync($"pre{u} mid{u} end", "&status=valid"));
    }

    [Fact]
    public async Task Search_TextWithSpacesAndLikeWildcards_CountsOnlyTheLiteralText()
    {
        var u = Unique();
        var listed = await RegisterScenario.ListedAsync(app, company: $"Wild{u} 10%_off \\ {u}");

        Assert.Equal(Found(listed), await SearchAsync($"wild{u} 10%_off \\ {u}"));
        Assert.Equal(Found(listed), await SearchAsync($"0%_off \\ {u}"));
        Assert.Equal(Found(), await SearchAsync($"wild{u} 10%off"));
        Assert.Equal(Found(), await SearchAsync($"wild{u} 1__off"));
        Assert.Equal(Found(), await SearchAsync($"wild{u} 10%_off \\\\ {u}"));
    }

    [Fact]
    public async Task Splits_AfterListingRenamesAndUnlisting_FollowEveryEntrysText()
    {
        var u = Unique();
        var renamed = await RegisterScenario.ListedAsync(app, company: $"Follows {u} Company", service: $"Follows {u} Service");
        var unlisted = await RegisterScenario.ListedAsync(app, company: $"Leaves {u} Company");
        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var newName = $"Renamed {u} Service";
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Services" SET "Name" = {newName}, "NormalizedName" = {newName.ToUpperInvariant()} WHERE "Name" = {renamed.Service}""", Ct);
            await db.Database.ExecuteSqlAsync($"""UPDATE "Declarations" SET "Status" = 'Draft' WHERE "VerificationId" = {unlisted.VerificationId}""", Ct);
        });

        Assert.Equal(Found(), await SearchAsync($"follows {u} service"));
        Assert.Equal(Found(renamed), await SearchAsync($"renamed {u} service"));
        Assert.Equal(Found(), await SearchAsync($"leaves {u} company"));
        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            if (!db.Database.IsNpgsql())
            {
                // SQLite counts with its word index (ADR 0033) and has no splits table.
                Assert.Null(db.Model.FindEntityType(typeof(RegisterSearchSplit)));
                return;
            }

            // One row per space of every entry's text, none for an entry that is gone, and the parts of each line.
            var wrong = await db.Database.SqlQuery<int>($"""
                SELECT count(*)::int AS "Value" FROM "RegisterSearchEntries" r
                WHERE (SELECT count(*) FROM "RegisterSearchSplits" s WHERE s."EntryKey" = r."Key") <> length(r."Text") - length(replace(r."Text", ' ', ''))
                   OR EXISTS (SELECT 1 FROM "RegisterSearchSplits" s WHERE s."EntryKey" = r."Key"
                              AND (substr(r."Text", s."Position" - length(s."Before") + 1, length(s."Before") + length(s."After")) <> s."Before" || s."After"
                                   OR s."Before" LIKE E'%\n%' OR s."After" LIKE E'%\n%'
                                   OR substr(r."Text", s."Position" - length(s."Before"), 1) NOT IN ('', E'\n')
                                   OR substr(r."Text", s."Position" + length(s."After") + 1, 1) NOT IN ('', E'\n')))
                """).SingleAsync(Ct);
            var orphans = await db.Database.SqlQuery<int>($"""
                SELECT count(*)::int AS "Value" FROM "RegisterSearchSplits" s WHERE NOT EXISTS (SELECT 1 FROM "RegisterSearchEntries" r WHERE r."Key" = s."EntryKey")
                """).SingleAsync(Ct);
            Assert.Equal((0, 0), (wrong, orphans));
        });
    }

    [Fact]
    public async Task SplitsIndex_PrefixOfAfter_IsReadAsARange()
    {
        // The count relies on LIKE 'x%' being an index range, which needs the byte order of collation "C" on After.
        await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            if (!db.Database.IsNpgsql()) return;
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SET enable_seqscan = off; SET enable_bitmapscan = off;
                EXPLAIN SELECT count(DISTINCT "EntryKey") FROM "RegisterSearchSplits" WHERE "After" LIKE 'KUBERNETES%' AND right("Before", 8) = 'MANAGED ';
                RESET enable_seqscan; RESET enable_bitmapscan;
                """;
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(0));
            }

            var plan = string.Join('\n', lines);
            Assert.Contains("Index Only Scan using \"IX_RegisterSearchSplits_After_EntryKey\"", plan, StringComparison.Ordinal);
            Assert.Contains("Index Cond: ((\"After\" >= 'KUBERNETES'::text) AND (\"After\" < 'KUBERNETET'::text))", plan, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void MaxPartLength_CoversTheLongestSearchText() =>
        Assert.True(RegisterSearchSplit.MaxPartLength >= RegisterQueries.MaxQueryLength, "A cut part could lose a match of a long search text.");
}
