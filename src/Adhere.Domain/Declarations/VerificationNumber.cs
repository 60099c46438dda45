using System.Globalization;
using System.Text.RegularExpressions;
using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations;

/// <summary>
/// A Verification-ID such as <c>2020LVL02SCOPE013</c>: the year of first verification, <c>LVL</c> with the two-digit
/// level, the Monitoring Body's code (letters) and a running number of at least three digits, unique per Monitoring
/// Body and never reused. A level change keeps year and number. Parsing is strict: upper case, no spaces.
/// </summary>
public sealed partial record VerificationNumber(int Year, ComplianceLevel Level, string BodyCode, int RunningNumber)
{
    /// <summary>The text form; the running number is padded to three digits.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}LVL{(int)Level:D2}{BodyCode}{RunningNumber:D3}");

    /// <summary>Parses <paramref name="text"/>, or returns <c>verification-id.invalid</c>.</summary>
    public static Result<VerificationNumber> Parse(string? text)
    {
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success) return Invalid(text);
        var year = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var level = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        if (level is < 1 or > 3 || year < 2000) return Invalid(text);
        if (!int.TryParse(match.Groups[4].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return Invalid(text);
        return new VerificationNumber(year, (ComplianceLevel)level, match.Groups[3].Value, number);
    }

    /// <summary>The same ID with another level (year, body and number kept), as after a level change.</summary>
    public VerificationNumber WithLevel(ComplianceLevel level) => this with { Level = level };

    private static InvalidError Invalid(string? text) => new("verification-id.invalid",
        $"'{text}' is not a Verification-ID: expected the year, LVL and a two-digit level 01–03, the Monitoring Body's code in capitals and a number of at least three digits, such as 2020LVL02SCOPE013.",
        "verificationId");

    [GeneratedRegex("^([0-9]{4})LVL([0-9]{2})([A-Z]{2,20})([0-9]{3,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
