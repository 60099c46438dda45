using Adhere.Core.Accounts;
using Adhere.Core.Assessments;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Declarations;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Common;
using Adhere.Web.Pages.Portal.Declarations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console.Assessments;

/// <summary>
/// The assessment workspace: the declaration, every step of the assessment as a form, and its history. Each form posts
/// to a handler that calls the step's use case; a refused step shows the page again with the reason, having changed
/// nothing. Which forms appear follows the viewer's role and the actions the phase allows; the use cases decide anyway.
/// </summary>
public sealed class DetailsModel(AssessmentQueries assessments, DeclarationQueries declarations, UserQueries users, SelectionQueries selections,
    Caller caller, AssessmentSettings settings, TimeProvider time) : PageModel
{
    public AssessmentSummary Assessment { get; private set; } = null!;

    public DeclarationDetails Declaration { get; private set; } = null!;

    public DeclarationOverview Overview => new(Declaration, null, ShowChecks: true);

    /// <summary>Every member of the Monitoring Body, to name people and fill the assignment selects.</summary>
    public IReadOnlyList<UserSummary> Staff { get; private set; } = [];

    /// <summary>The control selection; null until the assessor draws one.</summary>
    public SelectionDetails? Selection { get; private set; }

    /// <summary>The titles of the declaration's controls by key, to label selected controls; empty without a selection.</summary>
    public IReadOnlyDictionary<string, string> ControlTitles { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Selected controls that have no finding yet, once the selection is frozen; what is left to examine.</summary>
    public IReadOnlyList<string> ControlsWithoutFinding { get; private set; } = [];

    /// <summary>The assessor may still change the selection: assigned, in fact finding or in-depth review, not frozen.</summary>
    public bool CanChangeSelection => IsAssignedAssessor && (InFactFinding || InDepthReview) && Selection is not { IsFrozen: true };

    /// <summary>"5.1.A Terms are written down", or the bare key when the title is not known.</summary>
    public string ControlLabel(string key) => ControlTitles.TryGetValue(key, out var title) ? $"{key} {title}" : key;

    /// <summary>The code of the error shown, next to its message.</summary>
    public string? ErrorCode { get; private set; }

    public DateOnly DefaultDueOn => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(settings.Clarifications.DefaultDueDays);

    public bool IsAdministrator => caller.IsInRole(Role.MbAdministrator);

    public bool IsDecisionMaker => caller.IsInRole(Role.MbDecisionMaker);

    /// <summary>An assessor assigned to this assessment: only they take assessor steps.</summary>
    public bool IsAssignedAssessor => caller.IsInRole(Role.MbAssessor) && caller.UserId is { } me && Assessment.Assessors.Contains(me.Value);

    public bool IsFinal => Assessment.Phase is "approved" or "rejected" or "cancelled";

    public bool InFactFinding => Assessment.Phase is "fact-finding" or "fact-finding-awaiting-clarification";

    public bool InDepthReview => Assessment.Phase is "in-depth-review" or "in-depth-review-awaiting-clarification";

    public bool Can(string action) => Assessment.AllowedActions.Contains(action, StringComparer.Ordinal);

    public string Name(Guid? id) => id is not { } user ? "—" : Staff.FirstOrDefault(s => s.Id == user)?.Email ?? user.ToString();

    public IEnumerable<UserSummary> ActiveWithRole(Role role) => Staff.Where(s => s.Role == role.Name && s.Status == "active");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostChecklistAsync(Guid id, string? item, string? status, string? note, [FromServices] RecordChecklistItem step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, item, status, note), ct), "The checklist item is recorded.", "fact-finding", ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, Guid certificateId, string? verdict, string? note, [FromServices] ReviewCertificateCheck step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, certificateId, verdict, note), ct), "The certificate review is recorded.", "fact-finding", ct);

    public Task<IActionResult> OnPostCompleteFactFindingAsync(Guid id, [FromServices] CompleteFactFinding step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(id, ct), "Fact finding is complete; the in-depth review starts.", "fact-finding", ct);

    public Task<IActionResult> OnPostAskAsync(Guid id, string? about, string? controlKey, string? topic, string? question, DateOnly? dueOn,
        [FromServices] RequestClarification step, CancellationToken ct)
    {
        // The form offers both fields; only the one the radio button names counts, so a stray entry in the other is ignored.
        var control = about == "topic" ? null : controlKey;
        var subject = about == "topic" ? topic : null;
        return StepAsync(id, () => step.HandleAsync(new(id, control, subject, question, dueOn), ct), "The question is sent to the provider.", "clarifications", ct);
    }

    public Task<IActionResult> OnPostCloseClarificationAsync(Guid id, Guid requestId, string? note, [FromServices] CloseClarification step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, requestId, note), ct), "The clarification request is closed.", "clarifications", ct);

    public Task<IActionResult> OnPostResumeAsync(Guid id, [FromServices] ResumeAssessment step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(id, ct), "The assessment is resumed.", "clarifications", ct);

    public Task<IActionResult> OnPostSelectAsync(Guid id, long? seed, string? topics, [FromServices] SelectControls step, CancellationToken ct)
    {
        // Comma-separated in the form; blanks between commas are typing slips, not topics.
        IReadOnlyList<string>? extra = string.IsNullOrWhiteSpace(topics) ? null : [.. topics.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0)];
        return StepAsync(id, () => step.HandleAsync(new(id, seed, extra), ct), "The controls are drawn.", "selection", ct);
    }

    public Task<IActionResult> OnPostAddControlAsync(Guid id, string? controlKey, string? reason, [FromServices] AdjustSelection step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, AdjustmentKind.Added, controlKey, reason), ct), "The control is added to the selection.", "selection", ct);

    public Task<IActionResult> OnPostRemoveControlAsync(Guid id, string? controlKey, string? reason, [FromServices] AdjustSelection step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, AdjustmentKind.Removed, controlKey, reason), ct), "The control is taken out of the selection.", "selection", ct);

    public Task<IActionResult> OnPostFreezeSelectionAsync(Guid id, [FromServices] FreezeSelection step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(id, ct), "The selection is frozen; these controls are now examined.", "selection", ct);

    public Task<IActionResult> OnPostControlFindingAsync(Guid id, string? controlKey, string? result, string? notes, string? samples,
        [FromServices] RecordControlFinding step, CancellationToken ct)
    {
        IReadOnlyList<string> consulted = [.. (samples ?? string.Empty).Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0)];
        return StepAsync(id, () => step.HandleAsync(new(id, controlKey, result, notes, consulted), ct), "The finding is recorded.", "findings", ct);
    }

    public Task<IActionResult> OnPostNarrativeAsync(Guid id, string? topic, string? title, string? text, [FromServices] RecordNarrativeFinding step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, topic, title, text), ct), "The narrative finding is recorded.", "findings", ct);

    public Task<IActionResult> OnPostSendToDecisionAsync(Guid id, [FromServices] SendToDecision step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(id, ct), "The assessment is handed to the decision maker.", "decision", ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, int? grantedLevel, string? rationale, [FromServices] ApproveAssessment step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, grantedLevel, rationale), ct), "Approved.", "decision", ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, [FromServices] RejectAssessment step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, reason), ct), "Rejected.", "decision", ct);

    public Task<IActionResult> OnPostSendBackAsync(Guid id, string? reason, [FromServices] SendBackAssessment step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, reason), ct), "The assessment is sent back to the in-depth review.", "decision", ct);

    public Task<IActionResult> OnPostAssignAssessorAsync(Guid id, Guid? userId, [FromServices] AssignAssessor step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, userId ?? Guid.Empty), ct), "The assessor is assigned.", "administration", ct);

    public Task<IActionResult> OnPostAssignDecisionMakerAsync(Guid id, Guid? userId, [FromServices] AssignDecisionMaker step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, userId ?? Guid.Empty), ct), "The decision maker is assigned.", "administration", ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, [FromServices] CancelAssessment step, CancellationToken ct) =>
        StepAsync(id, () => step.HandleAsync(new(id, reason), ct), "The assessment is cancelled.", "administration", ct);

    /// <summary>Runs a step; on success redirects to the section it concerns (post-redirect-get), otherwise shows the page with the reason.</summary>
    private async Task<IActionResult> StepAsync<T>(Guid id, Func<Task<Result<T>>> step, string done, string section, CancellationToken ct)
    {
        // A value that did not bind (such as a malformed date) would reach the use case as "omitted"; say so instead.
        if (ModelState.IsValid)
        {
            var result = await step();
            if (!result.IsError)
            {
                TempData["Notice"] = done;
                return Redirect($"/console/assessments/{id}#{section}");
            }

            ModelState.AddError(result.Error!);
            ErrorCode = result.Error!.Code;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var assessment = await assessments.GetAsync(id, ct);
        if (assessment.IsError) return false;
        Assessment = assessment.Value;
        var declaration = await declarations.GetAsync(Assessment.DeclarationId, ct);
        if (declaration.IsError) return false;
        Declaration = declaration.Value;
        var staff = new List<UserSummary>();
        foreach (var role in Role.All.Where(r => r.IsMonitoringBodyRole)) staff.AddRange(await users.ListAsync(new(Role: role.Name), ct)); // one DbContext: one query at a time
        Staff = staff;
        var selection = await selections.GetAsync(id, ct);
        Selection = selection.IsError ? null : selection.Value;
        var found = Assessment.ControlFindings.Select(f => f.ControlKey).ToHashSet(StringComparer.Ordinal);
        ControlsWithoutFinding = Selection is { IsFrozen: true } frozen ? [.. frozen.Controls.Select(c => c.ControlKey).Where(k => !found.Contains(k))] : [];
        if (Selection is not null)
        {
            var answers = await declarations.AnswersAsync(Assessment.DeclarationId, null, ct);
            if (!answers.IsError) ControlTitles = answers.Value.ToDictionary(x => x.ControlKey, x => x.Title, StringComparer.Ordinal);
        }

        return true;
    }
}
