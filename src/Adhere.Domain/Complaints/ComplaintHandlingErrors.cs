using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>
/// The expected failures of handling a complaint beyond its lifecycle: topics, conflicts of interest and the ad-hoc
/// assessment opened from it. Codes are stable (<c>complaint.*</c>, listed in docs/errors.md); messages may change.
/// </summary>
public static class ComplaintHandlingErrors
{
    public static ConflictError NotOpen(ComplaintStatus status) =>
        new("complaint.not-open", $"The complaint is '{status}': topics are set while it is open (received, in the admissibility check or under investigation).");

    public static InvalidError TopicInvalid() =>
        new("complaint.topic-invalid", $"Topics are catalogue topic tags (such as 'transfers') of 1–{Complaint.MaxTopicLength} characters, none blank.", "topics");

    public static InvalidError TooManyTopics() =>
        new("complaint.too-many-topics", $"A complaint carries at most {Complaint.MaxTopics} topics.", "topics");

    /// <param name="provider">The provider's name.</param>
    /// <param name="reason">The reason given when the conflict was declared.</param>
    public static ForbiddenError ConflictOfInterest(string provider, string reason) =>
        new("complaint.conflict-of-interest",
            $"You declared a conflict of interest towards {provider} ({reason}); another member of staff must handle complaints about it.");

    /// <param name="what">What the caller tried, such as "set a complaint's topics".</param>
    public static ForbiddenError HandlersOnly(string what) =>
        new("complaint.role-not-allowed", $"Only MB assessors and decision makers who handle complaints may {what}.");

    public static ConflictError NotUnderInvestigation(ComplaintStatus status) =>
        new("complaint.not-under-investigation", $"An ad-hoc assessment is opened from a complaint under investigation; this one is '{status}'.");

    public static ConflictError NoRegisterEntry() =>
        new("complaint.no-register-entry", "The complaint names no register entry (no Verification-ID was chosen), so there is no declaration to assess.");

    public static ConflictError DeclarationNotListed(string verificationId, string status) =>
        new("complaint.declaration-not-listed", $"The register entry {verificationId} is '{status}', not listed: an ad-hoc assessment concerns a listed declaration.");

    public static ConflictError TopicsRequired() =>
        new("complaint.topics-required", "Tag the complaint with at least one topic first: they become the assessment's attention topics.");

    public static ConflictError AssessmentRunning(Guid assessment) =>
        new("complaint.assessment-running", $"Assessment {assessment} of this declaration is still running; finish or cancel it before opening another.");
}
