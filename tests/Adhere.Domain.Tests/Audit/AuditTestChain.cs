using System.Globalization;
using System.Reflection;
using Adhere.Domain.Audit;

namespace Adhere.Domain.Tests.Audit;

/// <summary>Builds audit chains for tests and tampers with stored entries the way someone with database access could.</summary>
internal static class AuditTestChain
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly Guid OrganisationId = new("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    public static AuditEntry Entry(int i, string action = "organisation.updated") =>
        new(
            ActorId: "user:7d9f1c2e-0000-4000-8000-000000000001",
            ActorName: "ada@example.com",
            Action: action,
            ObjectType: "organisation",
            ObjectId: "org-" + i.ToString(CultureInfo.InvariantCulture),
            OrganisationId: OrganisationId,
            Changes: new AuditChanges().Set("name", "Acme " + i.ToString(CultureInfo.InvariantCulture), "Acme " + (i + 1).ToString(CultureInfo.InvariantCulture)));

    /// <summary>A sound chain of <paramref name="count"/> entries, numbered 1..count, one minute apart.</summary>
    public static List<AuditEvent> Build(int count)
    {
        var chain = new List<AuditEvent>();
        long sequence = 0;
        var previousHash = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var e = AuditEvent.Chain(sequence, previousHash, Entry(i), Start.AddMinutes(i));
            chain.Add(e);
            sequence = e.Sequence;
            previousHash = e.Hash;
        }

        return chain;
    }

    /// <summary>Overwrites a stored field through its private setter, as an edit in the database would.</summary>
    public static void Set(AuditEvent e, string property, object? value)
    {
        var info = typeof(AuditEvent).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"AuditEvent has no property {property}.", nameof(property));
        info.SetValue(e, value);
    }

    /// <summary>Changes <paramref name="property"/> to a different, well-formed value.</summary>
    public static void Tamper(AuditEvent e, string property)
    {
        object? value = property switch
        {
            nameof(AuditEvent.Sequence) => e.Sequence + 1,
            nameof(AuditEvent.OccurredAt) => e.OccurredAt.AddMicroseconds(1),
            nameof(AuditEvent.ActorId) => "user:7d9f1c2e-0000-4000-8000-000000000002",
            nameof(AuditEvent.ActorName) => "mallory@example.com",
            nameof(AuditEvent.Action) => "organisation.deleted",
            nameof(AuditEvent.ObjectType) => "user",
            nameof(AuditEvent.ObjectId) => e.ObjectId + "x",
            nameof(AuditEvent.OrganisationId) => e.OrganisationId is null ? OrganisationId : null,
            nameof(AuditEvent.Changes) => new AuditChanges().Set("name", "Acme", "Evil Corp").ToCanonicalJson(),
            nameof(AuditEvent.PreviousHash) => FlipFirstChar(e.PreviousHash),
            nameof(AuditEvent.Hash) => FlipFirstChar(e.Hash),
            _ => throw new ArgumentOutOfRangeException(nameof(property), property, "No tampering defined."),
        };
        Set(e, property, value);
    }

    private static string FlipFirstChar(string hash) => (hash[0] == 'a' ? "b" : "a") + hash[1..];
}
