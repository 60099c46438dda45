using System.Text.Json;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core;
using Adhere.Core.Persistence;
using Adhere.Core.Reports.Frozen;
using Adhere.Core.Reports.Signing;
using Adhere.Core.Tenancy;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Reports;

/// <summary>
/// The demo seed approves Nimbus's declaration without a signing key, so its report is issued and waits for a signature;
/// Stratus's renewal is submitted, so an assessment opened on it gives a draft.
/// </summary>
public sealed class ReportCommandsTests : IDisposable
{
    private const string Password = "cli-test-signing-password";
    private static readonly Dictionary<string, string?> WithPassword = new() { ["Signing:KeyPassword"] = Password };
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private readonly string folder = Directory.CreateTempSubdirectory("adhere-report-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static Task<CliHarness> SeededAsync() => CliHarness.CreateDemoSeededAsync();

    /// <summary>The issued report of Nimbus, read straight from the database.</summary>
    private static Task<FrozenReport> NimbusReportAsync(CliHarness cli) => cli.WithServicesAsync(async sp =>
        await sp.GetRequiredService<AdhereDb>().FrozenReports.IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(r => r.VerificationId.EndsWith("ADHERE002"), TestContext.Current.CancellationToken));

    private static Task<int> UnsignedCountAsync(CliHarness cli) => cli.WithServicesAsync(sp =>
        sp.GetRequiredService<AdhereDb>().FrozenReports.IgnoreQueryFilters().CountAsync(r => r.Manifest == null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Render_IssuedReportByLowercaseVerificationId_WritesTheStoredBytes()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);
        var file = PathOf("issued.pdf");

        var result = await cli.SucceedAsync("report", "render", issued.VerificationId.ToLowerInvariant(), "--format", "pdf", "-o", file);

        Assert.Equal(issued.Pdf, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Contains($"the issued report of {issued.VerificationId}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {issued.Sha256}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ApprovedDeclarationById_WritesTheIssuedHtmlAsStored()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);
        var file = PathOf("issued.html");

        await cli.SucceedAsync("report", "render", issued.DeclarationId.Value.ToString(), "--format", "html", "-o", file);

        Assert.Equal(issued.Html, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Render_DraftByDeclarationId_WritesARenderedPdf()
    {
        await using var cli = await SeededAsync();
        var declaration = await cli.WithServicesAsync(async sp =>
            (await sp.GetRequiredService<AdhereDb>().Declarations.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.Status == DeclarationStatus.DecisionPending).Select(d => d.Id).FirstAsync(TestContext.Current.CancellationToken)).Value);
        // The demo's Stratus renewal waits for the decision: its report is still a draft.
        var file = PathOf("draft.pdf");

        var result = await cli.SucceedAsync("report", "render", declaration.ToString(), "-o", file);

        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.StartsWith("%PDF-", System.Text.Encoding.Latin1.GetString(bytes, 0, 5), StringComparison.Ordinal);
        Assert.Contains("a draft report of assessment", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, await cli.WithServicesAsync(sp =>
            sp.GetRequiredService<AdhereDb>().FrozenReports.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Render_MarkdownWithoutOutput_PrintsTheIssuedMarkdownWithItsSections()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);

        var result = await cli.SucceedAsync("report", "render", issued.VerificationId, "--format", "md");

        Assert.Equal(issued.Markdown, result.Out);
        Assert.Contains("## 1 Verification against ", result.Out, StringComparison.Ordinal);
        Assert.Contains("## 5 Conclusion", result.Out, StringComparison.Ordinal);
        Assert.Contains("## 6 Validity", result.Out, StringComparison.Ordinal);
        Assert.Contains("the issued report of", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OscalResultsOfAnIssuedReport_PrintsTheAssessmentResults()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);

        var result = await cli.SucceedAsync("report", "render", issued.VerificationId, "--format", "oscal-results");

        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.TryGetProperty("assessment-results", out _), result.Out);
    }

    [Fact]
    public async Task Render_UnknownIdsBadFormatOrPdfToTerminal_ExitTwoWithTheirCodes()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);

        var unknownVerification = await cli.RunAsync("report", "render", "2026LVL02NOSUCH999", "--format", "md");
        var unknownGuid = await cli.RunAsync("report", "render", Guid.NewGuid().ToString(), "--format", "md");
        var badFormat = await cli.RunAsync("report", "render", issued.VerificationId, "--format", "docx");
        var pdfToTerminal = await cli.RunAsync("report", "render", issued.VerificationId);

        Assert.Equal(2, unknownVerification.ExitCode);
        Assert.Contains("(report.verification-unknown)", unknownVerification.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownGuid.ExitCode);
        Assert.Contains("(report.id-unknown)", unknownGuid.Error, StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.Contains("(report.format-unknown)", badFormat.Error, StringComparison.Ordinal);
        Assert.Equal(2, pdfToTerminal.ExitCode);
        Assert.Contains("(cli.output-required)", pdfToTerminal.Error, StringComparison.Ordinal);
        Assert.Empty(pdfToTerminal.Out);
    }

    [Fact]
    public async Task Verify_TheRenderedPdfAfterKeysCreate_IsAuthenticAndSigned()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);
        var file = PathOf("report.pdf");
        await cli.SucceedAsync("report", "render", issued.VerificationId, "-o", file);
        var unsigned = await cli.RunAsync("report", "verify", file);
        await cli.RunWithSettingsAsync(WithPassword, "keys", "create");

        var result = await cli.RunAsync("report", "verify", file);
        var json = await cli.RunAsync("report", "verify", file, "--json");

        Assert.Equal(0, unsigned.ExitCode);
        Assert.StartsWith("AUTHENTIC (signature pending):", unsigned.Out, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("AUTHENTIC:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Verification-ID: {issued.VerificationId}", result.Out, StringComparison.Ordinal);
        Assert.Contains("Company: Nimbus Cloud GmbH", result.Out, StringComparison.Ordinal);
        Assert.Contains("Level: 2", result.Out, StringComparison.Ordinal);
        Assert.Contains("Status: valid", result.Out, StringComparison.Ordinal);
        Assert.Contains("Key: adhere-", result.Out, StringComparison.Ordinal);
        Assert.Contains($"SHA-256: {issued.Sha256}", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var parsed = JsonDocument.Parse(json.Out);
        Assert.Equal("authentic", parsed.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(issued.Sha256, parsed.RootElement.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Verify_ACopyWithOneByteFlipped_IsAlteredWithExitCode4()
    {
        await using var cli = await SeededAsync();
        var issued = await NimbusReportAsync(cli);
        var tampered = issued.Pdf.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;
        var file = PathOf("tampered.pdf");
        await File.WriteAllBytesAsync(file, tampered, TestContext.Current.CancellationToken);

        var result = await cli.RunAsync("report", "verify", file);

        Assert.Equal(ExitCodes.ReportNotAuthentic, result.ExitCode);
        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("ALTERED:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Verification-ID: {issued.VerificationId}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ANonPdfOrMissingFile_ExitsTwoWithTheirCodes()
    {
        await using var cli = await SeededAsync();
        var text = PathOf("notes.txt");
        await File.WriteAllTextAsync(text, "not a report", TestContext.Current.CancellationToken);

        var notPdf = await cli.RunAsync("report", "verify", text);
        var missing = await cli.RunAsync("report", "verify", PathOf("missing.pdf"));

        Assert.Equal(2, notPdf.ExitCode);
        Assert.Contains("(report.not-pdf)", notPdf.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("(catalogue.file-not-found)", missing.Error, StringComparison.Ordinal);
    }

    // The CLI tests do not reference Adhere.Web, so the server mode talks to a stand-in that answers as
    // POST /api/v1/reports/verify does (the ReportCheck JSON, or a ProblemDetails); the endpoint itself is the web tests' business.
    [Fact]
    public async Task Verify_WithServer_PostsThePdfAndPrintsTheServersVerdict()
    {
        await using var cli = await CliHarness.CreateAsync();
        var file = PathOf("remote.pdf");
        await File.WriteAllBytesAsync(file, "%PDF-1.7 remote\n%%EOF\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var verdict = new ReportCheck("altered", "This file presents itself as the report for 2026LVL02ADHERE002, but it is not the report that was issued.",
            new string('a', 64), "2026LVL02ADHERE002", null, null, null, null, null, null, null, null, null);
        using var server = new StandInServer();
        var serving = server.AnswerOnceAsync(200, JsonSerializer.Serialize(verdict, WebJson));

        var result = await cli.RunAsync("report", "verify", file, "--server", server.Url + "/");
        var request = await serving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("POST /api/v1/reports/verify application/pdf", $"{request.Method} {request.Path} {request.ContentType}");
        Assert.Equal(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), request.Body);
        Assert.Equal(ExitCodes.ReportNotAuthentic, result.ExitCode);
        Assert.StartsWith("ALTERED:", result.Out, StringComparison.Ordinal);
        Assert.Contains("Verification-ID: 2026LVL02ADHERE002", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithServerRefusingTheFile_ExitsTwoWithTheServersCode()
    {
        await using var cli = await CliHarness.CreateAsync();
        var file = PathOf("remote.pdf");
        await File.WriteAllBytesAsync(file, "%PDF-1.7\n"u8.ToArray(), TestContext.Current.CancellationToken);
        using var server = new StandInServer();
        var serving = server.AnswerOnceAsync(400, "{\"title\":\"The request is not valid\",\"status\":400,\"detail\":\"The file is not a PDF.\",\"errorCode\":\"report.not-pdf\"}");

        var result = await cli.RunAsync("report", "verify", file, "--server", server.Url);
        await serving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: The file is not a PDF. (report.not-pdf)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithAServerThatIsNotListening_ExitsOneWithoutTouchingTheDatabase()
    {
        // An unmigrated database: the server mode must not need one.
        await using var cli = await CliHarness.CreateAsync();
        var file = PathOf("some.pdf");
        await File.WriteAllBytesAsync(file, "%PDF-1.7\n%%EOF\n"u8.ToArray(), TestContext.Current.CancellationToken);

        var unreachable = await cli.RunAsync("report", "verify", file, "--server", "http://127.0.0.1:9");
        var invalid = await cli.RunAsync("report", "verify", file, "--server", "ftp://example.org");

        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("(cli.server-unreachable)", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("(cli.server-invalid)", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignPending_AfterApprovalWithoutAKey_SignsOnceAKeyExists()
    {
        await using var cli = await SeededAsync();
        var waiting = await UnsignedCountAsync(cli);
        var noKey = await cli.RunWithSettingsAsync(WithPassword, "report", "sign-pending");
        // Created through Core rather than 'keys create', which would sign the waiting reports itself.
        await CreateKeyDirectlyAsync(cli);

        var signed = await cli.RunWithSettingsAsync(WithPassword, "report", "sign-pending");
        var again = await cli.RunWithSettingsAsync(WithPassword, "report", "sign-pending");

        Assert.True(waiting >= 1);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("(signing.no-key)", noKey.Error, StringComparison.Ordinal);
        Assert.Equal(0, signed.ExitCode);
        Assert.Contains($"Signed {waiting} report", signed.Out, StringComparison.Ordinal);
        Assert.Equal(0, await UnsignedCountAsync(cli));
        Assert.Contains("No report was waiting", again.Out, StringComparison.Ordinal);
    }

    private static async Task CreateKeyDirectlyAsync(CliHarness cli)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new SigningSettings(Password));
        services.AddAdhereCore(new DatabaseSettings(cli.Database.Provider, cli.Database.ConnectionString));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "test");
        var created = await scope.ServiceProvider.GetRequiredService<CreateSigningKey>().HandleAsync(TestContext.Current.CancellationToken);
        Assert.False(created.IsError);
    }
}

/// <summary>A one-request HTTP server on a free local port that records what it was sent and answers as told.</summary>
internal sealed class StandInServer : IDisposable
{
    private readonly System.Net.HttpListener listener = new();

    public StandInServer()
    {
        // A port the system hands out is free at that moment; the listener takes it right after.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
    }

    public string Url { get; }

    public sealed record Received(string Method, string Path, string? ContentType, byte[] Body);

    public async Task<Received> AnswerOnceAsync(int status, string json)
    {
        var context = await listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var received = new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray());
        context.Response.StatusCode = status;
        context.Response.ContentType = status < 400 ? "application/json" : "application/problem+json";
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
        return received;
    }

    public void Dispose() => listener.Close();
}
