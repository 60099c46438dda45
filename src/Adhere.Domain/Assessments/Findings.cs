using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Assessments;

/// <summary>The result of examining one control. The numeric values are stable.</summary>
public enum FindingResult
{
    /// <summary>The control is met.</summary>
    Satisfied = 1,

    /// <summary>The control is not met; the notes say why.</summary>
    NotSatisfied = 2,

    /// <summary>Met, with a remark worth reporting (an improvement, a risk); the notes say what.</summary>
    Observation = 3,
}

/// <summary>The topics of narrative findings, in the order a report presents them. The numeric values are stable.</summary>
public enum NarrativeTopic
{
    ServiceAgreement = 1,
    CustomerInstructions = 2,
    Subprocessors = 3,
    InternationalTransfers = 4,
    CustomerAudits = 5,
    Liability = 6,
    AssistingTheCustomer = 7,
    RecordsOfProcessing = 8,
    DataProtectionContact = 9,
    CooperationWithAuthorities = 10,
    Confidentiality = 11,
    PersonalDataBreaches = 12,
    ReturnAndDeletion = 13,
    Transparency = 14,
    Security = 15,

    /// <summary>Anything else; needs a free title.</summary>
    Other = 99,
}

/// <summary>
/// The assessor's finding on one examined control: the result, notes and the samples consulted (documents, tickets,
/// configurations, by description). Notes are required unless the result is <see cref="FindingResult.Satisfied"/>.
/// </summary>
public sealed record ControlFinding(
    string ControlKey,
    FindingResult Result,
    string? Notes,
    IReadOnlyList<string> SamplesConsulted,
    UserId RecordedBy,
    DateTimeOffset RecordedAt)
{
    public const int MaxControlKeyLength = 50;

    public const int MaxNotesLength = 8000;

    public const int MaxSamples = 50;

    public const int MaxSampleLength = 500;

    internal static Result<ControlFinding> Create(string? controlKey, FindingResult result, string? notes, IEnumerable<string>? samples, UserId by, DateTimeOffset now)
    {
        controlKey = controlKey?.Trim();
        if (string.IsNullOrEmpty(controlKey)) return AssessmentErrors.FieldRequired("controlKey");
        if (controlKey.Length > MaxControlKeyLength) return AssessmentErrors.TextTooLong("controlKey", MaxControlKeyLength);
        if (!Enum.IsDefined(result)) return AssessmentErrors.FindingResultInvalid();
        notes = FactFindingChecklist.Blank(notes);
        if (notes is { Length: > MaxNotesLength }) return AssessmentErrors.TextTooLong("notes", MaxNotesLength);
        if (notes is null && result != FindingResult.Satisfied) return AssessmentErrors.NoteRequired($"A finding of '{result}' needs notes saying why.");
        List<string> list = [.. (samples ?? []).Select(FactFindingChecklist.Blank).OfType<string>()];
        if (list.Count > MaxSamples) return AssessmentErrors.TooManySamples(MaxSamples);
        if (list.Exists(s => s.Length > MaxSampleLength)) return AssessmentErrors.TextTooLong("samplesConsulted", MaxSampleLength);
        return new ControlFinding(controlKey, result, notes, list, by, now);
    }
}

/// <summary>
/// A finding in the assessor's own words on a topic, which the report quotes. One per topic; for
/// <see cref="NarrativeTopic.Other"/> one per title (titles compared ignoring case). <see cref="Title"/> is set only for
/// <see cref="NarrativeTopic.Other"/>.
/// </summary>
public sealed record NarrativeFinding(NarrativeTopic Topic, string? Title, string Text, UserId RecordedBy, DateTimeOffset RecordedAt)
{
    public const int MaxTitleLength = 200;

    public const int MaxTextLength = 20000;

    /// <summary>True when this finding and one on <paramref name="topic"/> titled <paramref name="title"/> occupy the same place.</summary>
    public bool SameSlot(NarrativeTopic topic, string? title) =>
        Topic == topic && (topic != NarrativeTopic.Other || string.Equals(Title, title, StringComparison.OrdinalIgnoreCase));

    internal static Result<NarrativeFinding> Create(NarrativeTopic topic, string? title, string? text, UserId by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(topic)) return AssessmentErrors.TopicInvalid();
        title = FactFindingChecklist.Blank(title);
        if (topic == NarrativeTopic.Other && title is null) return AssessmentErrors.FieldRequired("title");
        if (topic != NarrativeTopic.Other && title is not null) return AssessmentErrors.TitleOnlyForOther();
        if (title is { Length: > MaxTitleLength }) return AssessmentErrors.TextTooLong("title", MaxTitleLength);
        text = FactFindingChecklist.Blank(text);
        if (text is null) return AssessmentErrors.FieldRequired("text");
        if (text.Length > MaxTextLength) return AssessmentErrors.TextTooLong("text", MaxTextLength);
        return new NarrativeFinding(topic, title, text, by, now);
    }
}
