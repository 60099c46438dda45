using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Json.Schema;

namespace Adhere.Core.Declarations;

// The declaration bundle (adhere-declaration-bundle/1, docs/formats/declaration-bundle.md) as read and written.
// Property order here is the order in the file; dates are "yyyy-MM-dd" text, checked by the importer.

/// <summary>A whole bundle: one declaration and what it refers to, with local keys instead of database IDs.</summary>
public sealed record DeclarationBundle(
    string Format,
    BundleOrganisation Organisation,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<BundleService>? Services,
    BundleDeclaration Declaration,
    IReadOnlyList<BundleDocument>? Documents);

public sealed record BundleOrganisation(string Name, string? Address, string? Website, string? PrivacyContactEmail);

public sealed record BundleService(string Key, string Name, string? Description, string? Category, string? Family, string? Status);

/// <summary>An evidence document; <see cref="Content"/> is the file's bytes in base64.</summary>
public sealed record BundleDocument(string Key, string FileName, string Sha256, string Content);

public sealed record BundleCode(string Name, string Version);

public sealed record BundleContact(string? Name, string? Email);

public sealed record BundleAgreement(string Document, string Kind);

public sealed record BundleAnswer(string ControlKey, string? Statement, string? Measures, IReadOnlyList<string>? Documents);

public sealed record BundleCertificate(
    string Key,
    string Standard,
    string? StandardVersion,
    string Number,
    string CertificationBody,
    string? AccreditationBody,
    string ScopeStatement,
    IReadOnlyList<string>? CoveredServices,
    string IssuedOn,
    string ExpiresOn,
    string? AuditReport,
    IReadOnlyList<string>? ClaimedControls);

public sealed record BundleVerification(string VerificationId, int Level, string ApprovedOn, string ValidUntil, string? Report);

public sealed record BundleDeclaration(
    BundleCode Code,
    IReadOnlyList<string>? Modules,
    string? Kind,
    string Status,
    string? Title,
    int? RequestedLevel,
    BundleContact? Contact,
    IReadOnlyList<string>? Services,
    IReadOnlyList<BundleAgreement>? Agreements,
    IReadOnlyList<BundleAnswer>? Answers,
    IReadOnlyList<BundleCertificate>? Certificates,
    IReadOnlyList<BundleVerification>? VerificationHistory);

/// <summary>
/// Reads and writes <see cref="DeclarationBundle"/>s: malformed JSON is reported with line and column, schema
/// violations with the JSON path of each; the import's rules are checked by <see cref="ImportDeclarationBundle"/>.
/// </summary>
public static class DeclarationBundleFormat
{
    public const string FormatName = "adhere-declaration-bundle/1";

    public const string InvalidCode = "declaration-bundle.invalid";

    /// <summary>How bundles are written: indented, camelCase, absent values left out, non-ASCII text kept readable.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A file for people to read, never embedded in HTML: keep "é" and "+" as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    public static ProblemListError Invalid(IReadOnlyList<ProblemItem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new(InvalidCode, $"The bundle was not imported: {problems.Count.ToString(CultureInfo.InvariantCulture)} problem(s), each listed with its place in the file. Nothing was stored.", problems);
    }

    /// <summary>Parses and schema-checks <paramref name="input"/>; every problem found is returned together.</summary>
    public static async Task<Result<DeclarationBundle>> ReadAsync(Stream input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(input, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip }, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var at = $"line {line.ToString(CultureInfo.InvariantCulture)}, column {column.ToString(CultureInfo.InvariantCulture)}";
            return Invalid([new ProblemItem("declaration-bundle.malformed-json", $"The file is not valid JSON at {at}.", at)]);
        }

        if (root is not JsonObject)
        {
            return Invalid([new ProblemItem("declaration-bundle.schema-violation", "The file must hold one JSON object (a declaration bundle).", "$")]);
        }

        var evaluation = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(root), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!evaluation.IsValid)
        {
            var problems = (evaluation.Details ?? [evaluation])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => (Path: ToJsonPath(d.InstanceLocation.ToString()), Message: e.Value)))
                .Distinct()
                .Select(p => new ProblemItem("declaration-bundle.schema-violation", p.Message, p.Path))
                .ToList();
            return Invalid(problems);
        }

        try
        {
            return root.Deserialize<DeclarationBundle>(Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            // The schema admits only what the records can hold; this is a last guard.
            return Invalid([new ProblemItem("declaration-bundle.schema-violation", e.Message, e.Path ?? "$")]);
        }
    }

    public static Task WriteAsync(Stream output, DeclarationBundle bundle, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(output, bundle, Json, ct);

    /// <summary>The bundle's name of a status: <c>draft</c>, <c>renewal-due</c> and so on.</summary>
    public static string StatusName(DeclarationStatus status) => DeclarationQueries.Kebab(status.ToString());

    public static DeclarationStatus? ParseStatus(string? name) =>
        Enum.GetValues<DeclarationStatus>().Select(s => (DeclarationStatus?)s).FirstOrDefault(s => StatusName(s!.Value) == name);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string ToJsonPath(string pointer)
    {
        if (pointer is "" or "#") return "$";
        var parts = pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return "$" + string.Concat(parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{p}]" : $".{p}"));
    }

    private static JsonSchema LoadSchema()
    {
        using var stream = typeof(DeclarationBundleFormat).Assembly.GetManifestResourceStream("Adhere.Core.Declarations.declaration-bundle.schema.json")
            ?? throw new InvalidOperationException("The declaration bundle schema is not embedded.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}
