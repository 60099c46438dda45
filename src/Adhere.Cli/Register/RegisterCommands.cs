using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Register;
using Adhere.Domain.Common;

namespace Adhere.Cli.Register;

/// <summary>
/// <c>adhere register verify-log</c>: recomputes a published transparency log, from a server or a file;
/// <c>verify-status</c> (<see cref="VerifyStatusCommand"/>): checks a signed status document.
/// <c>adhere register export</c>: writes the register as static files (<see cref="ExportCommand"/>).
/// </summary>
public static class RegisterCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("register", "Checks the public register and exports it as static files.") { VerifyLog(cli), VerifyStatusCommand.Create(cli), ExportCommand.Create(cli) };
    }

    private static Command VerifyLog(CliContext cli)
    {
        var source = new Argument<string>("source")
        {
            Description = "The log's URL (e.g. https://adhere.example.org/register/transparency-log.json) or a downloaded file.",
        };
        var head = new Option<string?>("--head")
        {
            Description = "A head seen earlier, as HASH@N (what an earlier run printed): the log must still contain entry #N with that hash.",
            HelpName = "hash@n",
        };
        var command = new Command("verify-log",
            "Recomputes every hash of the transparency log and its chain and names the first rewritten, missing or reordered entry. " +
            "Exit codes: 0 intact, 5 broken or shrunk (compared with --head), 2 unreadable source or malformed --head, 1 unreachable server.")
        {
            source, head,
        };
        // Reads no database: the log is checked as anyone outside the Monitoring Body would check it.
        cli.SetAction(command, DatabaseRequirement.Any, run => VerifyLogAsync(run, run.Value(source)!, run.Value(head)));
        return command;
    }

    private static async Task<int> VerifyLogAsync(CommandRun run, string source, string? headText)
    {
        TransparencyLogHead? seen = null;
        if (headText is not null && (seen = TransparencyLogHead.TryParse(headText)) is null)
        {
            return await run.FailAsync(new InvalidError("cli.head-invalid", $"'{headText}' is not a head such as <64 hex digits>@12.", "head"));
        }

        string json;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            try
            {
                using var response = await http.GetAsync(url, run.Ct);
                if (!response.IsSuccessStatusCode)
                {
                    return await run.FailAsync(new InvalidError("cli.log-unavailable", $"{url} answered {(int)response.StatusCode}.", "source"));
                }

                json = await response.Content.ReadAsStringAsync(run.Ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !run.Ct.IsCancellationRequested))
            {
                await run.Error.WriteLineAsync($"error: Could not reach {url}: {e.Message} (cli.server-unreachable)");
                return ExitCodes.Unexpected;
            }
        }
        else
        {
            try
            {
                json = await File.ReadAllTextAsync(source, run.Ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return await run.FailAsync(new InvalidError("cli.file-unreadable", $"Cannot read '{source}': {e.Message}", "source"));
            }
        }

        IReadOnlyList<TransparencyLogRecord> entries;
        try
        {
            entries = TransparencyLogDocument.Parse(json);
        }
        catch (FormatException e)
        {
            return await run.FailAsync(new InvalidError("cli.log-malformed", $"'{source}' is {e.Message}.", "source"));
        }

        var result = TransparencyLogVerifier.Verify(entries, seen);
        if (!result.IsIntact)
        {
            await run.Out.WriteLineAsync($"Transparency log BROKEN at entry #{result.BrokenAtSequence}: {result.Reason}");
            await run.Out.WriteLineAsync($"Entries verified before the break: {result.Count}");
            return ExitCodes.TransparencyLogBroken;
        }

        await run.Out.WriteLineAsync(result.Head is { } h
            ? $"{result.Count} entries, chain intact, head {h}"
            : "0 entries, chain intact, log empty");
        return ExitCodes.Success;
    }
}
