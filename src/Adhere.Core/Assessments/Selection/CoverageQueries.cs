using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Domain.Assessments.Coverage;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments.Selection;

/// <summary>One control of the coverage view; <see cref="Status"/> is <c>covered</c>, <c>due-this-year</c> or <c>overdue</c>.</summary>
public sealed record CoverageRow(string ControlKey, string Section, string Subsection, DateOnly? LastExamined, string? LastReason, int Examinations,
    int DueYear, DateOnly DueBy, string Status);

/// <summary>How far a provider's examination cycle has come for one catalogue, as of today.</summary>
public sealed record CoverageDetails(Guid OrganisationId, string OrganisationName, Guid CatalogueId, string Catalogue, DateOnly AsOf, int CycleYears,
    int Overdue, int DueThisYear, IReadOnlyList<CoverageRow> Controls);

/// <summary>The coverage view and heat map of a provider (MB staff): every control's last examination and when the cycle owes it next.</summary>
public sealed class CoverageQueries(AdhereDb db, SelectionGate gate, CatalogueOutlines outlines, AssessmentSettings settings, TimeProvider time)
{
    public static NotFoundError NoCatalogue(Guid organisation) =>
        new("coverage.no-catalogue", $"Organisation {organisation} has no declaration; name the catalogue with catalogueId.");

    public static NotFoundError CatalogueNotFound(Guid catalogue) => new("coverage.catalogue-not-found", $"No catalogue {catalogue}.");

    public async Task<Result<CoverageDetails>> GetAsync(Guid organisationId, Guid? catalogueId, CancellationToken ct)
    {
        var computed = await ComputeAsync(organisationId, catalogueId, ct);
        if (computed.IsError) return computed.Error!;
        var (view, organisation, outline) = computed.Value;
        var rows = view.Controls.Select(c =>
        {
            var last = c.Examinations.Count == 0 ? null : c.Examinations[^1];
            return new CoverageRow(c.ControlKey, view.Sections.First(s => s.Controls.Contains(c)).Section, c.Subsection, c.LastExamined,
                last?.Reason?.ToCode(), c.Examinations.Count, c.DueYear, c.DueBy, SelectionQueries.Kebab(c.Status));
        }).ToList();
        return new CoverageDetails(organisation.Id.Value, organisation.Name, outline.CatalogueId.Value, $"{outline.CodeName} {outline.CodeVersion}",
            view.AsOf, view.CycleYears, view.Overdue, view.DueThisYear, rows);
    }

    /// <summary>The heat map as a standalone SVG document.</summary>
    public async Task<Result<string>> SvgAsync(Guid organisationId, Guid? catalogueId, CancellationToken ct)
    {
        var computed = await ComputeAsync(organisationId, catalogueId, ct);
        if (computed.IsError) return computed.Error!;
        var (view, organisation, outline) = computed.Value;
        return CoverageHeatMap.Render(view, new HeatMapOptions($"{organisation.Name}: {outline.CodeName} {outline.CodeVersion}"));
    }

    private async Task<Result<(CoverageView View, Organisation Organisation, CatalogueOutline Outline)>> ComputeAsync(Guid organisationId, Guid? catalogueId, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == new OrganisationId(organisationId), ct);
        if (organisation is null || organisation.IsMonitoringBody) return OrganisationErrors.NotFound(organisationId.ToString());

        // The provider's latest declaration of the catalogue decides the modules; without a catalogue, the latest declaration decides that too.
        var declarations = db.Declarations.AsNoTracking().Where(d => d.OrganisationId == organisation.Id);
        if (catalogueId is { } c) declarations = declarations.Where(d => d.CatalogueId == new CatalogueId(c));
        var latest = (await declarations.Select(d => new { d.CatalogueId, d.Modules, d.CreatedAt }).ToListAsync(ct))
            .OrderByDescending(d => d.CreatedAt).FirstOrDefault();
        var catalogue = catalogueId is { } given ? new CatalogueId(given) : latest?.CatalogueId;
        if (catalogue is null) return NoCatalogue(organisationId);
        var outline = await outlines.GetAsync(catalogue.Value, ct);
        if (outline is null) return CatalogueNotFound(catalogue.Value.Value);

        var controls = await gate.SelectableAsync(outline, (IReadOnlyCollection<string>?)latest?.Modules ?? [], ct);
        var history = await SelectionHistory.ExaminationsAsync(db, organisation.Id, null, ct);
        var titles = outline.Sections.Where(s => s.Depth == 0).ToDictionary(s => s.Key, s => s.Title, StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var view = CoverageView.Compute(controls, history, today, settings.Selection.CycleYears, null, titles);
        return (view, organisation, outline);
    }
}
