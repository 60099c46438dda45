using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Adhere.Core.Assessments;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Assessments;

namespace Adhere.Core.Reports.Oscal;

/// <summary>
/// Writes an <see cref="OscalAssessment"/> as an OSCAL assessment plan and assessment results (JSON, validating against
/// NIST's 1.1.3 schemas). Every uuid is name-based (version 5) on the assessment id and the element, every instant comes
/// from the data, so equal data gives equal bytes.
/// </summary>
internal static class OscalAssessmentWriter
{
    /// <summary>The namespace of Adhere's props and parts in the assessment exports.</summary>
    public const string Namespace = "urn:adhere:ns:oscal";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Plan(OscalAssessment d) => Write(w => new Writing(d, w).Plan());

    public static byte[] Results(OscalAssessment d) => Write(w => new Writing(d, w).Results());

    /// <summary>The uuid of the plan of <paramref name="assessmentId"/>, which the results name in their import-ap remarks.</summary>
    public static string PlanUuid(Guid assessmentId) => Uuid(assessmentId, "assessment-plan");

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static string Uuid(Guid assessmentId, params string[] parts) =>
        OscalCatalogWriter.NameBasedUuid("oscal-assessment\n" + assessmentId.ToString("D", CultureInfo.InvariantCulture) + "\n" + string.Join("\n", parts));

    private static string PartyUuid(Guid organisationId) => OscalCatalogWriter.NameBasedUuid("party\n" + organisationId.ToString("D", CultureInfo.InvariantCulture));

    /// <summary>An instant as OSCAL's date-time with zone, in UTC to the second.</summary>
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string ReasonLabel(string reason) => reason switch
    {
        "attention" => "Topic of current attention",
        "rotation" => "Rotation",
        "weak-evidence" => "Weak evidence",
        "random" => "Random sample",
        "assessor" => "Added by the assessor",
        _ => reason,
    };

    private static string Result(FindingResult result) => result switch
    {
        FindingResult.NotSatisfied => "not-satisfied",
        FindingResult.Observation => "observation",
        _ => "satisfied",
    };

    private sealed class Writing(OscalAssessment d, Utf8JsonWriter w)
    {
        private readonly string mbParty = PartyUuid(d.MonitoringBody.OrganisationId);
        private readonly string providerParty = PartyUuid(d.Provider.OrganisationId);
        private readonly string declarationResource = OscalCatalogWriter.NameBasedUuid("declaration\n" + d.DeclarationId.ToString("D", CultureInfo.InvariantCulture));
        private readonly string catalogueResource = OscalCatalogWriter.NameBasedUuid("catalogue-export\n" + d.CatalogueId.ToString("D", CultureInfo.InvariantCulture));
        private readonly DecisionView? approved = d.Decision is { Outcome: "approved" } ? d.Decision : null;

        /// <summary>approved, rejected or cancelled once decided or ended; draft while the assessment is in progress.</summary>
        private string Status => d.Phase is "approved" or "rejected" or "cancelled" ? d.Phase : "draft";

        public void Plan()
        {
            var frozen = d.SelectionFrozenAt;
            var modified = frozen > d.OpenedAt ? frozen : d.OpenedAt;
            w.WriteStartObject();
            w.WriteStartObject("assessment-plan");
            w.WriteString("uuid", PlanUuid(d.AssessmentId));
            Metadata($"Assessment plan: {d.DeclarationTitle} ({d.Provider.Name})", frozen, modified, "frozen-" + Compact(modified));

            w.WriteStartObject("import-ssp");
            w.WriteString("href", "#" + declarationResource);
            w.WriteString("remarks", "Adhere has no system security plan: the provider's declaration, a back-matter resource, stands in for it.");
            w.WriteEndObject();

            w.WriteStartObject("terms-and-conditions");
            w.WriteStartArray("parts");
            w.WriteStartObject();
            w.WriteString("uuid", Uuid(d.AssessmentId, "selection-method"));
            w.WriteString("name", "selection-method");
            w.WriteString("ns", Namespace);
            w.WriteString("title", "How the controls were selected");
            w.WriteString("prose", $"{d.SelectionSummary}\n\nDrawn for the assessment date {Day(d.AssessmentDate)} with seed {d.Seed.ToString(CultureInfo.InvariantCulture)} and frozen at {Stamp(d.SelectionFrozenAt)}.");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("reviewed-controls");
            w.WriteString("description", $"The controls of {d.CodeName} {d.CodeVersion} that the Monitoring Body examines in depth, grouped by the reason they were selected.");
            CatalogueLink();
            w.WriteStartArray("control-selections");
            var groups = d.Controls.GroupBy(c => c.Reason, StringComparer.Ordinal).ToList();
            if (groups.Count == 0) EmptySelection();
            foreach (var group in groups)
            {
                w.WriteStartObject();
                w.WriteString("description", ReasonLabel(group.Key));
                w.WriteStartArray("props");
                Prop("selection-reason", group.Key);
                w.WriteEndArray();
                w.WriteStartArray("include-controls");
                foreach (var c in group)
                {
                    w.WriteStartObject();
                    w.WriteString("control-id", c.OscalId);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("assessment-subjects");
            w.WriteStartObject();
            w.WriteString("type", "party");
            w.WriteString("description", $"The cloud services {d.Provider.Name} declared adherent in \"{d.DeclarationTitle}\".");
            w.WriteStartArray("include-subjects");
            w.WriteStartObject();
            w.WriteString("subject-uuid", providerParty);
            w.WriteString("type", "party");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartObject("back-matter");
            w.WriteStartArray("resources");
            Resource(declarationResource, $"Declaration: {d.DeclarationTitle}", "declaration-id", d.DeclarationId.ToString("D", CultureInfo.InvariantCulture),
                $"/api/v1/declarations/{d.DeclarationId:D}");
            Resource(catalogueResource, $"{d.CodeName} {d.CodeVersion} as an OSCAL catalog", "catalog-uuid", d.CatalogUuid,
                $"/api/v1/catalogues/{d.CatalogueId:D}/export?format=oscal");
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteEndObject();
            w.WriteEndObject();
        }

        public void Results()
        {
            var modified = LastModified();
            w.WriteStartObject();
            w.WriteStartObject("assessment-results");
            w.WriteString("uuid", Uuid(d.AssessmentId, "assessment-results"));
            Metadata($"Assessment results: {d.DeclarationTitle} ({d.Provider.Name})", approved?.DecidedAt, modified, Status + "-" + Compact(modified));

            w.WriteStartObject("import-ap");
            w.WriteString("href", "assessment-plan");
            w.WriteString("remarks", $"The plan of the same assessment (uuid {PlanUuid(d.AssessmentId)}): relative to the address these results were read from.");
            w.WriteEndObject();

            w.WriteStartArray("results");
            w.WriteStartObject();
            w.WriteString("uuid", Uuid(d.AssessmentId, "result"));
            w.WriteString("title", $"Verification of {d.DeclarationTitle}");
            w.WriteString("description", $"The {d.Kind} assessment by {d.MonitoringBody.Name} of the declaration \"{d.DeclarationTitle}\" of {d.Provider.Name} against {d.CodeName} {d.CodeVersion}.");
            w.WriteString("start", Stamp(d.OpenedAt));
            if (d.Decision is { } decided) w.WriteString("end", Stamp(decided.DecidedAt));
            ResultProps();

            w.WriteStartObject("reviewed-controls");
            w.WriteString("description", "The controls of the frozen selection, each examined in depth.");
            CatalogueLink();
            w.WriteStartArray("control-selections");
            if (d.Controls.Count == 0) EmptySelection();
            else
            {
                w.WriteStartObject();
                w.WriteStartArray("include-controls");
                foreach (var c in d.Controls)
                {
                    w.WriteStartObject();
                    w.WriteString("control-id", c.OscalId);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            if (approved is not null) Attestation(approved);
            if (d.Narratives.Count > 0) Observations();
            if (d.Controls.Any(c => c.Finding is not null)) Findings();
            if (d.Decision is { Outcome: "rejected", RejectionReason: { } reason }) w.WriteString("remarks", "Rejected: " + reason);

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        /// <summary>The latest instant the results reflect: a finding, the selection, a phase change or the decision.</summary>
        private DateTimeOffset LastModified()
        {
            var latest = d.PhaseChangedAt > d.SelectionFrozenAt ? d.PhaseChangedAt : d.SelectionFrozenAt;
            foreach (var at in d.Controls.Select(c => c.Finding?.RecordedAt).OfType<DateTimeOffset>().Concat(d.Narratives.Select(n => n.RecordedAt)))
            {
                if (at > latest) latest = at;
            }

            return d.Decision is { } decision && decision.DecidedAt > latest ? decision.DecidedAt : latest;
        }

        private static string Compact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        private void Metadata(string title, DateTimeOffset? published, DateTimeOffset modified, string version)
        {
            w.WriteStartObject("metadata");
            w.WriteString("title", title);
            if (published is { } p) w.WriteString("published", Stamp(p));
            w.WriteString("last-modified", Stamp(modified));
            w.WriteString("version", version);
            w.WriteString("oscal-version", OscalCatalogWriter.OscalVersion);
            w.WriteStartArray("roles");
            Role("monitoring-body", "Monitoring Body");
            Role("provider", "Cloud Service Provider");
            w.WriteEndArray();
            w.WriteStartArray("parties");
            Party(mbParty, d.MonitoringBody.Name);
            Party(providerParty, d.Provider.Name);
            w.WriteEndArray();
            w.WriteStartArray("responsible-parties");
            Responsible("monitoring-body", mbParty);
            Responsible("provider", providerParty);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void ResultProps()
        {
            w.WriteStartArray("props");
            Prop("status", Status);
            Prop("phase", d.Phase);
            Prop("assessment-id", d.AssessmentId.ToString("D", CultureInfo.InvariantCulture));
            Prop("declaration-id", d.DeclarationId.ToString("D", CultureInfo.InvariantCulture));
            Prop("assessment-kind", d.Kind);
            Prop("proposed-level", Number(d.ProposedLevel));
            if (approved is not null)
            {
                Prop("level-of-compliance", Number(approved.GrantedLevel ?? approved.ProposedLevel));
                if (d.VerificationId is { } id) Prop("verification-id", id);
                Prop("approved-on", Day(approved.DecidedOn));
                if (approved.ValidUntil is { } until) Prop("valid-until", Day(until));
            }

            w.WriteEndArray();
        }

        private void Attestation(DecisionView decision)
        {
            var level = Number(decision.GrantedLevel ?? decision.ProposedLevel);
            var until = decision.ValidUntil is { } vu ? $", valid until {Day(vu)}" : string.Empty;
            var id = d.VerificationId is { } vid ? $" under Verification-ID {vid}" : string.Empty;
            w.WriteStartArray("attestations");
            w.WriteStartObject();
            w.WriteStartArray("responsible-parties");
            Responsible("monitoring-body", mbParty);
            w.WriteEndArray();
            w.WriteStartArray("parts");
            Part("decision", "Decision of the Monitoring Body",
                $"{d.MonitoringBody.Name} approved the declaration \"{d.DeclarationTitle}\" of {d.Provider.Name} as adherent to {d.CodeName} {d.CodeVersion} " +
                $"at Level {level} of Compliance on {Day(decision.DecidedOn)}{id}{until}.");
            if (decision.GrantedLevel is { } granted && granted != decision.ProposedLevel && decision.Rationale is { } rationale)
            {
                Part("level-rationale", "Why the granted level differs from the proposed one",
                    $"The assessor proposed Level {Number(decision.ProposedLevel)}; Level {Number(granted)} was granted. {rationale}");
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        private void Observations()
        {
            w.WriteStartArray("observations");
            foreach (var n in d.Narratives)
            {
                var topic = DeclarationTopic(n.Topic);
                w.WriteStartObject();
                w.WriteString("uuid", Uuid(d.AssessmentId, "narrative", topic, n.Title ?? string.Empty));
                w.WriteString("title", n.Topic == NarrativeTopic.Other ? n.Title ?? "Other" : Words(n.Topic.ToString()));
                w.WriteString("description", n.Text);
                w.WriteStartArray("props");
                Prop("narrative-topic", topic);
                w.WriteEndArray();
                w.WriteStartArray("methods");
                w.WriteStringValue("EXAMINE");
                w.WriteEndArray();
                w.WriteStartArray("types");
                w.WriteStringValue("finding");
                w.WriteEndArray();
                w.WriteString("collected", Stamp(n.RecordedAt));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private void Findings()
        {
            w.WriteStartArray("findings");
            foreach (var c in d.Controls)
            {
                if (c.Finding is not { } f) continue;
                var satisfied = f.Result != FindingResult.NotSatisfied;
                w.WriteStartObject();
                w.WriteString("uuid", Uuid(d.AssessmentId, "finding", c.Key));
                w.WriteString("title", $"{c.Key} {c.Title}");
                w.WriteString("description", f.Notes ?? "The Monitoring Body examined the control and found it satisfied, without remarks.");
                w.WriteStartArray("props");
                Prop("control-key", c.Key);
                Prop("finding-result", Result(f.Result));
                Prop("selection-reason", c.Reason);
                w.WriteEndArray();
                w.WriteStartArray("origins");
                w.WriteStartObject();
                w.WriteStartArray("actors");
                w.WriteStartObject();
                w.WriteString("type", "party");
                w.WriteString("actor-uuid", mbParty);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("target");
                w.WriteString("type", "statement-id");
                w.WriteString("target-id", c.OscalId + "_smt");
                w.WriteStartObject("status");
                w.WriteString("state", satisfied ? "satisfied" : "not-satisfied");
                w.WriteString("reason", satisfied ? "pass" : "fail");
                w.WriteEndObject();
                w.WriteEndObject();
                if (f.SamplesConsulted.Count > 0) w.WriteString("remarks", "Samples consulted:\n\n" + string.Concat(f.SamplesConsulted.Select(s => $"- {s}\n")));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private void EmptySelection()
        {
            w.WriteStartObject();
            w.WriteString("description", "The frozen selection holds no controls.");
            w.WriteEndObject();
        }

        private void CatalogueLink()
        {
            w.WriteStartArray("links");
            w.WriteStartObject();
            w.WriteString("href", $"/api/v1/catalogues/{d.CatalogueId:D}/export?format=oscal");
            w.WriteString("rel", "reference");
            w.WriteString("media-type", "application/json");
            w.WriteString("text", $"{d.CodeName} {d.CodeVersion}, the catalog the control ids refer to (uuid {d.CatalogUuid})");
            w.WriteEndObject();
            w.WriteEndArray();
        }

        private void Resource(string uuid, string title, string propName, string propValue, string href)
        {
            w.WriteStartObject();
            w.WriteString("uuid", uuid);
            w.WriteString("title", title);
            w.WriteStartArray("props");
            Prop(propName, propValue);
            w.WriteEndArray();
            w.WriteStartArray("rlinks");
            w.WriteStartObject();
            w.WriteString("href", href);
            w.WriteString("media-type", "application/json");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void Part(string name, string title, string prose)
        {
            w.WriteStartObject();
            w.WriteString("uuid", Uuid(d.AssessmentId, "attestation", name));
            w.WriteString("name", name);
            w.WriteString("ns", Namespace);
            w.WriteString("title", title);
            w.WriteString("prose", prose);
            w.WriteEndObject();
        }

        private void Prop(string name, string value)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("ns", Namespace);
            w.WriteString("value", value);
            w.WriteEndObject();
        }

        private void Role(string id, string title)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("title", title);
            w.WriteEndObject();
        }

        private void Party(string uuid, string name)
        {
            w.WriteStartObject();
            w.WriteString("uuid", uuid);
            w.WriteString("type", "organization");
            w.WriteString("name", name);
            w.WriteEndObject();
        }

        private void Responsible(string role, string party)
        {
            w.WriteStartObject();
            w.WriteString("role-id", role);
            w.WriteStartArray("party-uuids");
            w.WriteStringValue(party);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static string DeclarationTopic(NarrativeTopic topic) => Declarations.DeclarationQueries.Kebab(topic.ToString());

        /// <summary>"ServiceAgreement" as "Service agreement".</summary>
        private static string Words(string pascal)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var ch in pascal)
            {
                if (char.IsUpper(ch) && sb.Length > 0) sb.Append(' ').Append(char.ToLowerInvariant(ch));
                else sb.Append(ch);
            }

            return sb.ToString();
        }
    }
}
