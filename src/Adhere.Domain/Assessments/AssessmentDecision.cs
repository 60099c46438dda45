using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;

namespace Adhere.Domain.Assessments;

/// <summary>How a decision went.</summary>
public enum DecisionOutcome
{
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// The decision maker's decision on an assessment. For an approval: the <see cref="ProposedLevel"/> Adhere computed,
/// the <see cref="GrantedLevel"/>, the <see cref="Rationale"/> (required when the two differ), and the validity from
/// <see cref="DecidedOn"/> through <see cref="ValidUntil"/>. For a rejection: the <see cref="RejectionReason"/>.
/// </summary>
public sealed record AssessmentDecision(
    DecisionOutcome Outcome,
    ComplianceLevel ProposedLevel,
    ComplianceLevel? GrantedLevel,
    string? Rationale,
    string? RejectionReason,
    DateOnly DecidedOn,
    DateOnly? ValidUntil,
    UserId DecidedBy,
    DateTimeOffset DecidedAt)
{
    public const int MaxRationaleLength = 8000;

    /// <summary>True for an approval at another level than proposed.</summary>
    public bool DeviatesFromProposal => GrantedLevel is { } granted && granted != ProposedLevel;
}

/// <summary>The validity of a verification: one year from approval (DOMAIN.md).</summary>
public static class Validity
{
    /// <summary>
    /// The last valid day of a verification approved on <paramref name="approvedOn"/>: the day before its first
    /// anniversary, so that approval and validity cover exactly one year with both days included (approved 2026-05-10,
    /// valid until 2027-05-09). The anniversary of 29 February is 1 March, so approval on 2024-02-29 is valid until
    /// 2025-02-28, and approval on 2023-03-01 until 2024-02-29.
    /// </summary>
    public static DateOnly LastDay(DateOnly approvedOn)
    {
        var anniversary = approvedOn.AddYears(1);
        if (approvedOn is { Month: 2, Day: 29 }) anniversary = anniversary.AddDays(1);
        return anniversary.AddDays(-1);
    }
}
