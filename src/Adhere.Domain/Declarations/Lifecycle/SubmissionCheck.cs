namespace Adhere.Domain.Declarations.Lifecycle;

/// <summary>
/// What a draft holds when the provider asks to submit it, as <see cref="SubmissionCheck"/> needs it.
/// </summary>
/// <param name="ControlKeys">The keys of the catalogue version the declaration answers, in catalogue order. Every one needs an answer.</param>
/// <param name="Answers">The implementation statement per control key. A missing key, null, empty or whitespace-only text is unanswered; keys not in <paramref name="ControlKeys"/> are ignored (they are not submitted).</param>
/// <param name="Services">The services in scope.</param>
/// <param name="Certificates">The certificates cited; <see cref="CertificateFacts.HasAuditReport"/> says whether the audit report document is attached.</param>
/// <param name="HasContact">Whether a data protection contact is given.</param>
/// <param name="HasServiceAgreement">Whether at least one service agreement document is attached.</param>
/// <param name="RequestedLevel">The Level of Compliance the provider asks for; null until chosen.</param>
/// <param name="Renewal">The renewal statement when this is a renewal (<see cref="DeclarationKind.Renewal"/>); null for an initial declaration.</param>
public sealed record SubmissionDraft(
    IReadOnlyList<string> ControlKeys,
    IReadOnlyDictionary<string, string?> Answers,
    IReadOnlyList<DeclaredService> Services,
    IReadOnlyList<CertificateFacts> Certificates,
    bool HasContact,
    bool HasServiceAgreement,
    ComplianceLevel? RequestedLevel,
    RenewalStatement? Renewal = null)
{
    public DeclarationKind Kind => Renewal is null ? DeclarationKind.Initial : DeclarationKind.Renewal;
}

/// <summary>
/// What a provider states when renewing. Removed and added services are worked out by <see cref="ServiceId"/> against
/// <paramref name="PreviousServices"/>, so a renamed service is neither.
/// </summary>
/// <param name="PreviousServices">The services of the last verified declaration this one renews.</param>
/// <param name="NoMaterialChange">The provider confirms there has been no material change since the last verification.</param>
/// <param name="ChangeDescription">Otherwise, what changed. Exactly one of the two must be given.</param>
/// <param name="RemovalReasons">Why each removed service left the scope, by its ID.</param>
/// <param name="SameFamilyConfirmed">The added services the provider confirms belong to the same service family.</param>
public sealed record RenewalStatement(
    IReadOnlyList<DeclaredService> PreviousServices,
    bool NoMaterialChange,
    string? ChangeDescription,
    IReadOnlyDictionary<ServiceId, string> RemovalReasons,
    IReadOnlySet<ServiceId> SameFamilyConfirmed);

/// <summary>One thing that keeps a draft from being submitted.</summary>
/// <param name="Code">Stable, such as <c>submission.control-unanswered</c>; the UI branches on it.</param>
/// <param name="Subject">What it is about, for display: a control key, a service name (its ID when unnamed) or a
/// certificate number (its ID when unnumbered); null when it concerns the declaration as a whole.</param>
public sealed record SubmissionProblem(string Code, string Message, string? Subject);

/// <summary>
/// The completeness check before submission. It lists everything missing at once, so that a provider can fix the
/// draft in one pass, in this stable order (within a group, in the order of the draft's lists; controls in catalogue order):
/// <list type="number">
/// <item><c>submission.no-services</c>: no service in scope.</item>
/// <item><c>submission.service-name-missing</c>, then <c>submission.service-category-missing</c>: per service.</item>
/// <item><c>submission.control-unanswered</c>: per control without a statement; each message says how many are unanswered.</item>
/// <item><c>submission.certificate-audit-report-missing</c>, then <c>submission.certificate-dates-invalid</c> (expiry before issue): per certificate.</item>
/// <item><c>submission.contact-missing</c>, <c>submission.service-agreement-missing</c>.</item>
/// <item><c>submission.level-missing</c>, or <c>submission.level-needs-certificates</c> when Level 2 or 3 is requested without any certificate.</item>
/// <item>For renewals: <c>submission.renewal-change-unconfirmed</c> (neither 'no material change' nor a description) or
/// <c>submission.renewal-change-contradictory</c> (both); <c>submission.removed-service-reason-missing</c> per removed service
/// (in the previous declaration's order); <c>submission.added-service-family-unconfirmed</c> per added service.</item>
/// </list>
/// An empty list means the draft may be submitted. Whether the evidence supports the level is not checked here.
/// </summary>
public static class SubmissionCheck
{
    public static IReadOnlyList<SubmissionProblem> Run(SubmissionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<SubmissionProblem>();
        void Add(string code, string message, string? subject = null) => problems.Add(new SubmissionProblem(code, message, subject));

        if (draft.Services.Count == 0) Add("submission.no-services", "No service is in scope; declare at least one service.");
        foreach (var s in draft.Services.Where(s => IsBlank(s.Name)))
        {
            Add("submission.service-name-missing", $"The service {s.Id} has no name.", Label(s));
        }

        foreach (var s in draft.Services.Where(s => IsBlank(s.Category)))
        {
            Add("submission.service-category-missing", $"The service '{Label(s)}' has no category.", Label(s));
        }

        var unanswered = draft.ControlKeys.Where(k => !draft.Answers.TryGetValue(k, out var text) || IsBlank(text)).ToList();
        foreach (var key in unanswered)
        {
            Add("submission.control-unanswered", $"Control {key} has no implementation statement ({unanswered.Count} of {draft.ControlKeys.Count} controls are unanswered).", key);
        }

        foreach (var c in draft.Certificates.Where(c => !c.HasAuditReport))
        {
            Add("submission.certificate-audit-report-missing", $"Certificate '{Label(c)}' has no audit report attached.", Label(c));
        }

        foreach (var c in draft.Certificates.Where(c => c.ExpiresOn < c.IssuedOn))
        {
            Add("submission.certificate-dates-invalid", $"Certificate '{Label(c)}' expires ({Iso(c.ExpiresOn)}) before it was issued ({Iso(c.IssuedOn)}).", Label(c));
        }

        if (!draft.HasContact) Add("submission.contact-missing", "No data protection contact is given.");
        if (!draft.HasServiceAgreement) Add("submission.service-agreement-missing", "No service agreement document is attached.");

        if (draft.RequestedLevel is null)
        {
            Add("submission.level-missing", "No Level of Compliance is requested.");
        }
        else if (draft.RequestedLevel > ComplianceLevel.First && draft.Certificates.Count == 0)
        {
            Add("submission.level-needs-certificates", $"Level {(int)draft.RequestedLevel} needs third-party evidence, but no certificate is cited.");
        }

        if (draft.Renewal is { } renewal) CheckRenewal(draft, renewal, Add);

        return problems;
    }

    private static void CheckRenewal(SubmissionDraft draft, RenewalStatement renewal, Action<string, string, string?> add)
    {
        var described = !IsBlank(renewal.ChangeDescription);
        if (!renewal.NoMaterialChange && !described)
        {
            add("submission.renewal-change-unconfirmed", "Confirm that there has been no material change since the last verification, or describe the change.", null);
        }
        else if (renewal.NoMaterialChange && described)
        {
            add("submission.renewal-change-contradictory", "'No material change' is confirmed and a change is described; keep only one.", null);
        }

        var current = draft.Services.Select(s => s.Id).ToHashSet();
        foreach (var s in renewal.PreviousServices.Where(s => !current.Contains(s.Id)))
        {
            if (!renewal.RemovalReasons.TryGetValue(s.Id, out var reason) || IsBlank(reason))
            {
                add("submission.removed-service-reason-missing", $"The service '{Label(s)}' was in the last verified declaration; give the reason for removing it.", Label(s));
            }
        }

        var previous = renewal.PreviousServices.Select(s => s.Id).ToHashSet();
        foreach (var s in draft.Services.Where(s => !previous.Contains(s.Id) && !renewal.SameFamilyConfirmed.Contains(s.Id)))
        {
            add("submission.added-service-family-unconfirmed", $"The service '{Label(s)}' is new; confirm that it belongs to the same service family.", Label(s));
        }
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string Label(DeclaredService s) => IsBlank(s.Name) ? s.Id.ToString() : s.Name.Trim();

    private static string Label(CertificateFacts c) => IsBlank(c.Number) ? c.Id.ToString() : c.Number.Trim();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
