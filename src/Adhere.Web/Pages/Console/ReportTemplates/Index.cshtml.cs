using Adhere.Core.Reports;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.ReportTemplates;

/// <summary>The wording of the report's fixed passages: a text box per passage for MB administrators, and a way back to the default.</summary>
public sealed class IndexModel(ReportTemplateStore store, Caller caller) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = Adhere.Web.Reports.ReportsApi.DefaultCode;

    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = ReportTemplateStore.DefaultLanguage;

    public IReadOnlyList<ReportTemplateView> Templates { get; private set; } = [];

    public bool IsAdmin => caller.IsInRole(Role.MbAdministrator);

    public async Task OnGetAsync(CancellationToken ct) => Templates = await store.ListAsync(Code, Language, ct);

    public async Task<IActionResult> OnPostSetAsync(string key, string? text, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var result = await store.SetAsync(Code, Language, key, text, ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            Templates = await store.ListAsync(Code, Language, ct);
            return Page();
        }

        TempData["Notice"] = $"'{key}' is saved.";
        return Redirect($"/console/report-templates?code={Uri.EscapeDataString(Code)}&language={Uri.EscapeDataString(Language)}#{key}");
    }

    public async Task<IActionResult> OnPostResetAsync(string key, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        var result = await store.ResetAsync(Code, Language, key, ct);
        if (result.IsError) return NotFound();
        TempData["Notice"] = $"'{key}' reads as by default again.";
        return Redirect($"/console/report-templates?code={Uri.EscapeDataString(Code)}&language={Uri.EscapeDataString(Language)}#{key}");
    }
}
