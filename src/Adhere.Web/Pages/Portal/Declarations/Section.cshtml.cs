using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Declarations;

/// <summary>
/// The answers of one section and its subsections. Each control has its own form (save as you go): a save posts that
/// control only and comes back to it.
/// </summary>
public sealed class SectionModel(DeclarationQueries declarations, DocumentQueries documents, SaveAnswer save, Caller caller) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    public SectionProgress Section { get; private set; } = null!;

    public IReadOnlyList<AnswerView> Answers { get; private set; } = [];

    public IReadOnlyList<DocumentDetails> Documents { get; private set; } = [];

    public SectionProgress? Previous { get; private set; }

    public SectionProgress? Next { get; private set; }

    [BindProperty]
    public AnswerForm Answer { get; set; } = new();

    /// <summary>The control whose form was posted and is shown again with its error, if any.</summary>
    public string? Failed { get; private set; }

    /// <summary>The control saved just before this page was shown.</summary>
    public string? Saved { get; private set; }

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public bool ShowForms => CanEdit && Declaration.Summary.Status == DeclarationStatus.Draft;

    /// <summary>The values a control's form shows: what was just posted when it failed, otherwise what is stored.</summary>
    public AnswerForm FormFor(AnswerView answer) => answer.ControlKey == Failed ? Answer : AnswerForm.From(answer);

    public async Task<IActionResult> OnGetAsync(Guid id, string key, CancellationToken ct)
    {
        if (!await LoadAsync(id, key, ct)) return NotFound();
        Saved = TempData["SavedControl"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, string key, string? control, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var controlKey = control ?? string.Empty;
        var result = await save.HandleAsync(new(id, controlKey, Answer.Statement, Answer.Measures, [.. Answer.Documents ?? []],
            Answer.Certificates is null && !Request.Form.ContainsKey("Answer.CertificatesShown") ? null : [.. Answer.Certificates ?? []]), ct);
        if (result.IsError)
        {
            if (result.Error is NotFoundError { Code: "declaration.not-found" } || !await LoadAsync(id, key, ct)) return NotFound();
            Failed = controlKey;
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = $"The answer to {controlKey} is saved.";
        TempData["SavedControl"] = controlKey;
        return Redirect($"{DeclarationText.SectionPath(id, key)}#{Uri.EscapeDataString(DeclarationText.ControlAnchor(controlKey))}");
    }

    private async Task<bool> LoadAsync(Guid id, string key, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return false;
        Declaration = declaration.Value;
        var sections = Declaration.Sections;
        var at = sections.ToList().FindIndex(s => s.Key == key);
        if (at < 0) return false;
        Section = sections[at];
        // Neighbours at the same level or above: the subsections of this one are on this page already.
        Previous = sections.Take(at).LastOrDefault(s => s.Depth <= Section.Depth);
        Next = sections.Skip(at + 1).FirstOrDefault(s => s.Depth <= Section.Depth);
        var answers = await declarations.AnswersAsync(id, key, ct);
        if (answers.IsError) return false;
        Answers = answers.Value;
        Documents = await documents.ListAsync(Declaration.Summary.OrganisationId, ct);
        return true;
    }
}
