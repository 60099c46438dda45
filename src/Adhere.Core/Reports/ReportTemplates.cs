using System.Globalization;
using System.Text.RegularExpressions;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports;

/// <summary>
/// An edited wording of one fixed passage of the verification report, for one Code (by name) and language. Without a
/// row, the passage reads as in <see cref="ReportTemplateDefaults"/>.
/// </summary>
public sealed class ReportTemplate
{
    public const int MaxTextLength = 8000;

    public Guid Id { get; private set; }

    public string CodeName { get; private set; } = "";

    public string Language { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string UpdatedBy { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    internal static ReportTemplate Create(string codeName, string language, string key) =>
        new() { Id = Guid.NewGuid(), CodeName = codeName, Language = language, Key = key };

    internal void Change(string text, string by, DateTimeOffset at)
    {
        Text = text;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    internal static void Configure(ModelBuilder builder) =>
        builder.Entity<ReportTemplate>(t =>
        {
            t.ToTable("ReportTemplates");
            t.HasKey(x => x.Id);
            t.Property(x => x.CodeName).HasMaxLength(200);
            t.Property(x => x.Language).HasMaxLength(16);
            t.Property(x => x.Key).HasMaxLength(64);
            t.Property(x => x.Text).HasMaxLength(MaxTextLength);
            t.Property(x => x.UpdatedBy).HasMaxLength(200);
            t.HasIndex(x => new { x.CodeName, x.Language, x.Key }).IsUnique();
        });
}

/// <summary>Expected failures of template editing.</summary>
public static class ReportTemplateErrors
{
    public static NotFoundError UnknownKey(string key) => new("report-template.unknown-key", $"There is no report passage '{key}'.");

    public static InvalidError UnknownPlaceholder(IEnumerable<string> names) =>
        new("report-template.unknown-placeholder", $"The text uses placeholders the report does not know: {string.Join(", ", names.Select(n => "{" + n + "}"))}.", "text");

    public static InvalidError TextRequired() => new("report-template.text-required", "The text of a report passage cannot be empty.", "text");

    public static InvalidError TextTooLong() => new("report-template.text-too-long", $"A report passage has at most {ReportTemplate.MaxTextLength} characters.", "text");

    public static ForbiddenError NotAllowed() => new("report-template.forbidden", "Only MB administrators change the wording of reports.");
}

/// <summary>One passage as the console and the API show it: the text in force and whether it was edited.</summary>
public sealed record ReportTemplateView(string Key, string Description, string Text, string DefaultText, bool IsEdited, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>The wording of the report's fixed passages, per Code and language, edited ones replacing the defaults.</summary>
public sealed partial class ReportTemplateStore(AdhereDb db, TimeProvider time)
{
    public const string DefaultLanguage = "en";

    /// <summary>Every passage with the text in force for <paramref name="codeName"/> and <paramref name="language"/>.</summary>
    public async Task<IReadOnlyList<ReportTemplateView>> ListAsync(string codeName, string? language, CancellationToken ct)
    {
        var lang = Normalise(language);
        var edited = await db.Set<ReportTemplate>().AsNoTracking().Where(t => t.CodeName == codeName && t.Language == lang).ToListAsync(ct);
        return [.. ReportTemplateDefaults.Passages.Select(p =>
        {
            var row = edited.FirstOrDefault(e => e.Key == p.Key);
            return new ReportTemplateView(p.Key, p.Description, row?.Text ?? p.Text, p.Text, row is not null, row?.UpdatedBy, row?.UpdatedAt);
        })];
    }

    /// <summary>The texts in force, by key.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TextsAsync(string codeName, string? language, CancellationToken ct) =>
        (await ListAsync(codeName, language, ct)).ToDictionary(v => v.Key, v => v.Text, StringComparer.Ordinal);

    /// <summary>Replaces the wording of one passage; refused when it names a placeholder the report cannot fill.</summary>
    public async Task<Result<ReportTemplateView>> SetAsync(string codeName, string? language, string key, string? text, CancellationToken ct)
    {
        if (!db.Caller.IsInRole(Role.MbAdministrator)) return ReportTemplateErrors.NotAllowed();
        if (ReportTemplateDefaults.Find(key) is null) return ReportTemplateErrors.UnknownKey(key);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return ReportTemplateErrors.TextRequired();
        if (text.Length > ReportTemplate.MaxTextLength) return ReportTemplateErrors.TextTooLong();
        var unknown = Placeholders(text).Where(p => !ReportTemplateDefaults.PlaceholderNames.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) return ReportTemplateErrors.UnknownPlaceholder(unknown);

        var lang = Normalise(language);
        var row = await db.Set<ReportTemplate>().FirstOrDefaultAsync(t => t.CodeName == codeName && t.Language == lang && t.Key == key, ct);
        if (row is null)
        {
            row = ReportTemplate.Create(codeName, lang, key);
            db.Add(row);
        }

        row.Change(text, db.Caller.ActorName, time.GetUtcNow());
        db.Record("report-template.set", "report-template", $"{codeName}/{lang}/{key}", null);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(codeName, lang, ct)).First(v => v.Key == key);
    }

    /// <summary>Goes back to the default wording of one passage.</summary>
    public async Task<Result<ReportTemplateView>> ResetAsync(string codeName, string? language, string key, CancellationToken ct)
    {
        if (!db.Caller.IsInRole(Role.MbAdministrator)) return ReportTemplateErrors.NotAllowed();
        if (ReportTemplateDefaults.Find(key) is null) return ReportTemplateErrors.UnknownKey(key);
        var lang = Normalise(language);
        var row = await db.Set<ReportTemplate>().FirstOrDefaultAsync(t => t.CodeName == codeName && t.Language == lang && t.Key == key, ct);
        if (row is not null)
        {
            db.Remove(row);
            db.Record("report-template.reset", "report-template", $"{codeName}/{lang}/{key}", null);
            await db.SaveChangesAsync(ct);
        }

        return (await ListAsync(codeName, lang, ct)).First(v => v.Key == key);
    }

    /// <summary>The placeholder names in <paramref name="text"/>, in order of appearance.</summary>
    public static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value);

    private static string Normalise(string? language) =>
        string.IsNullOrWhiteSpace(language) ? DefaultLanguage : language.Trim().ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex PlaceholderPattern();
}
