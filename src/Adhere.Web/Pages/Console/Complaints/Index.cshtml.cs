using Adhere.Core.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Complaints;

/// <summary>The Monitoring Body's complaints, the longest waiting first, with their targets and what is overdue.</summary>
public sealed class IndexModel(ComplaintQueries complaints) : PageModel
{
    /// <summary>The statuses the filter offers, with <c>open</c> (everything not dismissed or closed) first.</summary>
    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("open", "Open"), ("received", "Received"), ("admissibility-check", "Admissibility check"), ("investigation", "Investigation"),
        ("decided", "Decided"), ("dismissed", "Dismissed"), ("closed", "Closed"), ("all", "All"),
    ];

    public IReadOnlyList<ComplaintSummary> Complaints { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "open";

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>The code of the error shown, next to its message.</summary>
    public string? ErrorCode { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var found = await complaints.ListAsync(new(Status, Overdue), ct);
        if (found.IsError)
        {
            ModelState.AddError(found.Error!);
            ErrorCode = found.Error!.Code;
            return;
        }

        Complaints = found.Value;
    }

    public static string StatusLabel(string status) => Statuses.FirstOrDefault(s => s.Value == status).Label ?? status;
}
