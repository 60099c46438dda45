using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Adhere.Cli.Catalogue;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Persistence;
using Adhere.Core.Reports;
using Adhere.Core.Reports.Frozen;
using Adhere.Core.Reports.Oscal;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Cli.Reports;

/// <summary>
/// <c>adhere report render|verify|sign-pending</c>: writes a verification report (issued reports from their stored bytes,
/// drafts rendered now), checks a PDF against the issued reports locally or on a server, and signs reports waiting for a key.
/// </summary>
public static class ReportCommands
{
    private static readonly string[] Formats = ["pdf", "html", "md", "oscal-results", "oscal-plan"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("report", "Writes, verifies and signs verification reports.")
        {
            Render(cli),
            Verify(cli),
            SignPending(cli),
        };
    }

    private static Command Render(CliContext cli)
    {
        var id = new Argument<string>("id")
        {
            Description = "A Verification-ID (the entry's current issued report), a declaration's ID (its latest assessment) or an assessment's ID.",
        };
        var format = new Option<string>("--format")
        {
            Description = "pdf, html, md, oscal-results or oscal-plan.",
            HelpName = string.Join('|', Formats),
            DefaultValueFactory = _ => "pdf",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write; it appears only once complete. Without it, text formats go to standard output; pdf needs it.",
            HelpName = "file",
        };
        var command = new Command("render",
            "Writes a report. An approved assessment's report is written exactly as it was issued (the stored bytes); any other is rendered " +
            "now as a draft. Exit codes: 0 written, 2 unknown ID, no report, bad format or unwritable file, 1 failure.")
        {
            id, format, output,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var kind = (run.Value(format) ?? "pdf").Trim().ToLowerInvariant();
            if (!Formats.Contains(kind, StringComparer.Ordinal))
            {
                return await run.FailAsync(new InvalidError("report.format-unknown", $"Unknown report format '{run.Value(format)}'; use {string.Join(", ", Formats)}.", "format"));
            }

            var path = run.Value(output);
            if (kind == "pdf" && string.IsNullOrWhiteSpace(path))
            {
                return await run.FailAsync(new InvalidError("cli.output-required", "A PDF is not written to the terminal; give the file with -o FILE.", "output"));
            }

            var target = await ResolveAsync(run, run.Value(id) ?? "");
            if (target.IsError) return await run.FailAsync(target.Error!);
            var produced = await ProduceAsync(run, target.Value, kind);
            if (produced.IsError) return await run.FailAsync(produced.Error!);
            var (bytes, description) = produced.Value;

            if (string.IsNullOrWhiteSpace(path))
            {
                await run.Out.WriteAsync(Encoding.UTF8.GetString(bytes));
                await run.Error.WriteLineAsync($"Wrote {description} to standard output.");
                return ExitCodes.Success;
            }

            var written = await WriteFileAsync(path, bytes, run.Ct);
            if (written.IsError) return await run.FailAsync(written.Error!);
            await run.Out.WriteLineAsync($"Wrote {description} to {written.Value}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The assessment whose report is meant, and its issued report if it has one.</summary>
    private sealed record Target(Guid AssessmentId, FrozenReport? Issued);

    private static async Task<Result<Target>> ResolveAsync(CommandRun run, string text)
    {
        var reports = run.Get<FrozenReportQueries>();
        if (!Guid.TryParse(text.Trim(), out var guid))
        {
            // Anything that is not a GUID is taken as a Verification-ID; the lookup ignores case.
            var current = await reports.ForVerificationIdAsync(text, run.Ct);
            return current is null ? FrozenReportErrors.UnknownVerification(text.Trim()) : new Target(current.AssessmentId.Value, current);
        }

        var db = run.Get<AdhereDb>();
        var declarationId = new DeclarationId(guid);
        if (await db.Declarations.AsNoTracking().AnyAsync(d => d.Id == declarationId, run.Ct))
        {
            var latest = await db.Assessments.AsNoTracking().Where(a => a.DeclarationId == declarationId)
                .OrderByDescending(a => a.OpenedAt).Select(a => a.Id).FirstOrDefaultAsync(run.Ct);
            if (latest == default) return ReportErrors.NoReport(guid);
            return new Target(latest.Value, await reports.ForAssessmentAsync(latest.Value, run.Ct));
        }

        var assessmentId = new AssessmentId(guid);
        if (await db.Assessments.AsNoTracking().AnyAsync(a => a.Id == assessmentId, run.Ct))
        {
            return new Target(guid, await reports.ForAssessmentAsync(guid, run.Ct));
        }

        return new NotFoundError("report.id-unknown", $"No declaration or assessment has the ID {guid}.");
    }

    /// <summary>The bytes to write and a phrase saying what they are.</summary>
    private static async Task<Result<(byte[] Bytes, string Description)>> ProduceAsync(CommandRun run, Target target, string kind)
    {
        if (kind is "oscal-results" or "oscal-plan")
        {
            // OSCAL is derived from stored data deterministically, so exporting it again gives what was approved.
            var exporter = run.Get<OscalResultsExporter>();
            var exported = kind == "oscal-results"
                ? await exporter.ResultsAsync(target.AssessmentId, run.Ct)
                : await exporter.PlanAsync(target.AssessmentId, run.Ct);
            if (exported.IsError) return exported.Error!;
            var state = target.Issued is { } approved ? $"approved, {approved.VerificationId}" : "not approved";
            return (exported.Value, $"the OSCAL {(kind == "oscal-results" ? "assessment results" : "assessment plan")} of assessment {target.AssessmentId} ({state})");
        }

        if (target.Issued is { } issued)
        {
            var signature = issued.IsSigned ? $"signed with {issued.Kid}" : "signature pending";
            return kind switch
            {
                "pdf" => (issued.Pdf, $"the issued report of {issued.VerificationId} (PDF, {Pages(issued.PageCount)}, SHA-256 {issued.Sha256}, {signature})"),
                "html" => (Encoding.UTF8.GetBytes(issued.Html), $"the issued report of {issued.VerificationId} (HTML, as issued)"),
                _ => (Encoding.UTF8.GetBytes(issued.Markdown), $"the issued report of {issued.VerificationId} (Markdown, as issued)"),
            };
        }

        var built = await run.Get<ReportBuilder>().BuildAsync(target.AssessmentId, run.Ct);
        if (built.IsError) return built.Error!;
        var document = built.Value;
        var pdf = PdfReportRenderer.Render(document, out var pages);
        // A report rendered now is a draft unless the assessment is approved (an approval without issued report predates issuing).
        var what = document.Cover.IsDraft ? $"a draft report of assessment {target.AssessmentId}" : $"a report rendered now for {document.Cover.VerificationId} (not the issued file)";
        return kind switch
        {
            "pdf" => (pdf, $"{what} (PDF, {Pages(pages)}, SHA-256 {ReportManifest.Sha256Hex(pdf)})"),
            "html" => (Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(document, pages)), $"{what} (HTML)"),
            _ => (Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(document, pages)), $"{what} (Markdown)"),
        };
    }

    /// <summary>Writes beside the target and moves into place when complete, so a failure never leaves half a file.</summary>
    private static async Task<Result<string>> WriteFileAsync(string path, byte[] bytes, CancellationToken ct)
    {
        string target;
        try
        {
            target = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return CatalogueFileErrors.Unwritable(path, e.Message);
        }

        if (Directory.Exists(target)) return CatalogueFileErrors.IsFolder(path);
        var folder = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(folder)) return CatalogueFileErrors.Unwritable(path, $"the folder '{folder}' does not exist.");
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CatalogueFileErrors.Unwritable(path, e.Message);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static Command Verify(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "The PDF to check." };
        var server = new Option<string?>("--server")
        {
            Description = "Checks against this Adhere installation (POST /api/v1/reports/verify) instead of the local database.",
            HelpName = "url",
        };
        var json = new Option<bool>("--json") { Description = "Prints the verdict as JSON, as the API answers it." };
        var command = new Command("verify",
            "Checks whether a PDF is a verification report issued by the Monitoring Body, unchanged, and whether its signature holds. " +
            $"Exit codes: 0 authentic (also when the signature is still pending), {ExitCodes.ReportNotAuthentic} altered, unknown or signature invalid, " +
            "2 unreadable file, not a PDF or refused by the server, 1 failure (also an unreachable server).")
        {
            file, server, json,
        };
        // With --server no database is touched, so an unmigrated one must not stop the command; without it, the body checks.
        cli.SetAction(command, DatabaseRequirement.Any, async run =>
        {
            var path = run.Value(file) ?? "";
            var read = await ReadFileAsync(path, run.Ct);
            if (read.IsError) return await run.FailAsync(read.Error!);

            ReportCheck check;
            if (run.Value(server) is { } url && !string.IsNullOrWhiteSpace(url))
            {
                var remote = await CheckOnServerAsync(run, url, read.Value);
                if (remote.ExitCode is { } failed) return failed;
                check = remote.Check!;
            }
            else
            {
                if ((await run.Get<DatabaseMigrator>().PendingAsync(run.Ct)).Count > 0)
                {
                    await run.Error.WriteLineAsync($"error: {CliContext.NotMigratedMessage}");
                    return ExitCodes.UserError;
                }

                var checkedFile = await run.Get<ReportVerifier>().CheckAsync(read.Value, run.Ct);
                if (checkedFile.IsError) return await run.FailAsync(checkedFile.Error!);
                check = checkedFile.Value;
            }

            if (run.Value(json)) await run.Out.WriteLineAsync(JsonSerializer.Serialize(check, Json));
            else await WriteVerdictAsync(run.Out, check);
            return check.IsAuthentic ? ExitCodes.Success : ExitCodes.ReportNotAuthentic;
        });
        return command;
    }

    private static async Task<Result<byte[]>> ReadFileAsync(string path, CancellationToken ct)
    {
        if (Directory.Exists(path)) return CatalogueFileErrors.IsFolder(path);
        if (!File.Exists(path)) return CatalogueFileErrors.NotFound(path);
        try
        {
            if (new FileInfo(path).Length > ReportVerifier.MaxBytes) return FrozenReportErrors.TooLarge(ReportVerifier.MaxBytes);
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CatalogueFileErrors.Unreadable(path, e.Message);
        }
    }

    /// <summary>The server's verdict, or the exit code after its refusal or failure has been printed.</summary>
    private static async Task<(ReportCheck? Check, int? ExitCode)> CheckOnServerAsync(CommandRun run, string url, byte[] file)
    {
        if (!Uri.TryCreate(url.Trim().TrimEnd('/') + "/api/v1/reports/verify", UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            return (null, await run.FailAsync(new InvalidError("cli.server-invalid", $"'{url}' is not an http(s) URL such as https://adhere.example.org.", "server")));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(endpoint, content, run.Ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !run.Ct.IsCancellationRequested))
        {
            // Like an unreachable database: not the file's fault, so the unexpected-failure code.
            await run.Error.WriteLineAsync($"error: Could not reach {endpoint}: {e.Message} (cli.server-unreachable)");
            return (null, ExitCodes.Unexpected);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(run.Ct);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    if (JsonSerializer.Deserialize<ReportCheck>(body, Json) is { Outcome: not null } check) return (check, null);
                }
                catch (JsonException)
                {
                    // Falls through to the report below.
                }

                await run.Error.WriteLineAsync($"error: {endpoint} did not answer with a report check; is it an Adhere installation? (cli.server-answer-invalid)");
                return (null, ExitCodes.Unexpected);
            }

            // A refusal is a ProblemDetails document carrying the same stable code the local check would give.
            var (code, detail) = Problem(body);
            var status = (int)response.StatusCode;
            await run.Error.WriteLineAsync($"error: {detail ?? $"The server answered {status.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}."} ({code ?? "cli.server-refused"})");
            return (null, status is >= 400 and < 500 ? ExitCodes.UserError : ExitCodes.Unexpected);
        }
    }

    private static (string? Code, string? Detail) Problem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            var code = root.TryGetProperty("errorCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return (code, detail);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static async Task WriteVerdictAsync(TextWriter o, ReportCheck check)
    {
        var verdict = check.Outcome switch
        {
            "authentic" => "AUTHENTIC",
            "authentic-unsigned" => "AUTHENTIC (signature pending)",
            "altered" => "ALTERED",
            "signature-invalid" => "SIGNATURE INVALID",
            "unknown" => "UNKNOWN",
            _ => check.Outcome.ToUpperInvariant(),
        };
        await o.WriteLineAsync($"{verdict}: {check.Message}");
        if (check.VerificationId is not null) await o.WriteLineAsync($"Verification-ID: {check.VerificationId}");
        if (!string.IsNullOrEmpty(check.Company)) await o.WriteLineAsync($"Company: {check.Company}");
        if (check.Level is { } level) await o.WriteLineAsync($"Level: {level.ToString(CultureInfo.InvariantCulture)}");
        if (check.ApprovedOn is { } approved) await o.WriteLineAsync($"Approved: {Day(approved)}, valid until {Day(check.ValidUntil)}");
        if (check.Status is { } status) await o.WriteLineAsync($"Status: {status}{(check.Current == false ? " (a later report has replaced this one)" : "")}");
        if (check.Kid is { } kid) await o.WriteLineAsync($"Key: {kid}{(check.SignedAt is { } at ? ", signed " + TextTable.Instant(at) : "")}");
        else if (check.IsAuthentic) await o.WriteLineAsync("Key: none yet (the Monitoring Body has not signed it)");
        await o.WriteLineAsync($"SHA-256: {check.Sha256}");
    }

    private static Command SignPending(CliContext cli)
    {
        var command = new Command("sign-pending",
            "Signs every issued report still waiting for a signature with the active key. Needs Signing:KeyPassword (Signing__KeyPassword). " +
            "Exit codes: 0 done (also when none waited), 2 no key or no password, 1 failure.");
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var signed = await run.Get<SignPendingReports>().HandleAsync(run.Ct);
            if (signed.IsError) return await run.FailAsync(signed.Error!);
            await run.Out.WriteLineAsync(signed.Value == 0
                ? "No report was waiting for a signature."
                : $"Signed {Reports(signed.Value)} that waited for a signature.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Signs the reports issued while no key existed, right after a key was created or rotated, and says so when there were any.
    /// The key stands even if this fails; the failure is printed as a warning and <c>adhere report sign-pending</c> can retry.
    /// </summary>
    internal static async Task SignWaitingAsync(CommandRun run)
    {
        var signed = await run.Get<SignPendingReports>().HandleAsync(run.Ct);
        if (signed.IsError)
        {
            await run.Error.WriteLineAsync($"warning: the waiting reports were not signed: {signed.Error!.Message} ({signed.Error.Code}); retry with 'adhere report sign-pending'.");
        }
        else if (signed.Value > 0)
        {
            await run.Out.WriteLineAsync($"Signed {Reports(signed.Value)} that waited for a key.");
        }
    }

    private static string Reports(int count) => count == 1 ? "1 report" : $"{count.ToString(CultureInfo.InvariantCulture)} reports";

    private static string Pages(int count) => count == 1 ? "1 page" : $"{count.ToString(CultureInfo.InvariantCulture)} pages";

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
