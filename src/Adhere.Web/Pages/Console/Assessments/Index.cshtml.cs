using Adhere.Core.Assessments;
using Adhere.Core.Tenancy;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Assessments;

/// <summary>The Monitoring Body's work queue: declarations waiting to be opened and assessments by where they stand.</summary>
public sealed class IndexModel(AssessmentWorkQueue queue, Adhere.Core.Complaints.ComplaintWorkQueue complaints, Caller caller) : PageModel
{
    public WorkQueueSections Queue { get; private set; } = null!;

    /// <summary>Only the assessments the viewer is assessor or decision maker of.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary>The code of the error shown, next to its message.</summary>
    public string? ErrorCode { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostOpenAsync(Guid declarationId, [FromServices] OpenAssessment open, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(open);
        var opened = await open.HandleAsync(new(declarationId, null, null), ct);
        if (opened.IsError)
        {
            if (opened.Error is NotFoundError) return NotFound();
            ModelState.AddError(opened.Error!);
            ErrorCode = opened.Error!.Code;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = "The assessment is open and starts with fact finding.";
        return Redirect($"/console/assessments/{opened.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Queue = await queue.GetAsync(Mine ? caller.UserId?.Value : null, ct);
        if (!Mine) Queue = Queue with { Complaints = await complaints.GetAsync(ct) };
    }
}

/// <summary>One section of the queue as the table partial shows it; <see cref="CanOpen"/> adds the "Open assessment" button.</summary>
public sealed record QueueTable(string Caption, IReadOnlyList<QueueRow> Rows, string Empty, bool CanOpen, bool ShowDue);
