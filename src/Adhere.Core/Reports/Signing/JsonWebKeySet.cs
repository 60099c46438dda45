using System.Text.Json.Serialization;

namespace Adhere.Core.Reports.Signing;

/// <summary>A public EC key as a JWK (RFC 7517/7518): the type holds no private member, so none can leak.</summary>
public sealed record PublicJwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg);

/// <summary>The JWK Set published at <c>/.well-known/adhere-keys.json</c>.</summary>
public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<PublicJwk> Keys)
{
    public PublicJwk? Find(string kid) => Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
}
