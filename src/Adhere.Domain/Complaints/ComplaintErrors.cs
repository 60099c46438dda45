using Adhere.Domain.Accounts;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>The expected failures of complaints. Codes are stable (<c>complaint.*</c>, listed in docs/errors.md); messages may change.</summary>
public static class ComplaintErrors
{
    public static ConflictError TransitionNotAllowed(ComplaintStatus from, ComplaintTrigger trigger, IReadOnlyList<ComplaintTrigger> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return new("complaint.transition-not-allowed",
            $"'{trigger}' is not possible for a complaint in status '{from}'; allowed from there: {string.Join(", ", allowed)}.");
    }

    public static ForbiddenError RoleNotAllowed(Role actor, ComplaintTrigger trigger, IReadOnlyList<Role> allowed)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(allowed);
        var who = allowed.Count == 0 ? "nobody" : string.Join(", ", allowed.Select(r => r.Name));
        return new("complaint.role-not-allowed", $"The role '{actor.Name}' may not fire '{trigger}' on a complaint; that is for {who}.");
    }

    public static InvalidError ReasonRequired(ComplaintTrigger trigger) =>
        new("complaint.reason-required", $"'{trigger}' needs its reasons in words; they are kept with the case.", "reason");

    public static InvalidError ReasonTooLong() =>
        new("complaint.reason-too-long", $"The reasons may have at most {Complaint.MaxReasonLength} characters.", "reason");

    public static InvalidError DismissalReasonInvalid() =>
        new("complaint.dismissal-reason-invalid", "Choose why the complaint is dismissed: outside-scope, not-about-adherent-service, abusive-or-manifestly-unfounded or lack-of-cooperation.", "dismissalReason");

    public static InvalidError FindingInvalid() =>
        new("complaint.finding-invalid", "Choose the finding: unfounded or founded.", "finding");

    public static InvalidError ConductRequired() =>
        new("complaint.conduct-required", "Describe the conduct you complain about.", "conduct");

    public static InvalidError ConductTooLong() =>
        new("complaint.conduct-too-long", $"The description may have at most {Complaint.MaxConductLength:N0} characters; attach longer texts as files.", "conduct");

    public static InvalidError RoleInvalid() =>
        new("complaint.role-invalid", "Choose in which role you complain: customer, data subject, cloud service provider or other.", "role");

    public static InvalidError EmailInvalid() =>
        new("complaint.email-invalid", "The e-mail address is not valid; leave it empty to complain anonymously.", "email");

    public static InvalidError NameTooLong() =>
        new("complaint.name-too-long", $"The name may have at most {Complaint.MaxNameLength} characters.", "name");

    public static InvalidError NameWithoutEmail() =>
        new("complaint.name-without-email", "Give an e-mail address with your name so that we can reach you, or leave both empty to complain anonymously.", "email");

    public static InvalidError TargetRequired() =>
        new("complaint.target-required", "Name the service or provider you complain about: a Verification-ID from the register, or the company's name.", "company");

    public static InvalidError TargetTooLong() =>
        new("complaint.target-too-long", $"Company and service names may have at most {Complaint.MaxTargetLength} characters each.", "company");

    public static InvalidError ReferenceInvalid() =>
        new("complaint.reference-invalid", "A complaint reference looks like C-2026-000123.", "reference");
}
