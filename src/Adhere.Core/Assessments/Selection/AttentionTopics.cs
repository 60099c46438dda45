using System.Globalization;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Assessments.Selection;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Assessments.Selection;

/// <summary>
/// An entry of the MB's list of topics of current attention, in the MB's words, with the days it applies. Selections
/// made while it is active examine every control tagged with <see cref="Topic"/> and every control in <see cref="ControlKeys"/>.
/// The ID is a plain GUID, as for verification records: nothing else refers to it by type.
/// </summary>
public sealed class AttentionTopicEntry
{
    public const int MaxTopicLength = 100;
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxControlKeys = 200;

    private IReadOnlyList<string> controlKeys = [];

    private AttentionTopicEntry()
    {
        Topic = Title = Description = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The topic tag, as the catalogue tags controls (<c>transfers</c>); fixed once created.</summary>
    public string Topic { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    /// <summary>Controls the topic adds besides those tagged with it.</summary>
    public IReadOnlyList<string> ControlKeys => controlKeys;

    public DateOnly ValidFrom { get; private set; }

    /// <summary>The last day it applies; null while open.</summary>
    public DateOnly? ValidUntil { get; private set; }

    public UserId? CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsActiveOn(DateOnly day) => ToDomain().IsActiveOn(day);

    public AttentionTopic ToDomain() => new(Topic, ControlKeys.Count == 0 ? null : ControlKeys, ValidFrom, ValidUntil);

    public static Result<AttentionTopicEntry> Create(string? topic, string? title, string? description, IEnumerable<string>? controlKeys,
        DateOnly validFrom, DateOnly? validUntil, UserId? by, DateTimeOffset at)
    {
        var tag = (topic ?? string.Empty).Trim();
        if (tag.Length == 0) return AttentionTopicErrors.TopicRequired();
        if (tag.Length > MaxTopicLength) return AttentionTopicErrors.TooLong("topic", MaxTopicLength);
        var entry = new AttentionTopicEntry { Id = Guid.NewGuid(), Topic = tag, CreatedBy = by, CreatedAt = at };
        var changed = entry.Change(title, description, controlKeys, validFrom, validUntil);
        return changed.IsError ? changed.Error! : entry;
    }

    public Result<Done> Change(string? title, string? description, IEnumerable<string>? keys, DateOnly validFrom, DateOnly? validUntil)
    {
        var t = (title ?? string.Empty).Trim();
        var d = (description ?? string.Empty).Trim();
        if (t.Length == 0) return AttentionTopicErrors.TitleRequired();
        if (t.Length > MaxTitleLength) return AttentionTopicErrors.TooLong("title", MaxTitleLength);
        if (d.Length > MaxDescriptionLength) return AttentionTopicErrors.TooLong("description", MaxDescriptionLength);
        var list = (keys ?? []).Select(k => (k ?? string.Empty).Trim()).ToList();
        if (list.Any(k => k.Length is 0 or > 100)) return AttentionTopicErrors.ControlKeyInvalid();
        if (list.Count > MaxControlKeys) return AttentionTopicErrors.TooLong("controlKeys", MaxControlKeys);
        if (validUntil is { } until && until < validFrom) return AttentionTopicErrors.EndsBeforeStart();
        (Title, Description, controlKeys, ValidFrom, ValidUntil) = (t, d, list.Distinct(StringComparer.Ordinal).ToList(), validFrom, validUntil);
        return Done.Value;
    }

    /// <summary>Ends the topic: <paramref name="lastDay"/> is the last day it applies (never before it starts, never later than an earlier end).</summary>
    public void End(DateOnly lastDay)
    {
        var day = lastDay < ValidFrom ? ValidFrom : lastDay;
        if (ValidUntil is { } until && until < day) day = until;
        ValidUntil = day;
    }
}

/// <summary>The expected failures of the attention list (<c>attention-topic.*</c>). Codes are stable.</summary>
public static class AttentionTopicErrors
{
    public static NotFoundError NotFound(Guid id) => new("attention-topic.not-found", $"No attention topic {id}.");

    public static InvalidError TopicRequired() => new("attention-topic.topic-required", "Give the topic tag the catalogue uses (such as 'transfers').", "topic");

    public static InvalidError TitleRequired() => new("attention-topic.title-required", "Give the topic a title in the MB's words.", "title");

    public static InvalidError TooLong(string field, int max) =>
        new("attention-topic.too-long", string.Create(CultureInfo.InvariantCulture, $"'{field}' takes at most {max} characters or items."), field);

    public static InvalidError ControlKeyInvalid() => new("attention-topic.control-key-invalid", "Control keys may not be blank or longer than 100 characters.", "controlKeys");

    public static InvalidError EndsBeforeStart() => new("attention-topic.ends-before-start", "A topic cannot end before it starts.", "validUntil");

    public static ForbiddenError NotAllowed() => new("attention-topic.not-allowed", "Only MB administrators keep the attention list.");
}

/// <summary>An attention topic as the console and the API show it.</summary>
public sealed record AttentionTopicDetails(Guid Id, string Topic, string Title, string Description, IReadOnlyList<string> ControlKeys,
    DateOnly ValidFrom, DateOnly? ValidUntil, bool IsActive, bool IsUsed, Guid? CreatedBy, DateTimeOffset CreatedAt);

/// <summary>What removing a topic did: deleted (never used), or ended because a selection used it.</summary>
public sealed record AttentionTopicRemoval(bool Deleted, AttentionTopicDetails? Ended);

/// <summary>An MB administrator adds a topic to the attention list.</summary>
public sealed class AddAttentionTopic(AdhereDb db, AttentionTopicQueries queries, TimeProvider time)
{
    /// <param name="ValidFrom">First day it applies; default today.</param>
    public sealed record Command(string? Topic, string? Title, string? Description, IReadOnlyList<string>? ControlKeys, DateOnly? ValidFrom, DateOnly? ValidUntil);

    public async Task<Result<AttentionTopicDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!db.Caller.IsInRole(Role.MbAdministrator)) return AttentionTopicErrors.NotAllowed();
        var now = time.GetUtcNow();
        var created = AttentionTopicEntry.Create(command.Topic, command.Title, command.Description, command.ControlKeys,
            command.ValidFrom ?? DateOnly.FromDateTime(now.UtcDateTime), command.ValidUntil, db.Caller.UserId, now);
        if (created.IsError) return created.Error!;
        var entry = created.Value;
        db.AttentionTopics.Add(entry);
        db.Record("attention-topic.added", "attention-topic", entry.Id.ToString(), null, new AuditChanges()
            .Added("topic", entry.Topic)
            .Added("title", entry.Title)
            .Added("controlKeys", string.Join(", ", entry.ControlKeys))
            .Added("validFrom", Iso(entry.ValidFrom))
            .Added("validUntil", Iso(entry.ValidUntil)));
        await db.SaveChangesAsync(ct);
        return (await queries.GetAsync(entry.Id, ct)).Value;
    }

    internal static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>An MB administrator changes a topic's words, controls or days (an end date ends it). Selections already made keep their own copy.</summary>
public sealed class UpdateAttentionTopic(AdhereDb db, AttentionTopicQueries queries)
{
    /// <param name="ValidFrom">First day it applies; omitted: unchanged.</param>
    /// <param name="ValidUntil">Last day it applies; omitted: open (the request states the whole topic).</param>
    public sealed record Command(Guid Id, string? Title, string? Description, IReadOnlyList<string>? ControlKeys, DateOnly? ValidFrom, DateOnly? ValidUntil);

    public async Task<Result<AttentionTopicDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!db.Caller.IsInRole(Role.MbAdministrator)) return AttentionTopicErrors.NotAllowed();
        var entry = await db.AttentionTopics.FirstOrDefaultAsync(t => t.Id == command.Id, ct);
        if (entry is null) return AttentionTopicErrors.NotFound(command.Id);
        var before = (entry.Title, entry.Description, Keys: string.Join(", ", entry.ControlKeys), entry.ValidFrom, entry.ValidUntil);
        var changed = entry.Change(command.Title, command.Description, command.ControlKeys, command.ValidFrom ?? entry.ValidFrom, command.ValidUntil);
        if (changed.IsError) return changed.Error!;

        var changes = new AuditChanges();
        if (before.Title != entry.Title) changes.Set("title", before.Title, entry.Title);
        if (before.Description != entry.Description) changes.Set("description", before.Description, entry.Description);
        if (before.Keys != string.Join(", ", entry.ControlKeys)) changes.Set("controlKeys", before.Keys, string.Join(", ", entry.ControlKeys));
        if (before.ValidFrom != entry.ValidFrom) changes.Set("validFrom", AddAttentionTopic.Iso(before.ValidFrom), AddAttentionTopic.Iso(entry.ValidFrom));
        if (before.ValidUntil != entry.ValidUntil) changes.Set("validUntil", AddAttentionTopic.Iso(before.ValidUntil), AddAttentionTopic.Iso(entry.ValidUntil));
        if (changes.Fields.Count > 0)
        {
            db.Record("attention-topic.updated", "attention-topic", entry.Id.ToString(), null, changes);
            await db.SaveChangesAsync(ct);
        }

        return (await queries.GetAsync(entry.Id, ct)).Value;
    }
}

/// <summary>
/// An MB administrator removes a topic. One that a selection used is part of that selection's record, so it is ended
/// (yesterday its last day, or its first day if later) instead of deleted.
/// </summary>
public sealed class RemoveAttentionTopic(AdhereDb db, AttentionTopicQueries queries, TimeProvider time)
{
    public async Task<Result<AttentionTopicRemoval>> HandleAsync(Guid id, CancellationToken ct)
    {
        if (!db.Caller.IsInRole(Role.MbAdministrator)) return AttentionTopicErrors.NotAllowed();
        var entry = await db.AttentionTopics.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (entry is null) return AttentionTopicErrors.NotFound(id);
        if (!await queries.IsUsedAsync(id, ct))
        {
            db.AttentionTopics.Remove(entry);
            db.Record("attention-topic.removed", "attention-topic", id.ToString(), null, new AuditChanges().Set("topic", entry.Topic, null));
            await db.SaveChangesAsync(ct);
            return new AttentionTopicRemoval(true, null);
        }

        var before = entry.ValidUntil;
        entry.End(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1));
        if (before != entry.ValidUntil)
        {
            db.Record("attention-topic.ended", "attention-topic", id.ToString(), null,
                new AuditChanges().Set("validUntil", AddAttentionTopic.Iso(before), AddAttentionTopic.Iso(entry.ValidUntil)));
            await db.SaveChangesAsync(ct);
        }

        return new AttentionTopicRemoval(false, (await queries.GetAsync(id, ct)).Value);
    }
}

/// <summary>Reads the attention list (MB staff).</summary>
public sealed class AttentionTopicQueries(AdhereDb db, TimeProvider time)
{
    /// <summary>Every topic, the newest first.</summary>
    public async Task<IReadOnlyList<AttentionTopicDetails>> ListAsync(CancellationToken ct)
    {
        var entries = await db.AttentionTopics.AsNoTracking().ToListAsync(ct);
        var used = await UsedAsync(ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. entries.OrderByDescending(e => e.ValidFrom).ThenBy(e => e.Topic, StringComparer.OrdinalIgnoreCase)
            .Select(e => Details(e, today, used.Contains(e.Id)))];
    }

    public async Task<Result<AttentionTopicDetails>> GetAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.AttentionTopics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (entry is null) return AttentionTopicErrors.NotFound(id);
        return Details(entry, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), await IsUsedAsync(id, ct));
    }

    /// <summary>The topics that apply on <paramref name="day"/>, in list order (oldest first, then by tag), as the selection takes them.</summary>
    public async Task<IReadOnlyList<AttentionTopicEntry>> ActiveOnAsync(DateOnly day, CancellationToken ct)
    {
        var entries = await db.AttentionTopics.AsNoTracking()
            .Where(t => t.ValidFrom <= day && (t.ValidUntil == null || t.ValidUntil >= day)).ToListAsync(ct);
        return [.. entries.OrderBy(e => e.ValidFrom).ThenBy(e => e.Topic, StringComparer.Ordinal).ThenBy(e => e.CreatedAt)];
    }

    public async Task<bool> IsUsedAsync(Guid id, CancellationToken ct) => (await UsedAsync(ct)).Contains(id);

    // Topic IDs are few and selections small; reading them beats a JSON/array query that differs per provider.
    private async Task<HashSet<Guid>> UsedAsync(CancellationToken ct) =>
        [.. (await db.ControlSelections.AsNoTracking().Select(s => s.TopicIds).ToListAsync(ct)).SelectMany(ids => ids)];

    private static AttentionTopicDetails Details(AttentionTopicEntry e, DateOnly today, bool used) =>
        new(e.Id, e.Topic, e.Title, e.Description, e.ControlKeys, e.ValidFrom, e.ValidUntil, e.IsActiveOn(today), used, e.CreatedBy?.Value, e.CreatedAt);
}
