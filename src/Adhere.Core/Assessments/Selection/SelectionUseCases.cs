using System.Security.Cryptography;
using System.Text.Json;
using Adhere.Core.Declarations;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments.Selection;

/// <summary>The failures of the selection use cases that the domain's <see cref="SelectionErrors"/> does not cover.</summary>
public static class StoredSelectionErrors
{
    public static NotFoundError NotFound(Guid assessment) =>
        new("selection.not-found", $"Assessment {assessment} has no control selection yet; make one first.");

    public static InvalidError TopicsOnlyAdHoc() =>
        new("selection.topics-only-ad-hoc", "Extra attention topics are given only for ad hoc assessments (the topics of their occasion).", "topics");

    public static InvalidError TopicInvalid() =>
        new("selection.topic-invalid", "Extra topics are topic tags of at most 100 characters, none blank.", "topics");
}

/// <summary>
/// What the selection use cases share: loading the assessment and checking that the caller may change its selection
/// (an assessor assigned to it, while fact finding or in-depth review runs), and gathering the selection's input.
/// </summary>
public sealed class SelectionGate(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, CatalogueOutlines outlines,
    AttentionTopicQueries topics, AssessmentSettings settings, Complaints.ComplaintLinkQueries complaints)
{
    private static readonly AssessmentPhase[] OpenPhases =
    [
        AssessmentPhase.FactFinding, AssessmentPhase.FactFindingAwaitingClarification,
        AssessmentPhase.InDepthReview, AssessmentPhase.InDepthReviewAwaitingClarification,
    ];

    public async Task<Result<Assessment>> MayChangeAsync(Guid assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == new AssessmentId(assessmentId), ct);
        if (assessment is null) return AssessmentErrors.NotFound(assessmentId.ToString());
        var role = access.RoleOfCaller(Role.MbAssessor);
        if (role != Role.MbAssessor) return AssessmentErrors.RoleNotAllowed(role, "change the control selection", [Role.MbAssessor]);
        if (db.Caller.UserId is not { } user || !assessment.Assessors.Contains(user)) return AssessmentErrors.NotAssigned();
        if (!OpenPhases.Contains(assessment.Phase)) return AssessmentErrors.NotInPhase("change the control selection", assessment.Phase);
        return assessment;
    }

    /// <summary>The input of a fresh draw for <paramref name="assessment"/>, and the IDs of the MB topics it uses.</summary>
    public async Task<(SelectionInput Input, IReadOnlyList<Guid> TopicIds)> InputAsync(Assessment assessment, long seed, IReadOnlyList<string> extraTopics, CancellationToken ct)
    {
        var declaration = await access.LoadAsync(assessment.DeclarationId.Value, ct)
            ?? throw new InvalidOperationException($"The declaration of assessment {assessment.Id} is missing.");
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct)
            ?? throw new InvalidOperationException($"Catalogue {declaration.CatalogueId} is missing.");
        var controls = await SelectableAsync(outline, declaration.Modules, ct);

        // A certificate whose check the assessor rejected backs nothing, so its controls count as weak evidence too.
        var rejected = assessment.FactFinding.Certificates.Where(c => c.Verdict == CertificateReviewVerdict.Rejected).Select(c => c.CertificateId).ToHashSet();
        var (coverage, _) = await evidence.AssessAsync(declaration, ct, rejected);
        var weak = coverage.Controls
            .Where(c => c.Basis == EvidenceBasis.SelfDeclared || c.BackedBy.Any(b => b.Warnings.Count > 0))
            .Select(c => c.ControlKey)
            .ToList();

        var date = DateOf(assessment);
        var active = await topics.ActiveOnAsync(date, ct);
        // An assessment opened from complaints examines their topics too, as they stand when the selection is drawn.
        var occasion = extraTopics.Concat(await complaints.TopicsForAssessmentAsync(assessment.Id, ct)).Distinct(StringComparer.OrdinalIgnoreCase);
        var attention = active.Select(t => t.ToDomain())
            .Concat(occasion.Select(t => new AttentionTopic(t, null, date, date)))
            .ToList();

        var history = await SelectionHistory.ExaminationsAsync(db, assessment.OrganisationId, assessment.Id, ct);
        var firstVerified = await db.VerificationRecords.AsNoTracking()
            .Where(v => v.OrganisationId == assessment.OrganisationId)
            .OrderBy(v => v.ApprovedOn).Select(v => (DateOnly?)v.ApprovedOn).FirstOrDefaultAsync(ct);
        var firstExamined = history.Count == 0 ? (DateOnly?)null : history.Min(e => e.On);
        DateOnly? cycleStart = (firstVerified, firstExamined) switch
        {
            ({ } v, { } e) => v < e ? v : e,
            ({ } v, null) => v,
            (null, var e) => e,
        };

        var kind = assessment.Kind switch
        {
            AssessmentKind.Initial => SelectionKind.Initial,
            AssessmentKind.Recurring => SelectionKind.Recurring,
            _ => SelectionKind.AdHoc,
        };
        var input = new SelectionInput(kind, date, controls, history, attention, weak, seed, settings.Selection, cycleStart);
        return (input, [.. active.Select(t => t.Id)]);
    }

    /// <summary>The assessment's date, as selection and history count it: the day it was opened (UTC).</summary>
    public static DateOnly DateOf(Assessment assessment) => DateOnly.FromDateTime(assessment.OpenedAt.UtcDateTime);

    /// <summary>The controls of <paramref name="outline"/> that apply with <paramref name="modules"/>, in catalogue order, with their topic tags.</summary>
    internal async Task<IReadOnlyList<SelectableControl>> SelectableAsync(CatalogueOutline outline, IReadOnlyCollection<string> modules, CancellationToken ct)
    {
        var tags = (await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == outline.CatalogueId)
                .Select(c => new { c.Key, c.Tags }).ToListAsync(ct))
            .ToDictionary(c => c.Key, c => JsonSerializer.Deserialize<List<string>>(c.Tags) ?? [], StringComparer.Ordinal);
        return [.. outline.ControlsFor(modules).Select(c => new SelectableControl(c.Key, c.SectionKey, c.TopSection,
            tags.TryGetValue(c.Key, out var t) && t.Count > 0 ? t : null))];
    }
}

/// <summary>Reads a provider's examination history: the frozen selections of its assessments that were not cancelled.</summary>
internal static class SelectionHistory
{
    public static async Task<IReadOnlyList<Examination>> ExaminationsAsync(AdhereDb db, OrganisationId organisation, AssessmentId? except, CancellationToken ct) =>
        [.. (await FrozenAsync(db, organisation, except, ct)).SelectMany(s => s.Selection.Controls.Select(c => new Examination(c.ControlKey, s.Selection.AssessmentDate, c.Reason)))];

    public static async Task<IReadOnlyList<(StoredSelection Selection, AssessmentKind Kind)>> FrozenAsync(AdhereDb db, OrganisationId organisation, AssessmentId? except, CancellationToken ct)
    {
        var rows = await db.ControlSelections.AsNoTracking()
            .Where(s => s.OrganisationId == organisation && s.IsFrozen)
            .Join(db.Assessments.AsNoTracking(), s => s.AssessmentId, a => a.Id, (s, a) => new { Selection = s, a.Phase, a.Kind })
            .Where(x => x.Phase != AssessmentPhase.Cancelled)
            .ToListAsync(ct);
        return [.. rows.Where(x => except is null || x.Selection.AssessmentId != except.Value)
            .OrderBy(x => x.Selection.AssessmentDate).ThenBy(x => x.Selection.FrozenAt)
            .Select(x => (x.Selection, x.Kind))];
    }
}

/// <summary>
/// The assigned assessor makes the control selection of an assessment from the declaration's catalogue controls, the
/// provider's examination history, the attention topics active on the assessment date and the weak-evidence controls.
/// Making it again before it is frozen draws anew (with a new or the given seed) and drops the adjustments.
/// </summary>
public sealed class SelectControls(AdhereDb db, SelectionGate gate, SelectionQueries queries, TimeProvider time)
{
    /// <param name="Seed">The seed to draw with; omitted: a fresh random one, recorded with the selection.</param>
    /// <param name="Topics">Ad hoc only: topic tags of the occasion (such as a complaint's), added to the MB's active topics.</param>
    public sealed record Command(Guid AssessmentId, long? Seed, IReadOnlyList<string>? Topics);

    public async Task<Result<(SelectionDetails Selection, bool Created)>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var allowed = await gate.MayChangeAsync(command.AssessmentId, ct);
        if (allowed.IsError) return allowed.Error!;
        var assessment = allowed.Value;
        var extra = (command.Topics ?? []).Select(t => (t ?? string.Empty).Trim()).ToList();
        if (extra.Count > 0 && assessment.Kind != AssessmentKind.AdHoc) return StoredSelectionErrors.TopicsOnlyAdHoc();
        if (extra.Any(t => t.Length is 0 or > AttentionTopicEntry.MaxTopicLength)) return StoredSelectionErrors.TopicInvalid();

        var stored = await db.ControlSelections.FirstOrDefaultAsync(s => s.AssessmentId == assessment.Id, ct);
        if (stored is { IsFrozen: true }) return SelectionErrors.Frozen();
        var created = stored is null;
        stored ??= db.ControlSelections.Add(StoredSelection.For(assessment)).Entity;

        var seed = command.Seed ?? DrawSeed();
        var (input, topicIds) = await gate.InputAsync(assessment, seed, extra, ct);
        var selection = ControlSelector.Select(input);
        var user = db.Caller.UserId ?? throw new InvalidOperationException("Selections are made by signed-in staff.");
        stored.Draw(selection, topicIds, user, time.GetUtcNow());
        db.Record(created ? "selection.made" : "selection.redrawn", "control-selection", assessment.Id.ToString(), assessment.OrganisationId, new AuditChanges()
            .Added("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Added("controls", string.Join(", ", selection.Controls.Select(c => $"{c.ControlKey} ({c.Reason.ToCode()})")))
            .Added("topics", string.Join(", ", selection.ActiveAttentionTopics)));
        await db.SaveChangesAsync(ct);
        return ((await queries.GetAsync(assessment.Id.Value, ct)).Value, created);
    }

    // Below 2^53, so that the seed survives JSON clients that read numbers as doubles.
    private static long DrawSeed() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & ((1L << 53) - 1);
}

/// <summary>The assigned assessor adds or removes a control with a reason; the domain refuses changes that break a rule.</summary>
public sealed class AdjustSelection(AdhereDb db, SelectionGate gate, SelectionQueries queries)
{
    public sealed record Command(Guid AssessmentId, AdjustmentKind Kind, string? ControlKey, string? Reason);

    public async Task<Result<SelectionDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var allowed = await gate.MayChangeAsync(command.AssessmentId, ct);
        if (allowed.IsError) return allowed.Error!;
        var stored = await db.ControlSelections.FirstOrDefaultAsync(s => s.AssessmentId == allowed.Value.Id, ct);
        if (stored is null) return StoredSelectionErrors.NotFound(command.AssessmentId);

        var key = (command.ControlKey ?? string.Empty).Trim();
        var reason = command.Reason ?? string.Empty;
        var selection = stored.Rebuild();
        var changed = command.Kind == AdjustmentKind.Added ? selection.Add(key, reason) : selection.Remove(key, reason);
        if (changed.IsError) return changed.Error!;

        stored.Apply(changed.Value);
        var added = command.Kind == AdjustmentKind.Added;
        db.Record(added ? "selection.control-added" : "selection.control-removed", "control-selection", stored.AssessmentId.ToString(), stored.OrganisationId,
            new AuditChanges().Added("control", key).Added("reason", reason.Trim()));
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(command.AssessmentId, ct)).Value;
    }
}

/// <summary>The assigned assessor freezes the selection; from then on it is the list of controls the assessment examines.</summary>
public sealed class FreezeSelection(AdhereDb db, SelectionGate gate, SelectionQueries queries, TimeProvider time)
{
    public async Task<Result<SelectionDetails>> HandleAsync(Guid assessmentId, CancellationToken ct)
    {
        var allowed = await gate.MayChangeAsync(assessmentId, ct);
        if (allowed.IsError) return allowed.Error!;
        var stored = await db.ControlSelections.FirstOrDefaultAsync(s => s.AssessmentId == allowed.Value.Id, ct);
        if (stored is null) return StoredSelectionErrors.NotFound(assessmentId);
        var frozen = stored.Rebuild().Freeze();
        if (frozen.IsError) return frozen.Error!;

        stored.MarkFrozen(frozen.Value, db.Caller.UserId!.Value, time.GetUtcNow());
        db.Record("selection.frozen", "control-selection", stored.AssessmentId.ToString(), stored.OrganisationId, new AuditChanges()
            .Added("controls", string.Join(", ", stored.Controls.Select(c => c.ControlKey))));
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(assessmentId, ct)).Value;
    }
}
