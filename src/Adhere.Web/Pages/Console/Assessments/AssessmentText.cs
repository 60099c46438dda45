using System.Globalization;

namespace Adhere.Web.Pages.Console.Assessments;

/// <summary>Words for the assessment pages: kebab-case phases and actions as readable text, day counts.</summary>
public static class AssessmentText
{
    /// <summary>"in-depth-review-awaiting-clarification" → "in-depth review, waiting for the provider".</summary>
    public static string Phase(string? phase) => phase switch
    {
        null => "not opened",
        "fact-finding" => "fact finding",
        "fact-finding-awaiting-clarification" => "fact finding, waiting for the provider",
        "in-depth-review" => "in-depth review",
        "in-depth-review-awaiting-clarification" => "in-depth review, waiting for the provider",
        "decision-pending" => "decision pending",
        _ => Words(phase),
    };

    /// <summary>"not-satisfied" → "not satisfied".</summary>
    public static string Words(string? kebab) => (kebab ?? string.Empty).Replace('-', ' ');

    /// <summary>A PascalCase enum name as lower-case words ("ServiceAgreementPresent" → "service agreement present").</summary>
    public static string Words(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Concat(value.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
    }

    /// <summary>A PascalCase enum name in the kebab-case the use cases read ("NotSatisfied" → "not-satisfied").</summary>
    public static string Kebab(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Adhere.Domain.Common.EnumNames.Kebab(value.ToString());
    }

    /// <summary>Why a control is in the selection, from the selection's reason code ("weak-evidence" → "weak evidence").</summary>
    public static string SelectionReason(string? code) => code switch
    {
        "attention" => "attention topic",
        "rotation" => "due in the rotation",
        "weak-evidence" => "weak evidence",
        "random" => "random draw",
        "assessor" => "chosen by the assessor",
        _ => Words(code),
    };

    public static string Days(int days) => days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
}
