using Adhere.Core.Complaints.Investigation;
using Adhere.Domain.Common;
using Adhere.Web.Complaints;
using Adhere.Web.Documents;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Complaints;

/// <summary>
/// The page behind a complainant's answer link: the question, its files and a form for the answer (text and files), with
/// the complaint form's spam guard (form token, per-client limit on posts). A forged link, a lapsed window or an ended case
/// shows only an error, never the question.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 6L * 26 * 1024 * 1024)]
[RequestSizeLimit(6L * 26 * 1024 * 1024)]
public sealed class AnswerModel(ComplainantQuestionLookup lookup, AnswerComplainantQuestion answer, ComplaintFormToken tokens) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? FormToken { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public ComplainantQuestionView? Question { get; private set; }

    /// <summary>Why the link shows no question (forged, lapsed, case ended); the page shows only this.</summary>
    public Error? LinkError { get; private set; }

    /// <summary>A refused answer (empty, a file against the rules, the form token); the form is shown again.</summary>
    public Error? AnswerError { get; private set; }

    public bool JustAnswered { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        await LoadAsync(key, ct);
        FormToken = tokens.Issue();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!await LoadAsync(key, ct)) return Page();
        var token = tokens.Check(FormToken);
        var result = token.IsError
            ? Result<Done>.Failure(token.Error!)
            : await ComplaintQuestionsApi.WithUploadsAsync(Files, uploads => answer.HandleAsync(new(key, Text, uploads), ct));
        if (result.IsError)
        {
            AnswerError = result.Error;
            Response.StatusCode = ErrorHttp.StatusOf(result.Error!);
            FormToken = tokens.Issue();
            return Page();
        }

        JustAnswered = true;
        await LoadAsync(key, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(string key, Guid fileId, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var file = await lookup.FileAsync(key, fileId, ct);
        if (file.IsError) return NotFound();
        DocumentsApi.Protect(Response);
        return File(file.Value.Content, file.Value.ContentType, file.Value.FileName);
    }

    private async Task<bool> LoadAsync(string key, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var found = await lookup.HandleAsync(key, ct);
        if (found.IsError)
        {
            LinkError = found.Error;
            Question = null;
            Response.StatusCode = ErrorHttp.StatusOf(found.Error!);
            return false;
        }

        Question = found.Value;
        return true;
    }
}
