using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Adhere.Domain.Audit;

/// <summary>Hashing and verification of the audit chain.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// The canonical content of an entry: a JSON object with a fixed property order, the instant in ISO 8601 UTC
    /// with seven fractional digits, and the previous hash. Changing any stored field changes it.
    /// </summary>
    public static string CanonicalContent(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", e.Sequence);
            w.WriteString("occurredAt", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("actorId", e.ActorId);
            w.WriteString("actorName", e.ActorName);
            w.WriteString("action", e.Action);
            w.WriteString("objectType", e.ObjectType);
            w.WriteString("objectId", e.ObjectId);
            w.WriteString("organisationId", e.OrganisationId?.ToString("D"));
            w.WriteString("changes", e.Changes);
            w.WriteString("previousHash", e.PreviousHash);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalContent"/>.</summary>
    public static string ComputeHash(AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalContent(e))));

    /// <summary>
    /// Walks entries in stored sequence order and returns the first broken link, or a valid result with the head.
    /// Detects edited entries (hash mismatch), deleted or inserted ones (sequence gap or previous-hash mismatch)
    /// and reordered ones (sequence out of order or previous-hash mismatch).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> entriesInStoredOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInStoredOrder);
        var walker = new AuditChainWalker();
        foreach (var e in entriesInStoredOrder)
        {
            if (!walker.Accept(e)) break;
        }

        return walker.Result;
    }
}

/// <summary>Checks a chain one entry at a time, so that a long trail can be streamed from the database.</summary>
public sealed class AuditChainWalker
{
    private long expectedSequence = 1;
    private string previousHash = AuditChain.GenesisHash;
    private long count;
    private AuditVerification? broken;

    /// <summary>The verdict so far: broken at the first failure, otherwise intact up to the last accepted entry.</summary>
    public AuditVerification Result => broken ?? AuditVerification.Intact(count, previousHash);

    /// <summary>Checks the next entry; returns false once the chain is broken (later entries are not checked).</summary>
    public bool Accept(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (broken is not null) return false;
        if (e.Sequence != expectedSequence)
        {
            broken = AuditVerification.Broken(count, e.Sequence,
                $"expected entry #{expectedSequence} but found #{e.Sequence}: an entry was deleted, inserted or moved");
        }
        else if (!string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            broken = AuditVerification.Broken(count, e.Sequence,
                $"entry #{e.Sequence} does not link to the entry before it: an entry was deleted, inserted or reordered");
        }
        else if (!string.Equals(AuditChain.ComputeHash(e), e.Hash, StringComparison.Ordinal))
        {
            broken = AuditVerification.Broken(count, e.Sequence, $"entry #{e.Sequence} was altered after it was written");
        }
        else
        {
            previousHash = e.Hash;
            expectedSequence++;
            count++;
        }

        return broken is null;
    }
}

/// <summary>The outcome of <see cref="AuditChain.Verify"/>.</summary>
/// <param name="IsIntact">True when every link holds.</param>
/// <param name="VerifiedCount">Entries checked and found sound before the break (all of them when intact).</param>
/// <param name="BrokenAtSequence">Sequence number of the first entry that fails, when broken.</param>
/// <param name="Reason">Why it fails, in words.</param>
/// <param name="HeadHash">Hash of the last entry when intact; record it elsewhere to detect a rewritten chain.</param>
public sealed record AuditVerification(bool IsIntact, long VerifiedCount, long? BrokenAtSequence, string? Reason, string? HeadHash)
{
    public static AuditVerification Intact(long count, string head) => new(true, count, null, null, head);

    public static AuditVerification Broken(long count, long sequence, string reason) => new(false, count, sequence, reason, null);
}
