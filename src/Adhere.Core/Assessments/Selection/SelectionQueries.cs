using Adhere.Core.Persistence;
using Adhere.Domain.Assessments;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments.Selection;

/// <summary>A selected control: its reason as a code (<c>attention</c>, <c>rotation</c>, <c>weak-evidence</c>, <c>random</c>, <c>assessor</c>).</summary>
public sealed record SelectedControlRow(string ControlKey, string Reason, string Explanation, bool AddedByAssessor, string? AdjustmentReason);

/// <summary>A control the assessor took out, with the reason it had been selected for and the reason for removing it.</summary>
public sealed record RemovedControlRow(string ControlKey, string Reason, string Explanation, string RemovalReason);

/// <summary>One adjustment in the order made; <see cref="Kind"/> is <c>added</c> or <c>removed</c>.</summary>
public sealed record AdjustmentRow(string Kind, string ControlKey, string Reason);

/// <summary>A control selection as the console and the API show it.</summary>
public sealed record SelectionDetails(
    Guid AssessmentId,
    Guid OrganisationId,
    string OrganisationName,
    string Kind,
    DateOnly AssessmentDate,
    long Seed,
    string Summary,
    SelectionCounts Counts,
    int MinimumCount,
    int RotationQuota,
    IReadOnlyList<SelectedControlRow> Controls,
    IReadOnlyList<RemovedControlRow> Removed,
    IReadOnlyList<AdjustmentRow> Adjustments,
    IReadOnlyList<string> ActiveTopics,
    SelectionSettings Settings,
    bool IsFrozen,
    DateTimeOffset? FrozenAt,
    Guid? FrozenBy,
    DateTimeOffset DrawnAt,
    Guid DrawnBy);

/// <summary>One examination of a provider's control: the control of a frozen selection, dated by its assessment.</summary>
public sealed record ExaminationRow(Guid AssessmentId, string AssessmentKind, DateOnly On, string ControlKey, string Reason);

/// <summary>Reads the control selections of assessments.</summary>
public sealed class SelectionQueries(AdhereDb db)
{
    public async Task<Result<SelectionDetails>> GetAsync(Guid assessmentId, CancellationToken ct)
    {
        var id = new AssessmentId(assessmentId);
        var organisation = await db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => (OrganisationId?)a.OrganisationId).FirstOrDefaultAsync(ct);
        if (organisation is null) return AssessmentErrors.NotFound(assessmentId.ToString());
        var stored = await db.ControlSelections.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == id, ct);
        if (stored is null) return StoredSelectionErrors.NotFound(assessmentId);
        var selection = stored.Rebuild();
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == organisation.Value).Select(o => o.Name).FirstAsync(ct);
        return new SelectionDetails(
            assessmentId,
            organisation.Value.Value,
            name,
            Kebab(stored.Kind),
            stored.AssessmentDate,
            stored.Seed,
            selection.Summary,
            selection.Counts,
            selection.MinimumCount,
            selection.RotationQuota,
            [.. stored.Controls.Select(c => new SelectedControlRow(c.ControlKey, c.Reason.ToCode(), c.Explanation, c.AddedByAssessor, c.AdjustmentReason))],
            [.. stored.Removed.Select(r => new RemovedControlRow(r.ControlKey, r.Original.Reason.ToCode(), r.Original.Explanation, r.RemovalReason))],
            [.. stored.Adjustments.Select(a => new AdjustmentRow(a.Kind == AdjustmentKind.Added ? "added" : "removed", a.ControlKey, a.Reason))],
            stored.ActiveTopics,
            selection.Settings,
            stored.IsFrozen,
            stored.FrozenAt,
            stored.FrozenBy?.Value,
            stored.DrawnAt,
            stored.DrawnBy.Value);
    }

    /// <summary>The keys of the controls <paramref name="assessment"/> examines in depth, in catalogue order, once its selection is frozen; null before.</summary>
    public async Task<IReadOnlyList<string>?> FrozenControlsAsync(AssessmentId assessment, CancellationToken ct)
    {
        var stored = await db.ControlSelections.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == assessment && s.IsFrozen, ct);
        return stored is null ? null : [.. stored.Controls.Select(c => c.ControlKey)];
    }

    /// <summary>The provider's examinations, oldest first: the frozen selections of its assessments that were not cancelled.</summary>
    public async Task<IReadOnlyList<ExaminationRow>> HistoryAsync(Guid organisationId, CancellationToken ct)
    {
        var frozen = await SelectionHistory.FrozenAsync(db, new OrganisationId(organisationId), null, ct);
        return [.. frozen.SelectMany(f => f.Selection.Controls.Select(c =>
            new ExaminationRow(f.Selection.AssessmentId.Value, Kebab(f.Kind), f.Selection.AssessmentDate, c.ControlKey, c.Reason.ToCode())))];
    }

    internal static string Kebab<T>(T value)
        where T : struct, Enum => Declarations.DeclarationQueries.Kebab(value.ToString());
}
