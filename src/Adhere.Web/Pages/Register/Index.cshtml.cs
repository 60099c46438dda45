using Adhere.Core.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Register;

/// <summary>The public register's search: by company, service or Verification-ID, filtered by category, level and status.</summary>
public sealed class IndexModel(RegisterQueries register) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public RegisterPage? Results { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Set when rendering for a static export: no search, every entry on one page.</summary>
    public Adhere.Web.Register.StaticRegisterCopy? StaticCopy { get; private set; }

    public int PageCount => Results is { } r ? Math.Max(1, (r.Total + r.PageSize - 1) / r.PageSize) : 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        StaticCopy = Adhere.Web.Register.StaticRegisterCopy.Of(HttpContext);
        if (StaticCopy is not null)
        {
            var all = await register.ExportAsync(ct);
            Results = new RegisterPage(all, 1, Math.Max(1, all.Count), all.Count);
            return;
        }

        var found = await register.SearchAsync(new(Q, Category, Level, Status, PageNumber, null), ct);
        if (found.IsError)
        {
            Error = found.Error!.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Results = found.Value;
    }

    /// <summary>The search address for another page, keeping the filters.</summary>
    public string PageLink(int page) => Url.Page("/Register/Index", new { q = Q, category = Category, level = Level, status = Status, page }) ?? "/register";
}
