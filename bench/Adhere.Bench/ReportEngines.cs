using System.Diagnostics;
using Microsoft.Playwright;

namespace Adhere.Bench;

/// <summary>
/// A headless Chromium kept running for the whole benchmark, with one page that every conversion reuses: what a host
/// that printed HTML to PDF would keep warm. Debian's Chromium only; Playwright never downloads a browser here.
/// </summary>
internal sealed class WarmChromium : IAsyncDisposable
{
    // The launch arguments of tests/Adhere.BrowserTests/Infrastructure/ChromiumFixture.cs.
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    // A4 with the margins of our PDF (2.5 cm), so both engines have the same type area to fill.
    private static readonly PagePdfOptions PdfOptions = new()
    {
        Format = "A4",
        PrintBackground = true,
        Margin = new Margin { Top = "25mm", Bottom = "25mm", Left = "25mm", Right = "25mm" },
    };

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IPage page;

    private WarmChromium(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.page = page;
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("ADHERE_CHROMIUM") ?? "/usr/bin/chromium";

    public string Version => browser.Version;

    public static async Task<WarmChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath)) throw new InvalidOperationException($"No Chromium at {ExecutablePath} (apt-get install chromium, or set ADHERE_CHROMIUM).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = LaunchArgs });
        var page = await browser.NewPageAsync();
        return new WarmChromium(playwright, browser, page);
    }

    /// <summary>Loads the HTML into the kept page (waiting for its load event) and prints it to PDF.</summary>
    public async Task<byte[]> PrintAsync(string html)
    {
        await page.SetContentAsync(html);
        return await page.PdfAsync(PdfOptions);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}

/// <summary>
/// LibreOffice's command-line conversion, one <c>soffice</c> process per document (it has no warm mode without a UNO
/// client). Every call uses the same user profile under the scratch folder, so only the first call creates it and the
/// others start from a ready profile, as on a server that converts often.
/// </summary>
internal sealed class LibreOfficeConverter(string workDirectory)
{
    private readonly string profile = new Uri(Path.Combine(workDirectory, "lo-profile")).AbsoluteUri;

    public static string? ExecutablePath =>
        new[] { Environment.GetEnvironmentVariable("ADHERE_SOFFICE"), "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice" }
            .FirstOrDefault(p => p is not null && File.Exists(p));

    /// <summary>Converts <paramref name="htmlFile"/> into a PDF in <paramref name="outDirectory"/> and returns its bytes.</summary>
    public async Task<byte[]> ConvertAsync(string htmlFile, string outDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(ExecutablePath ?? throw new InvalidOperationException("LibreOffice (soffice) is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // writer_pdf_Export: the HTML is opened as a Writer document (paged), not in the web view.
        foreach (var argument in new[]
                 {
                     $"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
                     "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", outDirectory, htmlFile,
                 })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var pdf = Path.Combine(outDirectory, Path.GetFileNameWithoutExtension(htmlFile) + ".pdf");
        if (process.ExitCode != 0 || !File.Exists(pdf))
            throw new InvalidOperationException($"soffice failed ({process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {await stdout} {await stderr}");
        var bytes = await File.ReadAllBytesAsync(pdf, ct);
        File.Delete(pdf);
        return bytes;
    }
}
