using System.Text.Encodings.Web;
using Adhere.Core.Register;
using Adhere.Core.Register.Mark;

namespace Adhere.Web.Register;

/// <summary>
/// The compliance mark as a page shows it, with the HTML a provider copies onto its own website: an image of the mark
/// linking to the register entry. The snippet's alt text names no status, since the pasted text stays while the image
/// follows the entry's status; the page's own image states the status it shows.
/// </summary>
public sealed record ComplianceMarkEmbed(string VerificationId, string BadgePath, string EntryUrl, string BadgeUrl, string PageAlt)
{
    public const int Width = 340;
    public const int Height = 76;

    /// <summary>Absolute URLs (<see cref="PublicOrigin"/>), so the snippet works wherever it is pasted.</summary>
    public static ComplianceMarkEmbed For(HttpRequest request, RegisterVerification answer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        var id = Uri.EscapeDataString(answer.VerificationId);
        var origin = PublicOrigin.For(request);
        return new(answer.VerificationId, $"{request.PathBase.ToUriComponent()}/register/{id}/badge.svg", $"{origin}/register/{id}",
            $"{origin}/register/{id}/badge.svg", ComplianceMark.Describe(answer, today));
    }

    public string SnippetAlt => $"GDPR code of conduct compliance mark, Verification-ID {VerificationId}: the linked register entry shows its current status";

    /// <summary>The HTML to paste; every value attribute-encoded.</summary>
    public string Snippet
    {
        get
        {
            var html = HtmlEncoder.Default;
            return $"<a href=\"{html.Encode(EntryUrl)}\"><img src=\"{html.Encode(BadgeUrl)}\" alt=\"{html.Encode(SnippetAlt)}\" width=\"{Width}\" height=\"{Height}\"></a>";
        }
    }
}
