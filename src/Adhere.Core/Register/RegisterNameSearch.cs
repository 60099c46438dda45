using System.Text;
using Adhere.Core.Persistence;
using Adhere.Domain.Declarations;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>
/// Finds company and service names containing the search text, through an index where one can serve it (ADR 0022):
/// PostgreSQL's trigram GIN indexes answer <c>LIKE '%x%'</c>; SQLite has an FTS5 trigram table
/// (<c>RegisterNameSearch</c>, kept in step with the names by triggers) asked with a quoted phrase. A trigram index
/// cannot answer text of fewer than three characters, so that scans the names as before. Both sides are normalised
/// (<see cref="Organisation.Normalize"/>: trimmed, upper case), so the match is a plain case-sensitive substring test.
/// </summary>
internal static class RegisterNameSearch
{
    /// <summary>The shortest text, in Unicode characters, that the trigram indexes serve.</summary>
    public const int MinIndexedLength = 3;

    /// <summary>Organisations whose normalised name contains <paramref name="normalized"/>.</summary>
    public static IQueryable<OrganisationId> Organisations(AdhereDb db, string normalized)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisations = db.Organisations.IgnoreQueryFilters();
        if (!Indexed(normalized)) return organisations.Where(o => o.NormalizedName.Contains(normalized)).Select(o => o.Id);
        if (db.Database.IsNpgsql())
        {
            var pattern = LikePattern(normalized);
            return organisations.Where(o => EF.Functions.Like(o.NormalizedName, pattern, LikeEscape)).Select(o => o.Id);
        }

        return Matches(db, normalized).Where(n => n.OrganisationId != null).Select(n => n.OrganisationId!.Value);
    }

    /// <summary>Services whose normalised name contains <paramref name="normalized"/>.</summary>
    public static IQueryable<ServiceId> Services(AdhereDb db, string normalized)
    {
        ArgumentNullException.ThrowIfNull(db);
        var services = db.Services.IgnoreQueryFilters();
        if (!Indexed(normalized)) return services.Where(s => s.NormalizedName.Contains(normalized)).Select(s => s.Id);
        if (db.Database.IsNpgsql())
        {
            var pattern = LikePattern(normalized);
            return services.Where(s => EF.Functions.Like(s.NormalizedName, pattern, LikeEscape)).Select(s => s.Id);
        }

        return Matches(db, normalized).Where(n => n.ServiceId != null).Select(n => n.ServiceId!.Value);
    }

    /// <summary>SQLite: the names the FTS5 trigram index finds for the text, as one literal phrase (a parameter).</summary>
    private static IQueryable<RegisterName> Matches(AdhereDb db, string normalized)
    {
        var phrase = Fts5Phrase(normalized);
        return db.Set<RegisterName>().FromSql($"""
            SELECT * FROM "RegisterNames"
            WHERE "Key" IN (SELECT rowid FROM "RegisterNameSearch" WHERE "RegisterNameSearch" MATCH {phrase})
            """).AsNoTracking();
    }

    private const string LikeEscape = "\\";

    /// <summary>Counted in Unicode characters (runes), as the trigram tokenizers count them, not UTF-16 units.</summary>
    internal static bool Indexed(string normalized) => normalized.EnumerateRunes().Take(MinIndexedLength).Count() >= MinIndexedLength;

    /// <summary><c>%text%</c> with the LIKE metacharacters of the text escaped, so that they match literally.</summary>
    internal static string LikePattern(string text)
    {
        var pattern = new StringBuilder(text.Length + 4).Append('%');
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_') pattern.Append('\\');
            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>
    /// The text as one FTS5 string: in double quotes, inner quotes doubled. Inside a string FTS5 reads no operators
    /// (<c>OR</c>, <c>NEAR</c>, <c>*</c>, column filters), so any input is a literal phrase; for the trigram tokenizer
    /// a phrase is a substring.
    /// </summary>
    internal static string Fts5Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
