namespace Adhere.Core.Register;

/// <summary>
/// One row of the public transparency log: a change of a register entry. Rows are only ever added (see
/// <see cref="TransparencyLog"/>); <see cref="Sequence"/> numbers them from 1 without gaps, <see cref="PreviousHash"/>
/// is the hash of the row before (64 zeros for the first) and <see cref="Hash"/> is the SHA-256 of this row's canonical
/// form (<see cref="TransparencyLogHashing.CanonicalJson"/>), which includes the previous hash.
/// </summary>
public sealed class TransparencyLogEntry
{
    public const int MaxIdLength = 40;

    private TransparencyLogEntry()
    {
        Event = VerificationId = CompanyName = PreviousHash = Hash = string.Empty;
    }

    public long Sequence { get; private set; }

    /// <summary>When the change was recorded, UTC, truncated to whole microseconds so that both databases store it exactly.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>One of <see cref="TransparencyLogEvents.All"/>.</summary>
    public string Event { get; private set; }

    /// <summary>The Verification-ID the entry is listed under after the change.</summary>
    public string VerificationId { get; private set; }

    /// <summary>The ID it replaced, when the change gave the entry a new ID (a level change); otherwise null.</summary>
    public string? FormerVerificationId { get; private set; }

    /// <summary>The provider's name as it was at the time.</summary>
    public string CompanyName { get; private set; }

    /// <summary>The level of compliance, 1 to 3.</summary>
    public int Level { get; private set; }

    /// <summary>The last day of validity, when the entry has one.</summary>
    public DateOnly? ValidUntil { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>The content without its place in the chain.</summary>
    public TransparencyLogChange Change => new(Event, VerificationId, FormerVerificationId, CompanyName, Level, ValidUntil);

    /// <summary>The next link after <paramref name="previousSequence"/>/<paramref name="previousHash"/>.</summary>
    internal static TransparencyLogEntry Chain(long previousSequence, string previousHash, TransparencyLogChange change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(change);
        var utc = at.ToUniversalTime();
        var entry = new TransparencyLogEntry
        {
            Sequence = checked(previousSequence + 1),
            RecordedAt = utc.AddTicks(-(utc.Ticks % 10)),
            Event = change.Event,
            VerificationId = change.VerificationId,
            FormerVerificationId = change.FormerVerificationId,
            CompanyName = change.CompanyName,
            Level = change.Level,
            ValidUntil = change.ValidUntil,
            PreviousHash = previousHash,
        };
        entry.Hash = TransparencyLogHashing.ComputeHash(entry.ToRecord());
        return entry;
    }

    /// <summary>The published form, the one the hash is computed over.</summary>
    public TransparencyLogRecord ToRecord() =>
        new(Sequence, TransparencyLogHashing.FormatInstant(RecordedAt), Event, VerificationId, FormerVerificationId, CompanyName, Level,
            ValidUntil is { } until ? TransparencyLogHashing.FormatDay(until) : null, PreviousHash, Hash);
}

/// <summary>What changed in the register; the log adds sequence, time and hashes.</summary>
public sealed record TransparencyLogChange(string Event, string VerificationId, string? FormerVerificationId, string CompanyName, int Level, DateOnly? ValidUntil);

/// <summary>The event kinds of the log, as published.</summary>
public static class TransparencyLogEvents
{
    public const string Listed = "listed";
    public const string Renewed = "renewed";
    public const string LevelChanged = "level-changed";
    public const string Expired = "expired";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Reinstated = "reinstated";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Listed, Renewed, LevelChanged, Expired, Suspended, Revoked, Reinstated, Withdrawn];
}
