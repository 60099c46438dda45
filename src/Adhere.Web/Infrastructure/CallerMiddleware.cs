using System.Security.Claims;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;

namespace Adhere.Web.Infrastructure;

/// <summary>Sets the request's <see cref="Caller"/> from the authenticated principal; everything downstream reads it.</summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, Caller caller)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && Guid.TryParse(user.FindFirstValue(AdhereClaims.OrganisationId), out var organisationId))
        {
            ApiTokenId? token = Guid.TryParse(user.FindFirstValue(AdhereClaims.TokenId), out var t) ? new ApiTokenId(t) : null;
            caller.ActAsUser(
                new UserId(userId),
                user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? userId.ToString(),
                new OrganisationId(organisationId),
                user.FindFirstValue(AdhereClaims.OrganisationKind) == "mb",
                user.FindAll(ClaimTypes.Role).Select(c => c.Value),
                token);
        }

        return next(context);
    }
}
