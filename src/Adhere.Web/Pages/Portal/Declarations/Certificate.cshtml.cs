using Adhere.Core.Declarations;
using Adhere.Core.Documents;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Portal.Declarations;

public sealed class CertificateModel(DeclarationQueries declarations, DeclarationChoices choices, DocumentQueries documents,
    UpdateCertificate update, RemoveCertificate remove, ReportCertificateChange report, Caller caller) : PageModel
{
    public DeclarationDetails Declaration { get; private set; } = null!;

    public CertificateView Current { get; private set; } = null!;

    public IReadOnlyList<StandardChoice> Standards { get; private set; } = [];

    public IReadOnlyList<DocumentDetails> Documents { get; private set; } = [];

    [BindProperty]
    public CertificateForm Certificate { get; set; } = new();

    [BindProperty]
    public NoticeForm Notice { get; set; } = new();

    public bool CanEdit => caller.IsInRole(Role.CspEditor);

    public bool ShowForms => CanEdit && Declaration.Summary.Status == DeclarationStatus.Draft;

    /// <summary>A change to a certificate is reported while the declaration is listed in the register.</summary>
    public bool ShowReport => CanEdit && DeclarationLifecycle.Listing(Declaration.Summary.Status) != RegisterListing.NotListed;

    public CertificateFormView FormView => new(Certificate, Standards, Declaration.Services, Documents, "Save the certificate", "Update");

    public async Task<IActionResult> OnGetAsync(Guid id, Guid certId, CancellationToken ct)
    {
        if (!await LoadAsync(id, certId, ct)) return NotFound();
        Certificate = CertificateForm.From(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, Guid certId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var result = await update.HandleAsync(id, certId, Certificate.ToInput(), ct);
        if (result.IsError) return await FailedAsync(id, certId, result.Error!, ct);
        TempData["Notice"] = $"Certificate {result.Value.Number} is saved and checked again: {result.Value.Check?.Outcome ?? "not checked"}.";
        return Redirect($"/portal/declarations/{id}/certificates/{certId}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid certId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var result = await remove.HandleAsync(id, certId, ct);
        if (result.IsError) return await FailedAsync(id, certId, result.Error!, ct);
        TempData["Notice"] = "The certificate is removed.";
        return Redirect($"/portal/declarations/{id}/certificates");
    }

    public async Task<IActionResult> OnPostReportAsync(Guid id, Guid certId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var result = await report.HandleAsync(new(id, certId, Notice.Kind, Notice.Description, Notice.NewExpiresOn, Notice.DocumentId), ct);
        if (result.IsError) return await FailedAsync(id, certId, result.Error!, ct);
        TempData["Notice"] = "The change is reported; the Monitoring Body will review it.";
        return Redirect($"/portal/declarations/{id}/certificates/{certId}");
    }

    private async Task<IActionResult> FailedAsync(Guid id, Guid certId, Error error, CancellationToken ct)
    {
        if (error is NotFoundError || !await LoadAsync(id, certId, ct)) return NotFound();
        ModelState.AddError(error);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid certId, CancellationToken ct)
    {
        var declaration = await declarations.GetAsync(id, ct);
        if (declaration.IsError) return false;
        Declaration = declaration.Value;
        var current = Declaration.Certificates.FirstOrDefault(c => c.Id == certId);
        if (current is null) return false;
        Current = current;
        var standards = await choices.StandardsAsync(id, ct);
        Standards = standards.IsError ? [] : standards.Value;
        Documents = await documents.ListAsync(Declaration.Summary.OrganisationId, ct);
        return true;
    }
}
