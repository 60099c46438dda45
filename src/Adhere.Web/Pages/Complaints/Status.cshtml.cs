using Adhere.Core.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Complaints;

/// <summary>
/// A complaint's status for the holder of its reference and key: from the private link (<c>?ref=…&amp;key=…</c>) or the
/// form, which posts so that a typed key stays out of the address bar. Unknown references and wrong keys read the same.
/// </summary>
public sealed class StatusModel(ComplaintStatusLookup lookup) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ref")]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "key")]
    public string? Key { get; set; }

    public ComplaintStatusView? Found { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Reference) && string.IsNullOrWhiteSpace(Key)) return;
        await LookUpAsync(ct);
    }

    public Task OnPostAsync(CancellationToken ct) => LookUpAsync(ct);

    private async Task LookUpAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var found = await lookup.HandleAsync(Reference, Key, ct);
        if (found.IsError)
        {
            Error = found.Error!.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Found = found.Value;
    }

    /// <summary>How a status reads to the complainant.</summary>
    public static string Describe(string status) => status switch
    {
        "received" => "Received: waiting to be looked at",
        "admissibility-check" => "Being checked: we are deciding whether we can handle it",
        "investigation" => "Under investigation",
        "dismissed" => "Not handled further (dismissed)",
        "decided" => "Decided",
        "closed" => "Closed",
        _ => status,
    };
}
