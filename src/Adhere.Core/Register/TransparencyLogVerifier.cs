using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Adhere.Core.Register;

/// <summary>
/// One entry of the log as published in <c>/register/transparency-log.json</c>: every value in the exact text form the
/// hash covers, so that a checker recomputes it without reformatting anything.
/// </summary>
/// <param name="RecordedAt">ISO 8601 UTC with six fractional digits, e.g. <c>2026-03-01T09:30:00.123456Z</c>.</param>
/// <param name="ValidUntil"><c>yyyy-MM-dd</c>, or null.</param>
public sealed record TransparencyLogRecord(long Sequence, string RecordedAt, string Event, string VerificationId, string? FormerVerificationId,
    string CompanyName, int Level, string? ValidUntil, string PreviousHash, string Hash);

/// <summary>
/// The hashing convention of the log (see <c>docs/formats/transparency-log.md</c>). Unlike the audit chain, which is
/// only checked by Adhere itself, this one is meant to be recomputed by anyone, so the canonical form is RFC 8785 (JSON
/// Canonicalization Scheme) of the entry without its <c>hash</c> member: members sorted by name, no whitespace,
/// strings with only the escapes JSON requires.
/// </summary>
public static class TransparencyLogHashing
{
    /// <summary>The previous hash of entry #1: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static string FormatInstant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>RFC 8785 form of the entry's members except <c>hash</c>; member names in sorted order.</summary>
    public static string CanonicalJson(TransparencyLogRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder(256);
        b.Append('{');
        Member(b, "company", r.CompanyName, first: true);
        Member(b, "event", r.Event);
        Member(b, "formerVerificationId", r.FormerVerificationId);
        b.Append(",\"level\":").Append(r.Level.ToString(CultureInfo.InvariantCulture));
        Member(b, "previousHash", r.PreviousHash);
        Member(b, "recordedAt", r.RecordedAt);
        b.Append(",\"sequence\":").Append(r.Sequence.ToString(CultureInfo.InvariantCulture));
        Member(b, "validUntil", r.ValidUntil);
        Member(b, "verificationId", r.VerificationId);
        b.Append('}');
        return b.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="CanonicalJson"/>.</summary>
    public static string ComputeHash(TransparencyLogRecord r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(r))));

    private static void Member(StringBuilder b, string name, string? value, bool first = false)
    {
        if (!first) b.Append(',');
        b.Append('"').Append(name).Append("\":");
        if (value is null)
        {
            b.Append("null");
            return;
        }

        b.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case < ' ': b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: b.Append(c); break;
            }
        }

        b.Append('"');
    }
}

/// <summary>The head of the log as someone saw it earlier: the hash of entry #<see cref="Sequence"/>.</summary>
public sealed record TransparencyLogHead(long Sequence, string Hash)
{
    /// <summary>Parses <c>HASH@N</c>; null when malformed.</summary>
    public static TransparencyLogHead? TryParse(string? text)
    {
        var at = text?.LastIndexOf('@') ?? -1;
        if (at <= 0) return null;
        var hash = text![..at].Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)) return null;
        return long.TryParse(text[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? new TransparencyLogHead(n, hash) : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Hash}@{Sequence}");
}

/// <summary>The outcome of <see cref="TransparencyLogVerifier.Verify"/>.</summary>
/// <param name="IsIntact">Every entry's hash and link hold, and the log still contains the given earlier head.</param>
/// <param name="Count">Entries checked and found sound (all of them when intact).</param>
/// <param name="BrokenAtSequence">The first entry that fails (for a shrunk log: the missing earlier head's number).</param>
/// <param name="Head">The last entry's hash and number when intact and not empty.</param>
public sealed record TransparencyLogVerification(bool IsIntact, long Count, long? BrokenAtSequence, string? Reason, TransparencyLogHead? Head)
{
    internal static TransparencyLogVerification Broken(long count, long sequence, string reason) => new(false, count, sequence, reason, null);
}

/// <summary>Recomputes a downloaded transparency log. Pure: no clock, no I/O.</summary>
public static class TransparencyLogVerifier
{
    /// <summary>
    /// Checks <paramref name="entries"/> in the order given, starting from entry #1, and returns the first problem:
    /// a gap or reordering (the sequence is not the next number), a broken link (the previous hash is not the hash of the
    /// entry before), or a rewritten entry (its hash does not match its content). With <paramref name="seenHead"/>, also
    /// checks that the log still reaches that entry with that hash: a log that lost entries, or whose history was
    /// rewritten with fresh hashes, fails here even though its chain is consistent.
    /// </summary>
    public static TransparencyLogVerification Verify(IEnumerable<TransparencyLogRecord> entries, TransparencyLogHead? seenHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long count = 0;
        var previous = TransparencyLogHashing.GenesisHash;
        foreach (var e in entries)
        {
            var expected = count + 1;
            if (e.Sequence != expected)
            {
                var why = e.Sequence > expected
                    ? $"expected entry #{expected} but found #{e.Sequence}: entries are missing"
                    : $"expected entry #{expected} but found #{e.Sequence}: entries are duplicated or out of order";
                return TransparencyLogVerification.Broken(count, e.Sequence, why);
            }

            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return TransparencyLogVerification.Broken(count, e.Sequence, $"entry #{e.Sequence} does not link to the entry before it");
            }

            if (!string.Equals(TransparencyLogHashing.ComputeHash(e), e.Hash, StringComparison.Ordinal))
            {
                return TransparencyLogVerification.Broken(count, e.Sequence, $"entry #{e.Sequence} was rewritten: its hash does not match its content");
            }

            if (seenHead is not null && e.Sequence == seenHead.Sequence && !string.Equals(e.Hash, seenHead.Hash, StringComparison.Ordinal))
            {
                return TransparencyLogVerification.Broken(count, e.Sequence,
                    $"entry #{e.Sequence} is not the head seen earlier ({seenHead.Hash}): the history up to it was replaced");
            }

            previous = e.Hash;
            count = expected;
        }

        if (seenHead is not null && count < seenHead.Sequence)
        {
            return TransparencyLogVerification.Broken(count, seenHead.Sequence,
                $"the log has shrunk: it ends at entry #{count} but entry #{seenHead.Sequence} was seen earlier");
        }

        return new TransparencyLogVerification(true, count, null, null, count == 0 ? null : new TransparencyLogHead(count, previous));
    }
}

/// <summary>The published document, <c>{"version":1,"entries":[…]}</c>, written and read in one place.</summary>
public static class TransparencyLogDocument
{
    public const int Version = 1;

    public static void Write(Utf8JsonWriter w, IEnumerable<TransparencyLogRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(entries);
        w.WriteStartObject();
        w.WriteNumber("version", Version);
        w.WriteStartArray("entries");
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", e.Sequence);
            w.WriteString("recordedAt", e.RecordedAt);
            w.WriteString("event", e.Event);
            w.WriteString("verificationId", e.VerificationId);
            w.WriteString("formerVerificationId", e.FormerVerificationId);
            w.WriteString("company", e.CompanyName);
            w.WriteNumber("level", e.Level);
            w.WriteString("validUntil", e.ValidUntil);
            w.WriteString("previousHash", e.PreviousHash);
            w.WriteString("hash", e.Hash);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads a document; throws <see cref="FormatException"/> for anything that is not a version-1 log.</summary>
    public static IReadOnlyList<TransparencyLogRecord> Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || version.GetInt32() != Version)
            {
                throw new FormatException("not a transparency log of version 1");
            }

            if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array) throw new FormatException("no entries array");
            return [.. entries.EnumerateArray().Select(e => new TransparencyLogRecord(
                e.GetProperty("sequence").GetInt64(),
                Text(e, "recordedAt")!,
                Text(e, "event")!,
                Text(e, "verificationId")!,
                Text(e, "formerVerificationId"),
                Text(e, "company")!,
                e.GetProperty("level").GetInt32(),
                Text(e, "validUntil"),
                Text(e, "previousHash")!,
                Text(e, "hash")!))];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a transparency log: {e.Message}", e);
        }
    }

    private static string? Text(JsonElement e, string name)
    {
        var value = e.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString() ?? throw new FormatException($"{name} is not a string");
    }
}
