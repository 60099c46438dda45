using System.CommandLine;
using System.Globalization;
using Adhere.Cli.Infrastructure;
using Adhere.Domain.Common;
using Adhere.Web.Register;
using Microsoft.Extensions.Configuration;

namespace Adhere.Cli.Register;

/// <summary>
/// <c>adhere register export DIR [--force]</c>: writes the public register as static files, fetched from the web app
/// started in-process (ADR 0020). All or nothing: the files go to a hidden sibling folder that replaces DIR at the end.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var directory = new Argument<string>("dir") { Description = "The folder to write; its parent must exist." };
        var force = new Option<bool>("--force") { Description = "Replace DIR if it exists (only once the new copy is complete)." };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The public address the copy will be served at, such as https://register.example.org, for the absolute links " +
                "in the feed and the embed snippets; defaults to the setting Register:PublicBaseUrl.",
        };
        var command = new Command("export",
            "Writes the whole public register as static files (pages, JSON, CSV, reports, a manifest with SHA-256 hashes and an " +
            "example nginx configuration) for any web server or CDN. Exit codes: 0 written, 2 bad or existing DIR, 1 a page failed.")
        {
            directory, force, baseUrl,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, run => ExportAsync(run, run.Value(directory)!, run.Value(force), run.Value(baseUrl)));
        return command;
    }

    private static async Task<int> ExportAsync(CommandRun run, string directory, bool force, string? baseUrl)
    {
        // The in-process host listens on a loopback port; without a public address its links would point there.
        baseUrl ??= run.Configuration[Web.Register.PublicOrigin.Setting];
        if (Web.Register.PublicOrigin.Parse(baseUrl) is null)
        {
            return await run.FailAsync(new InvalidError("cli.base-url-required",
                "Give the address the copy will be served at with --base-url (an absolute http or https URL, such as https://register.example.org), " +
                "or set Register:PublicBaseUrl.", "base-url"));
        }

        string target;
        try
        {
            target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return await run.FailAsync(PathInvalid(directory, e.Message));
        }

        var parent = Path.GetDirectoryName(target);
        if (parent is null) return await run.FailAsync(PathInvalid(directory, "a file system root cannot be replaced"));
        if (!Directory.Exists(parent)) return await run.FailAsync(PathInvalid(directory, $"its parent folder {parent} does not exist"));
        if (File.Exists(target)) return await run.FailAsync(PathInvalid(directory, "it is a file"));
        if (Directory.Exists(target) && !force)
        {
            return await run.FailAsync(new InvalidError("cli.export-exists", $"'{directory}' exists; add --force to replace it.", "dir"));
        }

        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var time = run.Get<TimeProvider>();
            var generatedAt = time.GetUtcNow();
            StaticRegisterExporter.Summary summary;
            var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
            await using (var host = await StaticRegisterHost.StartAsync(HostConfiguration(run, baseUrl!), time, Environment.CurrentDirectory, webRoot,
                new TextWriterLoggerProvider(run.Error), run.Ct))
            {
                using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
                summary = await new StaticRegisterExporter(http, run.Out).WriteAsync(staging, generatedAt, run.Ct);
            }

            Replace(staging, target);
            await run.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Exported {summary.Entries} register entries: {summary.Files} files, {summary.Bytes} bytes, to {target}"));
            return ExitCodes.Success;
        }
        catch (StaticExportFetchException e)
        {
            await run.Error.WriteLineAsync($"error: {e.Message} (cli.export-fetch-failed)");
            return ExitCodes.Unexpected;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The CLI's settings, with the database as the CLI resolved it (a relative SQLite path included).</summary>
    private static Dictionary<string, string?> HostConfiguration(CommandRun run, string baseUrl)
    {
        var settings = run.Configuration.AsEnumerable().ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
        settings["Database:Provider"] = run.Database.Provider.ToString().ToLowerInvariant();
        settings["ConnectionStrings:Adhere"] = run.Database.ConnectionString;
        settings[Web.Register.PublicOrigin.Setting] = baseUrl;
        return settings;
    }

    /// <summary>Moves the finished copy into place; an old DIR is moved aside first and deleted only after.</summary>
    private static void Replace(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        Directory.Delete(old, recursive: true);
    }

    private static InvalidError PathInvalid(string directory, string why) => new("cli.export-path-invalid", $"Cannot export to '{directory}': {why}.", "dir");
}
