using Adhere.Core.Complaints;
using Adhere.Core.Complaints.Investigation;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Complaints;

/// <summary>
/// One complaint as the MB handles it: what was complained of, by whom (for staff who handle cases), the history, and a
/// form for each step the viewer may take now. A refused step shows the page again with the reason, having changed nothing.
/// </summary>
public sealed class DetailsModel(ComplaintQueries complaints) : PageModel
{
    public ComplaintCase Case { get; private set; } = null!;

    /// <summary>The code of the error shown, next to its message.</summary>
    public string? ErrorCode { get; private set; }

    public bool Can(string step) => Case.AllowedSteps.Contains(step, StringComparer.Ordinal);

    public static IReadOnlyList<(string Value, string Label)> DismissalReasons { get; } =
    [
        ("outside-scope", "Outside the Code's scope"),
        ("not-about-adherent-service", "Not about an adherent service"),
        ("abusive-or-manifestly-unfounded", "Abusive or manifestly unfounded"),
        ("lack-of-cooperation", "The complainant did not cooperate"),
    ];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) => await LoadAsync(reference, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStartCheckAsync(string reference, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.StartAdmissibilityCheck), "The admissibility check has started; the complaint counts as acknowledged.", ct);

    public Task<IActionResult> OnPostAdmitAsync(string reference, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.Admit), "The complaint is admitted; the investigation is open.", ct);

    public Task<IActionResult> OnPostDismissAsync(string reference, string? ground, string? reasons, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.Dismiss, reasons, ComplaintQueries.ParseName<DismissalReason>(ground)), "The complaint is dismissed.", ct);

    public Task<IActionResult> OnPostDecideAsync(string reference, string? finding, string? reasons, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.Decide, reasons, Finding: ComplaintQueries.ParseName<ComplaintFinding>(finding)), "The decision is recorded.", ct);

    public Task<IActionResult> OnPostCloseAsync(string reference, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.Close), "The complaint is closed.", ct);

    public Task<IActionResult> OnPostAppealAsync(string reference, string? reasons, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.Appeal, reasons), "The appeal is accepted; the investigation is open again.", ct);

    public Task<IActionResult> OnPostReopenAsync(string reference, string? reasons, [FromServices] MoveComplaint move, CancellationToken ct) =>
        StepAsync(reference, move, new(reference, ComplaintTrigger.Reopen, reasons), "The complaint is reopened.", ct);

    public async Task<IActionResult> OnPostAskAsync(string reference, string? to, string? text, string? dueOn, List<IFormFile>? files,
        [FromServices] AskComplaintQuestion ask, CancellationToken ct)
    {
        var result = Adhere.Web.Complaints.ComplaintQuestionsApi.TryParseDate(dueOn, out var due)
            ? await Adhere.Web.Complaints.ComplaintQuestionsApi.WithUploadsAsync(files, uploads => ask.HandleAsync(new(reference, to, text, due, uploads), ct))
            : ComplaintQuestionErrors.DueInvalidFormat();
        if (!result.IsError)
        {
            TempData["Notice"] = $"The question is sent to the {result.Value.To}; the answer is due on {result.Value.DueOn:yyyy-MM-dd}.";
            return Redirect($"/console/complaints/{Uri.EscapeDataString(reference)}#investigation");
        }

        return await RefuseAsync(reference, result.Error!, ct);
    }

    public async Task<IActionResult> OnPostNoteAsync(string reference, string? text, List<IFormFile>? files, [FromServices] AddComplaintNote add, CancellationToken ct)
    {
        var result = await Adhere.Web.Complaints.ComplaintQuestionsApi.WithUploadsAsync(files, uploads => add.HandleAsync(new(reference, text, uploads), ct));
        if (!result.IsError)
        {
            TempData["Notice"] = "The note is kept with the case.";
            return Redirect($"/console/complaints/{Uri.EscapeDataString(reference)}#notes");
        }

        return await RefuseAsync(reference, result.Error!, ct);
    }

    public async Task<IActionResult> OnGetFileAsync(string reference, Guid fileId, [FromServices] InvestigationQueries queries, CancellationToken ct)
    {
        var file = await queries.CaseFileAsync(reference, fileId, ct);
        if (file.IsError) return NotFound();
        Adhere.Web.Documents.DocumentsApi.Protect(Response);
        return File(file.Value.Content, file.Value.ContentType, file.Value.FileName);
    }

    private async Task<IActionResult> RefuseAsync(string reference, Error error, CancellationToken ct)
    {
        if (error is NotFoundError) return NotFound();
        ModelState.AddError(error);
        ErrorCode = error.Code;
        Response.StatusCode = Adhere.Web.Infrastructure.ErrorHttp.StatusOf(error);
        return await LoadAsync(reference, ct) ? Page() : NotFound();
    }

    /// <summary>Topics and the ad-hoc assessment are for staff who handle complaints and have no conflict of interest towards the provider.</summary>
    public bool CanHandle => Case.Handling?.ConflictOfInterest is null && (User.IsInRole(Domain.Accounts.Role.MbAssessor.Name) || User.IsInRole(Domain.Accounts.Role.MbDecisionMaker.Name));

    public bool IsOpen => Case.Summary.Status is "received" or "admissibility-check" or "investigation";

    public async Task<IActionResult> OnPostTopicsAsync(string reference, string? topics, [FromServices] TagComplaint tag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var list = (topics ?? string.Empty).Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var tagged = await tag.HandleAsync(reference, list, ct);
        return await AfterAsync(reference, tagged.IsError ? tagged.Error : null, "The topics are saved.", ct);
    }

    public async Task<IActionResult> OnPostAssessmentAsync(string reference, [FromServices] OpenComplaintAssessment open, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(open);
        var opened = await open.HandleAsync(reference, ct);
        if (opened.IsError) return await AfterAsync(reference, opened.Error, string.Empty, ct);
        TempData["Notice"] = $"The ad-hoc assessment is open; its selection takes the complaint's topics as attention topics.";
        return Redirect($"/console/assessments/{opened.Value.Id}");
    }

    private async Task<IActionResult> AfterAsync(string reference, Error? error, string done, CancellationToken ct)
    {
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/console/complaints/{Uri.EscapeDataString(reference)}");
        }

        if (error is NotFoundError) return NotFound();
        ModelState.AddError(error);
        ErrorCode = error.Code;
        return await LoadAsync(reference, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> StepAsync(string reference, MoveComplaint move, MoveComplaint.Command command, string done, CancellationToken ct)
    {
        var moved = await move.HandleAsync(command, ct);
        if (!moved.IsError)
        {
            TempData["Notice"] = done;
            return Redirect($"/console/complaints/{Uri.EscapeDataString(reference)}");
        }

        if (moved.Error is NotFoundError) return NotFound();
        ModelState.AddError(moved.Error!);
        ErrorCode = moved.Error!.Code;
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
