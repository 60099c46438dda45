using Adhere.Core.Complaints.Investigation;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Web.Complaints;
using Adhere.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Complaints;

/// <summary>
/// The questions the Monitoring Body put to the provider about complaints: what is asked, by when, and the answer. Editors
/// answer each open question once, with text and files. The page never shows the complaint itself, nor who complained
/// unless the complainant agreed.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 6L * 26 * 1024 * 1024)]
[RequestSizeLimit(6L * 26 * 1024 * 1024)]
public sealed class IndexModel(InvestigationQueries queries, AnswerProviderQuestion answer, Caller caller) : PageModel
{
    public IReadOnlyList<ProviderQuestionView> Questions { get; private set; } = [];

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>The question whose form was posted and refused; its form shows the error and the text typed.</summary>
    public Guid? Failed { get; private set; }

    public bool CanAnswer => caller.IsInRole(Role.CspEditor);

    public int Open => Questions.Count(q => q.CanAnswer);

    public async Task OnGetAsync(CancellationToken ct) => Questions = await queries.ProviderQuestionsAsync(ct);

    public async Task<IActionResult> OnPostAnswerAsync(Guid questionId, CancellationToken ct)
    {
        if (!CanAnswer) return Forbid();
        var result = await ComplaintQuestionsApi.WithUploadsAsync(Files, uploads => answer.HandleAsync(new(questionId, Text, uploads), ct));
        if (result.IsError)
        {
            if (result.Error is NotFoundError) return NotFound();
            Failed = questionId;
            ModelState.AddError(result.Error!);
            Questions = await queries.ProviderQuestionsAsync(ct);
            return Page();
        }

        TempData["Notice"] = "Your answer is sent to the Monitoring Body.";
        return Redirect($"/portal/complaints#{Anchor(questionId)}");
    }

    public async Task<IActionResult> OnGetFileAsync(Guid questionId, Guid fileId, CancellationToken ct)
    {
        var file = await queries.ProviderFileAsync(questionId, fileId, ct);
        if (file.IsError) return NotFound();
        DocumentsApi.Protect(Response);
        return File(file.Value.Content, file.Value.ContentType, file.Value.FileName);
    }

    public static string Anchor(Guid questionId) => $"q-{questionId}";

    public static string State(ProviderQuestionView q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Answered) return q.AnsweredLate ? "Answered after the due date" : "Answered";
        if (q.Overdue) return "Overdue: no answer yet";
        return q.CanAnswer ? "Waiting for your answer" : "No longer open (the complaint's handling has ended)";
    }
}
