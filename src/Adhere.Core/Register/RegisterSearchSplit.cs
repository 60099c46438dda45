using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>
/// PostgreSQL only (ADR 0035): one space in a register entry's <see cref="RegisterSearchEntry.Text"/>, splitting its line
/// (the text between two <see cref="RegisterSearchEntry.Separator"/>s) into <see cref="Before"/>, up to and with the space,
/// and <see cref="After"/>, the rest of the line. A search text with a space occurs in a line exactly when, for the
/// text's first space, some row's <see cref="After"/> starts with what follows that space and its <see cref="Before"/>
/// ends with what precedes it, space included. So the total of such a search is a count of distinct entry keys in one
/// range of the <see cref="After"/> index, read from the index alone, instead of the substring test on every entry.
/// Written only by a trigger on the search table (migration <c>RegisterSearchSplits</c>), from its text.
/// </summary>
internal sealed class RegisterSearchSplit
{
    /// <summary>
    /// <see cref="Before"/> keeps its last and <see cref="After"/> its first this many characters, which keeps index
    /// tuples small whatever the names. Exact while a search text has at most this many characters
    /// (<see cref="RegisterQueries.MaxQueryLength"/>); the migration's trigger repeats the figure.
    /// </summary>
    public const int MaxPartLength = 200;

    /// <summary>The entry's <see cref="RegisterSearchEntry.Key"/>.</summary>
    public long EntryKey { get; private set; }

    /// <summary>Where the space is in the entry's text, in characters from 1: tells two spaces of one entry apart.</summary>
    public int Position { get; private set; }

    /// <summary>The line up to the space, the space included.</summary>
    public string Before { get; private set; } = string.Empty;

    /// <summary>The line after the space. Compared byte-wise (collation <c>C</c>), so that its index serves <c>LIKE 'x%'</c>.</summary>
    public string After { get; private set; } = string.Empty;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<RegisterSearchSplit>(e =>
        {
            e.ToTable("RegisterSearchSplits");
            e.HasKey(x => new { x.EntryKey, x.Position });
            e.Property(x => x.Before).HasMaxLength(MaxPartLength);
            e.Property(x => x.After).HasMaxLength(MaxPartLength).UseCollation("C");
            // The count reads only this index: the range of After, the key to count, Before to test.
            e.HasIndex(x => new { x.After, x.EntryKey }).IncludeProperties(x => x.Before);
        });
    }
}
