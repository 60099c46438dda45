namespace Adhere.Domain.Declarations.Lifecycle;

/// <summary>
/// Where a Declaration of Adherence stands. The main path is
/// <see cref="Draft"/> → <see cref="Submitted"/> → <see cref="UnderAssessment"/> (paused by
/// <see cref="ClarificationRequested"/>) → <see cref="DecisionPending"/> → <see cref="Verified"/> or
/// <see cref="Rejected"/>; a verified declaration becomes <see cref="RenewalDue"/> and ends <see cref="Renewed"/>
/// (its verified renewal, a new declaration, takes over) or <see cref="Expired"/>. The numeric values are stable and
/// may be stored. Which moves are allowed, and by whom, is <see cref="DeclarationLifecycle"/>'s business.
/// </summary>
public enum DeclarationStatus
{
    /// <summary>The provider is writing it; the only state in which the provider edits freely.</summary>
    Draft = 1,

    /// <summary>Handed to the Monitoring Body, waiting for an assessor. Frozen for the provider.</summary>
    Submitted = 2,

    /// <summary>An assessor is examining it.</summary>
    UnderAssessment = 3,

    /// <summary>The assessment is paused until the provider answers the MB's clarification requests.</summary>
    ClarificationRequested = 4,

    /// <summary>The assessment is complete and waits for a decision maker.</summary>
    DecisionPending = 5,

    /// <summary>Verified at a Level of Compliance and listed in the public register.</summary>
    Verified = 6,

    /// <summary>Final: the decision maker did not verify it.</summary>
    Rejected = 7,

    /// <summary>Still verified and listed; the yearly renewal is due.</summary>
    RenewalDue = 8,

    /// <summary>Final: its renewal (a new declaration of kind <see cref="DeclarationKind.Renewal"/>) has been verified and replaces it.</summary>
    Renewed = 9,

    /// <summary>Final: its validity ended without a verified renewal.</summary>
    Expired = 10,

    /// <summary>Side state: the MB suspended it as a sanction; listed as suspended until reinstated or revoked.</summary>
    Suspended = 11,

    /// <summary>Final: the MB excluded it as a sanction.</summary>
    Revoked = 12,

    /// <summary>Final: the provider withdrew it.</summary>
    Withdrawn = 13,
}

/// <summary>
/// What moves a declaration from one <see cref="DeclarationStatus"/> to another. The numeric values are stable and
/// may be stored in the audit trail. Named <c>DeclarationTrigger</c> rather than <c>Trigger</c> so that it does not
/// clash with the triggers of ad-hoc assessments (complaints, media reports).
/// </summary>
public enum DeclarationTrigger
{
    /// <summary>The provider hands the draft to the MB (after <see cref="SubmissionCheck"/> found nothing missing).</summary>
    Submit = 1,

    /// <summary>An assessor takes up a submitted declaration.</summary>
    StartAssessment = 2,

    /// <summary>An assessor pauses the assessment to ask the provider questions.</summary>
    RequestClarification = 3,

    /// <summary>The assessment continues: after clarifications (assessor) or when the decision maker sends it back (decision maker).</summary>
    ResumeAssessment = 4,

    /// <summary>The assessor has finished and hands over to a decision maker.</summary>
    SendToDecision = 5,

    /// <summary>A decision maker verifies the declaration at a level.</summary>
    Verify = 6,

    /// <summary>A decision maker refuses verification.</summary>
    Reject = 7,

    /// <summary>The renewal window opens (the scheduled job, or an MB administrator by hand).</summary>
    MarkRenewalDue = 8,

    /// <summary>The declaration's renewal has been verified and replaces it.</summary>
    Renew = 9,

    /// <summary>The validity ended without a verified renewal (the scheduled job, or an MB administrator by hand).</summary>
    Expire = 10,

    /// <summary>Sanction: the listing is suspended.</summary>
    Suspend = 11,

    /// <summary>A suspension ends; the declaration is verified again.</summary>
    Reinstate = 12,

    /// <summary>Sanction: the declaration is excluded for good.</summary>
    Revoke = 13,

    /// <summary>The provider withdraws its declaration.</summary>
    Withdraw = 14,
}

/// <summary>How a declaration in a given status appears in the public register's list of adherent services.</summary>
public enum RegisterListing
{
    /// <summary>Not in the list (not yet verified, or ended).</summary>
    NotListed = 0,

    /// <summary>Listed as adherent.</summary>
    Adherent = 1,

    /// <summary>Listed, marked as suspended.</summary>
    Suspended = 2,
}
