using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;

namespace Adhere.Domain.Complaints;

/// <summary>
/// Records that an ad-hoc assessment was opened because of a complaint: the complaint's case shows the assessment and
/// the assessment shows the complaint, and the assessment's control selection takes the complaint's
/// <see cref="Complaint.Topics"/> as attention topics. A complaint may lead to several assessments over time (one at a
/// time per declaration), so this is a row of its own rather than a field of either side.
/// </summary>
public sealed class ComplaintAssessmentLink
{
    private ComplaintAssessmentLink()
    {
    }

    public Guid Id { get; private set; }

    public ComplaintId ComplaintId { get; private set; }

    public AssessmentId AssessmentId { get; private set; }

    public UserId LinkedBy { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    public static ComplaintAssessmentLink Create(ComplaintId complaint, AssessmentId assessment, UserId by, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), ComplaintId = complaint, AssessmentId = assessment, LinkedBy = by, LinkedAt = at };
}
