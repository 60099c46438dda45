using System.Globalization;
using System.Text;
using System.Xml;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Register;

/// <summary>
/// The feed's settings, from <c>Register:Feed</c>: <c>MaxEntries</c>, how many of the newest changes one feed document
/// holds (1–1000, default 100); older ones are reached with <c>?before=</c>.
/// </summary>
public sealed record RegisterFeedSettings(int MaxEntries)
{
    public const int Limit = 1000;

    public static RegisterFeedSettings Default { get; } = new(100);

    /// <exception cref="InvalidOperationException">The setting is out of range: a configuration error, reported at start-up.</exception>
    public static RegisterFeedSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var max = configuration.GetValue("Register:Feed:MaxEntries", Default.MaxEntries);
        if (max is < 1 or > Limit) throw new InvalidOperationException($"Register:Feed:MaxEntries must be between 1 and {Limit}.");
        return new RegisterFeedSettings(max);
    }
}

/// <summary>
/// The register's changes as an Atom feed (RFC 4287), newest first, one entry per transparency-log entry. Shared by the
/// web host (<c>/register/feed.atom</c>) and static exports: the caller names the public base address, so every link
/// is absolute. Entry IDs derive from the log entry's hash, so an entry keeps its ID wherever and whenever it is served.
/// </summary>
public sealed class RegisterFeed(AdhereDb db)
{
    public const string MediaType = "application/atom+xml";
    public const string ContentType = MediaType + "; charset=utf-8";
    public const string Path = "/register/feed.atom";
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";

    /// <summary>The feed's <c>updated</c> while the log is empty: fixed, so that an empty feed's bytes (and ETag) do not change.</summary>
    public static readonly DateTimeOffset EmptyUpdated = DateTimeOffset.UnixEpoch;

    public static InvalidError BeforeInvalid() => new("register.feed-before-invalid", "before must be a log sequence number of 1 or more.", "before");

    /// <summary>
    /// The newest <paramref name="maxEntries"/> changes, or with <paramref name="before"/> those older than that log
    /// sequence number (a next link leads on while older ones remain).
    /// </summary>
    /// <param name="baseUrl">The public address of the installation, such as <c>https://mb.example.org</c> (a path is kept).</param>
    public async Task<Result<byte[]>> BuildAsync(Uri baseUrl, long? before, int maxEntries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        if (before is < 1) return BeforeInvalid();

        var query = db.TransparencyLog.AsNoTracking();
        if (before is { } b) query = query.Where(e => e.Sequence < b);
        var rows = await query.OrderByDescending(e => e.Sequence).Take(maxEntries + 1).ToListAsync(ct);
        var more = rows.Count > maxEntries;
        if (more) rows.RemoveAt(rows.Count - 1);

        // The register is public, so the Monitoring Body's name is read past the tenancy filter.
        var author = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind == OrganisationKind.MonitoringBody)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        return Write(rows, baseUrl, author ?? "Monitoring Body", before, more ? rows[^1].Sequence : null);
    }

    /// <summary>Writes the document; <paramref name="nextBefore"/> adds a next link to the older changes.</summary>
    public static byte[] Write(IReadOnlyList<TransparencyLogEntry> newestFirst, Uri baseUrl, string author, long? before, long? nextBefore)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(author);
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        var feedUrl = root + Path;

        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            // The feed ID is the same on every page (RFC 5005); it is the feed's first page's address.
            xml.WriteElementString("id", AtomNamespace, feedUrl);
            xml.WriteElementString("title", AtomNamespace, "Public register: changes");
            xml.WriteElementString("subtitle", AtomNamespace, "Listings, renewals, level changes, expiries, suspensions, revocations and reinstatements, newest first.");
            xml.WriteElementString("updated", AtomNamespace, Instant(newestFirst.Count > 0 ? newestFirst[0].RecordedAt : EmptyUpdated));
            Link(xml, "self", before is { } b ? $"{feedUrl}?before={b.ToString(CultureInfo.InvariantCulture)}" : feedUrl, MediaType);
            Link(xml, "alternate", root + "/register", "text/html");
            Link(xml, "related", root + "/register/transparency-log.json", "application/json");
            if (nextBefore is { } next) Link(xml, "next", $"{feedUrl}?before={next.ToString(CultureInfo.InvariantCulture)}", MediaType);
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, author);
            xml.WriteEndElement();

            foreach (var e in newestFirst) Entry(xml, e, root);

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A permanent, globally unique ID for a log entry: a UUID (RFC 9562 version 8) made from the first bytes of the
    /// entry's hash, which covers the whole chain up to it.
    /// </summary>
    public static string EntryId(TransparencyLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = Convert.FromHexString(entry.Hash.AsSpan(0, 32));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(bytes, bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }

    /// <summary>The change in plain words, such as "Nimbus Cloud GmbH: listed at Level 2 (2026LVL02ADHERE002)".</summary>
    public static string Title(TransparencyLogEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var what = e.Event switch
        {
            TransparencyLogEvents.Listed => $"listed at Level {e.Level}",
            TransparencyLogEvents.Renewed => $"renewed at Level {e.Level}",
            TransparencyLogEvents.LevelChanged => $"now at Level {e.Level}",
            TransparencyLogEvents.Expired => "expired",
            TransparencyLogEvents.Suspended => "suspended",
            TransparencyLogEvents.Revoked => "revoked",
            TransparencyLogEvents.Reinstated => $"reinstated at Level {e.Level}",
            TransparencyLogEvents.Withdrawn => "withdrawn by the provider",
            _ => e.Event,
        };
        var ids = e.FormerVerificationId is { } former ? $"{e.VerificationId}, formerly {former}" : e.VerificationId;
        return $"{e.CompanyName}: {what} ({ids})";
    }

    /// <summary>One or two sentences for the entry's content.</summary>
    public static string Summary(TransparencyLogEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var until = e.ValidUntil is { } day ? $", valid until {TransparencyLogHashing.FormatDay(day)}" : string.Empty;
        var text = e.Event switch
        {
            TransparencyLogEvents.Listed => $"{e.CompanyName} was entered in the public register at Level {e.Level} under {e.VerificationId}{until}.",
            TransparencyLogEvents.Renewed => $"The adherence of {e.CompanyName} was renewed at Level {e.Level} under {e.VerificationId}{until}.",
            TransparencyLogEvents.LevelChanged => $"An assessment changed the level of {e.CompanyName} to Level {e.Level}; the entry is now {e.VerificationId}{until}.",
            TransparencyLogEvents.Expired => $"The validity of {e.VerificationId} ({e.CompanyName}) ended without a renewal.",
            TransparencyLogEvents.Suspended => $"The Monitoring Body suspended {e.VerificationId} ({e.CompanyName}).",
            TransparencyLogEvents.Revoked => $"The Monitoring Body revoked {e.VerificationId} ({e.CompanyName}).",
            TransparencyLogEvents.Reinstated => $"The suspension of {e.VerificationId} ({e.CompanyName}) was lifted; it is valid again at Level {e.Level}{until}.",
            TransparencyLogEvents.Withdrawn => $"{e.CompanyName} withdrew {e.VerificationId}; it no longer claims adherence under it.",
            _ => $"{e.VerificationId} ({e.CompanyName}): {e.Event}.",
        };
        if (e.FormerVerificationId is { } former) text += $" It was listed as {former} before.";
        return text + $" Transparency log entry #{e.Sequence.ToString(CultureInfo.InvariantCulture)}.";
    }

    private static void Entry(XmlWriter xml, TransparencyLogEntry e, string root)
    {
        xml.WriteStartElement("entry", AtomNamespace);
        xml.WriteElementString("id", AtomNamespace, EntryId(e));
        xml.WriteElementString("title", AtomNamespace, Title(e));
        xml.WriteElementString("updated", AtomNamespace, Instant(e.RecordedAt));
        Link(xml, "alternate", $"{root}/register/{Uri.EscapeDataString(e.VerificationId)}", "text/html");
        xml.WriteStartElement("category", AtomNamespace);
        xml.WriteAttributeString("term", e.Event);
        xml.WriteEndElement();
        xml.WriteStartElement("content", AtomNamespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Summary(e));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Instant(DateTimeOffset at) => TransparencyLogHashing.FormatInstant(at);
}
