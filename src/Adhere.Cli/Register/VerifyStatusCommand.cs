using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Register;
using Adhere.Core.Register.Status;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Common;

namespace Adhere.Cli.Register;

/// <summary>
/// <c>adhere register verify-status</c>: checks a signed status document offline, as anyone outside the Monitoring
/// Body would: the signature against the published JWK Set, then freshness, then what the document says.
/// </summary>
public static class VerifyStatusCommand
{
    public const string Help =
        "Checks a signed status document (/register/{id}/status.json): the signature against the published keys, whether it is still fresh, " +
        "and the adherence it states. Exit codes: 0 authentic, fresh and adherence valid; 6 signature invalid or document malformed; " +
        "7 signed with a key the key set does not publish; 8 stale (expired, or issued after --at); 9 authentic and fresh but adherence " +
        "not valid (expired, suspended, revoked or withdrawn); 2 unreadable source or keys, or a bad option; 1 unreachable server.";

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var source = new Argument<string>("source")
        {
            Description = "The document's URL (e.g. https://adhere.example.org/register/2026LVL02ADHERE001/status.json) or a downloaded file.",
        };
        var keys = new Option<string?>("--keys")
        {
            Description = "The JWK Set as a URL or file; default: /.well-known/adhere-keys.json on the server the document came from (required for a file).",
            HelpName = "file|url",
        };
        var at = new Option<string?>("--at")
        {
            Description = "Check freshness at this instant (ISO 8601, e.g. 2026-11-30T12:00:00Z) instead of now.",
            HelpName = "time",
        };
        var command = new Command("verify-status", Help) { source, keys, at };
        // Reads no database: the document is checked with public keys only.
        cli.SetAction(command, DatabaseRequirement.Any, run => RunAsync(run, run.Value(source)!, run.Value(keys), run.Value(at)));
        return command;
    }

    private static async Task<int> RunAsync(CommandRun run, string source, string? keysSource, string? atText)
    {
        var at = run.Get<TimeProvider>().GetUtcNow();
        if (atText is not null)
        {
            if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
            {
                return await run.FailAsync(new InvalidError("cli.time-invalid", $"'{atText}' is not a time such as 2026-11-30T12:00:00Z.", "at"));
            }
        }

        var sourceUrl = WebUrl(source);
        if (keysSource is null)
        {
            if (sourceUrl is null)
            {
                return await run.FailAsync(new InvalidError("cli.keys-required",
                    "A downloaded document needs --keys: the key set's URL (https://…/.well-known/adhere-keys.json) or a downloaded copy.", "keys"));
            }

            keysSource = new Uri(sourceUrl, "/.well-known/adhere-keys.json").ToString();
        }

        var document = await ReadAsync(run, source, "source");
        if (document.Exit is { } failed) return failed;
        var keyText = await ReadAsync(run, keysSource, "keys");
        if (keyText.Exit is { } keysFailed) return keysFailed;

        JsonWebKeySet? jwks;
        try
        {
            jwks = JsonSerializer.Deserialize<JsonWebKeySet>(keyText.Text!);
        }
        catch (JsonException)
        {
            jwks = null;
        }

        if (jwks?.Keys is null)
        {
            return await run.FailAsync(new InvalidError("cli.keys-malformed", $"'{keysSource}' is not a JWK Set ({{\"keys\":[…]}}).", "keys"));
        }

        var verified = StatusDocumentVerifier.Verify(document.Text, jwks, at);
        if (verified.IsError)
        {
            var error = verified.Error!;
            await run.Out.WriteLineAsync($"Status document NOT accepted: {error.Message} ({error.Code})");
            return error.Code switch
            {
                "signature.unknown-key" => ExitCodes.StatusKeyUnknown,
                StatusDocumentErrors.StaleCode => ExitCodes.StatusStale,
                _ => ExitCodes.StatusNotAuthentic,
            };
        }

        var d = verified.Value;
        await run.Out.WriteLineAsync($"Signature valid (key {d.Kid}); issued {Instant(d.IssuedAt)}, fresh until {Instant(d.ExpiresAt)}.");
        var asked = d.RequestedId == d.VerificationId ? string.Empty : $" (asked as {d.RequestedId})";
        await run.Out.WriteLineAsync($"{d.VerificationId}{asked}: {d.Company}, Level {d.Level.ToString(CultureInfo.InvariantCulture)}");
        var since = d.Since is { } s ? $" since {Day(s)}" : string.Empty;
        var until = d.ValidUntil is { } u ? $", valid until {Day(u)}" : string.Empty;
        await run.Out.WriteLineAsync($"Status: {d.Status}{since}{until}");
        if (d.Services.Count > 0) await run.Out.WriteLineAsync($"Services: {string.Join("; ", d.Services.Select(x => x.Category is null ? x.Name : $"{x.Name} ({x.Category})"))}");
        if (d.ReportSha256 is { } sha) await run.Out.WriteLineAsync($"Current report SHA-256: {sha}");
        if (d.Status == RegisterStatus.Valid) return ExitCodes.Success;
        await run.Out.WriteLineAsync($"Adherence is NOT valid: {d.Status}.");
        return ExitCodes.AdherenceNotValid;
    }

    private static Uri? WebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static async Task<(string? Text, int? Exit)> ReadAsync(CommandRun run, string source, string field)
    {
        if (WebUrl(source) is { } url)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            try
            {
                using var response = await http.GetAsync(url, run.Ct);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, await run.FailAsync(new InvalidError("cli.source-unavailable", $"{url} answered {(int)response.StatusCode}.", field)));
                }

                return (await response.Content.ReadAsStringAsync(run.Ct), null);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !run.Ct.IsCancellationRequested))
            {
                await run.Error.WriteLineAsync($"error: Could not reach {url}: {e.Message} (cli.server-unreachable)");
                return (null, ExitCodes.Unexpected);
            }
        }

        try
        {
            return (await File.ReadAllTextAsync(source, run.Ct), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, await run.FailAsync(new InvalidError("cli.file-unreadable", $"Cannot read '{source}': {e.Message}", field)));
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
