using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Adhere.Core.Register.Status;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>The signed status document (status.json) of a register entry, checked as an outside tool would: with the published JWK Set.</summary>
public sealed class StatusDocumentTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // One key for the class's app; creating it again (another test, same fixture) is refused harmlessly.
        await app.WithSystemAsync(sp => sp.GetRequiredService<CreateSigningKey>().HandleAsync(Ct));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<HttpResponseMessage> GetAsync(AdhereAppFactory on, string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = on.ApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<string> StatusTextAsync(AdhereAppFactory on, string id)
    {
        using var response = await GetAsync(on, $"/register/{id}/status.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<JsonWebKeySet> KeysAsync(AdhereAppFactory on)
    {
        using var response = await GetAsync(on, "/.well-known/adhere-keys.json");
        return JsonSerializer.Deserialize<JsonWebKeySet>(await response.Content.ReadAsStringAsync(Ct))!;
    }

    [Fact]
    public async Task Status_ListedEntry_VerifiesWithThePublishedKeys()
    {
        var listed = await RegisterScenario.ListedAsync(app);

        using var response = await GetAsync(app, $"/register/{listed.VerificationId}/status.json");
        var text = await response.Content.ReadAsStringAsync(Ct);
        var verified = StatusDocumentVerifier.Verify(text, await KeysAsync(app), app.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jose+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(verified.IsError, verified.IsError ? verified.Error!.Message : "");
        var d = verified.Value;
        Assert.Equal((listed.VerificationId, listed.VerificationId, listed.Company, listed.Level, "valid"),
            (d.RequestedId, d.VerificationId, d.Company, d.Level, d.Status));
        Assert.Contains(d.Services, s => s.Name == listed.Service && s.Category == listed.Category);
        Assert.NotNull(d.ApprovedOn);
        Assert.NotNull(d.ValidUntil);
        Assert.Equal(StatusDocument.Lifetime, d.ExpiresAt - d.IssuedAt);
        Assert.True(d.IssuedAt <= app.Time.GetUtcNow() && d.IssuedAt > app.Time.GetUtcNow() - IssueStatusDocument.Window);
        Assert.Equal((await KeysAsync(app)).Keys[0].Kid, d.Kid);
        using var json = JsonDocument.Parse(text);
        var header = JsonDocument.Parse(Base64UrlDecode(json.RootElement.GetProperty("protected").GetString()!)).RootElement;
        Assert.Equal(("ES256", "adhere-status+json"), (header.GetProperty("alg").GetString(), header.GetProperty("typ").GetString()));
    }

    [Fact]
    public async Task Status_ByAFormerId_NamesTheCurrentEntryAndTheFormerIds()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var newId = await listed.ChangeLevelAsync();

        var d = StatusDocumentVerifier.Verify(await StatusTextAsync(app, listed.VerificationId), await KeysAsync(app), app.Time.GetUtcNow()).Value;

        Assert.Equal((listed.VerificationId, newId), (d.RequestedId, d.VerificationId));
        Assert.Contains(listed.VerificationId, d.FormerIds);
        Assert.Matches("^[0-9a-f]{64}$", d.ReportSha256 ?? "");
    }

    [Fact]
    public async Task Status_SuspendedEntry_SaysSoInTheSignedPayload()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        await ComplianceMarkTests.FireAsync(app, listed.VerificationId, DeclarationTrigger.Suspend, Role.MbDecisionMaker);

        var d = StatusDocumentVerifier.Verify(await StatusTextAsync(app, listed.VerificationId), await KeysAsync(app), app.Time.GetUtcNow()).Value;

        Assert.Equal("suspended", d.Status);
    }

    [Fact]
    public async Task Verify_TamperedPayload_FailsTheSignature()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        using var json = JsonDocument.Parse(await StatusTextAsync(app, listed.VerificationId));
        var root = json.RootElement;
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(root.GetProperty("payload").GetString()!));
        var forged = payload.Replace(listed.Company, "Forged Ltd", StringComparison.Ordinal);
        var tampered = $"{root.GetProperty("protected").GetString()}.{Base64UrlEncode(Encoding.UTF8.GetBytes(forged))}.{root.GetProperty("signature").GetString()}";

        var verified = StatusDocumentVerifier.Verify(tampered, await KeysAsync(app), app.Time.GetUtcNow());

        Assert.Equal("signature.invalid", verified.Error?.Code);
    }

    [Fact]
    public async Task Verify_WithAnotherInstallationsKeys_FailsAsUnknownOrInvalid()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var text = await StatusTextAsync(app, listed.VerificationId);
        var ours = (await KeysAsync(app)).Keys[0];
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        var otherKey = ours with { X = Base64UrlEncode(q.X!), Y = Base64UrlEncode(q.Y!) };

        var sameKidOtherKey = StatusDocumentVerifier.Verify(text, new JsonWebKeySet([otherKey]), app.Time.GetUtcNow());
        var otherKid = StatusDocumentVerifier.Verify(text, new JsonWebKeySet([otherKey with { Kid = "adhere-2020-01-01-00000000" }]), app.Time.GetUtcNow());

        Assert.Equal("signature.invalid", sameKidOtherKey.Error?.Code);
        Assert.Equal("signature.unknown-key", otherKid.Error?.Code);
    }

    [Fact]
    public async Task Verify_AfterTheExpiry_IsStale()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        var text = await StatusTextAsync(app, listed.VerificationId);
        var d = StatusDocumentVerifier.Verify(text, await KeysAsync(app), app.Time.GetUtcNow()).Value;

        var justBefore = StatusDocumentVerifier.Verify(text, await KeysAsync(app), d.ExpiresAt.AddSeconds(-1));
        var atExpiry = StatusDocumentVerifier.Verify(text, await KeysAsync(app), d.ExpiresAt);
        var beforeIssue = StatusDocumentVerifier.Verify(text, await KeysAsync(app), d.IssuedAt.AddHours(-1));

        Assert.False(justBefore.IsError);
        Assert.Equal("status.stale", atExpiry.Error?.Code);
        Assert.Equal("status.stale", beforeIssue.Error?.Code);
    }

    [Fact]
    public async Task Verify_ASignedReportManifest_IsNotAStatusDocument()
    {
        var manifest = ReportManifest.For("2026LVL02ADHERE001", Guid.NewGuid(), "Nimbus", "2", new DateOnly(2026, 11, 1), new DateOnly(2027, 10, 31), "%PDF"u8);
        var signed = await app.WithSystemAsync(sp => sp.GetRequiredService<ManifestSigner>().SignAsync(manifest, Ct));

        var verified = StatusDocumentVerifier.Verify(signed.Value.Compact, await KeysAsync(app), app.Time.GetUtcNow());

        Assert.Equal("signature.malformed", verified.Error?.Code);
    }

    [Fact]
    public async Task Status_WithItsETag_AnswersNotModifiedAndIsCachedBriefly()
    {
        var listed = await RegisterScenario.ListedAsync(app);
        using var first = await GetAsync(app, $"/register/{listed.VerificationId}/status.json");

        using var again = await GetAsync(app, $"/register/{listed.VerificationId}/status.json", h => h.IfNoneMatch.Add(first.Headers.ETag!));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: > 0 and <= 300 }, first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Status_UnknownOrMalformedId_AnswersProblemDetails()
    {
        await HttpAssert.ProblemAsync(await GetAsync(app, "/register/2026LVL02NOBODY999/status.json"), HttpStatusCode.NotFound, "register.not-found");
        await HttpAssert.ProblemAsync(await GetAsync(app, "/register/x/status.json"), HttpStatusCode.BadRequest, "register.id-malformed");
    }

    [Fact]
    public async Task Status_WithoutASigningKey_AnswersServiceUnavailable()
    {
        await using var own = new AdhereAppFactory();
        await own.InitializeAsync();
        var listed = await RegisterScenario.ListedAsync(own);

        using var response = await GetAsync(own, $"/register/{listed.VerificationId}/status.json");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "register.status-unsigned");
    }

    [Fact]
    public async Task OpenApi_Always_DescribesTheMarkAndTheStatusDocument()
    {
        var json = await HttpAssert.JsonAsync(await GetAsync(app, "/openapi/v1.json"));

        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/register/{verificationId}/badge.svg", "/register/{verificationId}/status.json" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.Equal("Register", item.GetProperty("get").GetProperty("tags")[0].GetString());
        }

        Assert.True(paths.GetProperty("/register/{verificationId}/status.json").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
