using System.Text.Json;
using System.Text.Json.Serialization;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.ValueGeneration;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Adhere.Core.Assessments;

// How the Assessment aggregate is stored, part by part (one row in Assessments, everything else loads with it):
// - Scalars, the decision (OwnsOne, table-split into Decision_* columns; null when all are null) and the fact-finding
//   checklist (OwnsOne, required, table-split) live on the Assessments row.
// - Assessors (UserIds) and a reply's Documents (DocumentIds): EF primitive collections with a GUID element conversion
//   (JSON text on SQLite, uuid[] on PostgreSQL); JSON keeps their order.
// - Clarification requests: owned entities in AssessmentClarifications, their replies in AssessmentClarificationReplies.
//   They have identity and change after creation (state, closure, reminder stamps, more replies), and notification jobs
//   will look for due requests across assessments, so they get real rows and columns. Their key ends in a 1-based
//   Position, assigned from the index in the owner's list when EF first sees the item (PositionGenerator); EF loads
//   owned collections in key order, so the list order survives. Both lists only ever grow, so a position never moves.
// - Checklist entries, certificate reviews, control findings (with samples), narrative findings and the phase history:
//   JSON text columns (value converter + ValueComparer). Each is a small list of immutable records, always loaded with
//   the assessment and replaced in place by the domain (items[i] = …), which owned rows would turn into delete+insert;
//   a JSON array keeps order by construction. The history is append-only audit material, never queried by column.
internal static class AssessmentModel
{
    public static void Configure(ModelBuilder builder, bool isNpgsql)
    {
        builder.Entity<Assessment>(a =>
        {
            a.ToTable("Assessments");
            a.HasKey(x => x.Id);
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.AdHocReason).HasConversion<string>().HasMaxLength(32);
            a.Property(x => x.Phase).HasConversion<string>().HasMaxLength(40);
            a.PrimitiveCollection(x => x.Assessors).HasField("assessors")
                .ElementType(e => e.HasConversion<EntityIdConverter<UserId>>());
            a.Ignore(x => x.OpenClarifications);

            a.OwnsOne(x => x.FactFinding, f =>
            {
                JsonList(f.Property(x => x.Items).HasField("items")).HasColumnName("FactFindingItems");
                JsonList(f.Property(x => x.Certificates).HasField("certificates")).HasColumnName("FactFindingCertificates");
                f.Ignore(x => x.IsComplete);
            });
            a.Navigation(x => x.FactFinding).IsRequired();

            JsonList(a.Property(x => x.ControlFindings).HasField("controlFindings"));
            JsonList(a.Property(x => x.NarrativeFindings).HasField("narrativeFindings"));
            JsonList(a.Property(x => x.History).HasField("history"));

            a.OwnsOne(x => x.Decision, d =>
            {
                d.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
                d.Property(x => x.ProposedLevel).HasConversion<int>();
                d.Property(x => x.GrantedLevel).HasConversion<int?>();
                d.Property(x => x.Rationale).HasMaxLength(AssessmentDecision.MaxRationaleLength);
                d.Property(x => x.RejectionReason).HasMaxLength(AssessmentDecision.MaxRationaleLength);
                d.Ignore(x => x.DeviatesFromProposal);
            });

            a.OwnsMany(x => x.Clarifications, c =>
            {
                c.ToTable("AssessmentClarifications");
                c.WithOwner().HasForeignKey("AssessmentId");
                Position(isNpgsql, c.Property<int>("Position"), new PositionGenerator<Assessment, ClarificationRequest>(o => o.Clarifications));
                c.HasKey("AssessmentId", "Position");
                c.Property(x => x.Id);
                c.HasIndex(x => x.Id).IsUnique();
                c.OwnsOne(x => x.Subject, s =>
                {
                    s.Property(x => x.ControlKey).HasColumnName("SubjectControlKey").HasMaxLength(ClarificationSubject.MaxLength);
                    s.Property(x => x.Topic).HasColumnName("SubjectTopic").HasMaxLength(ClarificationSubject.MaxLength);
                });
                c.Navigation(x => x.Subject).IsRequired();
                c.Property(x => x.Question).HasMaxLength(ClarificationRequest.MaxQuestionLength);
                c.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.ClosingNote).HasMaxLength(ClarificationRequest.MaxNoteLength);
                c.Ignore(x => x.AskedOn);
                c.Ignore(x => x.FirstRepliedOn);
                c.Ignore(x => x.WasAnsweredInTime);
                c.OwnsMany(x => x.Replies, r =>
                {
                    r.ToTable("AssessmentClarificationReplies");
                    r.WithOwner().HasForeignKey("AssessmentId", "ClarificationPosition");
                    Position(isNpgsql, r.Property<int>("Position"), new PositionGenerator<ClarificationRequest, ClarificationReply>(o => o.Replies));
                    r.HasKey("AssessmentId", "ClarificationPosition", "Position");
                    r.Property(x => x.Text).HasMaxLength(ClarificationRequest.MaxReplyLength);
                    r.PrimitiveCollection(x => x.Documents).ElementType(e => e.HasConversion<EntityIdConverter<DocumentId>>());
                });
            });

            a.HasIndex(x => x.DeclarationId);
            a.HasIndex(x => x.OrganisationId);
            a.HasIndex(x => x.Phase);
            a.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    // The generator numbers the items; without the strategy reset Npgsql would also make the column an identity.
    private static void Position<TOwner, TItem>(bool isNpgsql, PropertyBuilder<int> property, PositionGenerator<TOwner, TItem> generator)
        where TOwner : class
        where TItem : class
    {
        property.HasValueGenerator((_, _) => generator);
        if (isNpgsql) property.Metadata.SetValueGenerationStrategy(NpgsqlValueGenerationStrategy.None);
    }

    private static PropertyBuilder<IReadOnlyList<T>> JsonList<T>(PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasConversion(new JsonListConverter<T>(), new ListComparer<T>()).IsRequired();
}

/// <summary>The JSON shape of the assessment's value lists: enums by name, typed IDs as GUIDs, roles by name; computed properties left out.</summary>
internal static class AssessmentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter(), new EntityIdJsonConverterFactory(), new RoleJsonConverter() },
    };
}

/// <summary>Stores a list of immutable records as a JSON array; reads it back as a <see cref="List{T}"/> (the type of the backing field).</summary>
internal sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    v => JsonSerializer.Serialize(v, AssessmentJson.Options),
    s => JsonSerializer.Deserialize<List<T>>(s, AssessmentJson.Options) ?? new List<T>());

/// <summary>Compares lists of immutable records element by element; the snapshot is a copy of the list (the records are shared, they never change).</summary>
internal sealed class ListComparer<T>() : ValueComparer<IReadOnlyList<T>>(
    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
    v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
    v => v.ToList());

/// <summary>
/// Gives a new owned item the 1-based position it has in its owner's list, found by reference among the tracked owners.
/// Runs while EF detects changes, so it reads the tracker without detecting again.
/// </summary>
internal sealed class PositionGenerator<TOwner, TItem>(Func<TOwner, IReadOnlyList<TItem>> items) : ValueGenerator<int>
    where TOwner : class
    where TItem : class
{
    public override bool GeneratesTemporaryValues => false;

    public override int Next(EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tracker = entry.Context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var owner in tracker.Entries<TOwner>())
            {
                var list = items(owner.Entity);
                for (var i = 0; i < list.Count; i++)
                {
                    if (ReferenceEquals(list[i], entry.Entity)) return i + 1;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        throw new InvalidOperationException($"No tracked {typeof(TOwner).Name} holds this {typeof(TItem).Name}.");
    }
}

/// <summary>Writes any <see cref="IEntityId"/> as its bare GUID.</summary>
internal sealed class EntityIdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsValueType && typeof(IEntityId).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EntityIdJsonConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EntityIdJsonConverter<TId> : JsonConverter<TId>
        where TId : struct, IEntityId
    {
        private static readonly Func<Guid, TId> Create = new EntityIdConverter<TId>().ConvertFromProviderTyped;

        public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Create(reader.GetGuid());

        public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}

/// <summary>Writes a <see cref="Role"/> as its stable <see cref="Role.Name"/>.</summary>
internal sealed class RoleJsonConverter : JsonConverter<Role>
{
    public override Role Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Role.TryParse(reader.GetString(), out var role) ? role : throw new JsonException($"Unknown role '{reader.GetString()}'.");

    public override void Write(Utf8JsonWriter writer, Role value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Name);
    }
}
