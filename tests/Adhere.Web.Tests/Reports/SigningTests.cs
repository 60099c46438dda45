using System.Net;
using System.Text;
using System.Text.Json;
using Adhere.Core.Reports.Signing;
using Adhere.Core.Tenancy;
using Adhere.Domain.Common;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Reports;

/// <summary>Signing keys are one per installation, so each test starts its own app on its own database.</summary>
public sealed class SigningTests
{
    private static readonly byte[] ReportPdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% a verification report\n%%EOF\n");

    private static ReportManifest Manifest(byte[] report) => ReportManifest.For("ADHERE-2026-0001", Guid.Parse("0b4f6a51-3c1e-4b8e-9a55-0f4f2f0d7c11"),
        "Nimbus Cloud GmbH", "Substantial", new DateOnly(2026, 11, 20), new DateOnly(2027, 11, 19), report);

    private static async Task<AdhereAppFactory> StartAsync()
    {
        var app = new AdhereAppFactory();
        await app.InitializeAsync();
        return app;
    }

    private static async Task<T> AsSystemAsync<T>(AdhereAppFactory app, Func<IServiceProvider, Task<T>> body)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "signing test");
        return await body(scope.ServiceProvider);
    }

    private static Task<Result<SigningKeySummary>> CreateKeyAsync(AdhereAppFactory app) =>
        AsSystemAsync(app, sp => sp.GetRequiredService<CreateSigningKey>().HandleAsync(TestContext.Current.CancellationToken));

    private static Task<Result<SigningKeySummary>> RotateKeyAsync(AdhereAppFactory app) =>
        AsSystemAsync(app, sp => sp.GetRequiredService<RotateSigningKey>().HandleAsync(TestContext.Current.CancellationToken));

    private static Task<Result<SignedManifest>> SignAsync(AdhereAppFactory app, ReportManifest manifest) =>
        AsSystemAsync(app, sp => sp.GetRequiredService<ManifestSigner>().SignAsync(manifest, TestContext.Current.CancellationToken));

    private static async Task<JsonWebKeySet> FetchJwksAsync(AdhereAppFactory app)
    {
        using var client = app.ApiClient(null);
        var body = await client.GetStringAsync(new Uri("/.well-known/adhere-keys.json", UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<JsonWebKeySet>(body)!;
    }

    [Fact]
    public async Task WellKnownKeys_AfterCreate_PublishesThePublicKeyOnly()
    {
        await using var app = await StartAsync();
        var created = await CreateKeyAsync(app);
        using var client = app.ApiClient(null);

        using var response = await client.GetAsync(new Uri("/.well-known/adhere-keys.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 300 }, response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(text);
        var key = Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(created.Value.Kid, key.GetProperty("kid").GetString());
        Assert.Matches("^adhere-\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{8}$", created.Value.Kid);
        Assert.Equal(("EC", "P-256", "sig", "ES256"), (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(),
            key.GetProperty("use").GetString(), key.GetProperty("alg").GetString()));
        Assert.Equal(32, Convert.FromBase64String(Pad(key.GetProperty("x").GetString()!)).Length);
        Assert.False(key.TryGetProperty("d", out _), "the JWKS must never carry the private scalar");
    }

    [Fact]
    public async Task Verify_SignedManifest_ReturnsTheManifest()
    {
        await using var app = await StartAsync();
        var key = (await CreateKeyAsync(app)).Value;

        var signed = (await SignAsync(app, Manifest(ReportPdf))).Value;
        var verified = ManifestVerifier.VerifyReportFile(ReportPdf, signed.Compact, await FetchJwksAsync(app));

        Assert.False(verified.IsError, verified.Error?.Message);
        Assert.Equal(signed.Manifest, verified.Value);
        Assert.Equal(("ADHERE-2026-0001", key.Kid, ReportManifest.Sha256Hex(ReportPdf)), (verified.Value.VerificationId, verified.Value.Kid, verified.Value.ReportSha256));
        Assert.Equal("{\"alg\":\"ES256\",\"kid\":\"" + key.Kid + "\"}", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(signed.Compact.Split('.')[0]))));
    }

    [Fact]
    public void OpenPrivateKey_AgainAndWithAWrongPassword_GivesTheSameKeyAndStillRefusesTheWrongOne()
    {
        var key = SigningKey.Generate("the right password", new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));

        using var first = key.OpenPrivateKey("the right password");
        using var again = key.OpenPrivateKey("the right password");

        Assert.Equal(first.ExportParameters(true).D, again.ExportParameters(true).D);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => key.OpenPrivateKey("a wrong password"));
        var signature = again.SignData(ReportPdf, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var published = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new() { X = Convert.FromBase64String(Pad(key.PublicX)), Y = Convert.FromBase64String(Pad(key.PublicY)) },
        });
        Assert.True(published.VerifyData(ReportPdf, signature, System.Security.Cryptography.HashAlgorithmName.SHA256));

        static string Pad(string base64Url) => base64Url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (base64Url.Length % 4)) % 4);
    }

    [Fact]
    public void ToCanonicalJson_Always_HasFixedOrderAndNoWhitespace()
    {
        var manifest = Manifest(ReportPdf) with { IssuedAt = new DateTimeOffset(2026, 11, 29, 21, 5, 7, TimeSpan.FromHours(1)), Kid = "k1" };

        var json = manifest.ToCanonicalJson();

        Assert.Equal(
            "{\"verificationId\":\"ADHERE-2026-0001\",\"declarationId\":\"0b4f6a51-3c1e-4b8e-9a55-0f4f2f0d7c11\",\"company\":\"Nimbus Cloud GmbH\"," +
            "\"level\":\"Substantial\",\"approvedOn\":\"2026-11-20\",\"validUntil\":\"2027-11-19\",\"reportSha256\":\"" + ReportManifest.Sha256Hex(ReportPdf) + "\"," +
            "\"issuedAt\":\"2026-11-29T20:05:07Z\",\"kid\":\"k1\"}", json);
    }

    [Fact]
    public async Task Verify_TamperedPayloadOrSignature_ReturnsSignatureInvalid()
    {
        await using var app = await StartAsync();
        await CreateKeyAsync(app);
        var signed = (await SignAsync(app, Manifest(ReportPdf))).Value;
        var jwks = await FetchJwksAsync(app);
        var parts = signed.Compact.Split('.');
        var forged = signed.Manifest with { Level = "High" };
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString(forged.ToCanonicalUtf8());
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        signature[10] ^= 0x01;

        var payloadTampered = ManifestVerifier.Verify($"{parts[0]}.{forgedPayload}.{parts[2]}", jwks);
        var signatureTampered = ManifestVerifier.Verify($"{parts[0]}.{parts[1]}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}", jwks);
        var garbage = ManifestVerifier.Verify("not-a-jws", jwks);

        Assert.Equal("signature.invalid", payloadTampered.Error?.Code);
        Assert.Equal("signature.invalid", signatureTampered.Error?.Code);
        Assert.Equal("signature.malformed", garbage.Error?.Code);
    }

    [Fact]
    public async Task Rotate_AfterSigning_NewSignaturesCarryNewKidAndOldOnesStillVerify()
    {
        await using var app = await StartAsync();
        var first = (await CreateKeyAsync(app)).Value;
        var before = (await SignAsync(app, Manifest(ReportPdf))).Value;

        var second = (await RotateKeyAsync(app)).Value;
        var after = (await SignAsync(app, Manifest(ReportPdf))).Value;
        var jwks = await FetchJwksAsync(app);
        var keys = await AsSystemAsync(app, sp => sp.GetRequiredService<SigningKeyQueries>().ListAsync(TestContext.Current.CancellationToken));

        Assert.NotEqual(first.Kid, second.Kid);
        Assert.Equal(second.Kid, after.Manifest.Kid);
        Assert.Equal(first.Kid, before.Manifest.Kid);
        Assert.False(ManifestVerifier.Verify(before.Compact, jwks).IsError);
        Assert.False(ManifestVerifier.Verify(after.Compact, jwks).IsError);
        Assert.Equal([second.Kid, first.Kid], jwks.Keys.Select(k => k.Kid));
        Assert.Equal([("active", second.Kid), ("retired", first.Kid)], keys.Select(k => (k.Status, k.Kid)));
        Assert.Equal("signature.unknown-key", ManifestVerifier.Verify(before.Compact, new JsonWebKeySet([jwks.Find(second.Kid)!])).Error?.Code);
    }

    [Fact]
    public async Task Create_WhenAKeyExists_ReturnsKeyExists()
    {
        await using var app = await StartAsync();
        await CreateKeyAsync(app);

        var again = await CreateKeyAsync(app);

        Assert.Equal("signing.key-exists", again.Error?.Code);
        Assert.Single((await FetchJwksAsync(app)).Keys);
    }

    [Fact]
    public async Task VerifyReportFile_OtherBytes_ReturnsHashMismatch()
    {
        await using var app = await StartAsync();
        await CreateKeyAsync(app);
        var signed = (await SignAsync(app, Manifest(ReportPdf))).Value;
        var altered = ReportPdf.ToArray();
        altered[^2] ^= 0x20;

        var result = ManifestVerifier.VerifyReportFile(altered, signed.Compact, await FetchJwksAsync(app));

        Assert.Equal("report.hash-mismatch", result.Error?.Code);
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
