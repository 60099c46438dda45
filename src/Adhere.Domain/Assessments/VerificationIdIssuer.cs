using System.Text.RegularExpressions;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;

namespace Adhere.Domain.Assessments;

/// <summary>
/// The Verification-ID to record after an approval.
/// </summary>
/// <param name="Id">The ID under which the declaration is listed from now on.</param>
/// <param name="IsNew">True on a first approval: <see cref="Id"/> took the running number offered, which is now used up.</param>
/// <param name="Aliases">Former IDs that must keep resolving to the entry because of this approval: the previous ID after a level change; empty otherwise.</param>
public sealed record VerificationIdIssue(VerificationNumber Id, bool IsNew, IReadOnlyList<VerificationNumber> Aliases)
{
    /// <summary>True when the level part changed (a level change on renewal or after an ad-hoc assessment).</summary>
    public bool IsLevelChange => Aliases.Count > 0;
}

/// <summary>
/// Decides the Verification-ID after an approval (DOMAIN.md): a first approval gets a new ID from the year of
/// approval, the granted level, the Monitoring Body's code and the next running number; a renewal keeps the existing
/// ID; a level change keeps year, code and number, changes the level part, and the old ID stays an alias. Uniqueness of
/// the running number is the caller's (persistence) concern: it passes the next free number in and stores it as used
/// when <see cref="VerificationIdIssue.IsNew"/>.
/// </summary>
public static partial class VerificationIdIssuer
{
    /// <summary>The highest running number the ID format can carry (nine digits).</summary>
    public const int MaxRunningNumber = 999_999_999;

    /// <summary>Decides the ID.</summary>
    /// <param name="existing">The ID the declaration (or the one it renews) already carries; null on a first approval.</param>
    /// <param name="grantedLevel">The level granted by the decision.</param>
    /// <param name="approvedOn">The approval date; its year is the ID's year on a first approval.</param>
    /// <param name="bodyCode">The Monitoring Body's code (a setting, such as <c>SCOPE</c>): 2–20 capital letters. Ignored when an ID exists, since an ID never changes its code.</param>
    /// <param name="nextRunningNumber">The next unused running number, 1–<see cref="MaxRunningNumber"/>; used only on a first approval. Printed with at least three digits (13 → 013, 4316 → 4316).</param>
    /// <returns>The issue, or <c>verification-id.body-code-invalid</c> / <c>verification-id.running-number-invalid</c> on a first approval with bad settings.</returns>
    public static Result<VerificationIdIssue> Issue(VerificationNumber? existing, ComplianceLevel grantedLevel, DateOnly approvedOn, string bodyCode, int nextRunningNumber)
    {
        if (!Enum.IsDefined(grantedLevel)) throw new ArgumentOutOfRangeException(nameof(grantedLevel), grantedLevel, "Not a level.");
        if (existing is not null)
        {
            return existing.Level == grantedLevel
                ? new VerificationIdIssue(existing, false, [])
                : new VerificationIdIssue(existing.WithLevel(grantedLevel), false, [existing]);
        }

        if (bodyCode is null || !BodyCodePattern().IsMatch(bodyCode)) return AssessmentErrors.BodyCodeInvalid(bodyCode);
        if (nextRunningNumber is < 1 or > MaxRunningNumber) return AssessmentErrors.RunningNumberInvalid(nextRunningNumber);
        return new VerificationIdIssue(new VerificationNumber(approvedOn.Year, grantedLevel, bodyCode, nextRunningNumber), true, []);
    }

    [GeneratedRegex("^[A-Z]{2,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex BodyCodePattern();
}
