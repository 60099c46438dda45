using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Register;

/// <summary>
/// One register entry as the public search reads it (ADR 0028): a listed declaration with its company's and services'
/// normalised names flattened into <see cref="Text"/> and its services' categories into <see cref="Categories"/>.
/// Written only by database triggers (migration <c>RegisterSearchTable</c>) in the transaction of whatever changed a
/// declaration, a declared service, a service or an organisation; EF reads it and never adds, changes or removes rows.
/// </summary>
internal sealed class RegisterSearchEntry
{
    /// <summary>Separates the parts of <see cref="Text"/> and <see cref="Categories"/>; a search text holding it finds nothing.</summary>
    public const char Separator = '\n';

    /// <summary>A surrogate integer key: SQLite's FTS5 table indexes <see cref="Text"/> by it (external content).</summary>
    public long Key { get; private set; }

    public DeclarationId DeclarationId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The company's normalised name: the register's order, with <see cref="VerificationId"/>.</summary>
    public string SortName { get; private set; } = string.Empty;

    public string VerificationId { get; private set; } = string.Empty;

    public DeclarationStatus Status { get; private set; }

    public ComplianceLevel? GrantedLevel { get; private set; }

    public DateOnly? ValidUntil { get; private set; }

    /// <summary>The Verification-ID, the company's and every declared service's normalised name, each line one of them.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>The declared services' category names as stored, each between two separators (<c>\nA\nB\n</c>); empty without any.</summary>
    public string Categories { get; private set; } = string.Empty;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<RegisterSearchEntry>(e =>
        {
            e.ToTable("RegisterSearchEntries");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.DeclarationId).IsUnique();
            e.HasIndex(x => new { x.SortName, x.VerificationId });
            e.HasIndex(x => x.VerificationId);
            // A status or level filter reads its page and its count as one range of these, in the register's order.
            e.HasIndex(x => new { x.Status, x.SortName, x.VerificationId });
            e.HasIndex(x => new { x.GrantedLevel, x.SortName, x.VerificationId });
            // The same column types and conversions as the source columns, so that the triggers copy values as they are.
            e.Property(x => x.SortName).HasMaxLength(Organisation.MaxNameLength);
            e.Property(x => x.VerificationId).HasMaxLength(40);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.GrantedLevel).HasConversion<int?>();
        });
    }
}
