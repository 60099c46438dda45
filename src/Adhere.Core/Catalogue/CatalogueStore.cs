using System.Text.Json;
using System.Text.Json.Serialization;
using Adhere.Core.Persistence;
using Adhere.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Catalogue;

/// <summary>Converts between stored catalogue rows and <see cref="CatalogueDocument"/>s; the only code that knows both.</summary>
public sealed class CatalogueStore(AdhereDb db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CatalogueVersion?> FindAsync(string name, string version, CancellationToken ct)
    {
        var normalized = Normalize(name);
        var v = version.Trim();
        // Most imports bring a new version: a plain command says so without EF Core's query pipeline, whose first use
        // costs a cold process (a CLI import) about 11 MiB (ADR 0034). Only a version that exists is loaded (tracked).
        if (!await ExistsAsync(normalized, v, ct)) return null;
        return await db.Catalogues.FirstOrDefaultAsync(c => c.NormalizedName == normalized && c.Version == v, ct);
    }

    private async Task<bool> ExistsAsync(string normalizedName, string version, CancellationToken ct)
    {
        var (table, columns) = db.SqlNames<CatalogueVersion>(nameof(CatalogueVersion.NormalizedName), nameof(CatalogueVersion.Version));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.CreatePlainCommand($"SELECT 1 FROM {table} WHERE {columns[0]} = @name AND {columns[1]} = @version LIMIT 1");
            var nameParameter = command.CreateParameter();
            nameParameter.ParameterName = "@name";
            nameParameter.Value = normalizedName;
            var versionParameter = command.CreateParameter();
            versionParameter.ParameterName = "@version";
            versionParameter.Value = version;
            command.Parameters.Add(nameParameter);
            command.Parameters.Add(versionParameter);
            return await command.ExecuteScalarAsync(ct) is not null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string Normalize(string name) => (name ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>
    /// Rebuilds the document of a stored version. Standards come with every clause known to the installation,
    /// which may be more than the version's own file listed.
    /// </summary>
    public async Task<CatalogueDocument> LoadAsync(CatalogueVersion header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        var id = header.Id;
        var sections = await db.CatalogueSections.AsNoTracking().Where(s => s.CatalogueId == id).OrderBy(s => s.Position).ToListAsync(ct);
        var controls = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == id).OrderBy(c => c.Position).ToListAsync(ct);
        var modules = await db.CatalogueModules.AsNoTracking().Where(m => m.CatalogueId == id).OrderBy(m => m.Position).ToListAsync(ct);
        var mappings = await db.ControlMappings.AsNoTracking().Where(m => m.CatalogueId == id).OrderBy(m => m.Position).ToListAsync(ct);
        var transitions = await db.CatalogueTransitions.AsNoTracking().Where(t => t.CatalogueId == id).OrderBy(t => t.Position).ToListAsync(ct);
        var standardKeys = mappings.Select(m => m.StandardKey).Distinct().ToList();
        var standards = await db.Standards.AsNoTracking().Where(s => standardKeys.Contains(s.Key)).ToListAsync(ct);
        var standardIds = standards.Select(s => s.Id).ToList();
        var clauses = (await db.StandardClauses.AsNoTracking().Where(c => standardIds.Contains(c.StandardId)).ToListAsync(ct))
            .ToLookup(c => c.StandardId);

        return new CatalogueDocument(
            new CodeInfo(header.Name, header.Version, header.Owner, header.PublishedOn, header.ApprovedOn, header.Status, header.Description,
                header.IsDemo, header.Origin, header.SourceId),
            sections.Select(s => new SectionDraft(s.Key, s.ParentKey, s.Title, s.Description, s.Extra)).ToList(),
            controls.Select(c => new ControlDraft(c.Key, c.SectionKey, c.ParentKey, c.Title, c.Statement, c.Guidance,
                Strings(c.GdprReferences), Strings(c.Tags), c.ModuleKey,
                JsonSerializer.Deserialize<List<ParameterDraft>>(c.Parameters, Json) ?? [], c.Extra)).ToList(),
            modules.Select(m => new ModuleDraft(m.Key, m.Title, m.Description)).ToList(),
            standardKeys.Select(k => standards.First(s => s.Key == k))
                .Select(s => new StandardDraft(s.Key, s.Title, s.Publisher,
                    clauses[s.Id].OrderBy(c => c.Position).Select(c => new ClauseDraft(c.Ref, c.Title)).ToList()))
                .ToList(),
            mappings.Select(m => new MappingDraft(m.ControlKey, m.StandardKey, m.ClauseRef, m.Relationship, m.Rationale, m.IsDemo)).ToList(),
            transitions.GroupBy(t => t.FromVersion)
                .Select(g => new TransitionDraft(g.Key, g.Select(t => new TransitionRow(t.FromKey, t.ToKey, t.Note)).ToList()))
                .ToList());
    }

    /// <summary>
    /// Adds the header row of a new version; the caller saves it, then writes the content with
    /// <see cref="WriteContentAsync"/>.
    /// </summary>
    public CatalogueVersion AddVersion(CatalogueDocument document, string fingerprint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        var header = new CatalogueVersion { Id = CatalogueId.New(), ImportedAt = now };
        SetHeader(header, document, fingerprint, now);
        db.Catalogues.Add(header);
        return header;
    }

    /// <summary>
    /// Fills in the header of a new version that was saved before its document was read (ADR 0037), as
    /// <see cref="AddVersion"/> would have; the caller saves it.
    /// </summary>
    public static void CompleteVersion(CatalogueVersion header, CatalogueDocument document, string fingerprint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(document);
        header.ImportedAt = now;
        SetHeader(header, document, fingerprint, now);
    }

    /// <summary>
    /// Deletes the content of an existing, unfrozen version and updates its header; the caller saves, then writes
    /// the new content with <see cref="WriteContentAsync"/>.
    /// </summary>
    public async Task ReplaceContentAsync(CatalogueVersion header, CatalogueDocument document, string fingerprint, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(document);
        if (header.FrozenAt is not null) throw new InvalidOperationException("A frozen catalogue version cannot change.");
        var id = header.Id;
        await db.CatalogueSections.Where(x => x.CatalogueId == id).ExecuteDeleteAsync(ct);
        await db.CatalogueControls.Where(x => x.CatalogueId == id).ExecuteDeleteAsync(ct);
        await db.CatalogueModules.Where(x => x.CatalogueId == id).ExecuteDeleteAsync(ct);
        await db.ControlMappings.Where(x => x.CatalogueId == id).ExecuteDeleteAsync(ct);
        await db.CatalogueTransitions.Where(x => x.CatalogueId == id).ExecuteDeleteAsync(ct);
        SetHeader(header, document, fingerprint, now);
    }

    /// <summary>
    /// Creates missing standards and adds missing clauses; titles of existing ones are updated. Clauses are never
    /// removed, since other catalogues may map to them. Returns a line per change, for the import report. With
    /// <paramref name="apply"/>, standards and titles are changed in the change tracker, and the clauses to add are
    /// returned for <see cref="WriteContentAsync"/>, which writes them once the standards are saved.
    /// </summary>
    public async Task<StandardsMerge> MergeStandardsAsync(IReadOnlyList<StandardDraft> standards, bool apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(standards);
        var changes = new List<string>();
        var newClauses = new List<StandardClause>();
        foreach (var draft in standards)
        {
            var standard = await db.Standards.FirstOrDefaultAsync(s => s.Key == draft.Key, ct);
            if (standard is null)
            {
                changes.Add($"standard {draft.Key} created with {draft.Clauses.Count} clause(s)");
                if (!apply) continue;
                standard = new Standard { Id = Guid.NewGuid(), Key = draft.Key, Title = draft.Title, Publisher = draft.Publisher };
                db.Standards.Add(standard);
                var position = 0;
                foreach (var c in draft.Clauses) newClauses.Add(new StandardClause { StandardId = standard.Id, Ref = c.Ref, Title = c.Title, Position = position++ });
                continue;
            }

            if (standard.Title != draft.Title || (draft.Publisher is not null && standard.Publisher != draft.Publisher))
            {
                changes.Add($"standard {draft.Key} renamed or republished");
                if (apply)
                {
                    standard.Title = draft.Title;
                    standard.Publisher = draft.Publisher ?? standard.Publisher;
                }
            }

            var existing = await db.StandardClauses.Where(c => c.StandardId == standard.Id).ToListAsync(ct);
            var next = existing.Count == 0 ? 0 : existing.Max(c => c.Position) + 1;
            var added = 0;
            var retitled = 0;
            foreach (var c in draft.Clauses)
            {
                var stored = existing.FirstOrDefault(e => e.Ref == c.Ref);
                if (stored is null)
                {
                    added++;
                    if (apply) newClauses.Add(new StandardClause { StandardId = standard.Id, Ref = c.Ref, Title = c.Title, Position = next++ });
                }
                else if (c.Title.Length > 0 && stored.Title != c.Title)
                {
                    retitled++;
                    if (apply) stored.Title = c.Title;
                }
            }

            if (added > 0) changes.Add($"standard {draft.Key}: {added} clause(s) added");
            if (retitled > 0) changes.Add($"standard {draft.Key}: {retitled} clause title(s) changed");
        }

        return new StandardsMerge(changes, newClauses);
    }

    private static void SetHeader(CatalogueVersion header, CatalogueDocument document, string fingerprint, DateTimeOffset now)
    {
        var c = document.Code;
        header.Name = c.Name.Trim();
        header.NormalizedName = Normalize(c.Name);
        header.Version = c.Version.Trim();
        header.Owner = c.Owner;
        header.PublishedOn = c.PublishedOn;
        header.ApprovedOn = c.ApprovedOn;
        header.Status = c.Status;
        header.Description = c.Description;
        header.IsDemo = c.IsDemo;
        header.Origin = c.Origin;
        header.SourceId = c.SourceId;
        header.ContentHash = fingerprint;
        header.ControlCount = document.Controls.Count;
        header.UpdatedAt = now;
    }

    /// <summary>
    /// Writes the content rows of a version and the clauses a merge of standards added, in the open transaction,
    /// after the header and the standards are saved (the rows refer to them). The rows bypass the change tracker:
    /// nothing in the import reads them back, and tracking hundreds of rows cost more than writing them.
    /// </summary>
    /// <param name="columns">The computed columns of <paramref name="document"/>'s controls, in order, when a caller has
    /// them already (<see cref="PreparedContent"/>); computed here otherwise.</param>
    public async Task WriteContentAsync(CatalogueId id, CatalogueDocument document, IReadOnlyList<StandardClause> newClauses, CancellationToken ct,
        IReadOnlyList<ControlColumns>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(newClauses);
        if (columns is not null && columns.Count != document.Controls.Count) throw new ArgumentException("One set of columns per control.", nameof(columns));
        await RowWriter.InsertAsync(db, newClauses, ct);
        await RowWriter.InsertAsync(db, document.Sections.Select((s, position) => new CatalogueSection
        {
            CatalogueId = id, Key = s.Key, ParentKey = s.ParentKey, Title = s.Title, Description = s.Description, Extra = s.Extra, Position = position,
        }), ct);
        await RowWriter.InsertAsync(db, document.Controls.Select((c, position) =>
        {
            var computed = columns?[position] ?? ColumnsOf(c);
            return new CatalogueControl
            {
                CatalogueId = id,
                Key = c.Key,
                SectionKey = c.SectionKey,
                ParentKey = c.ParentControlKey,
                Title = c.Title,
                Statement = c.Statement,
                Guidance = c.Guidance,
                GdprReferences = computed.GdprReferences,
                Tags = computed.Tags,
                ModuleKey = c.ModuleKey,
                Parameters = computed.Parameters,
                Extra = c.Extra,
                SearchText = computed.SearchText,
                Position = position,
            };
        }), ct);
        await RowWriter.InsertAsync(db, document.Modules.Select((m, position) => new CatalogueModule
        {
            CatalogueId = id, Key = m.Key, Title = m.Title, Description = m.Description, Position = position,
        }), ct);
        await RowWriter.InsertAsync(db, document.Mappings.Select((m, position) => new ControlMapping
        {
            CatalogueId = id, ControlKey = m.ControlKey, StandardKey = m.StandardKey, ClauseRef = m.ClauseRef, Relationship = m.Relationship,
            Rationale = m.Rationale, IsDemo = m.IsDemo, Position = position,
        }), ct);
        await RowWriter.InsertAsync(db, document.Transitions.SelectMany(t => t.Controls.Select(r => (t.FromVersion, Row: r)))
            .Select((x, position) => new CatalogueTransitionRow
            {
                CatalogueId = id, FromVersion = x.FromVersion, FromKey = x.Row.FromKey, ToKey = x.Row.ToKey, Note = x.Row.Note, Position = position,
            }), ct);
    }

    /// <summary>The columns of a control's row that are computed from its draft rather than copied.</summary>
    public static ControlColumns ColumnsOf(ControlDraft c)
    {
        ArgumentNullException.ThrowIfNull(c);
        // Source-generated serialisers: the same JSON as the reflection-based ones with Json, in half the time (ADR 0036).
        return new ControlColumns(SearchTextOf(c), JsonSerializer.Serialize(c.GdprReferences, ColumnsJson.Default.IReadOnlyListString),
            JsonSerializer.Serialize(c.Tags, ColumnsJson.Default.IReadOnlyListString), JsonSerializer.Serialize(c.Parameters, ColumnsJson.Default.IReadOnlyListParameterDraft));
    }

    /// <summary>The text searched by the control search: key, title, rendered statement and tags, upper-cased.</summary>
    public static string SearchTextOf(ControlDraft c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return string.Join('\n', c.Key, c.Title, ParameterText.Render(c.Statement, c.Parameters), string.Join(' ', c.Tags)).ToUpperInvariant();
    }

    /// <summary>The parameters of a stored control, from their JSON column.</summary>
    public static List<ParameterDraft> ParametersOf(string json) => JsonSerializer.Deserialize<List<ParameterDraft>>(json, Json) ?? [];

    private static List<string> Strings(string json) => JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}

/// <summary>The JSON columns of a control row, with <see cref="JsonSerializerDefaults.Web"/> as <c>CatalogueStore</c> reads them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<ParameterDraft>))]
internal sealed partial class ColumnsJson : JsonSerializerContext;

/// <summary>The computed columns of a control row: its search text and its lists as JSON.</summary>
public sealed record ControlColumns(string SearchText, string GdprReferences, string Tags, string Parameters);

/// <summary>What merging a document's standards changes: a line per change, and the clauses still to be written.</summary>
public sealed record StandardsMerge(IReadOnlyList<string> Changes, IReadOnlyList<StandardClause> NewClauses);
