using Adhere.Core.Organisations;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adhere.Web.Pages.Console;

public sealed class IndexModel(OrganisationQueries organisations, Caller caller) : PageModel
{
    public int ProviderCount { get; private set; }

    public bool IsAdmin => caller.IsInRole(Role.MbAdministrator);

    public async Task OnGetAsync(CancellationToken ct) =>
        ProviderCount = (await organisations.ListAsync(ct)).Count(o => o.Kind == "csp");
}
