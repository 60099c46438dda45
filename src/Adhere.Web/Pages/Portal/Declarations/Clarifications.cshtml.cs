using Adhere.Core.Assessments;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Declarations;

/// <summary>
/// The Monitoring Body's questions on one declaration and the provider's replies. Each open question has its own reply
/// form: text, documents chosen from the organisation's evidence and optionally one new file, uploaded first.
/// </summary>
public sealed class ClarificationsModel(DeclarationQueries declarations, ProviderClarifications clarifications, DocumentQueries documents,
    UploadDocument upload, ReplyToClarification reply, Caller caller) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    public ProviderClarificationList Clarifications { get; private set; } = null!;

    public IReadOnlyList<DocumentDetails> Documents { get; private set; } = [];

    [BindProperty]
    public ReplyForm Reply { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The request whose form was posted and failed; its form shows the error and what was typed.</summary>
    public Guid? Failed { get; private set; }

    public bool CanReply => caller.IsInRole(Role.CspEditor);

    public ReplyForm FormFor(ProviderClarificationView request) => request.Id == Failed ? Reply : new ReplyForm();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(Guid id, Guid requestId, CancellationToken ct)
    {
        if (!CanReply) return Forbid();
        var result = await ReplyAsync(id, requestId, ct);
        if (result.IsError)
        {
            if (result.Error is NotFoundError { Code: "declaration.not-found" } || !await LoadAsync(id, ct)) return NotFound();
            Failed = requestId;
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = $"Your reply on {result.Value.Subject} is sent to the Monitoring Body.";
        return Redirect($"/portal/declarations/{id}/clarifications#{Anchor(requestId)}");
    }

    public static string Anchor(Guid requestId) => $"q-{requestId}";

    private async Task<Result<ProviderClarificationView>> ReplyAsync(Guid id, Guid requestId, CancellationToken ct)
    {
        // Checked here as well as in the domain so that a reply without text leaves no stray upload behind.
        if (string.IsNullOrWhiteSpace(Reply.Text)) return AssessmentErrors.ReplyRequired();
        var chosen = new List<Guid>(Reply.Documents ?? []);
        if (Upload is { Length: > 0 } file)
        {
            await using var content = file.OpenReadStream();
            var uploaded = await upload.HandleAsync(new(null, file.FileName, content), ct);
            if (uploaded.IsError) return uploaded.Error!;
            chosen.Add(uploaded.Value.Id);
        }

        return await reply.HandleAsync(new(id, requestId, Reply.Text, chosen), ct);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return false;
        Declaration = declaration.Value;
        var list = await clarifications.GetAsync(id, ct);
        if (list.IsError) return false;
        Clarifications = list.Value;
        Documents = await documents.ListAsync(Declaration.Summary.OrganisationId, ct);
        return true;
    }
}

/// <summary>A reply as posted by the portal form.</summary>
public sealed class ReplyForm
{
    public string? Text { get; set; }

    public IReadOnlyList<Guid>? Documents { get; set; }
}

/// <summary>How the portal words open clarification requests.</summary>
public static class ClarificationText
{
    public static string Waiting(int open) => open == 1 ? "1 question waits for your reply" : $"{DeclarationText.Number(open)} questions wait for your reply";

    public static string State(ProviderClarificationView request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.State switch
        {
            "open" when request.IsOverdue => "Overdue: no reply yet",
            "open" => "Waiting for your reply",
            "answered" => "Answered; the Monitoring Body has not closed it yet",
            _ => "Closed",
        };
    }
}
