namespace Adhere.Domain.Audit;

/// <summary>
/// One entry of the append-only audit trail: who did what to which object, when, and what changed.
/// <see cref="Sequence"/> numbers the chain from 1 without gaps; <see cref="PreviousHash"/> is the
/// <see cref="Hash"/> of the entry before (or <see cref="AuditChain.GenesisHash"/> for the first), and
/// <see cref="Hash"/> is the SHA-256 of this entry's canonical content, which includes the previous hash.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        ActorId = ActorName = Action = ObjectType = ObjectId = Changes = PreviousHash = Hash = string.Empty;
    }

    public long Sequence { get; private set; }

    /// <summary>The instant, in UTC, truncated to whole microseconds so that every database stores it exactly.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Stable identity of the actor: <c>user:{guid}</c>, <c>token:{guid}</c>, <c>cli</c> or <c>system</c>.</summary>
    public string ActorId { get; private set; }

    /// <summary>Human-readable actor (an e-mail address) as it was at the time.</summary>
    public string ActorName { get; private set; }

    /// <summary>What happened, as <c>object.verb</c>: <c>user.invited</c>, <c>organisation.created</c>.</summary>
    public string Action { get; private set; }

    public string ObjectType { get; private set; }

    public string ObjectId { get; private set; }

    /// <summary>The organisation the object belongs to, when it belongs to one.</summary>
    public Guid? OrganisationId { get; private set; }

    /// <summary>Canonical JSON object of changed fields: <c>{"field":{"from":…,"to":…}}</c>, keys sorted.</summary>
    public string Changes { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>Creates the next link of the chain after the entry with <paramref name="previousSequence"/> and <paramref name="previousHash"/>.</summary>
    public static AuditEvent Chain(long previousSequence, string previousHash, AuditEntry entry, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var utc = occurredAt.ToUniversalTime();
        var e = new AuditEvent
        {
            Sequence = checked(previousSequence + 1),
            OccurredAt = utc.AddTicks(-(utc.Ticks % 10)),
            ActorId = entry.ActorId,
            ActorName = entry.ActorName,
            Action = entry.Action,
            ObjectType = entry.ObjectType,
            ObjectId = entry.ObjectId,
            OrganisationId = entry.OrganisationId,
            Changes = entry.Changes.ToCanonicalJson(),
            PreviousHash = previousHash,
        };
        e.Hash = AuditChain.ComputeHash(e);
        return e;
    }
}

/// <summary>What a use case records; the chain adds sequence, time and hashes when it is saved.</summary>
public sealed record AuditEntry(
    string ActorId,
    string ActorName,
    string Action,
    string ObjectType,
    string ObjectId,
    Guid? OrganisationId,
    AuditChanges Changes);
