namespace Adhere.Core.Complaints.Measures;

/// <summary>
/// A measure as MB staff see it on a case. <paramref name="Effect"/>: none, corrective-action, suspension or revocation;
/// <paramref name="State"/>: imposed, awaiting-follow-up, met, not-met, in-force, lifted or superseded;
/// <paramref name="Actions"/>: what the caller may do now (lift, follow-up).
/// </summary>
public sealed record ComplaintMeasureView(Guid Id, string Key, string Name, string Effect, string State, string VerificationId, string Reasons,
    DateOnly? Deadline, string? Correction, DateTimeOffset ImposedAt, DateTimeOffset? EndedAt, string? EndNotes, IReadOnlyList<string> Actions);

/// <summary>
/// A notice to the supervisory authority. <paramref name="Sending"/>: no-recipient (none configured for the Code), queued,
/// sent (at <paramref name="SentAt"/>) or failed (the outbox gave up).
/// </summary>
public sealed record AuthorityNoticeView(Guid Id, Guid MeasureId, string Measure, string VerificationId, string CodeName, string? Authority,
    string? AuthorityEmail, string Sending, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string PdfUrl);

/// <summary>One entry of the measures catalogue, for the decision maker's choice.</summary>
public sealed record MeasureKindView(string Key, string Name, string Effect);
