using System.Linq.Expressions;
using System.Text;
using Adhere.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>
/// Finds register entries whose flattened text (<see cref="RegisterSearchEntry.Text"/>) contains the search text,
/// through an index where one can serve it (ADR 0022, ADR 0028): PostgreSQL's trigram GIN index answers
/// <c>LIKE '%x%'</c>; SQLite has an FTS5 trigram table (<c>RegisterSearchText</c>, kept in step by triggers) asked
/// with a quoted phrase. A trigram index cannot answer text of fewer than three characters, so that scans the entries.
/// Both sides are normalised (trimmed, upper case), so the match is a plain case-sensitive substring test.
/// </summary>
internal static class RegisterTextSearch
{
    /// <summary>The shortest text, in Unicode characters, that the trigram indexes serve.</summary>
    public const int MinIndexedLength = 3;

    /// <summary>
    /// Entries whose text contains <paramref name="normalized"/> (which must not hold <see cref="RegisterSearchEntry.Separator"/>,
    /// or a match could span two names), or whose Verification-ID is one of <paramref name="ids"/>. With
    /// <paramref name="narrow"/> false, SQLite tests the substring alone, row by row: the same entries, for a query that
    /// walks the register order and stops after a page (ADR 0033) rather than reading every candidate of an index.
    /// </summary>
    public static IQueryable<RegisterSearchEntry> Matching(AdhereDb db, string normalized, IReadOnlyList<string> ids, bool narrow = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.RegisterSearchEntries;
        Expression<Func<RegisterSearchEntry, bool>> text;
        if (!Indexed(normalized) || (!narrow && !db.Database.IsNpgsql()))
        {
            text = e => e.Text.Contains(normalized);
        }
        else if (db.Database.IsNpgsql())
        {
            var pattern = LikePattern(normalized);
            text = e => EF.Functions.Like(e.Text, pattern, LikeEscape);
        }
        else if (Fts5Words(normalized) is { } words)
        {
            // A cheaper superset first (ADR 0031): a long phrase costs one trigram list per three characters in FTS5,
            // the word index one list per word; the plain substring test on the candidates keeps the result exact.
            var keys = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "RegisterSearchWords" WHERE "RegisterSearchWords" MATCH {words}""");
            text = e => keys.Contains(e.Key) && e.Text.Contains(normalized);
        }
        else
        {
            var phrase = Fts5Phrase(normalized);
            var keys = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "RegisterSearchText" WHERE "RegisterSearchText" MATCH {phrase}""");
            text = e => keys.Contains(e.Key);
        }

        if (ids.Count == 0) return entries.Where(text);
        // The IDs of the same number at other levels: an OR of two indexed lookups (the text index, the ID index).
        var byId = Expression.Lambda<Func<RegisterSearchEntry, bool>>(
            Expression.OrElse(text.Body, InList(text.Parameters[0], ids)), text.Parameters);
        return entries.Where(byId);
    }

    /// <summary>
    /// PostgreSQL (ADR 0035): how many entries' texts contain <paramref name="normalized"/> (trimmed, without
    /// <see cref="RegisterSearchEntry.Separator"/>), from one range of the splits table's index, without reading the
    /// entries. The text is cut at its first space: an occurrence puts a space of the entry's line there, whose row has
    /// the rest of the text at the start of <see cref="RegisterSearchSplit.After"/> and the text up to the space at the
    /// end of <see cref="RegisterSearchSplit.Before"/>; and such a row is an occurrence. Null without a space, or with
    /// fewer than <see cref="MinIndexedLength"/> characters after it, whose range of the index could be too wide to beat
    /// the substring test.
    /// </summary>
    public static IQueryable<int>? CountBySplit(AdhereDb db, string normalized)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(normalized);
        var space = normalized.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !Indexed(normalized[(space + 1)..])) return null;
        // LIKE 'x%' on a column of collation "C" is a range of its index; LIKE '%x' tests the end of the index tuple's Before.
        var after = EscapeLike(normalized[(space + 1)..]) + "%";
        var before = "%" + EscapeLike(normalized[..(space + 1)]);
        // count(DISTINCT) sorts the keys; EF's Distinct().Count() hashes them in a subquery, 0.5 ms dearer for 2,500 keys.
        return db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT "EntryKey")::int AS "Value" FROM "RegisterSearchSplits"
            WHERE "After" LIKE {after} ESCAPE '\' AND "Before" LIKE {before} ESCAPE '\'
            """);
    }

    /// <summary>Entries with a declared service in one of the categories <paramref name="names"/> (names as services store them).</summary>
    public static Expression<Func<RegisterSearchEntry, bool>> InAnyCategory(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var entry = Expression.Parameter(typeof(RegisterSearchEntry), "e");
        var categories = Expression.Property(entry, nameof(RegisterSearchEntry.Categories));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        // Each wanted name between separators, so that it matches one whole category and not a part of a longer one.
        var body = names.Select(n => (Expression)Expression.Call(categories, contains, Parameter(RegisterSearchEntry.Separator + n + RegisterSearchEntry.Separator)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<RegisterSearchEntry, bool>>(body, entry);
    }

    private static Expression InList(ParameterExpression entry, IReadOnlyList<string> ids)
    {
        var list = ids.ToList();
        Expression<Func<RegisterSearchEntry, bool>> inList = e => list.Contains(e.VerificationId);
        return new ReplaceParameter(inList.Parameters[0], entry).Visit(inList.Body);
    }

    /// <summary>A captured value, so that EF sends it as a SQL parameter rather than a literal.</summary>
    private static Expression Parameter(string value)
    {
        Expression<Func<string>> captured = () => value;
        return captured.Body;
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private const string LikeEscape = "\\";

    /// <summary>Whether SQLite narrows <paramref name="normalized"/> by the word index (<see cref="Fts5Words"/>).</summary>
    internal static bool NarrowedByWords(string normalized) => Indexed(normalized) && Fts5Words(normalized) is not null;

    /// <summary>Counted in Unicode characters (runes), as the trigram tokenizers count them, not UTF-16 units.</summary>
    internal static bool Indexed(string normalized) => normalized.EnumerateRunes().Take(MinIndexedLength).Count() >= MinIndexedLength;

    /// <summary><c>%text%</c> with the LIKE metacharacters of the text escaped, so that they match literally.</summary>
    internal static string LikePattern(string text) => "%" + EscapeLike(text) + "%";

    /// <summary>The text with the LIKE metacharacters (and the escape character <c>\</c>) escaped, so that they match literally.</summary>
    internal static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length + 2);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_') escaped.Append('\\');
            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// An FTS5 query for the word index (<c>unicode61</c>, which splits ASCII text at every character that is not a letter
    /// or digit) that finds every entry whose text contains <paramref name="normalized"/>, and maybe more; null when the
    /// text gives no such query. A word of the text with a separator before it starts a word wherever the text occurs,
    /// so it is a word prefix there (<c>"W"*</c>); with a separator after it too, a whole word (<c>"W"</c>). A word at
    /// the start of the text may be the end of a longer word, which the index cannot look up, so it is left out. Only
    /// ASCII text: the tokenizer's idea of a letter outside ASCII (Unicode categories) need not be .NET's.
    /// </summary>
    internal static string? Fts5Words(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (!Ascii.IsValid(normalized)) return null;
        var terms = new List<string>();
        var i = 0;
        while (i < normalized.Length)
        {
            if (!char.IsAsciiLetterOrDigit(normalized[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < normalized.Length && char.IsAsciiLetterOrDigit(normalized[i])) i++;
            if (start == 0) continue;
            var word = "\"" + normalized[start..i] + "\"";
            terms.Add(i < normalized.Length ? word : word + "*");
        }

        return terms.Count == 0 ? null : string.Join(" AND ", terms);
    }

    /// <summary>
    /// The text as one FTS5 string: in double quotes, inner quotes doubled. Inside a string FTS5 reads no operators
    /// (<c>OR</c>, <c>NEAR</c>, <c>*</c>, column filters), so any input is a literal phrase; for the trigram tokenizer
    /// a phrase is a substring.
    /// </summary>
    internal static string Fts5Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
