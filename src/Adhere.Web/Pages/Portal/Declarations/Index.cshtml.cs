using Adhere.Core.Declarations;
using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Declarations;

public sealed class IndexModel(DeclarationQueries declarations, DeclarationChoices choices, ServiceQueries services,
    StartDeclaration start, StartRenewal renew, Caller caller) : PageModel
{
    public IReadOnlyList<DeclarationSummary> Declarations { get; private set; } = [];

    public IReadOnlyList<CodeVersionChoice> CodeVersions { get; private set; } = [];

    public IReadOnlyList<ServiceDetails> Services { get; private set; } = [];

    [BindProperty]
    public StartForm Start { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public static bool IsRenewable(DeclarationSummary d) =>
        d is { Status: DeclarationStatus.Verified or DeclarationStatus.RenewalDue };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await LoadAsync(ct);
        var code = CodeVersions.FirstOrDefault(c => c.CatalogueId == Start.Catalogue);
        var result = await start.HandleAsync(new(null, code?.Name, code?.Version, [.. Start.Modules ?? []], [.. Start.Services ?? []],
            Start.Title, Start.RequestedLevel, Start.ContactName, Start.ContactEmail), ct);
        if (result.IsError)
        {
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = $"The declaration against {result.Value.Summary.CodeName} {result.Value.Summary.CodeVersion} is started.";
        return Redirect($"/portal/declarations/{result.Value.Summary.Id}");
    }

    public async Task<IActionResult> OnPostRenewAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var result = await renew.HandleAsync(new(id, null), ct);
        if (result.IsError)
        {
            if (result.Error is NotFoundError) return NotFound();
            ModelState.AddError(result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = "The renewal is started: answers, services, certificates and agreements are carried over.";
        return Redirect($"/portal/declarations/{result.Value.Summary.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var organisation = caller.OrganisationId!.Value.Value;
        Declarations = await declarations.ListAsync(organisation, ct);
        CodeVersions = await choices.CodeVersionsAsync(ct);
        Services = [.. (await services.ListAsync(organisation, ct)).Where(s => s.Status == "active")];
    }
}
