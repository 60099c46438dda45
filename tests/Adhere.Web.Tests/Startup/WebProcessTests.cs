using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Startup;

/// <summary>
/// Starts the real web host as its own process, as the README's first command does, to check what only a real
/// start shows: migration and demo seeding in Development, refusal on an unmigrated database elsewhere, --urls.
/// </summary>
public sealed partial class WebProcessTests
{
    [Fact]
    public async Task Start_InProductionOnUnmigratedDatabase_RefusesAndNamesTheCommand()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var process = StartWeb(database, "Production");

        var exited = await WaitForExitAsync(process, TimeSpan.FromSeconds(60));

        Assert.True(exited, "the host should stop by itself");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("adhere db migrate", Output(process), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_InDevelopmentOnEmptyDatabase_MigratesSeedsAndLetsDemoUsersSignIn(bool socketThreadAnswers)
    {
        // With socket-thread answers (ADR 0032, on in Production) the same walk must work: a form post's body, a PDF
        // download and an uploaded PDF all cross the front door's move to the thread pool.
        await using var database = await TestDatabase.CreateAsync();
        using var process = StartWeb(database, "Development", ("Http__SocketThreadAnswers", socketThreadAnswers ? "true" : "false"));
        try
        {
            var address = await WaitForAsync(process, ListeningPattern(), TimeSpan.FromSeconds(90));
            var output = Output(process);
            // On SQLite the mode takes effect; on PostgreSQL the host says why it does not.
            var sqlite = database.ProviderName == "sqlite";
            Assert.Equal(socketThreadAnswers && sqlite, output.Contains("Requests start on the socket threads", StringComparison.Ordinal));
            Assert.Equal(socketThreadAnswers && !sqlite, output.Contains("but requests stay on the thread pool", StringComparison.Ordinal));

            var admin = AdminLinePattern().Match(output);
            Assert.True(admin.Success, $"the demo banner should list the administrator:\n{output}");

            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

            var page = new PageClient(client);
            var signIn = await page.PostFormAsync("/account/signin", "/account/signin",
                new() { ["Email"] = "admin@mb.demo.example", ["Password"] = admin.Groups[1].Value });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/console", signIn.Headers.Location!.OriginalString);
            Assert.Contains("Nimbus Cloud GmbH", await client.GetStringAsync("/console/organisations"), StringComparison.Ordinal);

            // Development makes its own signing password, so the demo's report is issued signed and checks out as authentic.
            var nimbusId = $"{TimeProvider.System.GetUtcNow().Year}LVL02ADHERE002";
            var pdf = await client.GetByteArrayAsync($"/register/{nimbusId}/report.pdf");
            using var content = new ByteArrayContent(pdf);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            var check = await HttpAssert.JsonAsync(await client.PostAsync("/api/v1/reports/verify", content));
            Assert.Equal("authentic", check.GetProperty("outcome").GetString());

            // The second read of a verification is answered at the door, from the cache the first one filled.
            var verification = $"/api/v1/register/verifications/{nimbusId}";
            var first = await client.GetStringAsync(verification);
            Assert.Equal(first, await client.GetStringAsync(verification));
            Assert.Contains("\"status\":\"valid\"", first, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process StartWeb(TestDatabase database, string environment, params (string Name, string Value)[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryFiles.Root, "src", "Adhere.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebAssembly());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["Database__Provider"] = database.ProviderName;
        info.Environment["ConnectionStrings__Adhere"] = database.ConnectionString;
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in settings) info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        var output = new System.Text.StringBuilder();
        Outputs.Add(process, output);
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, System.Text.StringBuilder> Outputs = [];

    private static string Output(Process process)
    {
        var output = Outputs.GetOrCreateValue(process);
        lock (output) return output.ToString();
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    private static async Task<string> WaitForAsync(Process process, Regex pattern, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var match = pattern.Match(Output(process));
            if (match.Success) return match.Groups[1].Value;
            if (process.HasExited) break;
            await Task.Delay(100);
        }

        throw new TimeoutException($"The web host did not report its address:\n{Output(process)}");
    }

    /// <summary>The web host built in the same configuration as these tests.</summary>
    private static string WebAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var path = Path.Combine(RepositoryFiles.Root, "src", "Adhere.Web", "bin", configuration, "net10.0", "Adhere.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Adhere.Web first.", path);
    }


    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@"admin@mb\.demo\.example\s+(\S+)\s+mb-admin")]
    private static partial Regex AdminLinePattern();
}
