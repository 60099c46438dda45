using Adhere.Domain.Complaints;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Complaints;

/// <summary>
/// Reads <see cref="ComplaintSettings"/> from the <c>Complaints</c> section: <c>AcknowledgeWorkingDays</c> (5),
/// <c>DecisionMonths</c> (3), <c>ComplainantAnswerDays</c> (14) and <c>CspAnswerDays</c> (14).
/// </summary>
public static class ComplaintConfiguration
{
    /// <exception cref="InvalidOperationException">A setting is out of range: a configuration error, reported at start-up.</exception>
    public static ComplaintSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Complaints");
        var d = ComplaintSettings.Default;
        var settings = new ComplaintSettings(
            section.GetValue("AcknowledgeWorkingDays", d.AcknowledgeWorkingDays),
            section.GetValue("DecisionMonths", d.DecisionMonths),
            section.GetValue("ComplainantAnswerDays", d.ComplainantAnswerDays),
            section.GetValue("CspAnswerDays", d.CspAnswerDays));
        var problems = settings.Problems();
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", problems));
    }
}
