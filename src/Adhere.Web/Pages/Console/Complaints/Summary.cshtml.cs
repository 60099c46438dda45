using System.Globalization;
using Adhere.Core.Complaints;
using Adhere.Domain.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Complaints;

/// <summary>
/// The yearly summary of complaints for the supervisory authority: key figures, three bar charts and the same figures
/// as tables, with the CSV to send. A year out of range shows the reason instead.
/// </summary>
public sealed class SummaryModel(ComplaintYearSummary summary, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public ComplaintYearFigures? Figures { get; private set; }

    /// <summary>The code of the error shown, next to its message.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The years offered, the current one first.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = time.GetUtcNow().UtcDateTime.Year;
        Years = [.. Enumerable.Range(0, 6).Select(n => current - n)];
        Year ??= current.ToString(CultureInfo.InvariantCulture);
        var found = await summary.HandleAsync(Year, ct);
        if (found.IsError)
        {
            ModelState.AddError(found.Error!);
            ErrorCode = found.Error!.Code;
            return;
        }

        Figures = found.Value;
    }

    public static string MonthLabel(string yearMonth) =>
        DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM", CultureInfo.InvariantCulture);

    public static string RoleLabel(string role) => role switch
    {
        "customer" => "Customers",
        "data-subject" => "Data subjects",
        "csp" => "Other providers",
        _ => "Others",
    };

    public static string ReasonLabel(string reason) => DetailsModel.DismissalReasons.FirstOrDefault(r => r.Value == reason).Label ?? reason;

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) + " days" : "none yet";

    /// <summary>The outcome chart's rows: what became of the year's complaints.</summary>
    public static IReadOnlyList<(string Label, int Value)> Outcomes(ComplaintYearFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return [("Received", f.Received), ("Admissible", f.Admissible), ("Dismissed", f.Dismissed), ("Founded", f.Founded), ("Unfounded", f.Unfounded), ("Still open", f.StillOpen)];
    }
}
