using System.Security.Claims;
using System.Text.Encodings.Web;
using Adhere.Core.Accounts;
using Adhere.Domain.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Adhere.Web.Infrastructure;

/// <summary>
/// Authenticates <c>Authorization: Bearer adh_…</c> for the API. Failures are answered as ProblemDetails naming
/// why (invalid, expired, revoked, account disabled), so automation can tell a typo from an expired token.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string FailureKey = "adhere:auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(new UnauthorizedError("auth.unsupported-scheme", "Send the API token as 'Authorization: Bearer <token>'."));
        }

        // Resolved here, not injected: the handler is built for every API request, and most public ones (the register)
        // carry no token; injecting it would open a database context for each of them.
        var authenticate = Context.RequestServices.GetRequiredService<AuthenticateApiToken>();
        var result = await authenticate.HandleAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (result.IsError) return Fail(result.Error!);

        var (tokenId, user, organisation, role) = result.Value;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.Email!),
            new Claim(ClaimTypes.Email, user.Email!),
            new Claim(ClaimTypes.Role, role.Name),
            new Claim(AdhereClaims.OrganisationId, organisation.Id.ToString()),
            new Claim(AdhereClaims.OrganisationKind, organisation.IsMonitoringBody ? "mb" : "csp"),
            new Claim(AdhereClaims.TokenId, tokenId.ToString()),
        ], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = Context.Items[FailureKey] as Error
            ?? new UnauthorizedError("auth.required", "This endpoint needs an API token: 'Authorization: Bearer <token>'.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(ErrorHttp.Describe(error.Code, error.Message, 401)).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(ErrorHttp.Describe("auth.forbidden", "Your role does not allow this request.", 403)).ExecuteAsync(Context);
    }

    private AuthenticateResult Fail(Error error)
    {
        Context.Items[FailureKey] = error;
        return AuthenticateResult.Fail(error.Message);
    }
}
