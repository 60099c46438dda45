using System.Globalization;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>A declared service as the register shows it.</summary>
public sealed record RegisterService(string Name, string? Category);

/// <summary>One line of the register: an entry as search results and exports list it.</summary>
public sealed record RegisterEntrySummary(string VerificationId, string Company, int Level, string Status, DateOnly? Since, DateOnly? ApprovedOn,
    DateOnly? ValidUntil, IReadOnlyList<RegisterService> Services);

/// <summary>A page of search results; <see cref="Total"/> counts every match.</summary>
public sealed record RegisterPage(IReadOnlyList<RegisterEntrySummary> Entries, int Page, int PageSize, int Total);

/// <summary>The services of an entry in one category (<see cref="Category"/> null: none chosen).</summary>
public sealed record RegisterCategory(string? Category, IReadOnlyList<string> Services);

/// <summary>An issued report of an entry and where the register serves it (earlier ones by their hash).</summary>
public sealed record RegisterReport(string VerificationId, int Level, DateOnly ApprovedOn, DateOnly ValidUntil, string Sha256, int PageCount, bool Current, string Url);

/// <summary>A register entry in full.</summary>
public sealed record RegisterEntry(string VerificationId, IReadOnlyList<string> FormerIds, string Company, int Level, string Status, DateOnly? Since,
    DateOnly? ApprovedOn, DateOnly? ValidUntil, IReadOnlyList<RegisterCategory> Categories, IReadOnlyList<RegisterReport> Reports);

/// <summary>The short answer to "is this ID valid?": <see cref="RequestedId"/> as asked, <see cref="VerificationId"/> as current.</summary>
public sealed record RegisterVerification(string RequestedId, string VerificationId, string Status, DateOnly? Since, int Level, DateOnly? ValidUntil, string Company);

/// <summary>
/// The public register, read-only. Entries are declarations that carry a Verification-ID and were listed (verified,
/// renewal due, suspended, revoked, expired, withdrawn after listing), one per renewal chain: a renewed declaration has
/// handed over to its renewal. The tenancy filter is bypassed on purpose, since anyone may read the register; nothing
/// beyond the register's public facts leaves this class.
/// </summary>
public sealed class RegisterQueries(AdhereDb db, TimeProvider time)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    public const int MaxQueryLength = 200;

    /// <summary>
    /// Up to this many text matches are sorted; more are paged by walking the register order (ADR 0031): on PostgreSQL
    /// always, on SQLite for a text the word index narrows, and only for a page that starts within this many matches
    /// (ADR 0033). Settable so that a test can take the walking path with a few entries.
    /// </summary>
    internal int SortedMatchLimit { get; set; } = 1000;

    /// <summary>Search input as it arrives; everything optional. <paramref name="Level"/> is 1–3, <paramref name="Status"/> one of <see cref="RegisterStatus.All"/>.</summary>
    public sealed record Search(string? Q = null, string? Category = null, string? Level = null, string? Status = null, int? Page = null, int? PageSize = null);

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private sealed record Row(DeclarationId Id, string Company, string VerificationId, ComplianceLevel? Level, DeclarationStatus Status, DateOnly? ApprovedOn,
        DateOnly? ValidUntil, DateTimeOffset StatusChangedAt);

    public async Task<Result<RegisterPage>> SearchAsync(Search search, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        var page = search.Page ?? 1;
        var size = search.PageSize ?? DefaultPageSize;
        if (page < 1) return RegisterErrors.PageInvalid();
        if (size is < 1 or > MaxPageSize) return RegisterErrors.PageSize();
        var q = search.Q?.Trim();
        if (q is { Length: > MaxQueryLength }) return RegisterErrors.QueryTooLong();

        // Filtering, order, paging and counting read only the search table, one row per entry kept by triggers (ADR 0028):
        // hopping from thousands of matching services to their declarations cost up to 145 ms (BENCHMARKS.md, issue 7).
        var entries = db.RegisterSearchEntries;
        // On SQLite, the same search with the plain substring test instead of the word index: the way to walk the register
        // order (ADR 0033). Null where the text is not counted first.
        IQueryable<RegisterSearchEntry>? walked = null;
        // On PostgreSQL, a text's total from the splits table (ADR 0035), without testing every entry. Null where the
        // text has no usable space, or another filter must count too.
        IQueryable<int>? splitCount = null;
        if (q is not null && (q.Contains('\0', StringComparison.Ordinal) || q.Contains(RegisterSearchEntry.Separator, StringComparison.Ordinal)))
        {
            // No name or ID holds a NUL (PostgreSQL cannot even store one, nor take it as a parameter), and a line break
            // would match across two names of the flattened text.
            entries = entries.Where(e => false);
        }
        else if (!string.IsNullOrEmpty(q))
        {
            var up = q.ToUpperInvariant();
            // An exact Verification-ID also finds the entry after a level change: the same year and number at any level.
            var ids = VerificationNumber.Parse(up) is { IsError: false } parsed
                ? Enum.GetValues<ComplianceLevel>().Select(l => parsed.Value.WithLevel(l).ToString()).ToList()
                : [];
            entries = RegisterTextSearch.Matching(db, up, ids);
            if (db.Database.IsNpgsql() && ids.Count == 0) splitCount = RegisterTextSearch.CountBySplit(db, up);
            if (!db.Database.IsNpgsql() && RegisterTextSearch.NarrowedByWords(up)) walked = RegisterTextSearch.Matching(db, up, ids, narrow: false);
        }

        IQueryable<RegisterSearchCategory>? inCategory = null;
        if (!string.IsNullOrWhiteSpace(search.Category))
        {
            var wanted = search.Category.Trim().ToUpperInvariant();
            var names = await db.ServiceCategories.AsNoTracking().Where(c => c.NormalizedName == wanted).Select(c => c.Name).Distinct().ToListAsync(ct);
            if (names.Count == 0) return RegisterErrors.CategoryUnknown(search.Category);
            var inAny = RegisterTextSearch.InAnyCategory(names);
            splitCount = null;
            entries = entries.Where(inAny);
            walked = walked?.Where(inAny);
            if (names.Count == 1)
            {
                var name = names[0];
                inCategory = db.RegisterSearchCategories.Where(c => c.Category == name);
            }
        }

        if (!string.IsNullOrWhiteSpace(search.Level))
        {
            if (!int.TryParse(search.Level.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 3)
            {
                return RegisterErrors.LevelInvalid(search.Level);
            }

            var level = (ComplianceLevel)number;
            entries = entries.Where(e => e.GrantedLevel == level);
            splitCount = null;
            walked = walked?.Where(e => e.GrantedLevel == level);
        }

        if (!string.IsNullOrWhiteSpace(search.Status))
        {
            var status = search.Status.Trim().ToLowerInvariant();
            if (!RegisterStatus.All.Contains(status)) return RegisterErrors.StatusInvalid(search.Status);
            entries = FilterStatus(entries, status, Today);
            splitCount = null;
            walked = walked is null ? null : FilterStatus(walked, status, Today);
        }

        List<Row> rows;
        var total = -1;
        if (inCategory is not null && string.IsNullOrEmpty(q) && string.IsNullOrWhiteSpace(search.Level) && string.IsNullOrWhiteSpace(search.Status))
        {
            // A category alone reads one range of the categories table in register order, for the page and the count
            // (ADR 0031): testing every entry's category list cost a pass over the whole search table for the total.
            rows = await CategoryPageRows(inCategory, (page - 1) * size, size).ToListAsync(ct);
            total = KnownTotal(rows.Count) ?? await inCategory.CountAsync(ct);
        }
        else if (!string.IsNullOrEmpty(q) && walked is null && (!db.Database.IsNpgsql() || (total = await (splitCount is null ? entries.CountAsync(ct) : splitCount.SingleAsync(ct))) <= SortedMatchLimit))
        {
            // On SQLite text is the costly part (FTS5 lists), so it is matched once: every matching key in register order
            // (at most one per entry; SQLite compares bytes, so the sort is cheap), then the page's rows by key.
            // PostgreSQL counts first (a text alone with a space from the splits table's index, ADR 0035): a few matches
            // are sorted the same way (walking the register order to find them could pass thousands of rows when they sort
            // late), many are paged by the general path below, since its sort compares by collation and sorting thousands
            // costs more than walking the order to fill a page (ADR 0031).
            List<long> keys = total == 0 ? [] : await entries.OrderBy(e => e.SortName).ThenBy(e => e.VerificationId).Select(e => e.Key).ToListAsync(ct);
            var pageKeys = keys.Skip((page - 1) * size).Take(size).ToList();
            rows = pageKeys.Count == 0 ? [] : await PageRows(db.RegisterSearchEntries.Where(e => pageKeys.Contains(e.Key)), 0, size).ToListAsync(ct);
            total = keys.Count;
        }
        else if (walked is not null)
        {
            // SQLite, a text the word index narrows (ADR 0033): counted first. Many matches are paged by walking the
            // register order with the plain substring test, which fills the first pages after a few rows instead of sorting
            // thousands of candidates; a few, or a page beyond the first SortedMatchLimit matches (which a walk would reach
            // only after testing most of the table), are read from the word index's candidates, sorted, one page of them.
            var skip = (page - 1) * size;
            total = await entries.CountAsync(ct);
            var walks = total > SortedMatchLimit && skip < SortedMatchLimit;
            rows = total == 0 ? [] : await PageRows(walks ? walked : entries, skip, size).ToListAsync(ct);
        }
        else
        {
            rows = await PageRows(entries, (page - 1) * size, size).ToListAsync(ct);
            // Unless the text search above has counted already.
            total = total >= 0 ? total : KnownTotal(rows.Count) ?? await entries.CountAsync(ct);
        }

        // A page that is not full (and not past the end) already tells the total; only a full or empty later page needs the count.
        int? KnownTotal(int read) => (read > 0 && read < size) || (page == 1 && read == 0) ? ((page - 1) * size) + read : null;

        return new RegisterPage(await SummariesAsync(rows, ct), page, size, total);
    }

    /// <summary>Every entry, ordered by company, for the bulk exports.</summary>
    public async Task<IReadOnlyList<RegisterEntrySummary>> ExportAsync(CancellationToken ct) =>
        await SummariesAsync(await Rows(Entries()).ToListAsync(ct), ct);

    /// <summary>The entry an ID names, current or former; <c>register.id-malformed</c> or <c>register.not-found</c> otherwise.</summary>
    public async Task<Result<RegisterEntry>> EntryAsync(string? verificationId, CancellationToken ct)
    {
        var resolved = await ResolveAsync(verificationId, ct);
        if (resolved.IsError) return resolved.Error!;
        var (_, chain, current) = resolved.Value;
        var today = Today;
        var status = RegisterStatus.Of(current.Status, current.ValidUntil, today);
        var company = await CompanyAsync(current, ct);
        var chainIds = chain.Select(d => d.Id).ToList();

        var services = await (from e in db.DeclarationServices.IgnoreQueryFilters()
                              where e.DeclarationId == current.Id
                              join s in db.Services.IgnoreQueryFilters() on e.ServiceId equals s.Id
                              orderby e.Position
                              select new RegisterService(s.Name, s.Category)).ToListAsync(ct);
        var categories = services.GroupBy(s => s.Category).Select(g => new RegisterCategory(g.Key, [.. g.Select(s => s.Name)])).ToList();

        var reports = (await db.FrozenReports.IgnoreQueryFilters().AsNoTracking().Where(r => chainIds.Contains(r.DeclarationId))
                .Select(r => new { r.VerificationId, r.Level, r.ApprovedOn, r.ValidUntil, r.Sha256, r.PageCount, r.FrozenAt }).ToListAsync(ct))
            .OrderByDescending(r => r.VerificationId == current.VerificationId).ThenByDescending(r => r.ApprovedOn).ThenByDescending(r => r.FrozenAt).ToList();
        var issued = reports.Select((r, i) => new RegisterReport(r.VerificationId, r.Level, r.ApprovedOn, r.ValidUntil, r.Sha256, r.PageCount, i == 0,
            i == 0 ? $"/register/{current.VerificationId}/report.pdf" : EarlierReportPath(current.VerificationId!, r.Sha256))).ToList();

        var recorded = await db.VerificationRecords.IgnoreQueryFilters().AsNoTracking().Where(v => chainIds.Contains(v.DeclarationId))
            .Select(v => v.VerificationId).ToListAsync(ct);
        var former = recorded.Concat(reports.Select(r => r.VerificationId)).Concat(chain.Select(d => d.VerificationId).OfType<string>())
            .Where(id => id != current.VerificationId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        return new RegisterEntry(current.VerificationId!, former, company, (int?)current.Level ?? 0, status, RegisterStatus.Since(current, status),
            current.ApprovedOn, current.ValidUntil, categories, issued);
    }

    /// <summary>
    /// Where the register serves an earlier report of an entry: a path of its own (no query string), so that a static
    /// copy of the register can hold it as a file. <c>report.pdf?sha256=</c> answers the same.
    /// </summary>
    public static string EarlierReportPath(string verificationId, string sha256) => $"/register/{verificationId}/reports/{sha256}.pdf";

    /// <summary>The status of the entry an ID names, current or former; the same errors as <see cref="EntryAsync"/>.</summary>
    public async Task<Result<RegisterVerification>> VerificationAsync(string? verificationId, CancellationToken ct)
    {
        var resolved = await ResolveAsync(verificationId, ct);
        if (resolved.IsError) return resolved.Error!;
        var (asked, _, current) = resolved.Value;
        var status = RegisterStatus.Of(current.Status, current.ValidUntil, Today);
        return new RegisterVerification(asked, current.VerificationId!, status, RegisterStatus.Since(current, status), (int?)current.Level ?? 0,
            current.ValidUntil, await CompanyAsync(current, ct));
    }

    /// <summary>A Verification-ID as the register looks it up (trimmed, upper case), or null when it is not one.</summary>
    public static string? NormalizeId(string? verificationId)
    {
        var asked = (verificationId ?? string.Empty).Trim().ToUpperInvariant();
        return asked.Length > 32 || VerificationNumber.Parse(asked).IsError ? null : asked;
    }

    /// <summary>
    /// A search as a cache key: equal for searches that must give the same page (case and spaces as the search
    /// ignores them, defaults filled in); null when the search is refused anyway.
    /// </summary>
    public static string? SearchKey(Search search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var q = search.Q?.Trim() ?? string.Empty;
        if (q.Length > MaxQueryLength) return null;
        return string.Join('\u001f', q.ToUpperInvariant(), search.Category?.Trim().ToUpperInvariant(), search.Level?.Trim(),
            search.Status?.Trim().ToLowerInvariant(), (search.Page ?? 1).ToString(CultureInfo.InvariantCulture),
            (search.PageSize ?? DefaultPageSize).ToString(CultureInfo.InvariantCulture));
    }

    private async Task<Result<(string Asked, List<ChainLink> Chain, ChainLink Current)>> ResolveAsync(string? verificationId, CancellationToken ct)
    {
        if (NormalizeId(verificationId) is not { } asked) return RegisterErrors.IdMalformed();
        var chain = await RenewalChain.LoadByIdAsync(db, asked, ct);
        return RenewalChain.Current(chain) is { } current ? (asked, chain, current) : RegisterErrors.NotFound(asked);
    }

    private async Task<string> CompanyAsync(ChainLink link, CancellationToken ct) =>
        await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == link.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? string.Empty;

    /// <summary>Listed declarations that speak for their entry (a renewed one has handed over to its renewal).</summary>
    private IQueryable<Adhere.Domain.Declarations.Records.Declaration> Entries() =>
        db.Declarations.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.VerificationId != null && RegisterStatus.EntryStatuses.Contains(d.Status));

    private static IQueryable<RegisterSearchEntry> FilterStatus(IQueryable<RegisterSearchEntry> entries, string status, DateOnly today) => status switch
    {
        RegisterStatus.Valid => entries.Where(e => (e.Status == DeclarationStatus.Verified || e.Status == DeclarationStatus.RenewalDue) && e.ValidUntil >= today),
        RegisterStatus.Expired => entries.Where(e => e.Status == DeclarationStatus.Expired
            || ((e.Status == DeclarationStatus.Verified || e.Status == DeclarationStatus.RenewalDue) && e.ValidUntil < today)),
        RegisterStatus.Suspended => entries.Where(e => e.Status == DeclarationStatus.Suspended),
        RegisterStatus.Revoked => entries.Where(e => e.Status == DeclarationStatus.Revoked),
        _ => entries.Where(e => e.Status == DeclarationStatus.Withdrawn),
    };

    /// <summary>One page in register order from the search table; only the page's rows are joined to their declaration and company.</summary>
    private IQueryable<Row> PageRows(IQueryable<RegisterSearchEntry> entries, int skip, int take) =>
        from e in entries.OrderBy(e => e.SortName).ThenBy(e => e.VerificationId).Skip(skip).Take(take)
        join d in db.Declarations.IgnoreQueryFilters() on e.DeclarationId equals d.Id
        join o in db.Organisations.IgnoreQueryFilters() on d.OrganisationId equals o.Id
        orderby e.SortName, e.VerificationId
        select new Row(d.Id, o.Name, d.VerificationId!, d.GrantedLevel, d.Status, d.ApprovedOn, d.ValidUntil, d.StatusChangedAt);

    /// <summary>One page in register order from the categories table, joined like <see cref="PageRows"/>.</summary>
    private IQueryable<Row> CategoryPageRows(IQueryable<RegisterSearchCategory> categories, int skip, int take) =>
        from c in categories.OrderBy(c => c.SortName).ThenBy(c => c.VerificationId).Skip(skip).Take(take)
        join e in db.RegisterSearchEntries on c.EntryKey equals e.Key
        join d in db.Declarations.IgnoreQueryFilters() on e.DeclarationId equals d.Id
        join o in db.Organisations.IgnoreQueryFilters() on d.OrganisationId equals o.Id
        orderby c.SortName, c.VerificationId
        select new Row(d.Id, o.Name, d.VerificationId!, d.GrantedLevel, d.Status, d.ApprovedOn, d.ValidUntil, d.StatusChangedAt);

    private IQueryable<Row> Rows(IQueryable<Adhere.Domain.Declarations.Records.Declaration> entries) =>
        from d in entries
        join o in db.Organisations.IgnoreQueryFilters() on d.OrganisationId equals o.Id
        orderby o.NormalizedName, d.VerificationId
        select new Row(d.Id, o.Name, d.VerificationId!, d.GrantedLevel, d.Status, d.ApprovedOn, d.ValidUntil, d.StatusChangedAt);

    private async Task<IReadOnlyList<RegisterEntrySummary>> SummariesAsync(List<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var services = (await (from e in db.DeclarationServices.IgnoreQueryFilters()
                               where ids.Contains(e.DeclarationId)
                               join s in db.Services.IgnoreQueryFilters() on e.ServiceId equals s.Id
                               select new { e.DeclarationId, e.Position, s.Name, s.Category }).ToListAsync(ct))
            .ToLookup(s => s.DeclarationId);
        var today = Today;
        return [.. rows.Select(r =>
        {
            var status = RegisterStatus.Of(r.Status, r.ValidUntil, today);
            var link = new ChainLink(r.Id, default, null, r.Status, r.VerificationId, r.Level, r.ApprovedOn, r.ValidUntil, r.StatusChangedAt);
            return new RegisterEntrySummary(r.VerificationId, r.Company, (int?)r.Level ?? 0, status, RegisterStatus.Since(link, status), r.ApprovedOn, r.ValidUntil,
                [.. services[r.Id].OrderBy(s => s.Position).Select(s => new RegisterService(s.Name, s.Category))]);
        })];
    }
}

/// <summary>The register's expected failures.</summary>
public static class RegisterErrors
{
    public static InvalidError IdMalformed() => new("register.id-malformed",
        "That is not a Verification-ID: expected the year, LVL and a two-digit level, the Monitoring Body's code and a running number, such as 2026LVL02ADHERE002.",
        "verificationId");

    public static NotFoundError NotFound(string id) => new("register.not-found", $"The register has no entry with the Verification-ID {id}.");

    public static InvalidError PageSize() => new("register.page-size", $"pageSize must be between 1 and {RegisterQueries.MaxPageSize}.", "pageSize");

    public static InvalidError PageInvalid() => new("register.page-invalid", "page must be 1 or more.", "page");

    public static InvalidError QueryTooLong() => new("register.query-too-long", $"The search text may have at most {RegisterQueries.MaxQueryLength} characters.", "q");

    public static InvalidError LevelInvalid(string level) => new("register.level-invalid", "level must be 1, 2 or 3.", "level");

    public static InvalidError StatusInvalid(string status) => new("register.status-invalid",
        $"status must be one of: {string.Join(", ", RegisterStatus.All)}.", "status");

    public static InvalidError CategoryUnknown(string category) => new("register.category-unknown", "No Code's category list has a category of that name.", "category");
}
