using System.CommandLine;
using Adhere.Cli.Catalogue;
using Adhere.Cli.Infrastructure;
using Adhere.Core.Declarations;
using Adhere.Domain.Common;

namespace Adhere.Cli.Declarations;

/// <summary><c>adhere declaration import|export</c>: moves declarations in and out as bundles.</summary>
public static class DeclarationCommands
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("declaration", "Imports and exports declarations of adherence as declaration bundles (docs/formats/declaration-bundle.md).")
        {
            Import(cli),
            Export(cli),
        };
    }

    private static Command Import(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "The bundle (adhere-declaration-bundle/1, JSON)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Checks the bundle and shows what the import would create, writing nothing." };
        var command = new Command("import",
            "Imports a declaration with its organisation, services, documents, answers, certificates and verification history, all or " +
            "nothing, and prints the new declaration's ID. The Code version must already be imported. " +
            "Exit codes: 0 imported or checked, 2 refused (every problem is listed on standard error; nothing is stored), 1 failure.")
        {
            file, dryRun,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var path = run.Value(file) ?? "";
            var opened = Open(path);
            if (opened.IsError) return await run.FailAsync(opened.Error!);

            await using var stream = opened.Value;
            var imported = await run.Get<ImportDeclarationBundle>().HandleAsync(new ImportDeclarationBundle.Command(stream, run.Value(dryRun)), run.Ct);
            if (imported.IsError)
            {
                if (imported.Error is ProblemListError list)
                {
                    foreach (var problem in list.Problems) await run.Error.WriteLineAsync($"{problem.Subject ?? "$"}: {problem.Message} ({problem.Code})");
                }

                return await run.FailAsync(imported.Error!);
            }

            var report = imported.Value;
            if (report.DryRun)
            {
                await run.Out.WriteLineAsync(
                    $"Would import a {report.Status} declaration of {report.Code} for {report.Organisation}{(report.OrganisationCreated ? " (a new organisation)" : "")}: " +
                    $"{Count(report.ServicesCreated, "new service")}, {Count(report.ServicesMatched, "existing service")}, {Count(report.CategoriesCreated, "new category", "new categories")}, " +
                    $"{Count(report.Documents, "document")}, {Count(report.Answers, "answer")}, {Count(report.Certificates, "certificate")}, {Count(report.Verifications, "verification")}.");
                await run.Out.WriteLineAsync("Dry run: nothing was written.");
                return ExitCodes.Success;
            }

            // Only the ID on standard output, so that scripts can capture it.
            await run.Out.WriteLineAsync(report.DeclarationId!.Value.ToString());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(CliContext cli)
    {
        var id = new Argument<Guid>("id") { Description = "The declaration's ID." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The file to write; it appears only once the export is complete.",
            HelpName = "file",
            Required = true,
        };
        var command = new Command("export",
            "Writes a declaration as a bundle that imports into another installation. The same declaration always gives the same file. " +
            "Exit codes: 0 written, 2 unknown declaration or unwritable file, 1 failure.")
        {
            id, output,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var path = run.Value(output) ?? "";
            string target;
            try
            {
                target = Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return await run.FailAsync(CatalogueFileErrors.Unwritable(path, e.Message));
            }

            if (Directory.Exists(target)) return await run.FailAsync(CatalogueFileErrors.IsFolder(path));
            var folder = Path.GetDirectoryName(target) ?? ".";
            if (!Directory.Exists(folder)) return await run.FailAsync(CatalogueFileErrors.Unwritable(path, $"the folder '{folder}' does not exist."));

            // Written beside the target and moved into place once complete, so a failure never leaves half a file.
            var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            var placed = false;
            try
            {
                Result<BundleExportSummary> done;
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 81920))
                {
                    done = await run.Get<ExportDeclarationBundle>().HandleAsync(run.Value(id), stream, run.Ct);
                    if (!done.IsError) stream.Flush(flushToDisk: true);
                }

                if (done.IsError) return await run.FailAsync(done.Error!);
                File.Move(temp, target, overwrite: true);
                placed = true;
                var summary = done.Value;
                await run.Out.WriteLineAsync(
                    $"Exported the declaration of {summary.Organisation} ({summary.Code}) to {target}: {Count(summary.Services, "service")}, " +
                    $"{Count(summary.Documents, "document")}, {Count(summary.Answers, "answer")}, {Count(summary.Certificates, "certificate")}, {Count(summary.Verifications, "verification")}.");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await run.FailAsync(CatalogueFileErrors.Unwritable(path, e.Message));
            }
            finally
            {
                if (!placed) File.Delete(temp);
            }
        });
        return command;
    }

    private static string Count(int n, string noun, string? plural = null) => $"{TextTable.Number(n)} {(n == 1 ? noun : plural ?? noun + "s")}";

    private static Result<FileStream> Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return CatalogueFileErrors.NotFound(path);
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) return CatalogueFileErrors.IsFolder(path);
            if (!File.Exists(full)) return CatalogueFileErrors.NotFound(path);
            return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return CatalogueFileErrors.Unreadable(path, e.Message);
        }
    }
}
