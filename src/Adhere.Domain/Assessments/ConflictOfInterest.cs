using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Assessments;

/// <summary>
/// A conflict of interest an MB staff member declares towards a provider organisation (former employment, shares,
/// consulting, family ties). It is active from <see cref="DeclaredOn"/> through <see cref="EndsOn"/>, both days
/// included, or indefinitely while <see cref="EndsOn"/> is null. While active, the person may be neither assessor nor
/// decision maker of an assessment of that organisation's declarations. A cooling-off period is expressed by
/// choosing <see cref="EndsOn"/> accordingly.
/// </summary>
public sealed class ConflictOfInterest
{
    public const int MaxReasonLength = 2000;

    private ConflictOfInterest()
    {
        Reason = string.Empty;
    }

    public ConflictOfInterestId Id { get; private set; }

    public UserId UserId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The declarant's own words; trimmed, 1–<see cref="MaxReasonLength"/> characters.</summary>
    public string Reason { get; private set; }

    /// <summary>The first day the conflict counts.</summary>
    public DateOnly DeclaredOn { get; private set; }

    /// <summary>The last day the conflict counts; null while it has no end.</summary>
    public DateOnly? EndsOn { get; private set; }

    /// <summary>
    /// Declares a conflict. Returns <c>conflict.reason-required</c>, <c>conflict.reason-too-long</c>, or
    /// <c>conflict.end-before-start</c> when <paramref name="endsOn"/> lies before <paramref name="declaredOn"/>.
    /// </summary>
    public static Result<ConflictOfInterest> Declare(UserId user, OrganisationId organisation, string? reason, DateOnly declaredOn, DateOnly? endsOn = null)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return AssessmentErrors.ConflictReasonRequired();
        if (reason.Length > MaxReasonLength) return AssessmentErrors.TextTooLong("reason", MaxReasonLength);
        if (endsOn < declaredOn) return AssessmentErrors.ConflictEndBeforeStart(declaredOn, endsOn.Value);
        return new ConflictOfInterest
        {
            Id = ConflictOfInterestId.New(),
            UserId = user,
            OrganisationId = organisation,
            Reason = reason,
            DeclaredOn = declaredOn,
            EndsOn = endsOn,
        };
    }

    /// <summary>Ends the conflict: <paramref name="lastDay"/> is the last day it counts. Returns <c>conflict.end-before-start</c> when it lies before <see cref="DeclaredOn"/>.</summary>
    public Result<Done> End(DateOnly lastDay)
    {
        if (lastDay < DeclaredOn) return AssessmentErrors.ConflictEndBeforeStart(DeclaredOn, lastDay);
        EndsOn = lastDay;
        return Done.Value;
    }

    /// <summary>True when the conflict counts on <paramref name="day"/>: on or after <see cref="DeclaredOn"/> and not after <see cref="EndsOn"/>.</summary>
    public bool IsActiveOn(DateOnly day) => day >= DeclaredOn && (EndsOn is null || day <= EndsOn);

    /// <summary>True when the conflict is <paramref name="user"/>'s towards <paramref name="organisation"/> and active on <paramref name="day"/>.</summary>
    public bool Concerns(UserId user, OrganisationId organisation, DateOnly day) =>
        UserId == user && OrganisationId == organisation && IsActiveOn(day);
}

/// <summary>The independence rules for staffing an assessment.</summary>
public static class Independence
{
    /// <summary>
    /// Success unless one of <paramref name="conflicts"/> is <paramref name="user"/>'s towards <paramref name="organisation"/>
    /// and active on <paramref name="day"/>; then <c>assessment.conflict-of-interest</c> (<see cref="ForbiddenError"/>)
    /// quoting the declared reason.
    /// </summary>
    public static Result<Done> CheckConflicts(UserId user, OrganisationId organisation, IEnumerable<ConflictOfInterest> conflicts, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var conflict = conflicts.FirstOrDefault(c => c.Concerns(user, organisation, day));
        return conflict is null ? Done.Value : AssessmentErrors.ConflictOfInterest(conflict);
    }
}
