using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Adhere.Domain.Catalogue;

/// <remarks>
/// <para>Two schemes. <see cref="Of"/>, the first, hashes the document serialised as JSON; <see cref="Current"/>, which
/// imports store since 2026-11-30, hashes a length-prefixed binary encoding of the same fields: every string as its
/// length and UTF-16 code units, with no escaping to do, and about five times as fast as the serialisation. Both ignore
/// the source paths, and both are 64 hexadecimal digits, so a stored fingerprint does not say which scheme made it:
/// <see cref="Matches"/> accepts either, and versions stored before the change stay recognised.</para>
/// </remarks>
public static partial class CatalogueFingerprint
{
    // Changing the encoding changes every fingerprint new imports store; change this tag with it, and keep Matches
    // accepting what is already stored.
    private const string Scheme = "adhere-catalogue-fingerprint/2";

    /// <summary>The fingerprint an import stores: equal for two documents with the same content in the same order, whatever their source paths.</summary>
    public static string Current(CatalogueDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var w = new Encoder();
        w.String(Scheme);
        var code = document.Code;
        w.String(code.Name);
        w.String(code.Version);
        w.String(code.Owner);
        w.Date(code.PublishedOn);
        w.Date(code.ApprovedOn);
        w.String(code.Status.ToString());
        w.String(code.Description);
        w.Bool(code.IsDemo);
        w.String(code.Origin);
        w.String(code.SourceId);

        w.Count(document.Sections);
        foreach (var s in document.Sections)
        {
            w.String(s.Key);
            w.String(s.ParentKey);
            w.String(s.Title);
            w.String(s.Description);
            w.String(s.Extra);
        }

        w.Count(document.Controls);
        foreach (var c in document.Controls)
        {
            w.String(c.Key);
            w.String(c.SectionKey);
            w.String(c.ParentControlKey);
            w.String(c.Title);
            w.String(c.Statement);
            w.String(c.Guidance);
            w.Strings(c.GdprReferences);
            w.Strings(c.Tags);
            w.String(c.ModuleKey);
            w.Count(c.Parameters);
            foreach (var p in c.Parameters ?? [])
            {
                w.String(p.Id);
                w.String(p.Label);
                w.Strings(p.Choices);
                w.String(p.HowMany);
                w.String(p.Guidance);
                w.Strings(p.Values);
            }

            w.String(c.Extra);
        }

        w.Count(document.Modules);
        foreach (var m in document.Modules)
        {
            w.String(m.Key);
            w.String(m.Title);
            w.String(m.Description);
        }

        w.Count(document.Standards);
        foreach (var s in document.Standards)
        {
            w.String(s.Key);
            w.String(s.Title);
            w.String(s.Publisher);
            w.Count(s.Clauses);
            foreach (var c in s.Clauses ?? [])
            {
                w.String(c.Ref);
                w.String(c.Title);
            }
        }

        w.Count(document.Mappings);
        foreach (var m in document.Mappings)
        {
            w.String(m.ControlKey);
            w.String(m.StandardKey);
            w.String(m.ClauseRef);
            w.String(m.Relationship.ToString());
            w.String(m.Rationale);
            w.Bool(m.IsDemo);
        }

        w.Count(document.Transitions);
        foreach (var t in document.Transitions)
        {
            w.String(t.FromVersion);
            w.Count(t.Controls);
            foreach (var r in t.Controls ?? [])
            {
                w.String(r.FromKey);
                w.String(r.ToKey);
                w.String(r.Note);
            }
        }

        return w.Finish();
    }

    /// <summary>
    /// Whether a stored fingerprint is that of <paramref name="document"/>, by either scheme. <paramref name="current"/>
    /// is <see cref="Current"/> of the document, already computed; the first scheme is computed only when it differs.
    /// </summary>
    public static bool Matches(string? stored, CatalogueDocument document, string current)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(stored)) return false;
        return string.Equals(stored, current, StringComparison.Ordinal) || string.Equals(stored, Of(document), StringComparison.Ordinal);
    }

    /// <summary>Feeds the encoding into SHA-256 through a small buffer; long strings go straight to the hash.</summary>
    private sealed class Encoder : IDisposable
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int used;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(buffer);
            hash.Dispose();
        }

        public void Int(int value)
        {
            Room(4);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(used), value);
            used += 4;
        }

        public void Bool(bool value) => Int(value ? 1 : 0);

        public void Date(DateOnly? value) => Int(value is { } d ? d.DayNumber : -1);

        /// <summary>A list's length, -1 for none; its items follow.</summary>
        public void Count<T>(IReadOnlyList<T>? list) => Int(list?.Count ?? -1);

        public void Strings(IReadOnlyList<string>? list)
        {
            Count(list);
            foreach (var s in list ?? []) String(s);
        }

        /// <summary>The length in UTF-16 code units (-1 for null), then the code units, little-endian.</summary>
        public void String(string? value)
        {
            if (value is null)
            {
                Int(-1);
                return;
            }

            Int(value.Length);
            if (!BitConverter.IsLittleEndian)
            {
                foreach (var c in value)
                {
                    Room(2);
                    BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(used), c);
                    used += 2;
                }

                return;
            }

            var bytes = MemoryMarshal.AsBytes(value.AsSpan());
            if (bytes.Length > buffer.Length - used)
            {
                Flush();
                if (bytes.Length > buffer.Length / 2)
                {
                    hash.AppendData(bytes);
                    return;
                }
            }

            bytes.CopyTo(buffer.AsSpan(used));
            used += bytes.Length;
        }

        public string Finish()
        {
            Flush();
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        private void Room(int bytes)
        {
            if (buffer.Length - used < bytes) Flush();
        }

        private void Flush()
        {
            hash.AppendData(buffer, 0, used);
            used = 0;
        }
    }
}
