using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;

namespace Adhere.Domain.Assessments;

/// <summary>An item of the fact-finding checklist. The numeric values are stable.</summary>
public enum ChecklistItem
{
    /// <summary>Every control is answered, and the answers are complete enough to assess.</summary>
    AnswersComplete = 1,

    /// <summary>The service agreement (and the data processing agreement) is attached.</summary>
    ServiceAgreementPresent = 2,

    /// <summary>Recurring only: the provider's statement of no material change (or its description of the change) is reviewed.</summary>
    NoMaterialChangeReviewed = 3,

    /// <summary>Recurring only: the reasons given for services removed since last year are reviewed.</summary>
    RemovedServicesReviewed = 4,

    /// <summary>Recurring only: the services added since last year are confirmed to belong to the same service family.</summary>
    AddedServicesReviewed = 5,
}

/// <summary>Where a checklist item stands.</summary>
public enum ChecklistStatus
{
    /// <summary>Not looked at yet; blocks the move to the in-depth review.</summary>
    Open = 1,

    /// <summary>Looked at and in order.</summary>
    Confirmed = 2,

    /// <summary>Looked at and not in order; the note says what (usually followed by a clarification request or a finding). Counts as done.</summary>
    Issue = 3,
}

/// <summary>The assessor's verdict on one automated certificate check.</summary>
public enum CertificateReviewVerdict
{
    /// <summary>The assessor agrees with the automated outcome.</summary>
    Accepted = 1,

    /// <summary>The assessor disagrees; the note says why.</summary>
    Rejected = 2,
}

/// <summary>One checklist item with its status and the assessor's note.</summary>
public sealed record ChecklistEntry(ChecklistItem Item, ChecklistStatus Status, string? Note, UserId? RecordedBy, DateTimeOffset? RecordedAt);

/// <summary>
/// The review of one certificate's automated check (<see cref="CertificateCheck"/>): <see cref="Verdict"/> is null
/// until the assessor accepts or rejects it.
/// </summary>
public sealed record CertificateCheckReview(
    CertificateId CertificateId,
    string Label,
    CertificateCheckOutcome AutomatedOutcome,
    CertificateReviewVerdict? Verdict,
    string? Note,
    UserId? ReviewedBy,
    DateTimeOffset? ReviewedAt);

/// <summary>A certificate whose automated check the assessor must review, as fact finding starts.</summary>
/// <param name="Label">How to name it to the assessor (standard and certificate number).</param>
public sealed record CertificateToReview(CertificateId CertificateId, string Label, CertificateCheckOutcome AutomatedOutcome);

/// <summary>
/// The fact-finding checklist of one assessment: the items of <see cref="ItemsFor"/> and one review per cited
/// certificate. It is done when no item is <see cref="ChecklistStatus.Open"/> and every certificate check is accepted
/// or rejected; <see cref="OpenItems"/> lists everything still open at once. Changed only through the
/// <see cref="Assessment"/>, which checks phase and people.
/// </summary>
public sealed class FactFindingChecklist
{
    public const int MaxNoteLength = 4000;

    private readonly List<ChecklistEntry> items = [];
    private readonly List<CertificateCheckReview> certificates = [];

    private FactFindingChecklist()
    {
    }

    public IReadOnlyList<ChecklistEntry> Items => items;

    public IReadOnlyList<CertificateCheckReview> Certificates => certificates;

    /// <summary>True when nothing is open.</summary>
    public bool IsComplete => OpenItems().Count == 0;

    /// <summary>
    /// The checklist items of an assessment of <paramref name="kind"/>: answers and agreement always; the three renewal
    /// items for <see cref="AssessmentKind.Recurring"/> only.
    /// </summary>
    public static IReadOnlyList<ChecklistItem> ItemsFor(AssessmentKind kind) => kind == AssessmentKind.Recurring
        ? [ChecklistItem.AnswersComplete, ChecklistItem.ServiceAgreementPresent, ChecklistItem.NoMaterialChangeReviewed, ChecklistItem.RemovedServicesReviewed, ChecklistItem.AddedServicesReviewed]
        : [ChecklistItem.AnswersComplete, ChecklistItem.ServiceAgreementPresent];

    /// <summary>
    /// Everything still to do, items first (in <see cref="ChecklistItem"/> order), then certificates (in the order given):
    /// <c>fact-finding.item-open</c> with the item as subject, <c>fact-finding.certificate-not-reviewed</c> with the certificate ID.
    /// </summary>
    public IReadOnlyList<ProblemItem> OpenItems() =>
    [
        .. items.Where(i => i.Status == ChecklistStatus.Open)
            .Select(i => new ProblemItem("fact-finding.item-open", $"The checklist item '{i.Item}' is still open.", i.Item.ToString())),
        .. certificates.Where(c => c.Verdict is null)
            .Select(c => new ProblemItem("fact-finding.certificate-not-reviewed", $"The automated check of certificate '{c.Label}' ({c.AutomatedOutcome}) is not reviewed yet.", c.CertificateId.ToString())),
    ];

    internal static FactFindingChecklist Start(AssessmentKind kind, IEnumerable<CertificateToReview> toReview)
    {
        var checklist = new FactFindingChecklist();
        checklist.items.AddRange(ItemsFor(kind).Select(i => new ChecklistEntry(i, ChecklistStatus.Open, null, null, null)));
        foreach (var c in toReview.DistinctBy(c => c.CertificateId))
        {
            checklist.certificates.Add(new CertificateCheckReview(c.CertificateId, c.Label, c.AutomatedOutcome, null, null, null, null));
        }

        return checklist;
    }

    internal Result<ChecklistEntry> Record(ChecklistItem item, ChecklistStatus status, string? note, UserId by, DateTimeOffset now)
    {
        var index = items.FindIndex(i => i.Item == item);
        if (index < 0) return AssessmentErrors.ChecklistItemNotApplicable(item);
        if (!Enum.IsDefined(status)) return AssessmentErrors.ChecklistStatusInvalid();
        note = Blank(note);
        if (note is { Length: > MaxNoteLength }) return AssessmentErrors.TextTooLong("note", MaxNoteLength);
        if (status == ChecklistStatus.Issue && note is null) return AssessmentErrors.NoteRequired("An item with an issue needs a note saying what is wrong.");
        var entry = new ChecklistEntry(item, status, note, by, now);
        items[index] = entry;
        return entry;
    }

    internal Result<CertificateCheckReview> Review(CertificateId certificate, CertificateReviewVerdict verdict, string? note, UserId by, DateTimeOffset now)
    {
        var index = certificates.FindIndex(c => c.CertificateId == certificate);
        if (index < 0) return DeclarationErrors.CertificateNotFound(certificate.ToString());
        if (!Enum.IsDefined(verdict)) return AssessmentErrors.ChecklistStatusInvalid();
        note = Blank(note);
        if (note is { Length: > MaxNoteLength }) return AssessmentErrors.TextTooLong("note", MaxNoteLength);
        if (verdict == CertificateReviewVerdict.Rejected && note is null) return AssessmentErrors.NoteRequired("Rejecting an automated certificate check needs a note saying why.");
        var review = certificates[index] with { Verdict = verdict, Note = note, ReviewedBy = by, ReviewedAt = now };
        certificates[index] = review;
        return review;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
