namespace Adhere.Domain.Complaints;

/// <summary>Where a complaint stands. <see cref="Received"/> is the start; no status is final (see <see cref="ComplaintLifecycle"/>).</summary>
public enum ComplaintStatus
{
    /// <summary>Filed, not yet looked at by the Monitoring Body.</summary>
    Received,

    /// <summary>The MB checks whether the complaint is one it must handle.</summary>
    AdmissibilityCheck,

    /// <summary>Admissible (or appealed, or reopened): the MB investigates.</summary>
    Investigation,

    /// <summary>Not handled further, for a <see cref="DismissalReason"/>; may be appealed or reopened.</summary>
    Dismissed,

    /// <summary>A <see cref="ComplaintFinding"/> was made; may be appealed, or closed.</summary>
    Decided,

    /// <summary>Handling has ended; may be appealed or reopened.</summary>
    Closed,
}

/// <summary>The moves of the complaint state machine.</summary>
public enum ComplaintTrigger
{
    StartAdmissibilityCheck,
    Admit,
    Dismiss,
    Decide,
    Close,
    Appeal,
    Reopen,
}

/// <summary>Why a complaint was not handled further.</summary>
public enum DismissalReason
{
    /// <summary>The matter lies outside what the Code covers.</summary>
    OutsideScope,

    /// <summary>The service concerned is not declared adherent to the Code.</summary>
    NotAboutAdherentService,

    /// <summary>The complaint is abusive or plainly without foundation.</summary>
    AbusiveOrManifestlyUnfounded,

    /// <summary>The complainant did not answer the MB's questions within their window.</summary>
    LackOfCooperation,
}

/// <summary>The outcome of an investigation.</summary>
public enum ComplaintFinding
{
    Unfounded,
    Founded,
}

/// <summary>In which capacity the complainant complains.</summary>
public enum ComplainantRole
{
    /// <summary>A customer of the cloud service provider.</summary>
    Customer,

    /// <summary>A person whose personal data the service processes.</summary>
    DataSubject,

    /// <summary>Another cloud service provider.</summary>
    Csp,

    Other,
}
