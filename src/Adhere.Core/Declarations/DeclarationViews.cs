using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Core.Declarations;

// The shapes pages and the API show. Enums travel as strings (the API serialises them so).

/// <summary>A declaration in a list.</summary>
public sealed record DeclarationSummary(
    Guid Id,
    Guid OrganisationId,
    string OrganisationName,
    string CodeName,
    string CodeVersion,
    IReadOnlyList<string> Modules,
    string Kind,
    DeclarationStatus Status,
    string? Title,
    int? RequestedLevel,
    int Services,
    int Certificates,
    int ControlsAnswered,
    int Controls,
    Guid? RenewsId,
    string? VerificationId,
    int? GrantedLevel,
    DateOnly? ValidUntil,
    bool FlaggedForReview,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt);

/// <summary>A declared service.</summary>
public sealed record DeclaredServiceView(Guid Id, string Name, string? Category, string? Family, string Status, bool SameFamilyConfirmed);

/// <summary>A service agreement document.</summary>
public sealed record AgreementView(Guid DocumentId, string FileName, string Kind);

/// <summary>How far the answers of one section are.</summary>
public sealed record SectionProgress(string Key, string Title, int Depth, int Controls, int Answered, int Backed);

/// <summary>The stored result of a certificate's checks.</summary>
public sealed record CertificateCheckView(
    string Outcome,
    DateTimeOffset CheckedAt,
    DateOnly DecisionDate,
    DateOnly ValidityEnd,
    string Validity,
    IReadOnlyList<ServiceScopeResult> Scope,
    IReadOnlyList<ControlMappingResult> Controls,
    IReadOnlyList<CertificateFinding> Findings);

/// <summary>A certificate with its latest check.</summary>
public sealed record CertificateView(
    Guid Id,
    Guid LineageId,
    string Standard,
    string? StandardVersion,
    string Number,
    string CertificationBody,
    string? AccreditationBody,
    string ScopeStatement,
    IReadOnlyList<Guid> CoveredServices,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    Guid? AuditReportDocumentId,
    IReadOnlyList<string> ClaimedControls,
    CertificateCheckView? Check);

/// <summary>The proposed Level of Compliance with its reasons.</summary>
public sealed record ProposalView(int Level, string Reason, string Explanation, IReadOnlyList<string> FullyBackedSections, IReadOnlyList<string> Warnings,
    int Controls, int Backed, decimal Share);

/// <summary>What the renewal statement says so far.</summary>
public sealed record RenewalView(Guid RenewsId, bool? NoMaterialChange, string? ChangeDescription,
    IReadOnlyList<RemovedServiceView> RemovedServices, RenewalDifference Difference);

/// <summary>A service of the renewed declaration no longer in scope, with the reason given (null: none yet).</summary>
public sealed record RemovedServiceView(Guid Id, string Name, string? Reason);

/// <summary>A certificate change notice.</summary>
public sealed record NoticeView(Guid Id, Guid DeclarationId, Guid OrganisationId, string OrganisationName, Guid CertificateId, string CertificateNumber,
    string Standard, string Kind, string Description, DateOnly? NewExpiresOn, Guid? DocumentId, DateTimeOffset ReportedAt, string ReportedBy,
    DateTimeOffset? ReviewedAt, string? ReviewedBy, string? ReviewNote);

/// <summary>A verification of the declaration (issued here or carried over).</summary>
public sealed record VerificationView(string VerificationId, int Level, DateOnly ApprovedOn, DateOnly ValidUntil, Guid? ReportDocumentId, string Source);

/// <summary>Everything about one declaration on one page.</summary>
public sealed record DeclarationDetails(
    DeclarationSummary Summary,
    string? ContactName,
    string? ContactEmail,
    IReadOnlyList<DeclaredServiceView> Services,
    IReadOnlyList<AgreementView> Agreements,
    IReadOnlyList<SectionProgress> Sections,
    IReadOnlyList<CertificateView> Certificates,
    ProposalView Proposal,
    IReadOnlyList<ProblemItem> SubmissionProblems,
    IReadOnlyList<string> AllowedActions,
    RenewalView? Renewal,
    IReadOnlyList<NoticeView> Notices,
    IReadOnlyList<VerificationView> Verifications);

/// <summary>One control with the provider's answer.</summary>
public sealed record AnswerView(
    string ControlKey,
    string Title,
    string Requirement,
    string? Guidance,
    string SectionKey,
    string TopSection,
    string? Statement,
    string? Measures,
    IReadOnlyList<Guid> DocumentIds,
    IReadOnlyList<BackingView> Certificates,
    string EvidenceBasis,
    bool IsAnswered,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

/// <summary>A certificate cited for a control, and whether it backs it after the checks.</summary>
public sealed record BackingView(Guid CertificateId, string Standard, string Number, bool Backs);
