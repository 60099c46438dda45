using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Register;
using Adhere.Core.Register.Status;
using Adhere.Core.Reports.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Cli.Tests.Register;

/// <summary>
/// <c>adhere register verify-status</c> on files: documents are signed here with a throwaway key in the published
/// format (docs/formats/status-document.md), so the command is checked as a verifier outside Adhere would be.
/// </summary>
public sealed class VerifyStatusCommandTests : IDisposable
{
    private const string Kid = "adhere-2026-11-30-0a0b0c0d";
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly string directory = Directory.CreateTempSubdirectory("adhere-status-").FullName;
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        key.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static StatusDocument Document(string status = "valid") => new("2026LVL01ADHERE007", "2026LVL02ADHERE007", ["2026LVL01ADHERE007"],
        "Nimbus Cloud GmbH", 2, status, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), new DateOnly(2027, 11, 19),
        [new RegisterService("Object Storage", "Storage")], new string('a', 64), IssuedAt, IssuedAt + StatusDocument.Lifetime, Kid);

    private static string B64(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>The flattened JWS of <paramref name="document"/>; <paramref name="payloadOverride"/> replaces the signed payload afterwards.</summary>
    private string Sign(StatusDocument document, byte[]? payloadOverride = null)
    {
        var header = B64(Encoding.UTF8.GetBytes($"{{\"alg\":\"ES256\",\"kid\":\"{Kid}\",\"typ\":\"{StatusDocument.JwsType}\"}}"));
        var payload = B64(document.ToCanonicalUtf8());
        var signature = B64(key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256));
        return JsonSerializer.Serialize(new { @protected = header, payload = payloadOverride is null ? payload : B64(payloadOverride), signature });
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Keys(ECDsa? other = null, string kid = Kid)
    {
        var q = (other ?? key).ExportParameters(false).Q;
        return Write($"keys-{Guid.NewGuid():N}.json", JsonSerializer.Serialize(new JsonWebKeySet([new PublicJwk("EC", "P-256", B64(q.X), B64(q.Y), kid, "sig", "ES256")])));
    }

    [Fact]
    public async Task VerifyStatus_FreshValidDocument_PrintsTheStatusAndExitsZero()
    {
        var file = Write("status.json", Sign(Document()));
        await using var cli = await CliHarness.CreateAsync(new FakeTimeProvider(IssuedAt.AddHours(1)));

        var result = await cli.RunAsync("register", "verify-status", file, "--keys", Keys());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Signature valid (key {Kid})", result.Out, StringComparison.Ordinal);
        Assert.Contains("2026LVL02ADHERE007 (asked as 2026LVL01ADHERE007): Nimbus Cloud GmbH, Level 2", result.Out, StringComparison.Ordinal);
        Assert.Contains("Status: valid since 2026-11-20, valid until 2027-11-19", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyStatus_CompactForm_IsAcceptedToo()
    {
        using var flattened = JsonDocument.Parse(Sign(Document()));
        var r = flattened.RootElement;
        var file = Write("status.jws", $"{r.GetProperty("protected")}.{r.GetProperty("payload")}.{r.GetProperty("signature")}");
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(), "--at", "2026-11-30T13:00:00Z");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task VerifyStatus_TamperedPayload_ExitsSix()
    {
        var forged = Document() with { Company = "Forged Ltd" };
        var file = Write("status.json", Sign(Document(), payloadOverride: forged.ToCanonicalUtf8()));
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(), "--at", "2026-11-30T13:00:00Z");

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("NOT accepted", result.Out, StringComparison.Ordinal);
        Assert.Contains("(signature.invalid)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyStatus_KeyNotInTheSet_ExitsSeven()
    {
        var file = Write("status.json", Sign(Document()));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var cli = await CliHarness.CreateAsync();

        var unknown = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(other, "adhere-2020-01-01-ffffffff"), "--at", "2026-11-30T13:00:00Z");
        var wrongKey = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(other), "--at", "2026-11-30T13:00:00Z");

        Assert.Equal(7, unknown.ExitCode);
        Assert.Contains("(signature.unknown-key)", unknown.Out, StringComparison.Ordinal);
        Assert.Equal(6, wrongKey.ExitCode);
    }

    [Fact]
    public async Task VerifyStatus_AtOrAfterTheExpiry_ExitsEight()
    {
        var file = Write("status.json", Sign(Document()));
        await using var cli = await CliHarness.CreateAsync(new FakeTimeProvider(IssuedAt.AddDays(2)));

        var byClock = await cli.RunAsync("register", "verify-status", file, "--keys", Keys());
        var atExpiry = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(), "--at", "2026-12-01T12:00:00Z");
        var justBefore = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(), "--at", "2026-12-01T11:59:59Z");

        Assert.Equal(8, byClock.ExitCode);
        Assert.Contains("(status.stale)", byClock.Out, StringComparison.Ordinal);
        Assert.Equal(8, atExpiry.ExitCode);
        Assert.Equal(0, justBefore.ExitCode);
    }

    [Fact]
    public async Task VerifyStatus_AuthenticButRevoked_ExitsNine()
    {
        var file = Write("status.json", Sign(Document(RegisterStatus.Revoked)));
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(), "--at", "2026-11-30T13:00:00Z");

        Assert.Equal(9, result.ExitCode);
        Assert.Contains("Adherence is NOT valid: revoked.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyStatus_FileWithoutKeysOrWithBadInput_ExitsTwo()
    {
        var file = Write("status.json", Sign(Document()));
        await using var cli = await CliHarness.CreateAsync();

        var noKeys = await cli.RunAsync("register", "verify-status", file);
        var badTime = await cli.RunAsync("register", "verify-status", file, "--keys", Keys(), "--at", "yesterday");
        var badKeys = await cli.RunAsync("register", "verify-status", file, "--keys", Write("k.json", "[1,2]"));

        Assert.Equal((2, 2, 2), (noKeys.ExitCode, badTime.ExitCode, badKeys.ExitCode));
        Assert.Contains("(cli.keys-required)", noKeys.Error, StringComparison.Ordinal);
        Assert.Contains("(cli.time-invalid)", badTime.Error, StringComparison.Ordinal);
        Assert.Contains("(cli.keys-malformed)", badKeys.Error, StringComparison.Ordinal);
    }
}
