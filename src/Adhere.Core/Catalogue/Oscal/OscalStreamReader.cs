using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue.Oscal;

/// <summary>
/// The fast path of <see cref="OscalCatalogReader"/> (ADR 0030): maps a catalog in one pass over a
/// <see cref="Utf8JsonReader"/>, with no <see cref="JsonDocument"/>, and copies what has no field of its own into the
/// extras token by token through a writer with the same options as <see cref="OscalTreeReader"/>'s. It only handles
/// files the tree reader reads without problems: at the first problem, syntax error, repeated property name (where the
/// tree reader would take the last) or anything unexpected it gives up and returns null, and the caller reads the file
/// again with <see cref="OscalTreeReader"/>, which lists every problem with its path. What it returns must equal the
/// tree reader's document for the same bytes, <c>Extra</c> strings included (tests compare them), because the
/// catalogue fingerprint covers them. The catalog's top-level groups are mapped on two threads when a second one is
/// free (<see cref="TopGroups"/>, ADR 0036).
/// </summary>
internal static class OscalStreamReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    // A top-level group's object is three levels in (the root, the catalog, the list): read from its own start, it has
    // the rest of the file's depth limit.
    private static readonly JsonReaderOptions GroupOptions = new() { MaxDepth = ReaderOptions.MaxDepth - 3 };

    /// <summary>
    /// The document, or null when the file has a problem (or a shape this path does not handle). The memory must not
    /// change during the call; no thread reads it after the call returns.
    /// </summary>
    public static CatalogueDocument? TryRead(ReadOnlyMemory<byte> json)
    {
        using var reading = new Reading(json);
        try
        {
            var reader = new Utf8JsonReader(json.Span, ReaderOptions);
            return reading.Run(ref reader);
        }
        catch (GiveUp)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 in a string, for instance: the tree reader decides what that gives.
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private sealed class GiveUp : Exception;

    private enum PartName { Other, Statement, Guidance, Overview }

    private enum Key { Other, Id, Name, Prose, Parts, Props, Links }

    private readonly record struct Slice(int Start, int Length)
    {
        public static readonly Slice None = new(-1, 0);

        public bool Exists => Start >= 0;
    }

    private readonly record struct PropInfo(string Name, string? Ns, string Value, string? Remarks, int Count, Slice Json)
    {
        public bool IsAdhere => Ns == OscalCatalogConventions.Namespace;
    }

    private readonly record struct TopPart(PartNode Node, Slice Json);

    private sealed class PartNode
    {
        public readonly List<PartNode> Children = [];
        public PartName Name;
        public bool HasName;
        public string? Id;
        public string? Prose;
        public bool HasProse;
        public bool ProseInPlace;
        public int ProseStart;
        public int ProseEnd;
        public string? Label;
        public bool Invalid;
        public int NonProse;
        public Key First;
        public Key Second;

        public void Reset()
        {
            Children.Clear();
            Name = PartName.Other;
            HasName = HasProse = ProseInPlace = Invalid = false;
            Id = Prose = Label = null;
            ProseStart = ProseEnd = NonProse = 0;
            First = Second = Key.Other;
        }
    }

    private sealed class ParamInfo
    {
        public string? Id;
        public string? Label;
        public string? HowMany;
        public List<string>? Choices;
        public List<string>? Values;
        public string? Guidance;
        public bool GuidelinesVerbatim;
        public Slice Guidelines = Slice.None;
        public Slice Remarks = Slice.None;
        public readonly Slice[] Extras = [Slice.None, Slice.None, Slice.None, Slice.None, Slice.None, Slice.None];
    }

    private sealed class ControlNode(string key, string path)
    {
        public string Key { get; } = key;
        public string Path { get; } = path;
        public string Title { get; init; } = string.Empty;
        public string? Statement { get; init; }
        public string? Guidance { get; init; }
        public List<string>? Gdpr { get; init; }
        public List<string>? Tags { get; init; }
        public string? Module { get; init; }
        public List<ParameterDraft> Parameters { get; init; } = [];
        public string? Extra { get; init; }
        public List<ControlNode>? Children { get; init; }
    }

    private sealed class GroupNode(string key, string path)
    {
        public string Key { get; } = key;
        public string Path { get; } = path;
        public string Title { get; init; } = string.Empty;
        public string? Description { get; init; }
        public string? Extra { get; init; }
        public List<ControlNode>? Controls { get; init; }
        public List<GroupNode>? Groups { get; init; }
    }

    private sealed class MetadataNode
    {
        public string? Title;
        public string? Version;
        public string? Remarks;
        public DateOnly? Published;
        public List<PropInfo>? Props;
        public List<(string? Uuid, string Name)>? Parties;
        public bool HasParties;
        public bool ResponsibleNotList;
        public string? Creator;
    }

    /// <summary>A growing byte buffer that can be cut back to an earlier length (scratch space for copied values).</summary>
    private sealed class Arena : IBufferWriter<byte>
    {
        private byte[] buffer = new byte[64 * 1024];

        public int Written { get; private set; }

        public ReadOnlySpan<byte> this[Slice slice] => buffer.AsSpan(slice.Start, slice.Length);

        public byte At(int index) => buffer[index];

        public void Truncate(int length) => Written = length;

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer.AsMemory(Written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer.AsSpan(Written);
        }

        private void Ensure(int sizeHint)
        {
            var need = Math.Max(sizeHint, 256);
            if (buffer.Length - Written >= need) return;
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Written + need));
        }
    }

    /// <summary>
    /// The top-level groups of one catalog, shared by the thread that reads the file and one helper (ADR 0036). The
    /// reading thread maps groups from the front, as it always did; the helper maps groups from the back, each from its
    /// own bytes, until the two meet, and the reading thread then carries on after the last group. A group is mapped by
    /// one thread only. When no thread is free to help, the reading thread maps them all and the helper costs nothing.
    /// <para>The helper needs to know where the groups start. In a file laid out one group per line (as published
    /// catalogs are) it takes every line break followed by the first group's indentation and an opening brace for a
    /// group's start (ADR 0037): no JSON string holds a raw line break, so each is outside strings, but it could be a
    /// deeper object in a file indented unevenly. So the guesses are checked: each group the helper maps must end where
    /// the next guess begins, after a comma, or the last one where the list closes, and the reading thread checks that
    /// the first group it hands over starts where it finds it. When a check fails, the reading thread maps the rest
    /// itself. Otherwise (a file on one line, say) the helper first finds where every group ends with the reader's
    /// <c>Skip</c>, which reads the whole list once more.</para>
    /// </summary>
    private sealed class TopGroups(ReadOnlyMemory<byte> source, int listStart)
    {
        // Monitor's Wait and Pulse, which System.Threading.Lock has not.
        private readonly object gate = new();
        private List<int>? guessed;
        private GroupNode?[] late = [];
        private int front;
        private int back = int.MaxValue;
        private int listEnd;
        private bool closed;
        private bool busy;
        private bool wrong;
        private ExceptionDispatchInfo? failure;

        public void Start() => SharedWork<bool>.Queue(static t => t.Help(), this);

        /// <summary>True when the reading thread maps group <paramref name="index"/>; false when the helper has it and all after it.</summary>
        public bool Claim(int index)
        {
            lock (gate)
            {
                // A group the helper could not read (or a syntax error it met) gives up the whole file, as it would here.
                failure?.Throw();
                if (index >= back) return false;
                front = index + 1;
                return true;
            }
        }

        /// <summary>
        /// The groups from <paramref name="index"/> on, once the helper has mapped them, and where the list's closing
        /// bracket is; null when they do not fit the file (the helper's guesses were wrong, or group
        /// <paramref name="index"/> does not start at <paramref name="start"/>, where the reading thread finds it), and
        /// the reading thread maps the rest itself.
        /// </summary>
        public (ArraySegment<GroupNode?> Groups, int ListEnd)? Rest(int index, int start)
        {
            lock (gate)
            {
                while (busy) Monitor.Wait(gate);
                failure?.Throw();
                // Past the last guess (this thread read every group) the list's end is this thread's to find.
                if (wrong || (guessed is not null && (index >= guessed.Count || guessed[index] != start))) return null;
                return (new ArraySegment<GroupNode?>(late, index, late.Length - index), listEnd);
            }
        }

        /// <summary>Stops the helper, and waits for it if it is running: nothing reads the bytes once the read returns.</summary>
        public void Close()
        {
            lock (gate)
            {
                closed = true;
                while (busy) Monitor.Wait(gate);
            }
        }

        private void Help()
        {
            lock (gate)
            {
                if (closed) return;
                busy = true;
            }

            Reading? reading = null;
            try
            {
                var guesses = GuessStarts(source.Span, listStart);
                var starts = guesses ?? FindStarts();
                if (starts is null) return;
                lock (gate)
                {
                    guessed = guesses;
                    late = new GroupNode?[starts.Count];
                    back = late.Length;
                }

                reading = new Reading(source);
                while (true)
                {
                    int index;
                    lock (gate)
                    {
                        if (closed || back <= front) return;
                        index = --back;
                    }

                    if (guesses is null)
                    {
                        var (node, _) = reading.ReadTopGroupAt(starts[index], index);
                        lock (gate) late[index] = node;
                    }
                    else if (!MapGuessed(reading, starts, index))
                    {
                        lock (gate)
                        {
                            // The reading thread maps every group from here on, the helper's included.
                            wrong = true;
                            back = int.MaxValue;
                        }

                        return;
                    }
                }
            }
#pragma warning disable CA1031 // handed to the reading thread, which throws it as its own
            catch (Exception e)
#pragma warning restore CA1031
            {
                lock (gate) failure ??= ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                reading?.Dispose();
                lock (gate)
                {
                    busy = false;
                    Monitor.PulseAll(gate);
                }
            }
        }

        /// <summary>
        /// Where every group starts, and the list ends, by skipping through the list: its syntax and depth are checked on
        /// the way. Null when the reading thread closed the list meanwhile.
        /// </summary>
        private List<int>? FindStarts()
        {
            // From the list's opening bracket, the depth two less than in the file: the same limit as the file's reader.
            var r = new Utf8JsonReader(source.Span[listStart..], new JsonReaderOptions { MaxDepth = ReaderOptions.MaxDepth - 2 });
            r.Read();
            var starts = new List<int>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (Volatile.Read(ref closed)) return null;
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                starts.Add(listStart + checked((int)r.TokenStartIndex));
                r.Skip();
            }

            if (r.TokenType != JsonTokenType.EndArray) throw new GiveUp();
            listEnd = listStart + checked((int)r.TokenStartIndex);
            return starts;
        }

        /// <summary>Maps the group guessed to start at <c>starts[index]</c>; false when it does not end where the next one starts.</summary>
        private bool MapGuessed(Reading reading, List<int> starts, int index)
        {
            GroupNode node;
            int end;
            try
            {
                (node, end) = reading.ReadTopGroupAt(starts[index], index);
            }
#pragma warning disable CA1031 // from a wrong guess anything can fail; the reading thread meets a real problem itself
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }

            var span = source.Span;
            var next = SkipWhitespace(span, end);
            var last = index == starts.Count - 1;
            if (next >= span.Length || span[next] != (last ? (byte)']' : (byte)',')) return false;
            if (!last && SkipWhitespace(span, next + 1) != starts[index + 1]) return false;
            lock (gate)
            {
                late[index] = node;
                if (last) listEnd = next;
            }

            return true;
        }

        /// <summary>
        /// The start of every top-level group, when the first group begins a line of its own: each line break followed by
        /// the same indentation and a brace, to the end of the file. Null when the list is laid out otherwise.
        /// </summary>
        private static List<int>? GuessStarts(ReadOnlySpan<byte> span, int listStart)
        {
            var first = SkipWhitespace(span, listStart + 1);
            if (first >= span.Length || span[first] != (byte)'{') return null;
            var lineBreak = span[..first].LastIndexOf((byte)'\n');
            if (lineBreak <= listStart) return null;
            var pattern = span[lineBreak..(first + 1)];
            if (pattern[1..^1].ContainsAnyExcept((byte)' ', (byte)'\t')) return null;
            // Laid out this way, the list most likely closes on a line of its own, indented as the line that opens it:
            // guesses stop there, so that a list of the same depth after it (a catalog's own controls) is not taken in.
            var lineStart = span[..listStart].LastIndexOf((byte)'\n') + 1;
            var indent = span[lineStart..listStart];
            indent = indent[..(indent.ContainsAnyExcept((byte)' ', (byte)'\t') ? indent.IndexOfAnyExcept((byte)' ', (byte)'\t') : indent.Length)];
            var close = new byte[indent.Length + 2];
            close[0] = (byte)'\n';
            indent.CopyTo(close.AsSpan(1));
            close[^1] = (byte)']';
            var limit = span[first..].IndexOf(close);
            var within = limit < 0 ? span : span[..(first + limit + 1)];

            var starts = new List<int> { first };
            for (var at = first + 1; ;)
            {
                var found = within[at..].IndexOf(pattern);
                if (found < 0) break;
                at += found + pattern.Length;
                starts.Add(at - 1);
            }

            return starts;
        }
    }

    /// <summary>The first position at or after <paramref name="at"/> that is not JSON whitespace.</summary>
    private static int SkipWhitespace(ReadOnlySpan<byte> span, int at)
    {
        while (at < span.Length && span[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') at++;
        return at;
    }

    /// <summary>
    /// Where the element after the reader's position starts in a list: past whitespace, and past a comma unless it is
    /// the first element; -1 when the bytes there are not that.
    /// </summary>
    private static int NextElement(ReadOnlySpan<byte> span, int at, bool first)
    {
        at = SkipWhitespace(span, at);
        if (first) return at;
        if (at >= span.Length || span[at] != (byte)',') return -1;
        return SkipWhitespace(span, at + 1);
    }

    private sealed class Reading : IDisposable
    {
        private static readonly JsonWriterOptions WriterOptions = new()
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        };

        // The order in which the tree reader copies a parameter's other properties into its extras.
        private static readonly byte[][] ParamExtras = ["class"u8.ToArray(), "depends-on"u8.ToArray(), "props"u8.ToArray(), "links"u8.ToArray(), "usage"u8.ToArray(), "constraints"u8.ToArray()];

        private readonly Arena arena = new();
        private readonly Utf8JsonWriter aw;
        private int sliceStart;
        private readonly ArrayBufferWriter<byte> extraBuffer = new(4096);
        private readonly Utf8JsonWriter extra;
        private readonly ArrayBufferWriter<byte> shape = new(4096);
        private readonly List<PartNode> pool = [];
        private int poolUsed;
        private readonly StringBuilder text = new();
        private readonly List<string> prefixes = [];
        private readonly List<string?> chunks = [];
        private byte[] unescaped = new byte[256];

        private readonly ReadOnlyMemory<byte> source;

        public Reading(ReadOnlyMemory<byte> source)
        {
            this.source = source;
            aw = new Utf8JsonWriter(arena, WriterOptions);
            // The same options as the tree reader's scratch writer, so that the extras come out byte for byte the same.
            extra = new Utf8JsonWriter(extraBuffer, new JsonWriterOptions { Encoder = WriterOptions.Encoder });
        }

        public void Dispose()
        {
            aw.Dispose();
            extra.Dispose();
        }

        public CatalogueDocument Run(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
            CatalogueDocument? document = null;
            while (Next(ref r))
            {
                if (!Is(ref r, "catalog"u8))
                {
                    r.Skip();
                    continue;
                }

                if (document is not null) throw new GiveUp();
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                document = ReadCatalog(ref r);
            }

            // Trailing content after the root is a syntax error (Read throws); only whitespace may follow.
            if (r.Read() || document is null) throw new GiveUp();
            return document;
        }

        private CatalogueDocument ReadCatalog(ref Utf8JsonReader r)
        {
            string? uuid = null;
            MetadataNode? metadata = null;
            List<ControlNode>? top = null;
            List<GroupNode>? groups = null;
            var seen = 0;
            while (Next(ref r))
            {
                if (Is(ref r, "uuid"u8))
                {
                    Once(ref seen, 1);
                    uuid = OptionalString(ref r);
                }
                else if (Is(ref r, "metadata"u8))
                {
                    Once(ref seen, 2);
                    metadata = ReadMetadata(ref r);
                }
                else if (Is(ref r, "controls"u8))
                {
                    Once(ref seen, 4);
                    top = ReadControls(ref r, "$.catalog");
                }
                else if (Is(ref r, "groups"u8))
                {
                    Once(ref seen, 8);
                    groups = ReadTopGroups(ref r);
                }
                else r.Skip();
            }

            if (metadata?.Title is null || metadata.Version is null) throw new GiveUp();

            var modules = new List<ModuleDraft>();
            var moduleKeys = new HashSet<string>(StringComparer.Ordinal);
            DateOnly? approved = null;
            foreach (var prop in metadata.Props ?? [])
            {
                if (!prop.IsAdhere) continue;
                if (prop.Name == OscalCatalogConventions.ApprovedOnProp && approved is null)
                {
                    if (!DateOnly.TryParseExact(prop.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) throw new GiveUp();
                    approved = date;
                }
                else if (prop.Name == OscalCatalogConventions.ModuleProp && moduleKeys.Add(prop.Value))
                {
                    var (moduleTitle, description) = OscalCatalogConventions.SplitModuleRemarks(prop.Remarks);
                    modules.Add(new ModuleDraft(prop.Value, moduleTitle ?? prop.Value, description));
                }
            }

            string? owner = null;
            if (metadata.HasParties)
            {
                if (metadata.ResponsibleNotList) throw new GiveUp();
                foreach (var (partyUuid, name) in metadata.Parties!)
                {
                    if (metadata.Creator is not null && partyUuid == metadata.Creator)
                    {
                        owner = name;
                        break;
                    }

                    owner ??= name;
                }
            }

            var code = new CodeInfo(metadata.Title, metadata.Version, owner, metadata.Published, approved, CatalogueStatus.Active,
                metadata.Remarks, false, "oscal", uuid);

            var sections = new List<SectionDraft>();
            var controls = new List<ControlDraft>();
            if (top is { Count: > 0 })
            {
                sections.Add(new SectionDraft(OscalCatalogReader.UngroupedSectionKey, null, OscalCatalogReader.UngroupedSectionTitle, null, null, "$.catalog.controls"));
                foreach (var control in top) Emit(control, OscalCatalogReader.UngroupedSectionKey, null, controls, modules, moduleKeys);
            }

            foreach (var group in groups ?? []) Emit(group, null, sections, controls, modules, moduleKeys);
            return new CatalogueDocument(code, sections, controls, modules, [], [], []);
        }

        private static void Emit(GroupNode group, string? parentKey, List<SectionDraft> sections, List<ControlDraft> controls,
            List<ModuleDraft> modules, HashSet<string> moduleKeys)
        {
            sections.Add(new SectionDraft(group.Key, parentKey, group.Title, group.Description, group.Extra, group.Path));
            foreach (var control in group.Controls ?? []) Emit(control, group.Key, null, controls, modules, moduleKeys);
            foreach (var subgroup in group.Groups ?? []) Emit(subgroup, group.Key, sections, controls, modules, moduleKeys);
        }

        private static void Emit(ControlNode c, string sectionKey, string? parentKey, List<ControlDraft> controls,
            List<ModuleDraft> modules, HashSet<string> moduleKeys)
        {
            if (c.Module is not null && moduleKeys.Add(c.Module)) modules.Add(new ModuleDraft(c.Module, c.Module, null));
            controls.Add(new ControlDraft(c.Key, sectionKey, parentKey, c.Title, c.Statement ?? string.Empty, c.Guidance,
                c.Gdpr ?? [], c.Tags ?? [], c.Module, c.Parameters, c.Extra, c.Path));
            foreach (var child in c.Children ?? []) Emit(child, sectionKey, c.Key, controls, modules, moduleKeys);
        }

        private MetadataNode ReadMetadata(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
            var m = new MetadataNode();
            var seen = 0;
            while (Next(ref r))
            {
                if (Is(ref r, "title"u8))
                {
                    Once(ref seen, 1);
                    m.Title = RequiredString(ref r);
                }
                else if (Is(ref r, "version"u8))
                {
                    Once(ref seen, 2);
                    m.Version = RequiredString(ref r);
                }
                else if (Is(ref r, "remarks"u8))
                {
                    Once(ref seen, 4);
                    m.Remarks = OptionalString(ref r);
                }
                else if (Is(ref r, "published"u8))
                {
                    Once(ref seen, 8);
                    var value = OptionalString(ref r)!;
                    if (value.Length < 10 || !DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        throw new GiveUp();
                    }

                    m.Published = date;
                }
                else if (Is(ref r, "props"u8))
                {
                    Once(ref seen, 16);
                    m.Props = ReadProps(ref r);
                }
                else if (Is(ref r, "parties"u8))
                {
                    Once(ref seen, 32);
                    m.HasParties = true;
                    m.Parties = ReadParties(ref r);
                }
                else if (Is(ref r, "responsible-parties"u8))
                {
                    Once(ref seen, 64);
                    ReadResponsibleParties(ref r, m);
                }
                else r.Skip();
            }

            return m;
        }

        private static List<(string? Uuid, string Name)> ReadParties(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var parties = new List<(string?, string)>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.Skip();
                    continue;
                }

                string? name = null, uuid = null;
                var seen = 0;
                while (Next(ref r))
                {
                    if (Is(ref r, "name"u8))
                    {
                        Once(ref seen, 1);
                        r.Read();
                        if (r.TokenType == JsonTokenType.String) name = r.GetString();
                        else r.Skip();
                    }
                    else if (Is(ref r, "uuid"u8))
                    {
                        Once(ref seen, 2);
                        r.Read();
                        if (r.TokenType == JsonTokenType.String) uuid = r.GetString();
                        else r.Skip();
                    }
                    else r.Skip();
                }

                if (name is not null) parties.Add((uuid, name));
            }

            return parties;
        }

        private static void ReadResponsibleParties(ref Utf8JsonReader r, MetadataNode m)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray)
            {
                m.ResponsibleNotList = true;
                r.Skip();
                return;
            }

            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    r.Skip();
                    continue;
                }

                bool isCreator = false;
                string? first = null;
                var seen = 0;
                while (Next(ref r))
                {
                    if (Is(ref r, "role-id"u8))
                    {
                        Once(ref seen, 1);
                        r.Read();
                        // The tree reader compares the role as a string and fails on anything else: let it.
                        if (r.TokenType != JsonTokenType.String) throw new GiveUp();
                        isCreator = r.ValueTextEquals("creator"u8);
                    }
                    else if (Is(ref r, "party-uuids"u8))
                    {
                        Once(ref seen, 2);
                        r.Read();
                        if (r.TokenType != JsonTokenType.StartArray)
                        {
                            r.Skip();
                            continue;
                        }

                        var index = 0;
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        {
                            if (index++ == 0 && r.TokenType == JsonTokenType.String) first = r.GetString();
                            else r.Skip();
                        }
                    }
                    else r.Skip();
                }

                if (isCreator && first is not null && m.Creator is null) m.Creator = first;
            }
        }

        private List<ControlNode> ReadControls(ref Utf8JsonReader r, string path)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var list = new List<ControlNode>();
            var i = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                list.Add(ReadControl(ref r, string.Create(CultureInfo.InvariantCulture, $"{path}.controls[{i++}]")));
            }

            return list;
        }

        private List<GroupNode> ReadGroups(ref Utf8JsonReader r, string path, string? position)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var list = new List<GroupNode>();
            var i = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                var here = string.Create(CultureInfo.InvariantCulture, $"{path}.groups[{i}]");
                i++;
                var at = i.ToString(CultureInfo.InvariantCulture);
                list.Add(ReadGroup(ref r, here, position is null ? at : position + "." + at));
            }

            return list;
        }

        /// <summary>
        /// The catalog's groups, read on two threads (<see cref="TopGroups"/>, ADR 0036). Each group is mapped by
        /// <see cref="ReadGroup"/> as <see cref="ReadGroups"/> maps it, here or from its own bytes, so the document is the same.
        /// </summary>
        private List<GroupNode> ReadTopGroups(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var shared = new TopGroups(source, checked((int)r.TokenStartIndex));
            shared.Start();
            var list = new List<GroupNode>();
            var alone = false;
            try
            {
                while (true)
                {
                    var i = list.Count;
                    if (!alone && !shared.Claim(i))
                    {
                        // This reader spans the whole file from its start, so what it consumed is a position in the file.
                        if (shared.Rest(i, NextElement(source.Span, checked((int)r.BytesConsumed), first: i == 0)) is { } handed)
                        {
                            foreach (var group in handed.Groups) list.Add(group!);
                            // Carry on at the list's closing bracket, in the state this reader has now (in the list, after a
                            // group or at its start), which is the state it would have after reading the helper's groups:
                            // the helper's reader checked their syntax and depth.
                            r = new Utf8JsonReader(source.Span[handed.ListEnd..], isFinalBlock: true, r.CurrentState);
                            r.Read();
                            break;
                        }

                        // The helper's groups do not fit the file: map the rest here.
                        alone = true;
                    }

                    if (!r.Read() || r.TokenType == JsonTokenType.EndArray) break;
                    if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                    list.Add(ReadGroup(ref r, string.Create(CultureInfo.InvariantCulture, $"$.catalog.groups[{i}]"), (i + 1).ToString(CultureInfo.InvariantCulture)));
                }
            }
            finally
            {
                shared.Close();
            }

            if (r.TokenType != JsonTokenType.EndArray) throw new GiveUp();
            return list;
        }

        /// <summary>
        /// The top-level group at <paramref name="index"/>, from its own bytes at <paramref name="start"/> (see
        /// <see cref="ReadTopGroups"/>), and the position after its closing brace. Its syntax is checked here, with the
        /// depth limit it has in the file (three levels in).
        /// </summary>
        public (GroupNode Group, int End) ReadTopGroupAt(int start, int index)
        {
            var r = new Utf8JsonReader(source.Span[start..], GroupOptions);
            r.Read();
            var group = ReadGroup(ref r, string.Create(CultureInfo.InvariantCulture, $"$.catalog.groups[{index}]"),
                (index + 1).ToString(CultureInfo.InvariantCulture));
            return (group, start + checked((int)r.BytesConsumed));
        }

        private GroupNode ReadGroup(ref Utf8JsonReader r, string path, string position)
        {
            var mark = arena.Written;
            var poolMark = poolUsed;
            string? id = null, title = null;
            List<PropInfo>? props = null;
            Slice cls = Slice.None, links = Slice.None, parameters = Slice.None;
            List<TopPart>? parts = null;
            List<ControlNode>? controls = null;
            List<GroupNode>? groups = null;
            var seen = 0;
            while (Next(ref r))
            {
                if (Is(ref r, "id"u8))
                {
                    Once(ref seen, 1);
                    id = OptionalString(ref r);
                }
                else if (Is(ref r, "title"u8))
                {
                    Once(ref seen, 2);
                    title = RequiredString(ref r);
                }
                else if (Is(ref r, "props"u8))
                {
                    Once(ref seen, 4);
                    props = ReadProps(ref r);
                }
                else if (Is(ref r, "class"u8))
                {
                    Once(ref seen, 8);
                    cls = CopyNext(ref r);
                }
                else if (Is(ref r, "links"u8))
                {
                    Once(ref seen, 16);
                    links = CopyNext(ref r);
                }
                else if (Is(ref r, "params"u8))
                {
                    Once(ref seen, 32);
                    parameters = CopyNext(ref r);
                }
                else if (Is(ref r, "parts"u8))
                {
                    Once(ref seen, 64);
                    parts = ReadParts(ref r);
                }
                else if (Is(ref r, "controls"u8))
                {
                    Once(ref seen, 128);
                    controls = ReadControls(ref r, path);
                }
                else if (Is(ref r, "groups"u8))
                {
                    Once(ref seen, 256);
                    groups = ReadGroups(ref r, path, position);
                }
                else r.Skip();
            }

            if (title is null) throw new GiveUp();
            props ??= [];
            var keyIndex = props.FindIndex(p => p.IsAdhere && p.Name == OscalCatalogConventions.SectionIdProp);
            var key = keyIndex >= 0 ? props[keyIndex].Value : id ?? "g" + position;

            var w = BeginExtra();
            if (id is not null && id != key && id != OscalCatalogConventions.IdFromKey(key, OscalCatalogConventions.SectionPrefix)) w.WriteString("id", id);
            CopyTo(w, "class"u8, cls);
            WriteProps(props, keyIndex, -1, -1, withLists: true, w);
            CopyTo(w, "links"u8, links);
            CopyTo(w, "params"u8, parameters);
            string? description = null;
            if (parts is not null) (description, _) = WriteParts(parts, w, PartName.Overview, "overview", null, PartName.Other, null, null);
            var extraJson = EndExtra();

            arena.Truncate(mark);
            poolUsed = poolMark;
            return new GroupNode(key, path)
            {
                Title = title,
                Description = description,
                Extra = extraJson,
                Controls = controls,
                Groups = groups,
            };
        }

        private ControlNode ReadControl(ref Utf8JsonReader r, string path)
        {
            var mark = arena.Written;
            var poolMark = poolUsed;
            string? id = null, title = null;
            List<PropInfo>? props = null;
            Slice cls = Slice.None, links = Slice.None;
            List<ParamInfo>? parameters = null;
            List<TopPart>? parts = null;
            List<ControlNode>? children = null;
            var seen = 0;
            while (Next(ref r))
            {
                if (Is(ref r, "id"u8))
                {
                    Once(ref seen, 1);
                    id = RequiredString(ref r);
                }
                else if (Is(ref r, "title"u8))
                {
                    Once(ref seen, 2);
                    title = RequiredString(ref r);
                }
                else if (Is(ref r, "props"u8))
                {
                    Once(ref seen, 4);
                    props = ReadProps(ref r);
                }
                else if (Is(ref r, "class"u8))
                {
                    Once(ref seen, 8);
                    cls = CopyNext(ref r);
                }
                else if (Is(ref r, "links"u8))
                {
                    Once(ref seen, 16);
                    links = CopyNext(ref r);
                }
                else if (Is(ref r, "params"u8))
                {
                    Once(ref seen, 32);
                    parameters = ReadParams(ref r);
                }
                else if (Is(ref r, "parts"u8))
                {
                    Once(ref seen, 64);
                    parts = ReadParts(ref r);
                }
                else if (Is(ref r, "controls"u8))
                {
                    Once(ref seen, 128);
                    children = ReadControls(ref r, path);
                }
                else r.Skip();
            }

            if (id is null || title is null) throw new GiveUp();
            props ??= [];
            string? keyProp = null, module = null;
            int keyIndex = -1, moduleIndex = -1;
            List<string>? gdpr = null, tags = null;
            for (var i = 0; i < props.Count; i++)
            {
                var p = props[i];
                if (!p.IsAdhere) continue;
                switch (p.Name)
                {
                    case OscalCatalogConventions.ControlIdProp when keyIndex < 0:
                        keyIndex = i;
                        keyProp = p.Value;
                        break;
                    case OscalCatalogConventions.ModuleProp when moduleIndex < 0:
                        moduleIndex = i;
                        module = p.Value;
                        break;
                    case OscalCatalogConventions.GdprProp:
                        (gdpr ??= []).Add(p.Value);
                        break;
                    case OscalCatalogConventions.TagProp:
                        (tags ??= []).Add(p.Value);
                        break;
                    default:
                        break;
                }
            }

            var key = keyProp ?? id;
            var labelIndex = RedundantLabel(props, key);

            var w = BeginExtra();
            if (id != key && id != OscalCatalogConventions.IdFromKey(key, OscalCatalogConventions.ControlPrefix)) w.WriteString("id", id);
            CopyTo(w, "class"u8, cls);
            WriteProps(props, keyIndex, labelIndex, moduleIndex, withLists: false, w);
            CopyTo(w, "links"u8, links);
            var drafts = parameters is null ? [] : WriteParams(parameters, w);
            string? statement = null, guidance = null;
            if (parts is not null)
            {
                (statement, guidance) = WriteParts(parts, w, PartName.Statement, "statement", id + "_smt", PartName.Guidance, "guidance", id + "_gdn");
            }

            var extraJson = EndExtra();

            arena.Truncate(mark);
            poolUsed = poolMark;
            return new ControlNode(key, path)
            {
                Title = title,
                Statement = statement,
                Guidance = guidance,
                Gdpr = gdpr,
                Tags = tags,
                Module = module,
                Parameters = drafts,
                Extra = extraJson,
                Children = children,
            };
        }

        /// <summary>The index of a lone plain <c>label</c> prop equal to the key: the writer adds it back, so it is not kept.</summary>
        private static int RedundantLabel(List<PropInfo> all, string key)
        {
            var found = -1;
            for (var i = 0; i < all.Count; i++)
            {
                if (all[i].Name != "label" || all[i].Ns is not null) continue;
                if (found >= 0) return -1;
                found = i;
            }

            if (found < 0 || all[found].Value != key) return -1;
            return all[found].Count == 2 ? found : -1;
        }

        private List<PropInfo> ReadProps(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var props = new List<PropInfo>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                var start = BeginSlice();
                aw.WriteStartObject();
                string? name = null, value = null, ns = null, remarks = null;
                var count = 0;
                var seen = 0;
                while (Next(ref r))
                {
                    count++;
                    var bit = Is(ref r, "name"u8) ? 1 : Is(ref r, "value"u8) ? 2 : Is(ref r, "ns"u8) ? 4 : Is(ref r, "remarks"u8) ? 8 : 0;
                    if (bit != 0) Once(ref seen, bit);
                    CopyToken(ref r);
                    r.Read();
                    if (bit is 1 or 2 or 4)
                    {
                        if (r.TokenType != JsonTokenType.String) throw new GiveUp();
                        var s = r.GetString();
                        if (bit == 1) name = s;
                        else if (bit == 2) value = s;
                        else ns = s;
                        CopyToken(ref r);
                    }
                    else
                    {
                        if (bit == 8 && r.TokenType == JsonTokenType.String) remarks = r.GetString();
                        CopyValue(ref r);
                    }
                }

                aw.WriteEndObject();
                var json = EndSlice(start);
                if (name is null || value is null) throw new GiveUp();
                props.Add(new PropInfo(name, ns, value, remarks, count, json));
            }

            return props;
        }

        private void WriteProps(List<PropInfo> all, int skip1, int skip2, int skip3, bool withLists, Utf8JsonWriter w)
        {
            var started = false;
            for (var i = 0; i < all.Count; i++)
            {
                var p = all[i];
                if (i == skip1 || i == skip2 || i == skip3) continue;
                if (!withLists && p.IsAdhere && p.Name is OscalCatalogConventions.GdprProp or OscalCatalogConventions.TagProp) continue;
                if (!started)
                {
                    w.WriteStartArray("props");
                    started = true;
                }

                w.WriteRawValue(arena[p.Json], skipInputValidation: true);
            }

            if (started) w.WriteEndArray();
        }

        private List<ParamInfo> ReadParams(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var list = new List<ParamInfo>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                var p = new ParamInfo();
                var seen = 0;
                while (Next(ref r))
                {
                    if (Is(ref r, "id"u8))
                    {
                        Once(ref seen, 1);
                        p.Id = RequiredString(ref r);
                    }
                    else if (Is(ref r, "label"u8))
                    {
                        Once(ref seen, 2);
                        p.Label = OptionalString(ref r);
                    }
                    else if (Is(ref r, "select"u8))
                    {
                        Once(ref seen, 4);
                        ReadSelect(ref r, p);
                    }
                    else if (Is(ref r, "values"u8))
                    {
                        Once(ref seen, 8);
                        p.Values = Strings(ref r);
                    }
                    else if (Is(ref r, "guidelines"u8))
                    {
                        Once(ref seen, 16);
                        ReadGuidelines(ref r, p);
                    }
                    else if (Is(ref r, "remarks"u8))
                    {
                        Once(ref seen, 32);
                        p.Remarks = CopyNext(ref r);
                    }
                    else
                    {
                        var k = 0;
                        while (k < ParamExtras.Length && !Is(ref r, ParamExtras[k])) k++;
                        if (k == ParamExtras.Length)
                        {
                            r.Skip();
                            continue;
                        }

                        Once(ref seen, 64 << k);
                        p.Extras[k] = CopyNext(ref r);
                    }
                }

                if (p.Id is null) throw new GiveUp();
                list.Add(p);
            }

            return list;
        }

        private static void ReadSelect(ref Utf8JsonReader r, ParamInfo p)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
            var seen = 0;
            while (Next(ref r))
            {
                if (Is(ref r, "how-many"u8))
                {
                    Once(ref seen, 1);
                    p.HowMany = OptionalString(ref r);
                }
                else if (Is(ref r, "choice"u8))
                {
                    Once(ref seen, 2);
                    p.Choices = Strings(ref r);
                }
                else r.Skip();
            }
        }

        private void ReadGuidelines(ref Utf8JsonReader r, ParamInfo p)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var start = BeginSlice();
            aw.WriteStartArray();
            var count = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                count++;
                aw.WriteStartObject();
                string? prose = null;
                while (Next(ref r))
                {
                    var isProse = Is(ref r, "prose"u8);
                    if (isProse && prose is not null) throw new GiveUp();
                    if (!isProse) p.GuidelinesVerbatim = true;
                    CopyToken(ref r);
                    r.Read();
                    if (isProse)
                    {
                        if (r.TokenType != JsonTokenType.String) throw new GiveUp();
                        prose = r.GetString();
                    }

                    CopyValue(ref r);
                }

                aw.WriteEndObject();
                if (prose is null) throw new GiveUp();
                p.Guidance = p.Guidance is null ? prose : p.Guidance + OscalCatalogConventions.GuidelineSeparator + prose;
            }

            aw.WriteEndArray();
            p.Guidelines = EndSlice(start);
            p.GuidelinesVerbatim |= count != 1;
        }

        private List<ParameterDraft> WriteParams(List<ParamInfo> parameters, Utf8JsonWriter w)
        {
            var result = new List<ParameterDraft>(parameters.Count);
            HashSet<string>? withExtras = null;
            var started = false;
            foreach (var p in parameters)
            {
                result.Add(new ParameterDraft(p.Id!, p.Label, p.Choices ?? [], p.HowMany, p.Guidance, p.Values ?? []));
                var hasExtras = p.GuidelinesVerbatim || p.Remarks.Exists;
                foreach (var e in p.Extras) hasExtras |= e.Exists;
                if (!hasExtras || !(withExtras ??= new(StringComparer.Ordinal)).Add(p.Id!)) continue;
                if (!started)
                {
                    w.WriteStartObject("params");
                    started = true;
                }

                w.WriteStartObject(p.Id!);
                for (var k = 0; k < ParamExtras.Length; k++) CopyTo(w, ParamExtras[k], p.Extras[k]);
                if (p.GuidelinesVerbatim) CopyTo(w, "guidelines"u8, p.Guidelines);
                CopyTo(w, "remarks"u8, p.Remarks);
                w.WriteEndObject();
            }

            if (started) w.WriteEndObject();
            return result;
        }

        private static List<string> Strings(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var list = new List<string>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.String) throw new GiveUp();
                list.Add(r.GetString()!);
            }

            return list;
        }

        private List<TopPart> ReadParts(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
            var list = new List<TopPart>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
                var start = BeginSlice();
                var node = ReadPart(ref r, top: true);
                if (!node.HasName) throw new GiveUp();
                list.Add(new TopPart(node, EndSlice(start)));
            }

            return list;
        }

        /// <summary>Copies a part (the reader on its start) into the current slice, noting what rendering it needs.</summary>
        private PartNode ReadPart(ref Utf8JsonReader r, bool top)
        {
            if (poolUsed == pool.Count) pool.Add(new PartNode());
            var node = pool[poolUsed++];
            node.Reset();
            aw.WriteStartObject();
            var seen = 0;
            var partsOrLinksSeen = false;
            var afterProse = false;
            while (Next(ref r))
            {
                var key = Is(ref r, "id"u8) ? Key.Id : Is(ref r, "name"u8) ? Key.Name : Is(ref r, "prose"u8) ? Key.Prose
                    : Is(ref r, "parts"u8) ? Key.Parts : Is(ref r, "props"u8) ? Key.Props : Is(ref r, "links"u8) ? Key.Links : Key.Other;
                if (afterProse)
                {
                    node.ProseInPlace &= key is Key.Parts or Key.Links;
                    afterProse = false;
                }

                if (key is not (Key.Other or Key.Links)) Once(ref seen, 1 << (int)key);
                if (key == Key.Prose)
                {
                    node.ProseStart = Position;
                    CopyToken(ref r);
                    r.Read();
                    if (r.TokenType == JsonTokenType.String) node.Prose = r.GetString();
                    else node.Invalid = true;
                    CopyValue(ref r);
                    node.ProseEnd = Position;
                    node.HasProse = true;
                    // The tree reader rebuilds the prose just before the first parts or links, or last.
                    node.ProseInPlace = !partsOrLinksSeen;
                    afterProse = true;
                    continue;
                }

                if (++node.NonProse == 1) node.First = key;
                else if (node.NonProse == 2) node.Second = key;
                CopyToken(ref r);
                r.Read();
                switch (key)
                {
                    case Key.Id:
                        // The tree reader compares a rendered part's id as a string, and fails on anything else.
                        if (top && r.TokenType != JsonTokenType.String) throw new GiveUp();
                        if (top) node.Id = r.GetString();
                        CopyValue(ref r);
                        break;
                    case Key.Name:
                        if (r.TokenType == JsonTokenType.String)
                        {
                            node.HasName = true;
                            if (top)
                            {
                                node.Name = r.ValueTextEquals("statement"u8) ? PartName.Statement
                                    : r.ValueTextEquals("guidance"u8) ? PartName.Guidance
                                    : r.ValueTextEquals("overview"u8) ? PartName.Overview : PartName.Other;
                            }
                        }
                        else if (top) throw new GiveUp();

                        CopyValue(ref r);
                        break;
                    case Key.Parts:
                        partsOrLinksSeen = true;
                        if (r.TokenType != JsonTokenType.StartArray)
                        {
                            node.Invalid = true;
                            CopyValue(ref r);
                            break;
                        }

                        aw.WriteStartArray();
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        {
                            if (r.TokenType != JsonTokenType.StartObject)
                            {
                                node.Invalid = true;
                                CopyValue(ref r);
                                continue;
                            }

                            var child = ReadPart(ref r, top: false);
                            node.Invalid |= child.Invalid || !child.HasName;
                            node.Children.Add(child);
                        }

                        aw.WriteEndArray();
                        break;
                    case Key.Props:
                        if (r.TokenType == JsonTokenType.StartArray) ReadPartProps(ref r, node);
                        else CopyValue(ref r);
                        break;
                    case Key.Links:
                        partsOrLinksSeen = true;
                        CopyValue(ref r);
                        break;
                    default:
                        CopyValue(ref r);
                        break;
                }
            }

            aw.WriteEndObject();
            return node;
        }

        /// <summary>Copies a part's props, noting the first plain <c>label</c> (a string name and value, no ns).</summary>
        private void ReadPartProps(ref Utf8JsonReader r, PartNode node)
        {
            aw.WriteStartArray();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    CopyValue(ref r);
                    continue;
                }

                aw.WriteStartObject();
                bool isLabel = false, named = false, hasNs = false;
                string? value = null;
                var seen = 0;
                while (Next(ref r))
                {
                    var bit = Is(ref r, "name"u8) ? 1 : Is(ref r, "value"u8) ? 2 : Is(ref r, "ns"u8) ? 4 : 0;
                    if (bit != 0) Once(ref seen, bit);
                    CopyToken(ref r);
                    r.Read();
                    if (bit == 1)
                    {
                        named = true;
                        // The tree reader compares the name as a string, and fails on anything else.
                        if (r.TokenType != JsonTokenType.String) node.Invalid = true;
                        else isLabel = r.ValueTextEquals("label"u8);
                    }
                    // Most props name themselves first: a value after another name is not needed as text.
                    else if (bit == 2 && r.TokenType == JsonTokenType.String && node.Label is null && (!named || isLabel)) value = r.GetString();
                    else if (bit == 4) hasNs = true;
                    CopyValue(ref r);
                }

                aw.WriteEndObject();
                if (node.Label is null && isLabel && !hasNs && value is not null) node.Label = value;
            }

            aw.WriteEndArray();
        }

        /// <summary>
        /// Renders up to two named parts (the first of each name) as text, and writes to the extra what the writer
        /// needs to rebuild them and the other parts: their order, the shape of each rendered part, and the rest verbatim.
        /// </summary>
        private (string? First, string? Second) WriteParts(List<TopPart> parts, Utf8JsonWriter w,
            PartName first, string firstName, string? firstId, PartName second, string? secondName, string? secondId)
        {
            int firstAt = -1, secondAt = -1;
            for (var i = 0; i < parts.Count; i++)
            {
                var name = parts[i].Node.Name;
                if (name == PartName.Other) continue;
                if (firstAt < 0 && name == first) firstAt = i;
                else if (secondAt < 0 && secondName is not null && name == second) secondAt = i;
            }

            var found = (firstAt >= 0 ? 1 : 0) + (secondAt >= 0 ? 1 : 0);
            var ordered = firstAt < 0 || secondAt < 0 || firstAt < secondAt;
            if (found != parts.Count || !ordered)
            {
                w.WriteStartArray("parts");
                for (var i = 0; i < parts.Count; i++)
                {
                    if (i == firstAt) w.WriteStringValue(firstName);
                    else if (i == secondAt) w.WriteStringValue(secondName);
                    else w.WriteRawValue(arena[parts[i].Json], skipInputValidation: true);
                }

                w.WriteEndArray();
            }

            var firstText = firstAt < 0 ? null : Rendered(parts[firstAt], firstName, firstId, w);
            var secondText = secondAt < 0 ? null : Rendered(parts[secondAt], secondName!, secondId, w);
            return (firstText, secondText);
        }

        private string Rendered(TopPart part, string name, string? defaultId, Utf8JsonWriter w)
        {
            var node = part.Node;
            if (node.Invalid) throw new GiveUp();
            text.Clear();
            var any = false;
            if (node.Prose is not null)
            {
                text.Append(node.Prose);
                any = true;
            }

            Render(node, 0, ref any);
            var rendered = text.ToString();

            prefixes.Clear();
            CollectPrefixes(node, 0);
            var index = 0;
            var faithful = OscalPartText.TrySplit(rendered, prefixes, chunks) && Rebuilds(node, ref index);
            if (!faithful)
            {
                w.WritePropertyName(name + OscalCatalogConventions.VerbatimSuffix);
                w.WriteRawValue(arena[part.Json], skipInputValidation: true);
            }
            else if (!IsPlain(node, defaultId))
            {
                w.WritePropertyName(name);
                w.WriteRawValue(Shape(node, part.Json), skipInputValidation: true);
            }

            return rendered;
        }

        private void Render(PartNode node, int depth, ref bool any)
        {
            foreach (var child in node.Children)
            {
                if (any) text.Append('\n');
                any = true;
                text.Append(' ', depth * 2);
                if (child.Label is { } label) text.Append(label).Append(' ');
                if (child.Prose is not null) text.Append(child.Prose);
                Render(child, depth + 1, ref any);
            }
        }

        private void CollectPrefixes(PartNode node, int depth)
        {
            foreach (var child in node.Children)
            {
                prefixes.Add(child.Label is null ? new string(' ', depth * 2) : new string(' ', depth * 2) + child.Label + " ");
                CollectPrefixes(child, depth + 1);
            }
        }

        /// <summary>
        /// Whether writing the part's shape with the split prose gives back the part as it was: each part's prose is
        /// its chunk (none where the chunk is null), in the place the rebuilding puts it.
        /// </summary>
        private bool Rebuilds(PartNode node, ref int index)
        {
            var chunk = index < chunks.Count ? chunks[index] : null;
            index++;
            var same = chunk is null ? !node.HasProse : node.HasProse && node.ProseInPlace && node.Prose == chunk;
            if (!same) return false;
            foreach (var child in node.Children)
            {
                if (!Rebuilds(child, ref index)) return false;
            }

            return true;
        }

        private static bool IsPlain(PartNode node, string? defaultId) => defaultId is null
            ? node.NonProse == 1 && node.First == Key.Name
            : node.NonProse == 2 && node.First == Key.Id && node.Id == defaultId && node.Second == Key.Name;

        /// <summary>The part as copied, without the prose of any of its parts.</summary>
        private ReadOnlySpan<byte> Shape(PartNode root, Slice json)
        {
            shape.ResetWrittenCount();
            var from = json.Start;
            Cut(root, ref from);
            Append(from, json.Start + json.Length);
            return shape.WrittenSpan;
        }

        private void Cut(PartNode node, ref int from)
        {
            if (node.HasProse)
            {
                int start = node.ProseStart, end = node.ProseEnd;
                // Not the first property: drop the comma before it; the first: drop the comma after it, if any.
                if (arena.At(start) != (byte)',' && arena.At(end) == (byte)',') end++;
                Append(from, start);
                from = end;
            }

            foreach (var child in node.Children) Cut(child, ref from);
        }

        private void Append(int from, int to)
        {
            if (to > from) shape.Write(arena[new Slice(from, to - from)]);
        }

        private Utf8JsonWriter BeginExtra()
        {
            extraBuffer.ResetWrittenCount();
            extra.Reset(extraBuffer);
            extra.WriteStartObject();
            return extra;
        }

        private string? EndExtra()
        {
            extra.WriteEndObject();
            extra.Flush();
            var span = extraBuffer.WrittenSpan;
            return span.Length <= 2 ? null : Encoding.UTF8.GetString(span);
        }

        private void CopyTo(Utf8JsonWriter w, ReadOnlySpan<byte> name, Slice slice)
        {
            if (!slice.Exists) return;
            w.WritePropertyName(name);
            w.WriteRawValue(arena[slice], skipInputValidation: true);
        }

        private int Position => sliceStart + (int)(aw.BytesCommitted + aw.BytesPending);

        private int BeginSlice()
        {
            aw.Reset(arena);
            sliceStart = arena.Written;
            return sliceStart;
        }

        private Slice EndSlice(int start)
        {
            aw.Flush();
            return new Slice(start, arena.Written - start);
        }

        /// <summary>Reads the next value into a slice of its own.</summary>
        private Slice CopyNext(ref Utf8JsonReader r)
        {
            r.Read();
            var start = BeginSlice();
            CopyValue(ref r);
            return EndSlice(start);
        }

        /// <summary>Copies the value the reader is on (all of it, for an object or list) to the slice writer.</summary>
        private void CopyValue(ref Utf8JsonReader r)
        {
            CopyToken(ref r);
            if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
            var depth = r.CurrentDepth;
            while (r.Read())
            {
                CopyToken(ref r);
                if (r.CurrentDepth == depth) return;
            }
        }

        /// <summary>
        /// One token, written as <see cref="JsonElement.WriteTo"/> writes it: strings and names unescaped and escaped
        /// again by the writer's encoder, numbers as written in the source.
        /// </summary>
        private void CopyToken(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartObject: aw.WriteStartObject(); break;
                case JsonTokenType.EndObject: aw.WriteEndObject(); break;
                case JsonTokenType.StartArray: aw.WriteStartArray(); break;
                case JsonTokenType.EndArray: aw.WriteEndArray(); break;
                case JsonTokenType.PropertyName: aw.WritePropertyName(Unescaped(ref r)); break;
                case JsonTokenType.String: aw.WriteStringValue(Unescaped(ref r)); break;
                case JsonTokenType.Number: aw.WriteRawValue(r.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: aw.WriteBooleanValue(true); break;
                case JsonTokenType.False: aw.WriteBooleanValue(false); break;
                case JsonTokenType.Null: aw.WriteNullValue(); break;
                default: throw new GiveUp();
            }
        }

        private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader r)
        {
            if (!r.ValueIsEscaped) return r.ValueSpan;
            if (unescaped.Length < r.ValueSpan.Length) unescaped = new byte[Math.Max(r.ValueSpan.Length, unescaped.Length * 2)];
            var length = r.CopyString(unescaped);
            return unescaped.AsSpan(0, length);
        }

        /// <summary>Moves to the next property name of the current object; false at its end.</summary>
        private static bool Next(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.PropertyName;

        private static bool Is(ref Utf8JsonReader r, ReadOnlySpan<byte> name) =>
            r.ValueIsEscaped ? r.ValueTextEquals(name) : r.ValueSpan.SequenceEqual(name);

        /// <summary>A property seen twice: the tree reader takes the last, which this path does not replay.</summary>
        private static void Once(ref int seen, int bit)
        {
            if ((seen & bit) != 0) throw new GiveUp();
            seen |= bit;
        }

        private static string RequiredString(ref Utf8JsonReader r)
        {
            r.Read();
            if (r.TokenType != JsonTokenType.String) throw new GiveUp();
            return r.GetString()!;
        }

        private static string? OptionalString(ref Utf8JsonReader r) => RequiredString(ref r);
    }
}
