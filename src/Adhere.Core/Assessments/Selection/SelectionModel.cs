using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adhere.Core.Assessments.Selection;

/// <summary>
/// The control selection of one assessment as stored: one row per assessment in <c>ControlSelections</c>. The rows,
/// removals, adjustments and active topics are JSON text columns (small lists, always read and replaced whole, never
/// queried by column, order kept by construction). <see cref="InputJson"/> holds the whole <see cref="SelectionInput"/>
/// (history, topics, weak evidence, settings, seed), so the domain object can be rebuilt exactly: select again, replay
/// the adjustments. The IDs of the MB attention topics the input used are a primitive collection, queryable to tell
/// whether a topic was ever used.
/// </summary>
public sealed class StoredSelection : IOrganisationOwned
{
    private List<Guid> topicIds = [];
    private IReadOnlyList<SelectedControl> controls = [];
    private IReadOnlyList<RemovedControl> removed = [];
    private IReadOnlyList<SelectionAdjustment> adjustments = [];
    private IReadOnlyList<string> activeTopics = [];

    private StoredSelection()
    {
        InputJson = string.Empty;
    }

    public Guid Id { get; private set; }

    public AssessmentId AssessmentId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public SelectionKind Kind { get; private set; }

    public DateOnly AssessmentDate { get; private set; }

    public long Seed { get; private set; }

    /// <summary>The input the rows were drawn from, as JSON (see <see cref="SelectionStorage"/>).</summary>
    public string InputJson { get; private set; }

    public IReadOnlyList<SelectedControl> Controls => controls;

    public IReadOnlyList<RemovedControl> Removed => removed;

    public IReadOnlyList<SelectionAdjustment> Adjustments => adjustments;

    /// <summary>The names of the attention topics that were active for the selection, in list order.</summary>
    public IReadOnlyList<string> ActiveTopics => activeTopics;

    /// <summary>IDs of the MB's attention topics passed to the selection (active on the assessment date).</summary>
    public IReadOnlyList<Guid> TopicIds => topicIds;

    public bool IsFrozen { get; private set; }

    public DateTimeOffset? FrozenAt { get; private set; }

    public UserId? FrozenBy { get; private set; }

    public DateTimeOffset DrawnAt { get; private set; }

    public UserId DrawnBy { get; private set; }

    public static StoredSelection For(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new StoredSelection { Id = Guid.NewGuid(), AssessmentId = assessment.Id, OrganisationId = assessment.OrganisationId };
    }

    /// <summary>Records a fresh draw (replacing an earlier, unfrozen one).</summary>
    public void Draw(ControlSelection selection, IReadOnlyList<Guid> usedTopics, UserId by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (IsFrozen) throw new InvalidOperationException("A frozen selection is never redrawn.");
        Kind = selection.Kind;
        AssessmentDate = selection.AssessmentDate;
        Seed = selection.Seed;
        InputJson = SelectionStorage.Write(selection.Input with { Settings = selection.Settings });
        topicIds = [.. usedTopics];
        DrawnAt = at;
        DrawnBy = by;
        Apply(selection);
    }

    /// <summary>Takes the rows of an adjusted or frozen <paramref name="selection"/> rebuilt from this row.</summary>
    public void Apply(ControlSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        controls = [.. selection.Controls];
        removed = [.. selection.Removed];
        adjustments = [.. selection.Adjustments];
        activeTopics = [.. selection.ActiveAttentionTopics];
    }

    public void MarkFrozen(ControlSelection selection, UserId by, DateTimeOffset at)
    {
        Apply(selection);
        IsFrozen = true;
        FrozenAt = at;
        FrozenBy = by;
    }

    /// <summary>The domain object, rebuilt from the stored input and adjustments; it enforces the rules again.</summary>
    public ControlSelection Rebuild()
    {
        var selection = ControlSelector.Select(SelectionStorage.Read(InputJson));
        foreach (var adjustment in adjustments)
        {
            var next = adjustment.Kind == AdjustmentKind.Added
                ? selection.Add(adjustment.ControlKey, adjustment.Reason)
                : selection.Remove(adjustment.ControlKey, adjustment.Reason);
            selection = next.IsError ? throw new InvalidOperationException($"Stored adjustment no longer replays: {next.Error!.Code}.") : next.Value;
        }

        return IsFrozen ? selection.Freeze().Value : selection;
    }
}

/// <summary>The JSON of a stored <see cref="SelectionInput"/>: the shape of <see cref="AssessmentJson"/> (enums by name).</summary>
internal static class SelectionStorage
{
    public static string Write(SelectionInput input) => System.Text.Json.JsonSerializer.Serialize(input, AssessmentJson.Options);

    public static SelectionInput Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<SelectionInput>(json, AssessmentJson.Options)
        ?? throw new InvalidOperationException("A stored selection input is empty.");
}

internal static class SelectionModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<StoredSelection>(s =>
        {
            s.ToTable("ControlSelections");
            s.HasKey(x => x.Id);
            s.HasIndex(x => x.AssessmentId).IsUnique();
            s.HasIndex(x => x.OrganisationId);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.InputJson).IsRequired();
            JsonList(s.Property(x => x.Controls).HasField("controls"));
            JsonList(s.Property(x => x.Removed).HasField("removed"));
            JsonList(s.Property(x => x.Adjustments).HasField("adjustments"));
            JsonList(s.Property(x => x.ActiveTopics).HasField("activeTopics"));
            s.PrimitiveCollection(x => x.TopicIds).HasField("topicIds");
            s.HasOne<Assessment>().WithMany().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
            s.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AttentionTopicEntry>(t =>
        {
            t.ToTable("AttentionTopics");
            t.HasKey(x => x.Id);
            t.Property(x => x.Topic).HasMaxLength(AttentionTopicEntry.MaxTopicLength);
            t.Property(x => x.Title).HasMaxLength(AttentionTopicEntry.MaxTitleLength);
            t.Property(x => x.Description).HasMaxLength(AttentionTopicEntry.MaxDescriptionLength);
            JsonList(t.Property(x => x.ControlKeys).HasField("controlKeys"));
            t.HasIndex(x => x.ValidFrom);
        });
    }

    private static PropertyBuilder<IReadOnlyList<T>> JsonList<T>(PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasConversion(new JsonListConverter<T>(), new ListComparer<T>()).IsRequired();
}
