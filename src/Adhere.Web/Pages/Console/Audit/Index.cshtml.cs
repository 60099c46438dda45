using Adhere.Core.Audit;
using Adhere.Domain.Audit;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Audit;

public sealed class IndexModel(AuditQueries queries, VerifyAuditChain verify) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ObjectType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ObjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public AuditQueries.Page Entries { get; private set; } = new([], null);

    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await verify.HandleAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The changes of an entry as readable rows; the stored canonical JSON stays untouched.</summary>
    public static IReadOnlyList<(string Field, string? From, string? To)> ChangesOf(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject()
            .Select(p => (p.Name, p.Value.GetProperty("from").GetString(), p.Value.GetProperty("to").GetString()))
            .ToList();
    }

    public string NextPageUrl(long before)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Request.Query.Where(q => q.Key != "before")) query.Add(key, value.ToArray()!);
        query.Add("before", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/console/audit" + query.ToQueryString();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var from = From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Entries = await queries.SearchAsync(new AuditQueries.Filter(Action, Actor, ObjectType, ObjectId, null,
            from is null ? null : new DateTimeOffset(from.Value), to is null ? null : new DateTimeOffset(to.Value), Before), ct);
    }
}
