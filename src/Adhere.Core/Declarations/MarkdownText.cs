using Ganss.Xss;
using Markdig;

namespace Adhere.Core.Declarations;

/// <summary>
/// Renders a provider's Markdown (implementation statements) as HTML that is safe to embed in a page. Two lines of
/// defence: Markdig escapes raw HTML in the source (<c>DisableHtml</c>), and the sanitiser then keeps only harmless
/// elements and attributes and drops links and images whose scheme is not http, https or mailto (such as
/// <c>javascript:</c>). The result is the same for the same input; it is not cached.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    // HtmlSanitizer's instance methods are thread-safe once configured; one shared instance avoids rebuilding its sets.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The HTML for <paramref name="markdown"/>; empty for null or blank text.</summary>
    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return string.Empty;
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        // Statements are text: no styling, no classes or IDs that could collide with the page's own.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("option");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links open as plain links that tell the target nothing about the portal.
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor) anchor.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }
}
