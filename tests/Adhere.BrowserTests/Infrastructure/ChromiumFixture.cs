using Microsoft.Playwright;

namespace Adhere.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium per test class (Debian's, never a downloaded one: <c>ADHERE_CHROMIUM</c> or
/// <c>/usr/bin/chromium</c>). Without it the tests skip, except under CI, where a missing browser is a failure.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private string? missing;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("ADHERE_CHROMIUM") ?? "/usr/bin/chromium";

    private static bool IsCi =>
        Environment.GetEnvironmentVariable("CI")?.Trim().ToUpperInvariant() is "TRUE" or "1" or "YES";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            // Reported by each test (skip or fail); throwing here would only say that the fixture broke.
            missing = $"Chromium is not installed at {ExecutablePath} (set ADHERE_CHROMIUM or apt-get install chromium).";
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = LaunchArgs });
    }

    /// <summary>A fresh context (own cookies and storage) whose relative URLs resolve against <paramref name="server"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(AdhereServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (browser is null)
        {
            if (IsCi) Assert.Fail($"CI needs the browser tests to run: {missing}");
            Assert.Skip(missing ?? "Chromium is not available.");
        }

        var context = await browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(),
            Locale = "en-GB",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
