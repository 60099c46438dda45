namespace Adhere.Domain.Reports;

/// <summary>
/// A verification report as renderer-neutral content: the cover facts, a running header and the body as a flat list of
/// blocks in reading order. HTML, Markdown and PDF are rendered from the same document, so they can never disagree.
/// Everything that would vary between two renderings (document ID, creation time) comes from the data, which makes
/// rendering deterministic.
/// </summary>
/// <param name="Cover">What the title page states.</param>
/// <param name="RunningHeader">The line repeated at the top of every page after the cover.</param>
/// <param name="Body">The content after the cover: a <see cref="TableOfContents"/> marker, then numbered headings and their blocks.</param>
/// <param name="CreatedAt">The document's creation time, taken from the data (the approval, or the last change of a draft).</param>
/// <param name="DocumentId">A stable identifier derived from the data (32 lowercase hex digits), written into the PDF's ID.</param>
/// <param name="Language">The language of the text (BCP 47, such as <c>en</c>).</param>
public sealed record ReportDocument(
    ReportCover Cover,
    string RunningHeader,
    IReadOnlyList<ReportBlock> Body,
    DateTimeOffset CreatedAt,
    string DocumentId,
    string Language = "en");

/// <summary>The cover of the report.</summary>
/// <param name="Title">Such as "Verification of Declaration of Adherence".</param>
/// <param name="Company">The declaring company.</param>
/// <param name="CodeName">The Code verified against, with its version.</param>
/// <param name="VerificationId">The Verification-ID; null on a draft before approval.</param>
/// <param name="ApprovedOn">The date of approval; null on a draft.</param>
/// <param name="ValidUntil">The last day of validity; null on a draft.</param>
/// <param name="MonitoringBody">The Monitoring Body issuing the report.</param>
/// <param name="IsDraft">True before approval: renderers mark every page as a draft.</param>
public sealed record ReportCover(
    string Title,
    string Company,
    string CodeName,
    string? VerificationId,
    DateOnly? ApprovedOn,
    DateOnly? ValidUntil,
    string MonitoringBody,
    bool IsDraft);

/// <summary>One block of the report body.</summary>
public abstract record ReportBlock;

/// <summary>Where the table of contents goes; renderers list every <see cref="Heading"/> of level 1–3 with its page (PDF) or link (HTML, Markdown).</summary>
public sealed record TableOfContents(string Title) : ReportBlock;

/// <summary>A numbered heading. <paramref name="Number"/> is the printed number (<c>4.3.1</c>); <paramref name="Anchor"/> a stable ID for links and bookmarks.</summary>
public sealed record Heading(int Level, string Number, string Text, string Anchor) : ReportBlock;

/// <summary>A paragraph of inline runs.</summary>
public sealed record Paragraph(IReadOnlyList<Inline> Inlines) : ReportBlock
{
    public static Paragraph Of(string text) => new([new TextRun(text)]);
}

/// <summary>A bulleted list; each item is a sequence of inline runs.</summary>
public sealed record BulletList(IReadOnlyList<IReadOnlyList<Inline>> Items) : ReportBlock;

/// <summary>A table with a header row. <paramref name="ColumnWeights"/> are relative widths (null: equal).</summary>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double>? ColumnWeights = null) : ReportBlock;

/// <summary>A run of text inside a paragraph or list item.</summary>
public abstract record Inline;

/// <summary>Plain text, optionally bold or italic.</summary>
public sealed record TextRun(string Text, bool Bold = false, bool Italic = false) : Inline;

/// <summary>A hyperlink with visible text.</summary>
public sealed record LinkRun(string Text, string Url) : Inline;

/// <summary>A footnote reference; renderers number footnotes in order of appearance and print the text (and link) as a note.</summary>
public sealed record FootnoteRun(string Text, string? Url = null) : Inline;

/// <summary>
/// The report's total number of pages, as printed in section 6. The PDF renderer knows it; HTML and Markdown print the
/// number of pages of the PDF when given one, and otherwise a phrase that does not state a number.
/// </summary>
public sealed record TotalPagesRun : Inline;
