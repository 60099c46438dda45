using Adhere.Core.Assessments;
using Adhere.Core.Assessments.Selection;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Core.Persistence;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports.Oscal;

/// <summary>
/// Exports an assessment of a declaration as an OSCAL assessment plan (the frozen control selection) and the assessment
/// results that import it (a finding per examined control, narrative findings as observations, the MB's attestation
/// once approved). Everything written is derived from stored data, never from the clock, so the same assessment gives
/// the same bytes every time. See docs/formats/oscal-assessment-results.md.
/// </summary>
public sealed class OscalResultsExporter(AdhereDb db, AssessmentQueries assessments, SelectionQueries selections)
{
    /// <summary>The assessment results of one assessment (a draft, without attestation, until it is approved).</summary>
    public async Task<Result<byte[]>> ResultsAsync(Guid assessmentId, CancellationToken ct)
    {
        var data = await GatherAsync(assessmentId, ct);
        return data.IsError ? data.Error! : OscalAssessmentWriter.Results(data.Value);
    }

    /// <summary>The assessment plan of one assessment: what its frozen selection set out to examine.</summary>
    public async Task<Result<byte[]>> PlanAsync(Guid assessmentId, CancellationToken ct)
    {
        var data = await GatherAsync(assessmentId, ct);
        return data.IsError ? data.Error! : OscalAssessmentWriter.Plan(data.Value);
    }

    /// <summary>The results of the latest assessment of <paramref name="declarationId"/>; with <paramref name="approvedOnly"/> the latest approved one.</summary>
    public async Task<Result<byte[]>> LatestResultsAsync(Guid declarationId, bool approvedOnly, CancellationToken ct)
    {
        var latest = await LatestAsync(declarationId, approvedOnly, ct);
        return latest.IsError ? latest.Error! : await ResultsAsync(latest.Value, ct);
    }

    /// <summary>The plan of the latest assessment of <paramref name="declarationId"/>; with <paramref name="approvedOnly"/> the latest approved one.</summary>
    public async Task<Result<byte[]>> LatestPlanAsync(Guid declarationId, bool approvedOnly, CancellationToken ct)
    {
        var latest = await LatestAsync(declarationId, approvedOnly, ct);
        return latest.IsError ? latest.Error! : await PlanAsync(latest.Value, ct);
    }

    private async Task<Result<Guid>> LatestAsync(Guid declarationId, bool approvedOnly, CancellationToken ct)
    {
        // The tenancy filter on assessments hides another provider's declaration, which then reads as having none.
        var id = new DeclarationId(declarationId);
        var candidates = await db.Assessments.AsNoTracking().Where(a => a.DeclarationId == id).OrderByDescending(a => a.OpenedAt).ToListAsync(ct);
        var latest = candidates.FirstOrDefault(a => !approvedOnly || a.Decision is { Outcome: DecisionOutcome.Approved });
        return latest is null ? OscalResultsErrors.NoAssessment(declarationId) : latest.Id.Value;
    }

    private async Task<Result<OscalAssessment>> GatherAsync(Guid assessmentId, CancellationToken ct)
    {
        var found = await assessments.GetAsync(assessmentId, ct);
        if (found.IsError) return found.Error!;
        var a = found.Value;
        var selection = await selections.GetAsync(assessmentId, ct);
        if (selection.IsError || !selection.Value.IsFrozen) return OscalResultsErrors.SelectionNotFrozen(assessmentId);
        var s = selection.Value;

        var declarationId = new DeclarationId(a.DeclarationId);
        var catalogueId = await db.Declarations.AsNoTracking().Where(d => d.Id == declarationId).Select(d => d.CatalogueId).FirstAsync(ct);
        var catalogue = await db.Catalogues.AsNoTracking().Where(c => c.Id == catalogueId)
            .Select(c => new { c.Name, c.Version, c.SourceId }).FirstAsync(ct);
        var keys = s.Controls.Select(c => c.ControlKey).ToList();
        var rows = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == catalogueId && keys.Contains(c.Key))
            .Select(c => new { c.Key, c.Title, c.Extra }).ToListAsync(ct);
        var byKey = rows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var findings = a.ControlFindings.ToDictionary(f => f.ControlKey, StringComparer.Ordinal);
        var controls = s.Controls.Select(c =>
        {
            var row = byKey.GetValueOrDefault(c.ControlKey);
            return new ExaminedControl(c.ControlKey, OscalCatalogWriter.ControlId(c.ControlKey, row?.Extra), row?.Title ?? c.ControlKey, c.Reason, c.Explanation,
                findings.GetValueOrDefault(c.ControlKey));
        }).ToList();

        // The MB is outside a provider's tenancy, but it signs what the provider reads, as in the report.
        var mb = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind == OrganisationKind.MonitoringBody)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);

        var approved = a.Decision is { Outcome: "approved" } ? a.Decision : null;
        return new OscalAssessment(
            a.Id, a.DeclarationId, a.DeclarationTitle, a.Kind, a.Phase,
            new OscalParty(mb?.Id.Value ?? Guid.Empty, mb?.Name ?? "Monitoring Body"),
            new OscalParty(a.OrganisationId, a.OrganisationName),
            catalogueId.Value, catalogue.Name, catalogue.Version,
            OscalCatalogWriter.CatalogUuid(catalogue.Name, catalogue.Version, catalogue.SourceId),
            controls, [.. a.NarrativeFindings.OrderBy(n => (int)n.Topic).ThenBy(n => n.Title, StringComparer.Ordinal)],
            s.Summary, s.Seed, s.AssessmentDate, s.FrozenAt ?? s.DrawnAt,
            a.OpenedAt, a.PhaseChangedAt, a.Decision, approved is null ? null : a.VerificationId,
            a.Decision?.ProposedLevel ?? a.ProposedLevel.Level);
    }
}

/// <summary>Expected failures of the OSCAL assessment exports.</summary>
public static class OscalResultsErrors
{
    public static NotFoundError NoAssessment(Guid declarationId) =>
        new("oscal.assessment-not-found", $"Declaration {declarationId} has no assessment that can be exported for the caller.");

    public static ConflictError SelectionNotFrozen(Guid assessmentId) =>
        new("oscal.selection-not-frozen", $"Assessment {assessmentId} has no frozen control selection yet; the OSCAL exports list the examined controls.");
}

/// <summary>An organisation named in the exports.</summary>
internal sealed record OscalParty(Guid OrganisationId, string Name);

/// <summary>A control of the frozen selection, with its OSCAL id in our catalog export and the assessor's finding if recorded.</summary>
internal sealed record ExaminedControl(string Key, string OscalId, string Title, string Reason, string Explanation, ControlFinding? Finding);

/// <summary>Everything the two documents say, gathered once.</summary>
internal sealed record OscalAssessment(
    Guid AssessmentId,
    Guid DeclarationId,
    string DeclarationTitle,
    string Kind,
    string Phase,
    OscalParty MonitoringBody,
    OscalParty Provider,
    Guid CatalogueId,
    string CodeName,
    string CodeVersion,
    string CatalogUuid,
    IReadOnlyList<ExaminedControl> Controls,
    IReadOnlyList<NarrativeFinding> Narratives,
    string SelectionSummary,
    long Seed,
    DateOnly AssessmentDate,
    DateTimeOffset SelectionFrozenAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset PhaseChangedAt,
    DecisionView? Decision,
    string? VerificationId,
    int ProposedLevel);
