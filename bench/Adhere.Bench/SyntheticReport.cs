using System.Globalization;
using Adhere.Core.Reports;
using Adhere.Domain.Reports;

namespace Adhere.Bench;

/// <summary>
/// A verification report of the seed's size, built directly as a <see cref="ReportDocument"/> in the shape
/// <see cref="ReportBuilder"/> gives it: the same block kinds in the same order, the same heading numbers and anchors,
/// the default passages of <see cref="ReportTemplateDefaults"/>, 153 services in 15 categories (one bullet list per
/// category, as the builder writes them), 33 examined controls in one table, narrative findings, remarks, and two
/// footnotes with links. A first verification, not a renewal, so there is no table comparing last year's services.
/// The extra wording is our own filler. The same call always gives an equal document.
/// </summary>
internal static partial class SyntheticReport
{
    private const string Company = "Nimbus Cloud GmbH";
    private const string CodeName = "EU Cloud CoC";
    private const string CodeVersion = "v2.11";
    private const string MonitoringBody = "Example Monitoring Body";
    private const string VerificationId = "2026LVL02BENCH153";
    private static readonly DateOnly ApprovedOn = new(2026, 6, 15);
    private static readonly DateOnly ValidUntil = new(2027, 6, 14);

    /// <summary>Filler paragraphs added after each default passage of section 3; tuned so the PDF has about 15 pages.</summary>
    public const int BackgroundFiller = 2;

    /// <summary>The categories of the seed's report, with how many services each holds (153 in all).</summary>
    private static readonly (string Name, int Services)[] Categories =
    [
        ("Computing", 17), ("Networking & CDN", 14), ("Database", 15), ("Storage", 12), ("Security", 13),
        ("Enterprise Services & Cloud Communication", 10), ("Analytics Computing", 11), ("AI & Machine Learning", 12),
        ("Media Services", 8), ("Middleware", 9), ("Container", 7), ("Developer Tools", 8), ("Domain Names and Websites", 5),
        ("Serverless", 6), ("Migration & O&M Management", 6),
    ];

    /// <summary>The 33 controls the seed's renewal examined.</summary>
    private static readonly string[] Controls =
    [
        "5.1.A", "5.1.D", "5.1.E", "5.1.F", "5.1.G", "5.1.H", "5.2.A", "5.3.B", "5.3.C", "5.3.D", "5.3.E", "5.4.A", "5.4.D",
        "5.4.E", "5.5.A", "5.5.C", "5.5.F", "5.7.A", "5.7.D", "5.7.F", "5.8.B", "5.9.B", "5.11.A", "5.11.C", "5.12.A",
        "5.12.C", "5.12.D", "5.13.A", "5.13.B", "5.14.F", "6.1.C", "6.2.H", "6.2.P",
    ];

    private static readonly string[] Reasons = ["Topic of current attention", "Rotation", "Weak evidence", "Random sample", "Added by the assessor"];

    private static readonly string[] Subjects =
    [
        "the service agreement", "instructions from the customer", "the engagement of subprocessors", "transfers to third countries",
        "audits by the customer", "the handling of data breaches", "records of processing", "the data protection contact",
        "cooperation with supervisory authorities", "the confidentiality of personnel", "the deletion of customer data",
        "technical and organisational measures",
    ];

    private static readonly string[] ServiceWords =
    [
        "Elastic", "Managed", "Dedicated", "Global", "Private", "Hybrid", "Secure", "Smart", "Edge", "Serverless", "Scalable",
        "Unified", "Distributed", "Realtime", "Hosted", "Adaptive", "Instant",
    ];

    private static readonly string[] Topics =
    [
        "Service agreement", "Customer instructions", "Subprocessors", "International transfers", "Customer audits",
        "Assisting the customer", "Records of processing", "Confidentiality",
    ];

    // Our own filler: plain statements about a verification, recombined so that neighbouring paragraphs differ.
    private static readonly string[] Sentences =
    [
        "The assessor compared each answer of the declaration with the documents the provider supplied and noted where the two did not match.",
        "Where a statement relied on an internal policy, the provider was asked for the current version of that policy and for evidence that it is applied.",
        "Samples were taken from the records kept during the past twelve months, so that the review covered practice as well as paper.",
        "Questions that remained open after the first review were sent to the provider in writing, each with a deadline.",
        "The provider answered within the deadlines and, where needed, supplied further documents without being asked twice.",
        "Contractual commitments were read together with the technical and organisational measures they rely on.",
        "The Monitoring Body kept a record of every request, answer and document, so that each conclusion can be traced back to its evidence.",
        "Certificates from third parties were only taken into account where their scope covered the declared services and they were valid on the day of the decision.",
        "Changes announced by the provider during the assessment were reviewed before the assessment was closed.",
        "The decision maker, who took no part in the assessment, reviewed the file before the outcome was decided.",
        "Nothing in the material reviewed suggested that the provider withheld information relevant to the verification.",
        "The provider described how its staff are informed about the Code and how customer enquiries about it are handled.",
    ];

    public static ReportDocument Create(int backgroundFiller = BackgroundFiller)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["company"] = Company,
            ["verificationId"] = VerificationId,
            ["codeName"] = CodeName,
            ["codeVersion"] = CodeVersion,
            ["monitoringBody"] = MonitoringBody,
            ["approvedOn"] = ReportBuilder.Date(ApprovedOn),
            ["validUntil"] = ReportBuilder.Date(ValidUntil),
            ["level"] = "2",
        };
        var body = new List<ReportBlock> { new TableOfContents("Table of contents") };
        var filler = 0;
        void Heading(int level, string number, string text) => body.Add(new Heading(level, number, text, "sec-" + number.Replace('.', '-')));
        void Passage(string key) => body.Add(new Paragraph(Fill(key, values)));
        void FillerParagraphs(int paragraphs)
        {
            for (var i = 0; i < paragraphs; i++) body.Add(Paragraph.Of(Filler(filler++, 4)));
        }

        Heading(1, "1", $"Verification against {CodeName} {CodeVersion}");
        body.Add(new Paragraph([.. Fill("code-version", values), new FootnoteRun($"The website of {CodeName}.", ReportBuilder.CodeWebsite)]));

        Heading(1, "2", "List of declared services");
        Heading(2, "2.1", "Declared services");
        Passage("services-intro");
        var service = 0;
        var categories = Categories.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < categories.Count; i++)
        {
            Heading(3, $"2.1.{(i + 1).ToString(CultureInfo.InvariantCulture)}", categories[i].Name);
            var names = Enumerable.Range(0, categories[i].Services).Select(_ => ServiceName(categories[i].Name, service++)).Order(StringComparer.Ordinal);
            body.Add(new BulletList([.. names.Select(n => (IReadOnlyList<Inline>)[new TextRun(n)])]));
        }

        Heading(1, "3", "Verification process: background");
        (string Number, string Title, string Key)[] background =
        [
            ("3.1", "Approval of the Code and accreditation of the Monitoring Body", "background-approval"),
            ("3.2", "Principles of the verification", "background-principles"),
            ("3.3", "Several safeguards of compliance", "background-safeguards"),
            ("3.4", "The process in detail", "background-process"),
            ("3.4.1", "Levels of compliance", "background-levels"),
            ("3.4.2", "Deciding the final level of compliance", "background-decision"),
            ("3.5", "Transparency about adherence", "background-transparency"),
        ];
        foreach (var (number, heading, key) in background)
        {
            Heading(number.Count(c => c == '.') + 1, number, heading);
            Passage(key);
            FillerParagraphs(backgroundFiller);
        }

        Heading(1, "4", $"Assessment of the services declared by {Company}");
        Passage("assessment-intro");
        Heading(2, "4.1", "Fact finding");
        Passage("fact-finding");
        body.Add(new Paragraph([new TextRun("Declaration assessed: ", Bold: true), new TextRun($"{Company} – declaration of adherence 2026")]));
        body.Add(new Table(["Checked", "Result", "Note"],
        [
            ["Answers complete", "Confirmed", "Every control was answered; two answers were completed after a first request."],
            ["Service agreement present", "Confirmed", "The customer agreement and its data processing addendum, version of March 2026."],
        ], [3, 1, 3]));
        body.Add(Paragraph.Of("The declaration relies on these certificates:"));
        body.Add(new BulletList(
        [
            [new TextRun("ISO/IEC 27001:2022, certificate DE-ISMS-4711, issued by Demo Certification Services GmbH, valid from 3 March 2025 until 2 March 2028; accepted by the assessor")],
            [new TextRun("ISO/IEC 27701:2019, certificate DE-PIMS-0815, issued by Demo Certification Services GmbH, valid from 3 March 2025 until 2 March 2028; accepted by the assessor")],
        ]));

        Heading(2, "4.2", "Selection of controls for the in-depth assessment");
        Passage("selection");
        body.Add(Paragraph.Of($"{Controls.Length.ToString(CultureInfo.InvariantCulture)} controls were selected with the seed 20260601 by the method of 2026; the selection is recorded with the assessment."));
        var reasons = Controls.Select((key, i) => (Key: key, Reason: Reasons[i % Reasons.Length])).ToList();
        body.Add(new BulletList([.. reasons.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<Inline>)[new TextRun($"{g.Key}: ", Bold: true), new TextRun($"{g.Count().ToString(CultureInfo.InvariantCulture)} control(s) — {string.Join(", ", g.Select(r => r.Key))}")])]));

        Heading(2, "4.3", "Examined controls and findings of the Monitoring Body");
        Heading(3, "4.3.1", "Examined controls");
        Passage("examined-controls");
        body.Add(new Table(["Control", "Title", "Reason for selection", "Result"],
            [.. reasons.Select((r, i) => (IReadOnlyList<string>)[r.Key, Title(i), r.Reason, Result(i)])], [1, 3, 2, 1]));
        Heading(3, "4.3.2", "Findings of the Monitoring Body");
        Passage("findings");
        for (var i = 0; i < Topics.Length; i++)
        {
            body.Add(new Paragraph([new TextRun(Topics[i], Bold: true)]));
            body.Add(Paragraph.Of(Filler(filler++, 5)));
        }

        body.Add(Paragraph.Of("Remarks on individual controls:"));
        body.Add(new BulletList([.. reasons.Select((r, i) => (r.Key, i)).Where(x => Result(x.i) != "Satisfied")
            .Select(x => (IReadOnlyList<Inline>)[new TextRun($"{x.Key} ({Result(x.i).ToLowerInvariant()}): ", Bold: true), new TextRun(Filler(x.i, 2))])]));
        body.Add(Paragraph.Of("The Monitoring Body asked the provider for clarification 6 time(s); every deadline was met."));

        Heading(1, "5", "Conclusion");
        Passage("conclusion");

        Heading(1, "6", "Validity");
        body.Add(new Paragraph([.. Fill("validity", values), new FootnoteRun($"The entry of {VerificationId} in the public register.", $"https://adhere.example/register/{VerificationId}")]));

        var title = ReportTemplateDefaults.Find("title")!.Text;
        var cover = new ReportCover(title, Company, $"{CodeName} {CodeVersion}", VerificationId, ApprovedOn, ValidUntil, MonitoringBody, IsDraft: false);
        return new ReportDocument(cover, $"{Company} · {title} · {VerificationId}", body, new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero),
            ReportBuilder.DocumentId(VerificationId, ApprovedOn));
    }

    /// <summary>A default passage with its placeholders filled, <c>{totalPages}</c> left as a <see cref="TotalPagesRun"/>, as the builder does.</summary>
    private static List<Inline> Fill(string key, Dictionary<string, string> values)
    {
        var text = ReportTemplateDefaults.Find(key)?.Text ?? throw new InvalidOperationException($"No default passage '{key}'.");
        var runs = new List<Inline>();
        var at = 0;
        foreach (System.Text.RegularExpressions.Match m in Placeholder().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (m.Index > at) runs.Add(new TextRun(text[at..m.Index]));
            runs.Add(name == "totalPages" ? new TotalPagesRun() : new TextRun(values[name]));
            at = m.Index + m.Length;
        }

        if (at < text.Length) runs.Add(new TextRun(text[at..]));
        var merged = new List<Inline>();
        foreach (var run in runs)
        {
            if (run is TextRun next && merged.Count > 0 && merged[^1] is TextRun last) merged[^1] = new TextRun(last.Text + next.Text);
            else merged.Add(run);
        }

        return merged;
    }

    // The product's placeholder pattern (ReportTemplateStore.PlaceholderPattern) is internal to Adhere.Core.
    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    private static string Filler(int index, int sentences) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(s => Sentences[(index * 5 + s * 7) % Sentences.Length]));

    private static string ServiceName(string category, int index)
    {
        var word = ServiceWords[index % ServiceWords.Length];
        var head = category.Split(' ', '&')[0];
        var name = $"Nimbus {word} {head} Service {(index + 1).ToString("000", CultureInfo.InvariantCulture)}";
        return index % 3 == 0 ? $"{name} ({string.Concat(name.Split(' ').Select(w => w[0]))})" : name;
    }

    private static string Title(int index) => $"Requirements on {Subjects[index % Subjects.Length]}, part {((index / Subjects.Length) + 1).ToString(CultureInfo.InvariantCulture)}";

    private static string Result(int index) => (index % 7) switch
    {
        2 => "Observation",
        5 => "Not satisfied",
        _ => "Satisfied",
    };
}
