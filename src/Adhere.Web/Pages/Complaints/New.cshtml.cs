using Adhere.Core.Complaints;
using Adhere.Domain.Common;
using Adhere.Web.Complaints;
using Adhere.Web.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Complaints;

/// <summary>
/// The public complaint form. On success the same page shows the reference and the secret status link once (no redirect,
/// so that the secret never sits in the browser's history as a URL of this site's pages).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 6L * 26 * 1024 * 1024)]
[RequestSizeLimit(6L * 26 * 1024 * 1024)]
public sealed class NewModel(SubmitComplaint submit, ComplaintFormToken tokens) : PageModel
{
    /// <summary>The form's fields, in the order the summary lists their errors.</summary>
    public static readonly IReadOnlyList<string> FieldOrder = ["verificationId", "company", "service", "role", "conduct", "name", "email", "attachments"];

    [BindProperty(SupportsGet = true, Name = "verificationId")]
    public string? VerificationId { get; set; }

    [BindProperty]
    public string? Company { get; set; }

    [BindProperty]
    public string? Service { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Conduct { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool MayRevealToProvider { get; set; }

    [BindProperty]
    public string? FormToken { get; set; }

    [BindProperty]
    public List<IFormFile> Attachments { get; set; } = [];

    /// <summary>Problems to show, each with the field it concerns (the element ID to link to).</summary>
    public List<(string Field, string Message)> Problems { get; } = [];

    public SubmittedComplaint? Submitted { get; private set; }

    public string? StatusUrl { get; private set; }

    public void OnGet()
    {
        FormToken = tokens.Issue();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var token = tokens.Check(FormToken);
        if (token.IsError) return Refuse(token.Error!);

        var uploads = Attachments.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var streams = uploads.Select(f => f.OpenReadStream()).ToList();
        try
        {
            var filed = await submit.HandleAsync(new SubmitComplaint.Command(VerificationId, Company, Service, Role, Name, Email, MayRevealToProvider, Conduct,
                [.. uploads.Select((f, i) => new SubmitComplaint.Upload(f.FileName, streams[i]))]), ct);
            if (filed.IsError) return Refuse(filed.Error!);
            Submitted = filed.Value;
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }

        StatusUrl = PublicOrigin.For(Request) + SubmitComplaint.StatusPath(Submitted.Reference, Submitted.StatusKey);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The ID of the element an error's field names, for the summary's links.</summary>
    public static string Anchor(string field) => field switch
    {
        "role" => "role-" + ComplainantRoles.All[0].Name,
        "file" or "fileName" or "attachments" => "attachments",
        "formToken" or "" => "conduct",
        _ => field,
    };

    public string? ErrorFor(string field) => Problems.Where(p => Anchor(p.Field) == Anchor(field) && p.Field is not ("formToken" or "")).Select(p => p.Message).FirstOrDefault();

    private PageResult Refuse(Error error)
    {
        Problems.Add((error is InvalidError { Field: { } f } ? f : string.Empty, error.Message));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        // A fresh token, so that the corrected form can be sent again.
        FormToken = tokens.Issue();
        return Page();
    }
}
