using System.Globalization;
using System.Text.RegularExpressions;
using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>
/// The public reference of a complaint, such as <c>C-2026-000123</c>: <c>C</c>, the year of receipt and a running
/// number per year of at least six digits, never reused. Parsing accepts lower case and surrounding space.
/// </summary>
public sealed partial record ComplaintReference(int Year, int Number)
{
    /// <summary>Longest text form accepted (a nine-digit number).</summary>
    public const int MaxLength = 16;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"C-{Year:D4}-{Number:D6}");

    /// <summary>Parses <paramref name="text"/>, or returns <c>complaint.reference-invalid</c>.</summary>
    public static Result<ComplaintReference> Parse(string? text)
    {
        var match = Pattern().Match((text ?? string.Empty).Trim());
        if (!match.Success) return ComplaintErrors.ReferenceInvalid();
        var year = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        if (year < 2000 || number < 1) return ComplaintErrors.ReferenceInvalid();
        return new ComplaintReference(year, number);
    }

    [GeneratedRegex("^[Cc]-([0-9]{4})-([0-9]{6,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
