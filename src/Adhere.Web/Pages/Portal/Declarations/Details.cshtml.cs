using Adhere.Core.Assessments;
using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Register;
using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Declarations;

public sealed class DetailsModel(DeclarationQueries declarations, ServiceQueries services, DocumentQueries documents,
    UpdateDeclaration update, SubmitDeclaration submit, WithdrawDeclaration withdraw, StateRenewal stateRenewal, ProviderClarifications clarifications,
    RegisterQueries register, TimeProvider time, Caller caller) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    /// <summary>The services that can be put in scope: the organisation's active ones and those already declared.</summary>
    public IReadOnlyList<ServiceDetails> Services { get; private set; } = [];

    public IReadOnlyList<DocumentDetails> Documents { get; private set; } = [];

    /// <summary>The Monitoring Body's questions on this declaration: how many there are and how many wait for a reply.</summary>
    public (int Total, int Open) Questions { get; private set; }

    /// <summary>The compliance mark of the register entry, once the declaration is listed; null before.</summary>
    public ComplianceMarkEmbed? Mark { get; private set; }

    [BindProperty]
    public SettingsForm Settings { get; set; } = new();

    [BindProperty]
    public RenewalForm Renewal { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    /// <summary>The forms show while the declaration is a draft; after that the use cases refuse changes anyway.</summary>
    public bool ShowForms => CanEdit && Declaration.Summary.Status == DeclarationStatus.Draft;

    public bool May(DeclarationTrigger trigger) => CanEdit && Declaration.AllowedActions.Contains(trigger.ToString());

    public DeclarationOverview Overview => new(Declaration, $"/portal/declarations/{Declaration.Summary.Id}", ShowChecks: false);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Settings = SettingsForm.From(Declaration);
        Renewal = RenewalForm.From(Declaration);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await update.HandleAsync(new(id, Settings.Title ?? string.Empty, Settings.RequestedLevel ?? 0,
            Settings.ContactName ?? string.Empty, Settings.ContactEmail ?? string.Empty,
            [.. Settings.Services ?? []], Settings.AgreementList()), ct), "The settings are saved.", ct);
    }

    public async Task<IActionResult> OnPostRenewalAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await stateRenewal.HandleAsync(new(id, Renewal.NoMaterialChange, Renewal.ChangeDescription, Renewal.Reasons(),
            [.. Renewal.SameFamily ?? []]), ct), "The renewal statement is saved.", ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await submit.HandleAsync(id, ct), "The declaration is submitted to the Monitoring Body.", ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await AfterAsync(id, await withdraw.HandleAsync(id, ct), "The declaration is withdrawn.", ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Result<DeclarationDetails> result, string notice, CancellationToken ct)
    {
        if (result.IsError)
        {
            if (result.Error is NotFoundError { Code: "declaration.not-found" } || !await LoadAsync(id, ct)) return NotFound();
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = notice;
        return Redirect($"/portal/declarations/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return false;
        Declaration = declaration.Value;
        var declared = Declaration.Services.Select(s => s.Id).ToHashSet();
        Services = [.. (await services.ListAsync(Declaration.Summary.OrganisationId, ct)).Where(s => s.Status == "active" || declared.Contains(s.Id))];
        Documents = await documents.ListAsync(Declaration.Summary.OrganisationId, ct);
        var asked = await clarifications.GetAsync(id, ct);
        if (!asked.IsError) Questions = (asked.Value.Requests.Count, asked.Value.Open);
        if (Declaration.Summary.VerificationId is { } listed && await register.VerificationAsync(listed, ct) is { IsError: false } answer)
        {
            Mark = ComplianceMarkEmbed.For(Request, answer.Value, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        }

        return true;
    }
}
