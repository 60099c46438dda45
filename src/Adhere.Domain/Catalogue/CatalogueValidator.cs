using System.Text.RegularExpressions;

namespace Adhere.Domain.Catalogue;

/// <summary>One thing wrong with an import: where (a JSON path or line:column), a stable code, and what to do.</summary>
public sealed record CatalogueProblem(string Location, string Code, string Message);

/// <summary>
/// Checks a <see cref="CatalogueDocument"/> for every rule at once: required facts, unique keys, references that
/// resolve (sections, parent controls, modules, standards, clauses, parameters), and unique mappings.
/// Returns all problems in document order, so that a compliance officer can fix a file in one pass.
/// </summary>
public static partial class CatalogueValidator
{
    public const int MaxKeyLength = 100;
    public const int MaxTitleLength = 500;

    public static IReadOnlyList<CatalogueProblem> Validate(CatalogueDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<CatalogueProblem>();
        void Add(string? where, string code, string message) => problems.Add(new CatalogueProblem(where ?? "$", code, message));

        if (string.IsNullOrWhiteSpace(document.Code.Name)) Add("$.code.name", "catalogue.name-required", "The Code needs a name.");
        if (string.IsNullOrWhiteSpace(document.Code.Version)) Add("$.code.version", "catalogue.version-required", "The Code needs a version.");
        if (document.Code.Name.Length > 200) Add("$.code.name", "catalogue.name-too-long", "The Code's name is longer than 200 characters.");
        if (document.Code.Version.Length > 50) Add("$.code.version", "catalogue.version-too-long", "The version is longer than 50 characters.");
        if (document.Code.PublishedOn is { } published && document.Code.ApprovedOn is { } approved && approved < published)
        {
            Add("$.code.approved", "catalogue.approved-before-published", "The approval date lies before the publication date.");
        }

        var sections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in document.Sections)
        {
            CheckKey(s.Key, s.SourcePath, "section", Add);
            if (!sections.Add(s.Key)) Add(s.SourcePath, "catalogue.duplicate-section", $"Section '{s.Key}' appears more than once.");
            CheckTitle(s.Title, s.SourcePath, $"Section '{s.Key}'", Add);
        }

        foreach (var s in document.Sections.Where(s => s.ParentKey is not null && !sections.Contains(s.ParentKey)))
        {
            Add(s.SourcePath, "catalogue.unknown-section", $"Section '{s.Key}' is placed under section '{s.ParentKey}', which does not exist.");
        }

        foreach (var key in Cycles(document.Sections.Where(s => s.ParentKey is not null).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().ParentKey!)))
        {
            Add(document.Sections.First(s => s.Key == key).SourcePath, "catalogue.section-cycle", $"Section '{key}' is placed, through its parents, under itself.");
        }

        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in document.Modules)
        {
            if (!modules.Add(m.Key)) Add("$.modules", "catalogue.duplicate-module", $"Module '{m.Key}' appears more than once.");
        }

        var controls = new Dictionary<string, ControlDraft>(StringComparer.Ordinal);
        foreach (var c in document.Controls)
        {
            CheckKey(c.Key, c.SourcePath, "control", Add);
            if (!controls.TryAdd(c.Key, c)) Add(c.SourcePath, "catalogue.duplicate-control", $"Control '{c.Key}' appears more than once.");
            CheckTitle(c.Title, c.SourcePath, $"Control '{c.Key}'", Add);
            if (!sections.Contains(c.SectionKey)) Add(c.SourcePath, "catalogue.unknown-section", $"Control '{c.Key}' belongs to section '{c.SectionKey}', which does not exist.");
            if (c.ModuleKey is not null && !modules.Contains(c.ModuleKey))
            {
                Add(c.SourcePath, "catalogue.unknown-module", $"Control '{c.Key}' belongs to module '{c.ModuleKey}', which is not declared under modules.");
            }

            var parameterIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in c.Parameters)
            {
                if (!parameterIds.Add(p.Id)) Add(c.SourcePath, "catalogue.duplicate-parameter", $"Control '{c.Key}' declares parameter '{p.Id}' twice.");
            }

            foreach (var id in ParameterText.InsertedIds(c.Statement).Where(id => !parameterIds.Contains(id)))
            {
                Add(c.SourcePath, "catalogue.unknown-parameter", $"The statement of control '{c.Key}' inserts parameter '{id}', which the control does not declare.");
            }
        }

        foreach (var c in document.Controls.Where(c => c.ParentControlKey is not null && !controls.ContainsKey(c.ParentControlKey)))
        {
            Add(c.SourcePath, "catalogue.unknown-parent-control", $"Control '{c.Key}' enhances control '{c.ParentControlKey}', which does not exist.");
        }

        foreach (var key in Cycles(document.Controls.Where(c => c.ParentControlKey is not null).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.First().ParentControlKey!)))
        {
            Add(controls[key].SourcePath, "catalogue.control-cycle", $"Control '{key}' enhances, through its parents, itself.");
        }

        var standards = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var s in document.Standards)
        {
            if (standards.ContainsKey(s.Key))
            {
                Add("$.standards", "catalogue.duplicate-standard", $"Standard '{s.Key}' appears more than once.");
                continue;
            }

            var clauses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var clause in s.Clauses)
            {
                if (!clauses.Add(clause.Ref)) Add("$.standards", "catalogue.duplicate-clause", $"Standard '{s.Key}' lists clause '{clause.Ref}' twice.");
            }

            standards[s.Key] = clauses;
        }

        var mappings = new HashSet<(string, string, string)>();
        foreach (var m in document.Mappings)
        {
            if (!controls.ContainsKey(m.ControlKey))
            {
                Add(m.SourcePath, "catalogue.mapping-unknown-control", $"A mapping refers to control '{m.ControlKey}', which does not exist.");
            }

            if (!standards.TryGetValue(m.StandardKey, out var clauses))
            {
                Add(m.SourcePath, "catalogue.mapping-unknown-standard", $"A mapping refers to standard '{m.StandardKey}', which is not declared under standards.");
            }
            else if (clauses.Count > 0 && !clauses.Contains(m.ClauseRef))
            {
                Add(m.SourcePath, "catalogue.mapping-unknown-clause", $"A mapping refers to clause '{m.ClauseRef}' of '{m.StandardKey}', which that standard does not list.");
            }

            if (!mappings.Add((m.ControlKey, m.StandardKey, m.ClauseRef)))
            {
                Add(m.SourcePath, "catalogue.duplicate-mapping", $"Control '{m.ControlKey}' is mapped to '{m.StandardKey} {m.ClauseRef}' more than once.");
            }
        }

        foreach (var t in document.Transitions)
        {
            if (t.FromVersion == document.Code.Version)
            {
                Add("$.transitions", "catalogue.transition-to-itself", $"A transition cannot start from the version it leads to ({t.FromVersion}).");
            }

            foreach (var row in t.Controls.Where(r => r.ToKey is not null && !controls.ContainsKey(r.ToKey)))
            {
                Add("$.transitions", "catalogue.transition-unknown-control",
                    $"The transition from {t.FromVersion} maps '{row.FromKey}' to '{row.ToKey}', which does not exist in this version.");
            }
        }

        return problems;
    }

    /// <summary>The keys whose chain of parents leads back to themselves, each reported once, in key order.</summary>
    private static IEnumerable<string> Cycles(Dictionary<string, string> parentOf)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in parentOf.Keys.Order(StringComparer.Ordinal))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            for (var key = start; parentOf.TryGetValue(key, out var parent); key = parent)
            {
                if (parent == start)
                {
                    if (seen.All(reported.Add)) yield return start;
                    break;
                }

                if (!seen.Add(parent)) break; // a cycle further up, reported from its own members
            }
        }
    }

    private static void CheckKey(string key, string? where, string what, Action<string?, string, string> add)
    {
        if (string.IsNullOrWhiteSpace(key)) add(where, $"catalogue.{what}-key-required", $"A {what} has no ID.");
        else if (key.Length > MaxKeyLength || !KeyPattern().IsMatch(key))
        {
            add(where, $"catalogue.invalid-{what}-key", $"'{key}' is not a valid {what} ID: use letters, digits, '.', '-', '_', '(' and ')' (at most {MaxKeyLength}).");
        }
    }

    private static void CheckTitle(string title, string? where, string what, Action<string?, string, string> add)
    {
        if (string.IsNullOrWhiteSpace(title)) add(where, "catalogue.title-required", $"{what} has no title.");
        else if (title.Length > MaxTitleLength) add(where, "catalogue.title-too-long", $"{what} has a title longer than {MaxTitleLength} characters.");
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_][\p{L}\p{N}._\-()]*$")]
    private static partial Regex KeyPattern();
}
