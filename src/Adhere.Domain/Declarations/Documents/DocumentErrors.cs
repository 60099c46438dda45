using System.Globalization;
using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Documents;

public static class DocumentErrors
{
    /// <summary>The code hosts map to 413 rather than 400.</summary>
    public const string TooLargeCode = "document.too-large";

    public static NotFoundError NotFound(string id) => new("document.not-found", $"No document '{id}' was found.");

    public static InvalidError Empty() => new("document.empty", "The file is empty.", "file");

    public static InvalidError TooLarge(long limitBytes) =>
        new(TooLargeCode, $"The file is larger than the limit of {FormatSize(limitBytes)}.", "file");

    public static InvalidError TypeNotAllowed() =>
        new("document.type-not-allowed", "The file is not a PDF, PNG, JPEG, Word/Excel/PowerPoint document or plain text (CSV, Markdown).", "file");

    /// <param name="detected">The real type's description, or null when the content is not on the allow-list at all.</param>
    public static InvalidError Disguised(string extension, string? detected) =>
        new("document.type-not-allowed", detected is null
            ? $"The file is named '{extension}' but its content is not an allowed type (for example a web page or a program)."
            : $"The file is named '{extension}' but its content is {detected}; upload it under its real type.", "file");

    public static InvalidError InvalidFileName() =>
        new("document.invalid-file-name",
            $"The file name must be 1–{EvidenceDocument.MaxFileNameLength} characters without path separators, '..' or control characters.", "fileName");

    public static InvalidError OrganisationRequired() =>
        new("document.organisation-required", "Name the cloud service provider the document belongs to.", "organisationId");

    public static InvalidError OrganisationNotProvider() =>
        new("document.organisation-not-provider", "Evidence documents belong to cloud service providers, not to the Monitoring Body.", "organisationId");

    // In the largest unit that keeps the number at 1 or more, so that a small limit does not read "0 MB".
    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024d)).ToString("0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.##", CultureInfo.InvariantCulture) + " KB",
        1 => "1 byte",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
