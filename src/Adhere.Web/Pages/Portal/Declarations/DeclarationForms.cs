using System.Globalization;
using Adhere.Core.Declarations;
using Adhere.Domain.Declarations.Records;

namespace Adhere.Web.Pages.Portal.Declarations;

// The declaration pages' forms: plain values as the browser posts them, turned into use-case input without deciding anything.

/// <summary>The "start a declaration" form.</summary>
public sealed class StartForm
{
    public Guid? Catalogue { get; set; }

    public IList<string>? Modules { get; set; }

    public IList<Guid>? Services { get; set; }

    public string? Title { get; set; }

    public int? RequestedLevel { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }
}

/// <summary>The settings of a draft: description, contact, services in scope and agreement documents.</summary>
public sealed class SettingsForm
{
    public string? Title { get; set; }

    public int? RequestedLevel { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public IList<Guid>? Services { get; set; }

    /// <summary>One row per document of the organisation; a blank kind means "not an agreement".</summary>
    public IList<AgreementRow>? Agreements { get; set; }

    public static SettingsForm From(DeclarationDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            Title = d.Summary.Title,
            RequestedLevel = d.Summary.RequestedLevel,
            ContactName = d.ContactName,
            ContactEmail = d.ContactEmail,
            Services = [.. d.Services.Select(s => s.Id)],
            Agreements = [.. d.Agreements.Select(a => new AgreementRow { DocumentId = a.DocumentId, Kind = a.Kind })],
        };
    }

    public IReadOnlyList<UpdateDeclaration.Agreement> AgreementList() =>
        [.. (Agreements ?? []).Where(a => !string.IsNullOrWhiteSpace(a.Kind)).Select(a => new UpdateDeclaration.Agreement(a.DocumentId, a.Kind))];

    public string? KindOf(Guid documentId) => Agreements?.FirstOrDefault(a => a.DocumentId == documentId)?.Kind;
}

public sealed class AgreementRow
{
    public Guid DocumentId { get; set; }

    public string? Kind { get; set; }
}

/// <summary>The renewal statement.</summary>
public sealed class RenewalForm
{
    public bool NoMaterialChange { get; set; }

    public string? ChangeDescription { get; set; }

    public IList<RemovalRow>? Removals { get; set; }

    public IList<Guid>? SameFamily { get; set; }

    public static RenewalForm From(DeclarationDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            NoMaterialChange = d.Renewal?.NoMaterialChange == true,
            ChangeDescription = d.Renewal?.ChangeDescription,
            Removals = [.. (d.Renewal?.RemovedServices ?? []).Select(r => new RemovalRow { ServiceId = r.Id, Reason = r.Reason })],
            SameFamily = [.. d.Services.Where(s => s.SameFamilyConfirmed).Select(s => s.Id)],
        };
    }

    public IReadOnlyDictionary<Guid, string> Reasons() =>
        (Removals ?? []).Where(r => !string.IsNullOrWhiteSpace(r.Reason)).GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.First().Reason!);

    public string? ReasonFor(Guid serviceId) => Removals?.FirstOrDefault(r => r.ServiceId == serviceId)?.Reason;
}

public sealed class RemovalRow
{
    public Guid ServiceId { get; set; }

    public string? Reason { get; set; }
}

/// <summary>One control's answer, posted on its own.</summary>
public sealed class AnswerForm
{
    public string? Statement { get; set; }

    public string? Measures { get; set; }

    public IList<Guid>? Documents { get; set; }

    public IList<Guid>? Certificates { get; set; }

    public static AnswerForm From(AnswerView a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Statement = a.Statement,
            Measures = a.Measures,
            Documents = [.. a.DocumentIds],
            Certificates = [.. a.Certificates.Select(c => c.CertificateId)],
        };
    }
}

/// <summary>A certificate's fields.</summary>
public sealed class CertificateForm
{
    private static readonly char[] Separators = ['\n', '\r', ',', ';'];

    public string? Standard { get; set; }

    public string? StandardVersion { get; set; }

    public string? Number { get; set; }

    public string? CertificationBody { get; set; }

    public string? AccreditationBody { get; set; }

    public string? ScopeStatement { get; set; }

    public IList<Guid>? CoveredServices { get; set; }

    public DateOnly? IssuedOn { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    public Guid? AuditReportDocumentId { get; set; }

    /// <summary>Control keys, one per line or separated by commas; blank means the catalogue's mapping decides.</summary>
    public string? ClaimedControls { get; set; }

    public static CertificateForm From(CertificateView c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Standard = c.Standard,
            StandardVersion = c.StandardVersion,
            Number = c.Number,
            CertificationBody = c.CertificationBody,
            AccreditationBody = c.AccreditationBody,
            ScopeStatement = c.ScopeStatement,
            CoveredServices = [.. c.CoveredServices],
            IssuedOn = c.IssuedOn,
            ExpiresOn = c.ExpiresOn,
            AuditReportDocumentId = c.AuditReportDocumentId,
            ClaimedControls = string.Join(Environment.NewLine, c.ClaimedControls),
        };
    }

    public CertificateInput ToInput()
    {
        var claims = (ClaimedControls ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(Standard, StandardVersion, Number, CertificationBody, AccreditationBody, ScopeStatement, [.. CoveredServices ?? []],
            IssuedOn, ExpiresOn, AuditReportDocumentId, claims.Length == 0 ? null : claims);
    }
}

/// <summary>A reported change to a certificate of a verified declaration.</summary>
public sealed class NoticeForm
{
    public string? Kind { get; set; }

    public string? Description { get; set; }

    public DateOnly? NewExpiresOn { get; set; }

    public Guid? DocumentId { get; set; }
}

/// <summary>What the read-only overview partial needs; <see cref="LinkBase"/> null leaves sections and certificates unlinked.</summary>
public sealed record DeclarationOverview(DeclarationDetails Details, string? LinkBase, bool ShowChecks);

/// <summary>Formatting shared by the declaration pages: invariant dates and numbers, readable status names.</summary>
public static class DeclarationText
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) is { } t ? $"{t} UTC" : "—";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(decimal share) => (share * 100m).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Level(int? level) => level is { } l ? $"Level {l.ToString(CultureInfo.InvariantCulture)}" : "not chosen yet";

    /// <summary>"RenewalDue" → "renewal due".</summary>
    public static string Status(Adhere.Domain.Declarations.Lifecycle.DeclarationStatus status) =>
        string.Concat(status.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>"declaration-name" or "Code 1.0" when the declaration has no title.</summary>
    public static string Name(DeclarationSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Title ?? $"{s.CodeName} {s.CodeVersion}";
    }

    /// <summary>Check (b) in words, from the check's kebab-case validity.</summary>
    public static string Validity(string validity) => validity switch
    {
        "not-yet-valid" => "not yet valid on the decision date",
        "expired" => "expired before the decision date",
        "valid-throughout" => "valid throughout the validity period",
        "expires-during-validity" => "valid on the decision date, but expires during the validity period",
        _ => validity,
    };

    /// <summary>The element ID of a control's answer on a section page.</summary>
    public static string ControlAnchor(string controlKey) => "c-" + controlKey;

    /// <summary>The path of a section page, with the section key escaped.</summary>
    public static string SectionPath(Guid id, string sectionKey) => $"/portal/declarations/{id}/sections/{Uri.EscapeDataString(sectionKey)}";
}
