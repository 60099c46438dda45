using Adhere.Core.Declarations;

namespace Adhere.Web.Tests.Declarations;

/// <summary>The statement preview on the declaration pages: Markdown in, safe HTML out.</summary>
public sealed class DeclarationPagesMarkdownTests
{
    [Fact]
    public void ToSafeHtml_Markdown_RendersFormatting()
    {
        var html = MarkdownText.ToSafeHtml("We **encrypt** data.\n\n- at rest\n- in transit\n\n[Policy](https://provider.example/policy)");

        Assert.Contains("<strong>encrypt</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>at rest</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://provider.example/policy\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Text <script src=\"https://evil.example/x.js\"></script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void ToSafeHtml_RawHtml_IsEscapedNotExecuted(string markdown)
    {
        var html = MarkdownText.ToSafeHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](javascript:alert(1))")]
    public void ToSafeHtml_DangerousLinks_AreDropped(string markdown)
    {
        var html = MarkdownText.ToSafeHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToSafeHtml_JavascriptAutolink_KeepsTheTextOnly()
    {
        var html = MarkdownText.ToSafeHtml("<javascript:alert(1)>");

        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ToSafeHtml_Blank_IsEmpty(string? markdown) => Assert.Equal(string.Empty, MarkdownText.ToSafeHtml(markdown));
}
