using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Adhere.Domain.Catalogue;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Adhere.Core.Catalogue.Native;

/// <summary>
/// Writes a catalogue in our native YAML format, laid out for people: one key per line, multi-line text as
/// literal blocks, values that YAML could misread quoted. <see cref="NativeCatalogueReader"/> reads it back unchanged.
/// </summary>
public static partial class NativeCatalogueWriter
{
    public static void Write(CatalogueDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("# Adhere catalogue (format adhere-catalogue/1): a Code at one version, its controls, standards and mappings.");
        output.WriteLine("# Edit freely; the format is described in docs/formats/catalogue.md and checked by docs/formats/catalogue.schema.json.");
        var y = new Yaml(new Emitter(output, new EmitterSettings(2, int.MaxValue, false, 1024, true)));
        y.Begin();
        y.Map(() =>
        {
            y.Pair("format", NativeCatalogueReader.FormatName);
            y.Key("code");
            y.Map(() =>
            {
                var c = document.Code;
                y.Pair("name", c.Name);
                y.Pair("version", c.Version);
                y.Pair("owner", c.Owner);
                y.Pair("published", c.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                y.Pair("approved", c.ApprovedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                y.Pair("status", c.Status.ToString().ToLowerInvariant());
                if (c.IsDemo) y.Flag("demo", true);
                y.Pair("description", c.Description);
                y.Pair("source-id", c.SourceId);
            });

            if (document.Modules.Count > 0)
            {
                y.Key("modules");
                y.Seq(document.Modules, m => y.Map(() =>
                {
                    y.Pair("id", m.Key);
                    y.Pair("title", m.Title);
                    y.Pair("description", m.Description);
                }));
            }

            var childSections = document.Sections.ToLookup(s => s.ParentKey ?? string.Empty);
            var sectionControls = document.Controls.Where(c => c.ParentControlKey is null).ToLookup(c => c.SectionKey);
            var childControls = document.Controls.Where(c => c.ParentControlKey is not null).ToLookup(c => c.ParentControlKey!);

            void Control(ControlDraft c) => y.Map(() =>
            {
                y.Pair("id", c.Key);
                y.Pair("title", c.Title);
                y.Pair("statement", c.Statement.Length == 0 ? null : c.Statement);
                y.Pair("guidance", c.Guidance);
                y.List("gdpr", c.GdprReferences);
                y.List("tags", c.Tags);
                y.Pair("module", c.ModuleKey);
                if (c.Parameters.Count > 0)
                {
                    y.Key("parameters");
                    y.Seq(c.Parameters, p => y.Map(() =>
                    {
                        y.Pair("id", p.Id);
                        y.Pair("label", p.Label);
                        y.List("choices", p.Choices);
                        y.Pair("how-many", p.HowMany);
                        y.Pair("guidance", p.Guidance);
                        y.List("values", p.Values);
                    }));
                }

                y.Json("oscal", c.Extra);
                if (childControls[c.Key].Any())
                {
                    y.Key("controls");
                    y.Seq(childControls[c.Key], Control);
                }
            });

            void Section(SectionDraft s) => y.Map(() =>
            {
                y.Pair("id", s.Key);
                y.Pair("title", s.Title);
                y.Pair("description", s.Description);
                y.Json("oscal", s.Extra);
                if (sectionControls[s.Key].Any())
                {
                    y.Key("controls");
                    y.Seq(sectionControls[s.Key], Control);
                }

                if (childSections[s.Key].Any())
                {
                    y.Key("sections");
                    y.Seq(childSections[s.Key], Section);
                }
            });

            y.Key("sections");
            y.Seq(childSections[string.Empty], Section);

            if (document.Standards.Count > 0)
            {
                y.Key("standards");
                y.Seq(document.Standards, s => y.Map(() =>
                {
                    y.Pair("id", s.Key);
                    y.Pair("title", s.Title);
                    y.Pair("publisher", s.Publisher);
                    if (s.Clauses.Count > 0)
                    {
                        y.Key("clauses");
                        y.Seq(s.Clauses, c => y.Map(() =>
                        {
                            y.Pair("ref", c.Ref);
                            y.Pair("title", c.Title);
                        }));
                    }
                }));
            }

            if (document.Mappings.Count > 0)
            {
                y.Key("mappings");
                y.Seq(document.Mappings, m => y.Map(() =>
                {
                    y.Pair("control", m.ControlKey);
                    y.Pair("standard", m.StandardKey);
                    y.Pair("clause", m.ClauseRef);
                    y.Pair("relationship", m.Relationship.ToToken());
                    y.Pair("rationale", m.Rationale);
                    if (m.IsDemo) y.Flag("demo", true);
                }));
            }

            if (document.Transitions.Count > 0)
            {
                y.Key("transitions");
                y.Seq(document.Transitions, t => y.Map(() =>
                {
                    y.Pair("from", t.FromVersion);
                    y.Key("controls");
                    y.Seq(t.Controls, r => y.Map(() =>
                    {
                        y.Pair("from", r.FromKey);
                        y.Key("to");
                        y.Scalar(r.ToKey);
                        y.Pair("note", r.Note);
                    }));
                }));
            }
        });
        y.End();
    }

    /// <summary>A thin layer over YamlDotNet's emitter that keeps the layout decisions in one place.</summary>
    private sealed class Yaml(IEmitter emitter)
    {
        public void Begin()
        {
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart());
        }

        public void End()
        {
            emitter.Emit(new DocumentEnd(true));
            emitter.Emit(new StreamEnd());
        }

        public void Map(Action body)
        {
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            body();
            emitter.Emit(new MappingEnd());
        }

        public void Seq<T>(IEnumerable<T> items, Action<T> each)
        {
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var item in items) each(item);
            emitter.Emit(new SequenceEnd());
        }

        public void Key(string key) => emitter.Emit(new Scalar(null, null, key, ScalarStyle.Plain, true, false));

        /// <summary>Writes the pair unless the value is null.</summary>
        public void Pair(string key, string? value)
        {
            if (value is null) return;
            Key(key);
            Scalar(value);
        }

        public void Flag(string key, bool value)
        {
            Key(key);
            emitter.Emit(new Scalar(null, null, value ? "true" : "false", ScalarStyle.Plain, true, false));
        }

        /// <summary>A list of short texts in flow style, <c>[a, b]</c>; omitted when empty.</summary>
        public void List(string key, IReadOnlyList<string> values)
        {
            if (values.Count == 0) return;
            Key(key);
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var v in values) emitter.Emit(new Scalar(null, null, v, StyleOf(v, flow: true), true, true));
            emitter.Emit(new SequenceEnd());
        }

        public void Scalar(string? value)
        {
            if (value is null)
            {
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                return;
            }

            emitter.Emit(new Scalar(null, null, value, StyleOf(value, flow: false), true, true));
        }

        /// <summary>Source-format details (an OSCAL object) written as nested YAML, read back as the same JSON.</summary>
        public void Json(string key, string? json)
        {
            if (json is null) return;
            using var doc = JsonDocument.Parse(json);
            Key(key);
            Element(doc.RootElement);
        }

        private void Element(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    Map(() =>
                    {
                        foreach (var p in e.EnumerateObject())
                        {
                            Key(p.Name);
                            Element(p.Value);
                        }
                    });
                    break;
                case JsonValueKind.Array:
                    Seq(e.EnumerateArray(), Element);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    emitter.Emit(new Scalar(null, null, e.ValueKind == JsonValueKind.True ? "true" : "false", ScalarStyle.Plain, true, false));
                    break;
                case JsonValueKind.Null:
                    Scalar(null);
                    break;
                default:
                    Scalar(e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText());
                    break;
            }
        }

        private static ScalarStyle StyleOf(string value, bool flow)
        {
            if (!flow && value.Contains('\n', StringComparison.Ordinal) && value == value.TrimEnd() && !value.Contains('\r', StringComparison.Ordinal)
                && !value.Contains('\t', StringComparison.Ordinal) && value.Length == value.TrimStart(' ').Length)
            {
                return ScalarStyle.Literal;
            }

            return Misreadable().IsMatch(value) || value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        }
    }

    /// <summary>Values a YAML reader would take for a number, boolean, null or date, or that start with syntax.</summary>
    [GeneratedRegex(@"^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9][0-9._:-]*([eE][-+]?[0-9]+)?|\s.*|.*\s)$")]
    private static partial Regex Misreadable();
}
