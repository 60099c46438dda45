using Adhere.Domain.Assessments;
using Adhere.Domain.Assessments.Selection;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Assessments;

/// <summary>
/// The Monitoring Body's assessment settings, from the <c>Assessments</c> section: <c>BodyCode</c> (the MB's code in
/// Verification-IDs, 2–20 capital letters, default <c>ADHERE</c>), <c>Clarifications:DefaultDueDays</c> (14) and
/// <c>Clarifications:ReminderDaysBefore</c> (3), and the sampling rules under <c>Selection</c>:
/// <c>InitialMinimumShare</c> (0.30), <c>CycleYears</c> (3), <c>ExtraShare</c> (0.10), <c>AdHocIncludesWeakEvidence</c> (false).
/// </summary>
public sealed record AssessmentSettings(string BodyCode, ClarificationSettings Clarifications, SelectionSettings Selection)
{
    public static AssessmentSettings Default { get; } = new("ADHERE", ClarificationSettings.Default, SelectionSettings.Default);

    /// <exception cref="InvalidOperationException">A setting is out of range: a configuration error, reported at start-up.</exception>
    public static AssessmentSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Assessments");
        var code = (section["BodyCode"] ?? Default.BodyCode).Trim();
        if (code.Length is < 2 or > 20 || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            throw new InvalidOperationException("Assessments:BodyCode must be 2 to 20 capital letters A–Z (the Monitoring Body's code in Verification-IDs).");
        }

        var clarifications = new ClarificationSettings(
            section.GetValue("Clarifications:DefaultDueDays", ClarificationSettings.Default.DefaultDueDays),
            section.GetValue("Clarifications:ReminderDaysBefore", ClarificationSettings.Default.ReminderDaysBefore));
        var selection = new SelectionSettings(
            section.GetValue("Selection:InitialMinimumShare", SelectionSettings.Default.InitialMinimumShare),
            section.GetValue("Selection:CycleYears", SelectionSettings.Default.CycleYears),
            section.GetValue("Selection:ExtraShare", SelectionSettings.Default.ExtraShare),
            section.GetValue("Selection:AdHocIncludesWeakEvidence", SelectionSettings.Default.AdHocIncludesWeakEvidence));
        try
        {
            clarifications.Validate();
            selection.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidOperationException($"Assessments: {e.Message}", e);
        }

        return new AssessmentSettings(code, clarifications, selection);
    }
}
