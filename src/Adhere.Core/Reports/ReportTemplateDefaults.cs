namespace Adhere.Core.Reports;

/// <summary>One fixed passage of the report: its key, what it is for, and our default (English) wording.</summary>
public sealed record ReportPassage(string Key, string Description, string Text);

/// <summary>
/// Adhere's own default wording of the report's fixed passages. Placeholders in braces are filled from the assessment;
/// <c>{totalPages}</c> becomes the page count of the rendered report.
/// </summary>
public static class ReportTemplateDefaults
{
    /// <summary>The placeholders a passage may use.</summary>
    public static IReadOnlySet<string> PlaceholderNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "company", "verificationId", "codeName", "codeVersion", "monitoringBody", "approvedOn", "validUntil", "level", "totalPages",
    };

    public static IReadOnlyList<ReportPassage> Passages { get; } =
    [
        new("title", "The title on the cover.", "Verification of a Declaration of Adherence"),
        new("code-version", "Section 1: the Code and version the declaration was checked against.",
            "{company} declared adherence to {codeName} in its version {codeVersion}. {monitoringBody} checked the declaration against exactly that version; requirements of other versions were not part of this verification."),
        new("services-intro", "Section 2: the sentence before the declared services.",
            "{company} named the services below as covered by its declaration. The grouping into categories and the service names are the provider's own; listing them here is not an opinion of {monitoringBody} about the services."),
        new("background-approval", "Section 3.1: approval of the Code and accreditation of the Monitoring Body.",
            "{codeName} is a code of conduct under Article 40 of the GDPR for providers of cloud services acting as processors. The competent supervisory authority approved it, and accredited {monitoringBody} under Article 41 to monitor that providers who declare adherence keep to it."),
        new("background-principles", "Section 3.2: the principles the verification follows.",
            "A verification looks at what the provider states and at the evidence behind it. {monitoringBody} works independently of the providers it monitors, treats every provider by the same rules, and records each step so that the outcome can be traced."),
        new("background-safeguards", "Section 3.3: the safeguards that support compliance.",
            "Compliance does not rest on this verification alone: the provider answers every requirement of the Code, third-party certificates can back individual answers, complaints can be raised at any time, and {monitoringBody} repeats its review every year."),
        new("background-process", "Section 3.4: the verification process step by step.",
            "After the declaration is submitted, an assessor first checks that it is complete and that the cited certificates are valid and in scope (fact finding). A sample of controls is then drawn and examined in depth, and questions go to the provider with a deadline. A decision maker who did not assess the declaration decides on the outcome."),
        new("background-levels", "Section 3.4.1: the levels of compliance.",
            "The Code knows three levels. At the first level the provider's own statements have been verified by {monitoringBody}. At the second level parts of the requirements are in addition backed by third-party certificates or audits. At the third level all requirements are backed by such evidence."),
        new("background-decision", "Section 3.4.2: how the final level is decided.",
            "The level follows from the evidence found. The assessor proposes a level; the decision maker grants that level or, giving reasons, another one."),
        new("background-transparency", "Section 3.5: publication of the outcome.",
            "Each verified declaration is listed in the public register of {codeName} under its Verification-ID, together with this report, so that customers can check what was verified and until when."),
        new("assessment-intro", "Section 4: the sentence opening the assessment.",
            "This section sets out how {monitoringBody} assessed the services of {company} listed in section 2."),
        new("fact-finding", "Section 4.1: the sentence before the fact-finding results.",
            "During fact finding the assessor checked the declaration for completeness and consistency and reviewed the certificates the provider relies on."),
        new("renewal-confirmation", "Section 4.1, renewals: the provider's confirmation that nothing material changed.",
            "For this renewal {company} confirmed that its services, contracts and measures did not change in a way that matters for adherence since the previous verification. The comparison with last year's declared services follows."),
        new("selection", "Section 4.2: the sentence before the summary of the selection.",
            "Not every control is examined in depth every year. The controls below were selected by the Monitoring Body's documented method, which combines current topics of attention, rotation over the years, weak evidence and a random share."),
        new("examined-controls", "Section 4.3.1: the sentence before the table of examined controls.",
            "The table lists each control examined in depth, why it was selected and the result."),
        new("findings", "Section 4.3.2: the sentence before the findings.",
            "The findings of {monitoringBody} on the examined controls and topics are summarised below."),
        new("conclusion", "Section 5: the conclusion.",
            "Based on the assessment above, {monitoringBody} confirms that the services of {company} listed in section 2 adhere to {codeName} {codeVersion} at Level {level}."),
        new("validity", "Section 6: validity, with the page count and the Verification-ID.",
            "This verification is valid until {validUntil}, provided the annual reviews are passed. This report comprises {totalPages}. Its Verification-ID is {verificationId}."),
    ];

    public static ReportPassage? Find(string key) => Passages.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));
}
