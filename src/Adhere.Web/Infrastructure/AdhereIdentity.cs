using System.Security.Claims;
using Adhere.Core.Accounts;
using Adhere.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Adhere.Web.Infrastructure;

/// <summary>Adds the organisation and its kind to the sign-in cookie, so each request knows its tenant.</summary>
public sealed class AdhereClaimsFactory(UserManager<AdhereUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, AdhereDb db)
    : UserClaimsPrincipalFactory<AdhereUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AdhereUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        // Sign-in runs before the caller is known, hence the explicit bypass of the tenancy filter for this one read.
        var organisation = await db.Organisations.IgnoreQueryFilters().AsNoTracking().FirstAsync(o => o.Id == user.OrganisationId);
        identity.AddClaim(new Claim(AdhereClaims.OrganisationId, organisation.Id.ToString()));
        identity.AddClaim(new Claim(AdhereClaims.OrganisationKind, organisation.IsMonitoringBody ? "mb" : "csp"));
        return identity;
    }
}

/// <summary>Refuses sign-in to disabled accounts and to invited users who have not set a password yet.</summary>
public sealed class AdhereSignInManager(
    UserManager<AdhereUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AdhereUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AdhereUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AdhereUser> confirmation)
    : SignInManager<AdhereUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AdhereUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }
}
