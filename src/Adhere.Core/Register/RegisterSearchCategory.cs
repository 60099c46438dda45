using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>
/// One category of one register entry (ADR 0031), with the entry's sort columns, so that a category filter reads its
/// page and its count as one index range in register order instead of testing every entry's <see cref="RegisterSearchEntry.Categories"/>.
/// Written only by the triggers that write <see cref="RegisterSearchEntry"/> (migration <c>RegisterSearchCategoriesAndWords</c>).
/// </summary>
internal sealed class RegisterSearchCategory
{
    /// <summary>The entry's <see cref="RegisterSearchEntry.Key"/>.</summary>
    public long EntryKey { get; private set; }

    /// <summary>The category name as services store it.</summary>
    public string Category { get; private set; } = string.Empty;

    public string SortName { get; private set; } = string.Empty;

    public string VerificationId { get; private set; } = string.Empty;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<RegisterSearchCategory>(e =>
        {
            e.ToTable("RegisterSearchCategories");
            e.HasKey(x => new { x.EntryKey, x.Category });
            e.HasIndex(x => new { x.Category, x.SortName, x.VerificationId });
            e.Property(x => x.Category).HasMaxLength(ServiceCategory.MaxNameLength);
            e.Property(x => x.SortName).HasMaxLength(Organisation.MaxNameLength);
            e.Property(x => x.VerificationId).HasMaxLength(40);
        });
    }
}
