using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Adhere.Bench;

/// <summary>
/// Search latency over HTTP (issue 7): a fixed set of realistic searches against the synthetic register, each sent
/// sequentially by one client after a warm-up, so every request has the server to itself. Prints one TSV line per
/// search: name, requests, p50, p95, p99 and max in milliseconds, and the match count the server reported.
/// </summary>
internal static class RegisterSearch
{
    public static IReadOnlyList<(string Name, string Query)> Searches { get; } =
    [
        ("company prefix", $"q={RegisterWords.Prefixes[0]}"),
        ("company name", $"q={Uri.EscapeDataString(RegisterWords.Company(40)[..^4].Trim())}"),
        ("service word", $"q={Uri.EscapeDataString("managed kubernetes")}"),
        ("Verification-ID", $"q={RegisterData.IdOf(123)}"),
        ("category filter", $"category={RegisterWords.Categories[3]}"),
        ("level filter", "level=2"),
        ("status filter", "status=suspended"),
        ("company + status", $"q={RegisterWords.Prefixes[5]}&status=valid"),
        ("no hit", "q=zzqx-nothing"),
        ("first page, no filter", string.Empty),
    ];

    public static async Task RunAsync(Uri baseUrl, int warmup, int rounds, TextWriter output, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var times = Searches.ToDictionary(s => s.Name, _ => new List<double>());
        var totals = new Dictionary<string, int>();
        // Round-robin over the searches, so that load from other processes falls on all of them alike.
        for (var round = -warmup; round < rounds; round++)
        {
            foreach (var (name, query) in Searches)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri($"/api/v1/register/entries?{query}", UriKind.Relative), ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                var ms = clock.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                if (round < 0) continue;
                times[name].Add(ms);
                if (round == 0) totals[name] = JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
            }
        }

        output.WriteLine("search\trequests\tp50\tp95\tp99\tmax\ttotal");
        foreach (var (name, _) in Searches)
        {
            var sorted = times[name].Order().ToList();
            output.WriteLine(string.Join('\t', name, sorted.Count.ToString(CultureInfo.InvariantCulture), F(Percentile(sorted, 0.50)), F(Percentile(sorted, 0.95)),
                F(Percentile(sorted, 0.99)), F(sorted[^1]), totals[name].ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string F(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);
}
