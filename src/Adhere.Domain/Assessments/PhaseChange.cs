using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Assessments;

/// <summary>
/// One entry of an assessment's history: a phase change (or the opening, when <see cref="Action"/> is null), who made
/// it in which role, and what it did to the declaration. The use case writes each to the audit trail with
/// <see cref="ToAuditEntry"/>.
/// </summary>
/// <param name="From">The phase before; null for the opening.</param>
/// <param name="DeclarationFrom">The declaration's status before; equal to <paramref name="DeclarationTo"/> when no trigger was fired.</param>
/// <param name="Note">The reason given (send back, rejection, cancellation), if any.</param>
public sealed record PhaseChange(
    AssessmentAction? Action,
    AssessmentPhase? From,
    AssessmentPhase To,
    DeclarationTrigger? Trigger,
    DeclarationStatus DeclarationFrom,
    DeclarationStatus DeclarationTo,
    UserId By,
    Role Role,
    DateTimeOffset At,
    string? Note = null)
{
    /// <summary>The audit action name: <c>assessment.opened</c>, <c>assessment.complete-fact-finding</c>, <c>assessment.approve</c> …</summary>
    public string AuditAction => Action is { } action ? "assessment." + Kebab(action.ToString()) : "assessment.opened";

    /// <summary>The audit entry for this change of assessment <paramref name="assessment"/> of organisation <paramref name="organisation"/>.</summary>
    public AuditEntry ToAuditEntry(AssessmentId assessment, Guid organisation, string actorName)
    {
        ArgumentNullException.ThrowIfNull(actorName);
        var changes = AuditChanges.None.Set("phase", From?.ToString(), To.ToString());
        if (DeclarationFrom != DeclarationTo) changes = changes.Set("declarationStatus", DeclarationFrom.ToString(), DeclarationTo.ToString());
        if (Note is not null) changes = changes.Added("note", Note);
        return new AuditEntry($"user:{By.Value}", actorName, AuditAction, "assessment", assessment.ToString(), organisation, changes);
    }

    private static string Kebab(string name) => Common.EnumNames.Kebab(name);
}
