using Adhere.Core.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Assessments;

/// <summary>The report of an assessment as HTML, framed so that its own stylesheet does not mix with the console's.</summary>
public sealed class ReportModel(ReportBuilder builder) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Html { get; private set; } = "";

    public bool IsDraft { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var report = await builder.BuildAsync(Id, ct);
        if (report.IsError) return NotFound();
        IsDraft = report.Value.Cover.IsDraft;
        Html = HtmlReportRenderer.Render(report.Value);
        return Page();
    }
}
