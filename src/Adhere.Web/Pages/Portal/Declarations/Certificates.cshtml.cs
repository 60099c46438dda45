using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Declarations;

public sealed class CertificatesModel(DeclarationQueries declarations, DeclarationChoices choices, DocumentQueries documents,
    AddCertificate add, Caller caller) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    public IReadOnlyList<StandardChoice> Standards { get; private set; } = [];

    public IReadOnlyList<DocumentDetails> Documents { get; private set; } = [];

    [BindProperty]
    public CertificateForm Certificate { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public bool ShowForms => CanEdit && Declaration.Summary.Status == DeclarationStatus.Draft;

    public CertificateFormView FormView => new(Certificate, Standards, Declaration.Services, Documents, "Add the certificate");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Certificate = new() { CoveredServices = [.. Declaration.Services.Select(s => s.Id)] };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var result = await add.HandleAsync(id, Certificate.ToInput(), ct);
        if (result.IsError)
        {
            if (result.Error is NotFoundError { Code: "declaration.not-found" } || !await LoadAsync(id, ct)) return NotFound();
            ModelState.AddError(result.Error!);
            return Page();
        }

        TempData["Notice"] = $"Certificate {result.Value.Number} is added and checked: {result.Value.Check?.Outcome ?? "not checked"}.";
        return Redirect($"/portal/declarations/{id}/certificates/{result.Value.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return false;
        Declaration = declaration.Value;
        var standards = await choices.StandardsAsync(id, ct);
        Standards = standards.IsError ? [] : standards.Value;
        Documents = await documents.ListAsync(Declaration.Summary.OrganisationId, ct);
        return true;
    }
}

/// <summary>What the certificate form partial needs.</summary>
public sealed record CertificateFormView(CertificateForm Form, IReadOnlyList<StandardChoice> Standards, IReadOnlyList<DeclaredServiceView> Services,
    IReadOnlyList<DocumentDetails> Documents, string Submit, string Handler = "");
