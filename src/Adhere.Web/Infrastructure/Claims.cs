namespace Adhere.Web.Infrastructure;

/// <summary>Claim types Adhere adds to the Identity principal, so that a request knows its tenant without a query.</summary>
public static class AdhereClaims
{
    public const string OrganisationId = "adhere:org";
    public const string OrganisationKind = "adhere:org-kind";
    public const string TokenId = "adhere:token";
}
