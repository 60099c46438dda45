using System.Globalization;
using System.Security;
using System.Text;

namespace Adhere.Core.Register.Mark;

/// <summary>
/// The compliance mark a listed provider shows on its website: an SVG drawn from a register entry's current status. Each
/// status has its own colour, symbol and words, so the mark never relies on colour alone; the accessible name
/// (<c>&lt;title&gt;</c> and <c>aria-label</c>) states the status in a sentence. The drawing is a pure function of the
/// verification answer and the day it is drawn on, so the same inputs give the same bytes (ETags, static exports). It
/// holds no script, no style sheet, no external reference and no font file; every text is XML-escaped.
/// </summary>
public static class ComplianceMark
{
    public const string ContentType = "image/svg+xml";

    /// <summary>The policy a browser should apply when the mark is opened directly: nothing loads, nothing runs.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'none'; script-src 'none'; frame-ancestors 'none'; sandbox";

    private const int Width = 340;
    private const int Height = 76;
    private const int LeftWidth = 86;

    /// <summary>How a status looks: background colour (white text on it has a contrast of at least 4.5:1), heading and symbol.</summary>
    private sealed record Look(string Colour, string Heading, string Symbol);

    // Symbols are simple strokes in a 14×14 box: a tick, a dash, two pause bars, a cross and a return arrow.
    private static Look LookOf(string status) => status switch
    {
        RegisterStatus.Valid => new("#1a7f37", "VALID", "M2 7.5 L5.5 11 L12 3"),
        RegisterStatus.Expired => new("#57606a", "EXPIRED", "M2 7 L12 7"),
        RegisterStatus.Suspended => new("#9a6700", "SUSPENDED", "M4.5 2 L4.5 12 M9.5 2 L9.5 12"),
        RegisterStatus.Revoked => new("#cf222e", "REVOKED", "M2.5 2.5 L11.5 11.5 M11.5 2.5 L2.5 11.5"),
        RegisterStatus.Withdrawn => new("#6639ba", "WITHDRAWN", "M12 7 L2 7 M6 3 L2 7 L6 11"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a register status."),
    };

    /// <summary>The line under the heading: until when it is valid, or since when it is not.</summary>
    public static string Validity(RegisterVerification answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Status switch
        {
            RegisterStatus.Valid => answer.ValidUntil is { } until ? $"valid until {Day(until)}" : "valid",
            RegisterStatus.Expired => answer.ValidUntil is { } until ? $"was valid until {Day(until)}" : "expired",
            _ => answer.Since is { } since ? $"{answer.Status} since {Day(since)}" : answer.Status,
        };
    }

    /// <summary>The accessible name: who, which ID, which level, the status in words, and the day the mark was drawn.</summary>
    public static string Describe(RegisterVerification answer, DateOnly drawnOn)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var company = answer.Company.Length > 0 ? $" of {answer.Company}" : string.Empty;
        var adherence = answer.Status == RegisterStatus.Valid ? "Adherence is valid" : $"Adherence is NOT valid: {answer.Status}";
        return string.Create(CultureInfo.InvariantCulture,
            $"Compliance mark{company}, Verification-ID {answer.VerificationId}, Level of Compliance {answer.Level}. {adherence} ({Validity(answer)}). Register status as of {Day(drawnOn)}.");
    }

    public static byte[] DrawUtf8(RegisterVerification answer, DateOnly drawnOn) => new UTF8Encoding(false).GetBytes(Draw(answer, drawnOn));

    /// <summary>The SVG document, UTF-8 text with \n line ends.</summary>
    public static string Draw(RegisterVerification answer, DateOnly drawnOn)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var look = LookOf(answer.Status);
        var label = Escape(Describe(answer, drawnOn));
        var level = answer.Level.ToString(CultureInfo.InvariantCulture);
        const int rx = LeftWidth + 12;
        var svg = new StringBuilder();
        void Line(string text) => svg.Append(text).Append('\n');

        Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{label}\" data-status=\"{Escape(answer.Status)}\">");
        Line($"<title>{label}</title>");
        Line($"<rect width=\"{Width}\" height=\"{Height}\" rx=\"6\" fill=\"{look.Colour}\"/>");
        Line($"<path d=\"M6 0 H{LeftWidth} V{Height} H6 A6 6 0 0 1 0 {Height - 6} V6 A6 6 0 0 1 6 0 Z\" fill=\"#24292f\"/>");
        Line("<g fill=\"#ffffff\" font-family=\"Verdana, 'DejaVu Sans', Arial, sans-serif\">");
        Line($"<text x=\"{LeftWidth / 2}\" y=\"18\" font-size=\"10\" text-anchor=\"middle\">GDPR CoC</text>");
        Line($"<text x=\"{LeftWidth / 2}\" y=\"48\" font-size=\"26\" font-weight=\"bold\" text-anchor=\"middle\">{level}</text>");
        Line($"<text x=\"{LeftWidth / 2}\" y=\"66\" font-size=\"10\" text-anchor=\"middle\">Level {level}</text>");
        Line($"<text x=\"{rx + 20}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Escape(look.Heading)}</text>");
        Line($"<text x=\"{rx}\" y=\"40\" font-size=\"11\">{Escape(Validity(answer))}</text>");
        Line($"<text x=\"{rx}\" y=\"55\" font-size=\"11\">ID {Escape(answer.VerificationId)}</text>");
        Line($"<text x=\"{rx}\" y=\"69\" font-size=\"9\">register status as of {Day(drawnOn)}</text>");
        Line("</g>");
        Line($"<path d=\"{look.Symbol}\" transform=\"translate({rx} 10)\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2.2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>");
        Line("</svg>");
        return svg.ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // SecurityElement.Escape covers < > & " '; control characters are dropped, since XML 1.0 forbids most of them.
    private static string Escape(string text) =>
        SecurityElement.Escape(new string([.. text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')]))!;
}
