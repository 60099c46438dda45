using System.Globalization;
using Adhere.Core.Reports;
using Adhere.Domain.Reports;

namespace Adhere.Bench;

/// <summary>
/// Issue 6: the wall time of our PDF renderer against a warm Chromium and LibreOffice turning our HTML rendering of the
/// same report into PDF. The engines take turns within each round (ours, Chromium, LibreOffice, ours, ...), so load
/// from other processes falls on all of them alike. Prints TSV; leaves each engine's last PDF and the HTML in
/// <c>outDirectory</c> for page counts and a look.
/// </summary>
internal static class ReportClock
{
    public static async Task RunAsync(int warmup, int rounds, string outDirectory, bool useChromium, bool useLibreOffice, TextWriter output, CancellationToken ct)
    {
        Directory.CreateDirectory(outDirectory);
        var document = SyntheticReport.Create();
        var ours = PdfReportRenderer.Render(document);
        var html = HtmlReportRenderer.Render(document, PdfPages(ours));
        var htmlFile = Path.Combine(outDirectory, "report.html");
        await File.WriteAllTextAsync(htmlFile, html, ct);
        await File.WriteAllBytesAsync(Path.Combine(outDirectory, "report-ours.pdf"), ours, ct);

        await using var chromium = useChromium ? await WarmChromium.LaunchAsync() : null;
        var libreOffice = useLibreOffice ? new LibreOfficeConverter(outDirectory) : null;
        var converted = Path.Combine(outDirectory, "lo-out");
        Directory.CreateDirectory(converted);

        // Our renderer is cheap next to the others, so it runs five times per warm-up round to reach tiered compilation's
        // optimised code; the warm-up also starts Chromium's renderer and creates LibreOffice's profile.
        for (var round = 0; round < warmup; round++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < 5; i++)
            {
                PdfReportRenderer.Render(document);
                HtmlReportRenderer.Render(document, 15);
            }

            if (chromium is not null) await chromium.PrintAsync(html);
            if (libreOffice is not null) await libreOffice.ConvertAsync(htmlFile, converted, ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var samples = new Dictionary<string, List<Sample>>(StringComparer.Ordinal) { ["ours"] = [], ["html"] = [], ["chromium"] = [], ["libreoffice"] = [] };
        byte[]? lastChromium = null, lastLibreOffice = null;
        var oursCpu = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            // CPU time is less sensitive than wall time to other processes competing for the two cores; it is only
            // meaningful for our renderer, which runs in this process.
            var (sample, cpu) = Measure.OnceWithCpu(() => PdfReportRenderer.Render(document));
            samples["ours"].Add(sample);
            oursCpu.Add(cpu.TotalMilliseconds);
            samples["html"].Add(Measure.Once(() => HtmlReportRenderer.Render(document, 15)));
            if (chromium is not null)
                samples["chromium"].Add(await Measure.OnceAsync(async () => lastChromium = await chromium.PrintAsync(html)));
            if (libreOffice is not null)
                samples["libreoffice"].Add(await Measure.OnceAsync(async () => lastLibreOffice = await libreOffice.ConvertAsync(htmlFile, converted, ct)));
        }

        if (lastChromium is not null) await File.WriteAllBytesAsync(Path.Combine(outDirectory, "report-chromium.pdf"), lastChromium, ct);
        if (lastLibreOffice is not null) await File.WriteAllBytesAsync(Path.Combine(outDirectory, "report-libreoffice.pdf"), lastLibreOffice, ct);

        await output.WriteLineAsync("operation\tmedian_ms\tp90_ms\tmin_ms\tmax_ms\talloc_bytes\trounds\tmedian_first_half_ms\tmedian_second_half_ms\tbytes\tcpu_median_ms");
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["ours"] = ours.Length, ["html"] = html.Length, ["chromium"] = lastChromium?.Length ?? 0, ["libreoffice"] = lastLibreOffice?.Length ?? 0,
        };
        foreach (var (name, list) in samples)
        {
            if (list.Count == 0) continue;
            var ms = list.Select(s => s.Elapsed.TotalMilliseconds).ToList();
            var half = ms.Count / 2;
            await output.WriteLineAsync(string.Join('\t',
                name,
                Format(Measure.Median(ms)),
                Format(Measure.Percentile(ms, 90)),
                Format(ms.Min()),
                Format(ms.Max()),
                Measure.Median(list.Select(s => (double)s.AllocatedBytes).ToList()).ToString("0", CultureInfo.InvariantCulture),
                list.Count.ToString(CultureInfo.InvariantCulture),
                Format(Measure.Median(ms[..Math.Max(half, 1)])),
                Format(Measure.Median(ms[half..])),
                sizes[name].ToString(CultureInfo.InvariantCulture),
                name == "ours" ? Format(Measure.Median(oursCpu)) : ""));
        }

        if (chromium is not null) await Console.Error.WriteLineAsync($"Chromium {chromium.Version}");
    }

    /// <summary>The page count PDFsharp reads back from our own PDF, which section 6 of the HTML states.</summary>
    public static int PdfPages(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        return read.PageCount;
    }

    private static string Format(double milliseconds) => milliseconds.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>
/// One render of the synthetic report in a fresh process, cold, for <c>/usr/bin/time -v</c> to take the peak RSS:
/// <c>none</c> builds the document only (the floor), <c>ours</c> also renders it to PDF once.
/// </summary>
internal static class ReportPeak
{
    public static async Task RunAsync(string mode, TextWriter output)
    {
        var document = SyntheticReport.Create();
        Sample sample = mode switch
        {
            "none" => Measure.Once(() => document),
            "ours" => Measure.Once(() => PdfReportRenderer.Render(document)),
            "html" => Measure.Once(() => HtmlReportRenderer.Render(document, 15)),
            _ => throw new ArgumentException($"Unknown report-peak mode '{mode}'; use none, ours or html."),
        };
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{mode}\t{sample.AllocatedBytes}\t{sample.Elapsed.TotalMilliseconds:0.00}"));
    }

    /// <summary>Prints the page count of our PDF of the synthetic report and its body's shape, to check it is the seed's size.</summary>
    public static async Task ShapeAsync(TextWriter output, int backgroundFiller)
    {
        var document = SyntheticReport.Create(backgroundFiller);
        var pages = ReportClock.PdfPages(PdfReportRenderer.Render(document));
        var services = document.Body.SkipWhile(b => b is not Heading { Number: "2" }).TakeWhile(b => b is not Heading { Number: "3" })
            .OfType<BulletList>().Sum(l => l.Items.Count);
        var categories = document.Body.OfType<Heading>().Count(h => h.Number.StartsWith("2.1.", StringComparison.Ordinal));
        var controls = document.Body.SkipWhile(b => b is not Heading { Number: "4.3.1" }).OfType<Table>().First().Rows.Count;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"pages\t{pages}\nservices\t{services}\ncategories\t{categories}\ncontrols\t{controls}\nheadings\t{document.Body.OfType<Heading>().Count()}\nfootnotes\t{document.Body.OfType<Paragraph>().SelectMany(p => p.Inlines).OfType<FootnoteRun>().Count()}"));
    }
}
