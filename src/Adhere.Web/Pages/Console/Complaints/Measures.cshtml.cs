using System.Globalization;
using Adhere.Core.Complaints;
using Adhere.Core.Complaints.Measures;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Complaints;

/// <summary>
/// The measures of a complaint: imposing one, lifting a suspension and recording a corrective action's follow-up check.
/// The forms sit on the case page; a success goes back there, a refusal shows here with its reason, having changed nothing.
/// </summary>
public sealed class MeasuresModel(ComplaintQueries complaints) : PageModel
{
    public ComplaintCase Case { get; private set; } = null!;

    public string? ErrorCode { get; private set; }

    public static string StateLabel(string state) => state switch
    {
        "imposed" => "Imposed",
        "awaiting-follow-up" => "Awaiting the follow-up check",
        "met" => "Corrected (checked)",
        "not-met" => "Not corrected (checked)",
        "in-force" => "In force",
        "lifted" => "Lifted",
        "superseded" => "Superseded by a revocation",
        _ => state,
    };

    public static string SendingLabel(string sending) => sending switch
    {
        "queued" => "queued for sending",
        "sent" => "sent",
        "failed" => "sending failed; the outbox gave up",
        _ => "not sent",
    };

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) => await LoadAsync(reference, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostImposeAsync(string reference, string? key, string? reasons, string? deadline, string? correction,
        string? verificationId, [FromServices] ImposeComplaintMeasure impose, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(deadline))
        {
            if (!DateOnly.TryParseExact(deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return await RefuseAsync(reference, ComplaintMeasureErrors.DeadlineInvalid(deadline), ct);
            day = parsed;
        }

        var imposed = await impose.HandleAsync(new(reference, key, reasons, day, correction, verificationId), ct);
        return imposed.IsError ? await RefuseAsync(reference, imposed.Error!, ct) : Done(reference, $"The measure \"{imposed.Value.Name}\" is imposed.");
    }

    public async Task<IActionResult> OnPostLiftAsync(string reference, Guid measureId, string? reasons, [FromServices] LiftComplaintMeasure lift, CancellationToken ct)
    {
        var lifted = await lift.HandleAsync(new(reference, measureId, reasons), ct);
        return lifted.IsError ? await RefuseAsync(reference, lifted.Error!, ct) : Done(reference, "The suspension is lifted; the register entry is valid again.");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(string reference, Guid measureId, string? outcome, string? notes,
        [FromServices] FollowUpComplaintMeasure followUp, CancellationToken ct)
    {
        bool? met = outcome switch { "met" => true, "not-met" => false, _ => null };
        if (met is null) return await RefuseAsync(reference, ComplaintMeasureErrors.OutcomeInvalid(), ct);
        var recorded = await followUp.HandleAsync(new(reference, measureId, met.Value, notes), ct);
        return recorded.IsError ? await RefuseAsync(reference, recorded.Error!, ct) : Done(reference, "The follow-up check is recorded.");
    }

    private RedirectResult Done(string reference, string notice)
    {
        TempData["Notice"] = notice;
        return Redirect($"/console/complaints/{Uri.EscapeDataString(reference)}");
    }

    private async Task<IActionResult> RefuseAsync(string reference, Error error, CancellationToken ct)
    {
        if (error is NotFoundError && !await LoadAsync(reference, ct)) return NotFound();
        ModelState.AddError(error);
        ErrorCode = error.Code;
        return await LoadAsync(reference, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        var found = await complaints.CaseAsync(reference, ct);
        if (found.IsError) return false;
        Case = found.Value;
        return true;
    }
}
