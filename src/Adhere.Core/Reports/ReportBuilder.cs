using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Adhere.Core.Assessments;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Declarations;
using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Organisations;
using Adhere.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports;

/// <summary>
/// Builds the verification report of an assessment as a <see cref="ReportDocument"/>, in the section order of the
/// published reports. Before approval the document is a draft without Verification-ID or dates. Everything that varies
/// (creation time, document ID) is derived from the data, so the same assessment always yields an equal document.
/// </summary>
public sealed class ReportBuilder(
    AdhereDb db, AssessmentQueries assessments, DeclarationQueries declarations, SelectionQueries selections, ReportTemplateStore templates, MailSettings links)
{
    /// <summary>The Code's public website, cited in section 1.</summary>
    public const string CodeWebsite = "https://eucoc.cloud";

    /// <summary>The report of the most recent assessment of <paramref name="declarationId"/>; with <paramref name="approvedOnly"/> the most recent approved one.</summary>
    public async Task<Result<ReportDocument>> BuildLatestAsync(Guid declarationId, bool approvedOnly, CancellationToken ct)
    {
        var id = new DeclarationId(declarationId);
        var candidates = await db.Assessments.AsNoTracking().Where(a => a.DeclarationId == id).OrderByDescending(a => a.OpenedAt).ToListAsync(ct);
        var latest = candidates.FirstOrDefault(a => !approvedOnly || a.Decision is { Outcome: DecisionOutcome.Approved });
        if (latest is null) return ReportErrors.NoReport(declarationId);
        return await BuildAsync(latest.Id.Value, ct);
    }

    /// <summary>The report of one assessment (a draft until it is approved).</summary>
    public async Task<Result<ReportDocument>> BuildAsync(Guid assessmentId, CancellationToken ct)
    {
        var found = await assessments.GetAsync(assessmentId, ct);
        if (found.IsError) return found.Error!;
        var a = found.Value;
        var declared = await declarations.GetAsync(a.DeclarationId, ct);
        if (declared.IsError) return declared.Error!;
        var d = declared.Value;
        var selection = await selections.GetAsync(assessmentId, ct);
        var answers = await declarations.AnswersAsync(a.DeclarationId, null, ct);
        var titles = answers.IsError ? new Dictionary<string, string>() : answers.Value.GroupBy(x => x.ControlKey).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
        DeclarationDetails? previous = null;
        if (d.Renewal is { } renewal)
        {
            var old = await declarations.GetAsync(renewal.RenewsId, ct);
            if (!old.IsError) previous = old.Value;
        }

        // The MB is outside a provider's tenancy, but its name is public: it signs every report.
        var mb = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind == OrganisationKind.MonitoringBody).Select(o => o.Name).FirstOrDefaultAsync(ct)
            ?? "the Monitoring Body";
        var texts = await templates.TextsAsync(d.Summary.CodeName, ReportTemplateStore.DefaultLanguage, ct);

        var approved = a.Decision is { Outcome: "approved" } ? a.Decision : null;
        var verificationId = approved is null ? null : a.VerificationId;
        var approvedOn = approved?.DecidedOn;
        var validUntil = approved?.ValidUntil;
        var company = a.OrganisationName;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["company"] = company,
            ["verificationId"] = verificationId ?? "(issued on approval)",
            ["codeName"] = d.Summary.CodeName,
            ["codeVersion"] = d.Summary.CodeVersion,
            ["monitoringBody"] = mb,
            ["approvedOn"] = approvedOn is { } on ? Date(on) : "(not yet approved)",
            ["validUntil"] = validUntil is { } vu ? Date(vu) : "(set on approval)",
            ["level"] = (approved?.GrantedLevel ?? a.ProposedLevel.Level).ToString(CultureInfo.InvariantCulture),
        };
        var w = new Writer(texts, values);

        w.Add(new TableOfContents("Table of contents"));

        w.Heading(1, "1", $"Verification against {d.Summary.CodeName} {d.Summary.CodeVersion}");
        w.Add(new Paragraph([.. w.Fill("code-version"), new FootnoteRun($"The website of {d.Summary.CodeName}.", CodeWebsite)]));

        w.Heading(1, "2", "List of declared services");
        w.Heading(2, "2.1", "Declared services");
        w.Add(new Paragraph(w.Fill("services-intro")));
        // Categories follow the Code's own list, as published reports do; a category the list lacks comes after it.
        var code = Adhere.Domain.Declarations.Services.ServiceCategory.Normalize(d.Summary.CodeName);
        var listed = (await db.ServiceCategories.AsNoTracking().Where(c => c.NormalizedCodeName == code).Select(c => new { c.Name, c.Position }).ToListAsync(ct))
            .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Min(c => c.Position), StringComparer.OrdinalIgnoreCase);
        var categories = d.Services.GroupBy(s => string.IsNullOrWhiteSpace(s.Category) ? "Other services" : s.Category!.Trim())
            .OrderBy(g => listed.TryGetValue(g.Key, out var position) ? position : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < categories.Count; i++)
        {
            w.Heading(3, $"2.1.{i + 1}", categories[i].Key);
            w.Add(new BulletList([.. categories[i].Select(s => s.Name).Order(StringComparer.Ordinal).Select(n => (IReadOnlyList<Inline>)[new TextRun(n)])]));
        }

        w.Heading(1, "3", "Verification process: background");
        w.Heading(2, "3.1", "Approval of the Code and accreditation of the Monitoring Body");
        w.Para("background-approval");
        w.Heading(2, "3.2", "Principles of the verification");
        w.Para("background-principles");
        w.Heading(2, "3.3", "Several safeguards of compliance");
        w.Para("background-safeguards");
        w.Heading(2, "3.4", "The process in detail");
        w.Para("background-process");
        w.Heading(3, "3.4.1", "Levels of compliance");
        w.Para("background-levels");
        w.Heading(3, "3.4.2", "Deciding the final level of compliance");
        w.Para("background-decision");
        w.Heading(2, "3.5", "Transparency about adherence");
        w.Para("background-transparency");

        w.Heading(1, "4", $"Assessment of the services declared by {company}");
        w.Para("assessment-intro");
        w.Heading(2, "4.1", "Fact finding");
        w.Para("fact-finding");
        w.Add(new Paragraph([new TextRun("Declaration assessed: ", Bold: true), new TextRun(a.DeclarationTitle)]));
        if (a.Checklist.Count > 0)
        {
            w.Add(new Table(["Checked", "Result", "Note"],
                [.. a.Checklist.OrderBy(c => (int)c.Item).Select(c => (IReadOnlyList<string>)[Words(c.Item.ToString()), Words(c.Status.ToString()), c.Note ?? ""])], [3, 1, 3]));
        }

        if (d.Certificates.Count > 0)
        {
            var keys = d.Certificates.Select(c => c.Standard).Distinct().ToList();
            var standards = await db.Standards.AsNoTracking().Where(x => keys.Contains(x.Key)).ToDictionaryAsync(x => x.Key, x => x.Title, StringComparer.Ordinal, ct);
            w.Add(Paragraph.Of("The declaration relies on these certificates:"));
            w.Add(new BulletList([.. d.Certificates.OrderBy(c => c.Standard, StringComparer.Ordinal).ThenBy(c => c.Number, StringComparer.Ordinal)
                .Select(c => (IReadOnlyList<Inline>)[new TextRun(Certificate(c, a, standards))])]));
        }
        else
        {
            w.Add(Paragraph.Of("The declaration relies on no third-party certificates."));
        }

        if (d.Renewal is { } stated)
        {
            if (stated.NoMaterialChange == true) w.Para("renewal-confirmation");
            else w.Add(Paragraph.Of($"For this renewal {company} reported changes since the previous verification: {stated.ChangeDescription ?? "(no description given)"}"));
            w.Add(ServiceComparison(previous, d));
        }

        w.Heading(2, "4.2", "Selection of controls for the in-depth assessment");
        w.Para("selection");
        var rows = selection.IsError ? [] : selection.Value.Controls;
        if (!selection.IsError)
        {
            w.Add(Paragraph.Of(selection.Value.Summary));
            w.Add(new BulletList([.. rows.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<Inline>)[new TextRun($"{ReasonLabel(g.Key)}: ", Bold: true), new TextRun($"{g.Count().ToString(CultureInfo.InvariantCulture)} control(s) — {string.Join(", ", g.Select(r => r.ControlKey))}")])]));
        }
        else
        {
            w.Add(Paragraph.Of("No control selection has been drawn yet."));
        }

        w.Heading(2, "4.3", "Examined controls and findings of the Monitoring Body");
        w.Heading(3, "4.3.1", "Examined controls");
        w.Para("examined-controls");
        var findings = a.ControlFindings.ToDictionary(f => f.ControlKey, StringComparer.Ordinal);
        w.Add(new Table(["Control", "Title", "Reason for selection", "Result"],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.ControlKey, titles.GetValueOrDefault(r.ControlKey, ""), ReasonLabel(r.Reason),
                findings.TryGetValue(r.ControlKey, out var f) ? Words(f.Result.ToString()) : "Not yet recorded"])], [1, 3, 2, 1]));
        w.Heading(3, "4.3.2", "Findings of the Monitoring Body");
        w.Para("findings");
        foreach (var n in a.NarrativeFindings.OrderBy(n => (int)n.Topic).ThenBy(n => n.Title, StringComparer.Ordinal))
        {
            w.Add(new Paragraph([new TextRun(n.Topic == NarrativeTopic.Other ? n.Title ?? "Other" : Words(n.Topic.ToString()), Bold: true)]));
            w.Add(Paragraph.Of(n.Text));
        }

        var remarks = rows.Select(r => findings.GetValueOrDefault(r.ControlKey)).OfType<ControlFinding>().Where(f => f.Result != FindingResult.Satisfied).ToList();
        if (remarks.Count > 0)
        {
            w.Add(Paragraph.Of("Remarks on individual controls:"));
            w.Add(new BulletList([.. remarks.Select(f => (IReadOnlyList<Inline>)[new TextRun($"{f.ControlKey} ({Words(f.Result.ToString()).ToLowerInvariant()}): ", Bold: true), new TextRun(f.Notes ?? "")])]));
        }

        w.Add(Paragraph.Of(Clarifications(a)));

        w.Heading(1, "5", "Conclusion");
        if (approved is not null)
        {
            w.Para("conclusion");
            if (approved.GrantedLevel != approved.ProposedLevel && approved.Rationale is { } why)
                w.Add(Paragraph.Of($"The assessor proposed Level {approved.ProposedLevel.ToString(CultureInfo.InvariantCulture)}; the decision maker granted Level {approved.GrantedLevel?.ToString(CultureInfo.InvariantCulture)} for this reason: {why}"));
        }
        else
        {
            w.Add(Paragraph.Of($"No decision has been taken yet. The level proposed so far is Level {a.ProposedLevel.Level.ToString(CultureInfo.InvariantCulture)}."));
        }

        w.Heading(1, "6", "Validity");
        var validity = w.Fill("validity");
        if (verificationId is not null)
            validity = [.. validity, new FootnoteRun($"The entry of {verificationId} in the public register.", links.Link($"register/{verificationId}"))];
        w.Add(new Paragraph(validity));

        var title = w.Text("title");
        var cover = new ReportCover(title, company, $"{d.Summary.CodeName} {d.Summary.CodeVersion}", verificationId, approvedOn, validUntil, mb, approved is null);
        var header = $"{company} · {title} · {verificationId ?? "DRAFT"}";
        var createdAt = approved?.DecidedAt ?? a.PhaseChangedAt;
        return new ReportDocument(cover, header, w.Blocks, createdAt, DocumentId(verificationId ?? a.Id.ToString(), approvedOn), ReportTemplateStore.DefaultLanguage);
    }

    /// <summary>A date as reports print it, such as "29 November 2026", whatever the server's culture.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The first 32 hex digits of SHA-256 over the identity of the report and its approval date.</summary>
    public static string DocumentId(string identity, DateOnly? approvedOn)
    {
        var input = $"{identity}|{approvedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "draft"}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..32];
    }

    private static string Certificate(CertificateView c, AssessmentSummary a, Dictionary<string, string> standards)
    {
        var review = a.CertificateReviews.FirstOrDefault(r => r.CertificateId.Value == c.Id);
        // The standard's title (such as ISO/IEC 27001:2022) names its version already; a bare key gets the version appended.
        var standard = standards.TryGetValue(c.Standard, out var title) && !string.IsNullOrWhiteSpace(title) ? title
            : c.StandardVersion is { } v ? $"{c.Standard}:{v}" : c.Standard;
        var verdict = review?.Verdict switch
        {
            CertificateReviewVerdict.Accepted => "; accepted by the assessor",
            CertificateReviewVerdict.Rejected => "; not relied on by the assessor",
            _ => "",
        };
        return $"{standard}, certificate {c.Number}, issued by {c.CertificationBody}, valid from {Date(c.IssuedOn)} until {Date(c.ExpiresOn)}{verdict}";
    }

    private static Table ServiceComparison(DeclarationDetails? previous, DeclarationDetails current)
    {
        var before = (previous?.Services ?? []).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var now = current.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var categories = (previous?.Services ?? []).Concat(current.Services).GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Category ?? "", StringComparer.Ordinal);
        return new Table(["Service", "Category", "Previous verification", "This verification"],
            [.. before.Union(now).Order(StringComparer.Ordinal).Select(n => (IReadOnlyList<string>)[n, categories[n],
                before.Contains(n) ? "Declared" : "Not declared", now.Contains(n) ? "Declared" : "Not declared"])], [3, 2, 1, 1]);
    }

    private static string Clarifications(AssessmentSummary a)
    {
        var asked = a.Clarifications.Count;
        if (asked == 0) return "The Monitoring Body did not need to ask the provider for clarification.";
        var dl = a.Deadlines;
        var outcome = dl.EveryDeadlineMet switch
        {
            true => "every deadline was met",
            false => $"{dl.Met.ToString(CultureInfo.InvariantCulture)} of {dl.Total.ToString(CultureInfo.InvariantCulture)} deadlines were met and {dl.Missed.ToString(CultureInfo.InvariantCulture)} missed",
            null => $"{dl.Met.ToString(CultureInfo.InvariantCulture)} of {dl.Total.ToString(CultureInfo.InvariantCulture)} deadlines were met so far",
        };
        return $"The Monitoring Body asked the provider for clarification {asked.ToString(CultureInfo.InvariantCulture)} time(s); {outcome}.";
    }

    private static string ReasonLabel(string reason) => reason switch
    {
        "attention" => "Topic of current attention",
        "rotation" => "Rotation",
        "weak-evidence" => "Weak evidence",
        "random" => "Random sample",
        "assessor" => "Added by the assessor",
        _ => reason,
    };

    /// <summary>"ServiceAgreementPresent" as "Service agreement present".</summary>
    private static string Words(string pascal)
    {
        var sb = new StringBuilder();
        foreach (var ch in pascal)
        {
            if (char.IsUpper(ch) && sb.Length > 0) sb.Append(' ').Append(char.ToLowerInvariant(ch));
            else sb.Append(ch);
        }

        return sb.ToString();
    }

    private sealed class Writer(IReadOnlyDictionary<string, string> texts, IReadOnlyDictionary<string, string> values)
    {
        public List<ReportBlock> Blocks { get; } = [];

        public void Add(ReportBlock block) => Blocks.Add(block);

        public void Heading(int level, string number, string text) =>
            Blocks.Add(new Heading(level, number, text, "sec-" + number.Replace('.', '-')));

        public void Para(string key) => Blocks.Add(new Paragraph(Fill(key)));

        public string Text(string key) => string.Concat(Fill(key).Select(i => i is TextRun t ? t.Text : ""));

        /// <summary>The passage with its placeholders filled; <c>{totalPages}</c> stays a <see cref="TotalPagesRun"/>.</summary>
        public List<Inline> Fill(string key)
        {
            var text = texts.TryGetValue(key, out var t) ? t : ReportTemplateDefaults.Find(key)?.Text ?? "";
            var runs = new List<Inline>();
            var at = 0;
            foreach (System.Text.RegularExpressions.Match m in ReportTemplateStore.PlaceholderPattern().Matches(text))
            {
                var name = m.Groups[1].Value;
                if (name != "totalPages" && !values.ContainsKey(name)) continue;
                if (m.Index > at) runs.Add(new TextRun(text[at..m.Index]));
                runs.Add(name == "totalPages" ? new TotalPagesRun() : new TextRun(values[name]));
                at = m.Index + m.Length;
            }

            if (at < text.Length) runs.Add(new TextRun(text[at..]));
            return Merge(runs);
        }

        // Adjacent plain runs become one, so equal text always has equal runs.
        private static List<Inline> Merge(List<Inline> runs)
        {
            var merged = new List<Inline>();
            foreach (var run in runs)
            {
                if (run is TextRun { Bold: false, Italic: false } next && merged.Count > 0 && merged[^1] is TextRun { Bold: false, Italic: false } last)
                    merged[^1] = new TextRun(last.Text + next.Text);
                else merged.Add(run);
            }

            return merged;
        }
    }
}

/// <summary>Expected failures of building a report.</summary>
public static class ReportErrors
{
    public static NotFoundError NoReport(Guid declarationId) => new("report.not-found", $"Declaration {declarationId} has no assessment with a report.");

    public static InvalidError FormatUnknown(string? format) => new("report.format-unknown", $"Unknown report format '{format}'; use html, md or pdf.", "format");

    public static NotFoundError NotIssued(Guid assessmentId) => new("report.not-issued", $"Assessment {assessmentId} has no issued report; reports are issued on approval.");
}
