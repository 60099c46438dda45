using Adhere.Core.Reports;
using Adhere.Core.Reports.Frozen;
using Adhere.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Assessments;

/// <summary>
/// The report of an assessment as HTML, framed so that its own stylesheet does not mix with the console's, with downloads
/// in every format. Once approved, the page shows the issued report and its hash and signature.
/// </summary>
public sealed class ReportModel(ReportBuilder builder, FrozenReportQueries issued) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Html { get; private set; } = "";

    public bool IsDraft { get; private set; }

    /// <summary>The issued report's facts; null before approval.</summary>
    public FrozenReportView? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await issued.ForAssessmentAsync(Id, ct) is { } frozen)
        {
            Issued = FrozenReportView.Of(frozen);
            Html = frozen.Html;
            return Page();
        }

        var report = await builder.BuildAsync(Id, ct);
        if (report.IsError) return NotFound();
        IsDraft = report.Value.Cover.IsDraft;
        PdfReportRenderer.Render(report.Value, out var pages);
        Html = HtmlReportRenderer.Render(report.Value, pages);
        return Page();
    }

    /// <summary>The report as a file: the issued bytes once approved, otherwise a draft rendered now.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? format, CancellationToken ct)
    {
        if (ReportsApi.ParseFormat(format) is not { } kind) return BadRequest();
        if (await issued.ForAssessmentAsync(Id, ct) is { } frozen)
        {
            return kind switch
            {
                ReportFormat.Pdf => File(frozen.Pdf, "application/pdf", $"{frozen.VerificationId}.pdf"),
                ReportFormat.Markdown => File(System.Text.Encoding.UTF8.GetBytes(frozen.Markdown), "text/markdown; charset=utf-8", $"{frozen.VerificationId}.md"),
                _ => File(System.Text.Encoding.UTF8.GetBytes(frozen.Html), "text/html; charset=utf-8", $"{frozen.VerificationId}.html"),
            };
        }

        var report = await builder.BuildAsync(Id, ct);
        if (report.IsError) return NotFound();
        var pdf = PdfReportRenderer.Render(report.Value, out var pages);
        return kind switch
        {
            ReportFormat.Pdf => File(pdf, "application/pdf", "report-draft.pdf"),
            ReportFormat.Markdown => File(System.Text.Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(report.Value, pages)), "text/markdown; charset=utf-8", "report-draft.md"),
            _ => File(System.Text.Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report.Value, pages)), "text/html; charset=utf-8", "report-draft.html"),
        };
    }
}
