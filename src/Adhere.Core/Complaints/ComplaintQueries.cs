using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>A line of the MB's complaint list: where a case stands and which target is due or overdue.</summary>
public sealed record ComplaintSummary(string Reference, string Status, string Company, string? Service, string? VerificationId,
    DateTimeOffset ReceivedAt, DateTimeOffset LastChangedAt, DateOnly AcknowledgeBy, DateOnly DecideBy, bool AcknowledgementOverdue,
    bool DecisionOverdue, bool Anonymous);

/// <summary>
/// Who complained, for MB staff who handle complaints. <paramref name="Name"/> and <paramref name="Email"/> are null for
/// an anonymous complaint; <paramref name="MayRevealToProvider"/> says whether the provider may be told.
/// </summary>
public sealed record ComplainantView(string Role, string? Name, string? Email, bool MayRevealToProvider);

/// <summary>One step of a complaint's history, from the audit trail.</summary>
public sealed record ComplaintStep(DateTimeOffset At, string Action, string Actor, string? From, string? To, string? Reasons);

/// <summary>A file attached to a complaint.</summary>
public sealed record ComplaintAttachmentView(Guid Id, string FileName, string ContentType, long Length, string Sha256, DateTimeOffset UploadedAt);

/// <summary>
/// A complaint as the MB handles it. <paramref name="Complainant"/> is null when the caller may not see who complained
/// (an MB administrator, who does not handle cases). <paramref name="AllowedSteps"/> are the steps the caller may take
/// now (trigger names such as <c>admit</c>). <paramref name="Handling"/> holds the topics, the assessments opened from the
/// complaint and, for a caller with a conflict of interest towards the provider, the reason they may not handle it (then
/// there are no steps and no complainant).
/// </summary>
public sealed record ComplaintCase(ComplaintSummary Summary, string Conduct, ComplainantView? Complainant, string? DismissalReason,
    string? Finding, DateTimeOffset? DecidedAt, DateTimeOffset? EndedAt, int AppealCount, IReadOnlyList<ComplaintAttachmentView> Attachments,
    IReadOnlyList<ComplaintStep> History, IReadOnlyList<string> AllowedSteps, ComplaintHandlingView? Handling = null)
{
    /// <summary>Measures imposed on the complaint, oldest first.</summary>
    public IReadOnlyList<Measures.ComplaintMeasureView> Measures { get; init; } = [];

    /// <summary>Notices to the supervisory authority of the complaint's suspensions and revocations, oldest first.</summary>
    public IReadOnlyList<Measures.AuthorityNoticeView> Notices { get; init; } = [];

    /// <summary>
    /// Questions to the provider and the complainant, and internal notes (<see cref="Investigation.InvestigationQueries"/>);
    /// null, like <see cref="Complainant"/>, for MB staff who do not handle cases.
    /// </summary>
    public Investigation.ComplaintInvestigation? Investigation { get; init; }
}

/// <summary>
/// The MB's view of complaints: the list with its clocks, and one case with its history. Providers never reach a complaint
/// here (the MB-only query filter), and only the MB roles that handle cases see the complainant's identity.
/// </summary>
public sealed class ComplaintQueries(AdhereDb db, TimeProvider time, ComplaintLinkQueries links)
{
    public const int MaxPageSize = 200;

    /// <param name="Status">
    /// A status name such as <c>investigation</c>; <c>open</c> for every case not yet dismissed or closed (decided cases
    /// included, as they wait to be closed: broader than <see cref="ComplaintLifecycle.IsOpen"/>, which asks whether the MB
    /// still owes an outcome); <c>all</c> or nothing for every case.
    /// </param>
    /// <param name="Overdue">Only cases with an overdue acknowledgement or decision.</param>
    public sealed record Filter(string? Status = null, bool Overdue = false, int? Limit = null);

    /// <summary>Complaints, oldest first (the one waiting longest heads the queue).</summary>
    public async Task<Result<IReadOnlyList<ComplaintSummary>>> ListAsync(Filter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var limit = filter.Limit ?? MaxPageSize;
        if (limit is < 1 or > MaxPageSize) return ComplaintCaseErrors.LimitInvalid();

        var query = db.Complaints.AsNoTracking();
        var status = filter.Status?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(status) && status != "all")
        {
            if (status == "open")
            {
                query = query.Where(c => c.Status != ComplaintStatus.Dismissed && c.Status != ComplaintStatus.Closed);
            }
            else if (TryParseStatus(status, out var wanted))
            {
                query = query.Where(c => c.Status == wanted);
            }
            else
            {
                return ComplaintCaseErrors.StatusInvalid(filter.Status!);
            }
        }

        var now = time.GetUtcNow();
        var ordered = query.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Number);
        // Without the overdue filter the limit can go to the database; with it, the clocks decide first.
        var rows = await (filter.Overdue ? ordered : ordered.Take(limit)).ToListAsync(ct);
        // The clocks are domain rules on dates; a queue of complaints is small enough to apply them here.
        return rows.Select(c => Summary(c, now))
            .Where(s => !filter.Overdue || s.AcknowledgementOverdue || s.DecisionOverdue)
            .Take(limit)
            .ToList();
    }

    /// <summary>One case by its reference; <c>complaint.not-found</c> when there is none the caller may see.</summary>
    public async Task<Result<ComplaintCase>> CaseAsync(string? reference, CancellationToken ct)
    {
        var parsed = ComplaintReference.Parse(reference);
        var text = parsed.IsError ? null : parsed.Value.ToString();
        var complaint = text is null ? null : await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Reference == text, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(reference);

        var attachments = await db.ComplaintAttachments.AsNoTracking().Where(a => a.ComplaintId == complaint.Id)
            .OrderBy(a => a.UploadedAt).ToListAsync(ct);
        var id = complaint.Id.ToString();
        var events = await db.AuditEvents.AsNoTracking().IgnoreQueryFilters()
            .Where(e => e.ObjectType == "complaint" && e.ObjectId == id)
            .OrderBy(e => e.Sequence).ToListAsync(ct);

        var system = db.Caller.UserId is null && db.Caller.SeesAllOrganisations;
        var handles = system || db.Caller.IsInRole(Role.MbAssessor) || db.Caller.IsInRole(Role.MbDecisionMaker);
        IEnumerable<Role> held = system ? [Role.MbAssessor, Role.MbDecisionMaker] : Role.All.Where(db.Caller.IsInRole);
        var handling = await links.HandlingAsync(complaint, ct);
        var conflicted = handling.ConflictOfInterest is not null;
        List<string> steps = conflicted ? [] : [.. held.SelectMany(r => ComplaintLifecycle.AllowedTriggers(complaint.Status, r)).Distinct().Order()
            .Select(t => Kebab(t.ToString()))];
        var complainant = handles && !conflicted
            ? new ComplainantView(ComplainantRoles.NameOf(complaint.ComplainantRole), complaint.ComplainantName, complaint.ComplainantEmail,
                complaint.MayRevealToProvider)
            : null;

        return new ComplaintCase(Summary(complaint, time.GetUtcNow()), complaint.Conduct, complainant,
            complaint.DismissalReason is { } d ? Kebab(d.ToString()) : null,
            complaint.Finding is { } f ? Kebab(f.ToString()) : null,
            complaint.DecidedAt, complaint.EndedAt, complaint.AppealCount,
            attachments.Select(a => new ComplaintAttachmentView(a.Id.Value, a.FileName, a.ContentType, a.Length, a.Sha256, a.UploadedAt)).ToList(),
            events.Select(Step).ToList(), steps, handling)
        {
            Measures = await Measures.ComplaintMeasureQueries.MeasuresOfAsync(db, complaint.Id, ct),
            Notices = await Measures.ComplaintMeasureQueries.NoticesOfAsync(db, complaint, ct),
            // Answers and notes may name the complainant, so they are withheld like the complainant's identity.
            Investigation = handles ? await Investigation.InvestigationQueries.ForCaseAsync(db, complaint, time.GetUtcNow(), ct) : null,
        };
    }

    private static ComplaintSummary Summary(Complaint c, DateTimeOffset now) => new(c.Reference, ComplaintStatusLookup.StatusName(c.Status), c.Company,
        c.Service, c.TargetVerificationId, c.ReceivedAt, c.StatusChangedAt, c.AcknowledgeBy, c.DecideBy, c.IsAcknowledgementOverdue(now),
        c.IsDecisionOverdue(now), c.IsAnonymous);

    // The audit record holds the status change and the reasons (MoveComplaint, SubmitComplaint); never the identity.
    private static ComplaintStep Step(Domain.Audit.AuditEvent e)
    {
        string? from = null, to = null, reasons = null;
        try
        {
            using var changes = JsonDocument.Parse(e.Changes);
            foreach (var change in changes.RootElement.EnumerateObject())
            {
                var before = change.Value.TryGetProperty("from", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
                var after = change.Value.TryGetProperty("to", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                if (change.Name == "status")
                {
                    from = before is null ? null : StatusText(before);
                    to = after is null ? null : StatusText(after);
                }
                else if (change.Name == "reasons")
                {
                    reasons = after;
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable record still shows as a step; the audit chain check reports tampering.
        }

        return new ComplaintStep(e.OccurredAt, e.Action, e.ActorName, from, to, reasons);
    }

    private static string StatusText(string stored) =>
        Enum.TryParse<ComplaintStatus>(stored, out var status) ? ComplaintStatusLookup.StatusName(status) : stored;

    private static bool TryParseStatus(string name, out ComplaintStatus status)
    {
        foreach (var candidate in Enum.GetValues<ComplaintStatus>())
        {
            if (ComplaintStatusLookup.StatusName(candidate) == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary><c>NotAboutAdherentService</c> → <c>not-about-adherent-service</c>, as the API names enum members.</summary>
    public static string Kebab(string pascal) => Declarations.DeclarationQueries.Kebab(pascal);

    /// <summary>The member named <paramref name="text"/> in kebab case (ignoring case and surrounding space); null for anything else.</summary>
    public static T? ParseName<T>(string? text) where T : struct, Enum
    {
        var key = text?.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Kebab(candidate.ToString()) == key) return candidate;
        }

        return null;
    }
}

public static class ComplaintCaseErrors
{
    public static InvalidError StatusInvalid(string status) => new("complaint.status-invalid",
        $"'{status}' is not a complaint status; use open, received, admissibility-check, investigation, dismissed, decided, closed or all.", "status");

    public static InvalidError LimitInvalid() => new("complaint.limit-invalid",
        $"The limit must be between 1 and {ComplaintQueries.MaxPageSize}.", "limit");

    public static InvalidError TriggerInvalid(string? trigger) => new("complaint.trigger-invalid",
        $"'{trigger}' is not a step of a complaint; use start-admissibility-check, admit, dismiss, decide, close, appeal or reopen.", "trigger");
}
