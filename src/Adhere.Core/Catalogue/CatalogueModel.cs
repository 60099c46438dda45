using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Catalogue;

/// <summary>The EF mapping of the catalogue tables. Catalogues are public information: no tenancy filter applies.</summary>
internal static class CatalogueModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CatalogueVersion>(c =>
        {
            c.ToTable("Catalogues");
            c.HasKey(x => x.Id);
            c.Property(x => x.Name).HasMaxLength(200);
            c.Property(x => x.NormalizedName).HasMaxLength(200);
            c.Property(x => x.Version).HasMaxLength(50);
            c.Property(x => x.Owner).HasMaxLength(300);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Origin).HasMaxLength(16);
            c.Property(x => x.SourceId).HasMaxLength(200);
            c.Property(x => x.ContentHash).HasMaxLength(64);
            c.HasIndex(x => new { x.NormalizedName, x.Version }).IsUnique();
        });

        builder.Entity<CatalogueSection>(s =>
        {
            s.HasKey(x => x.Id);
            s.Property(x => x.Key).HasMaxLength(100);
            s.Property(x => x.ParentKey).HasMaxLength(100);
            s.Property(x => x.Title).HasMaxLength(500);
            s.HasIndex(x => new { x.CatalogueId, x.Key }).IsUnique();
            s.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CatalogueControl>(c =>
        {
            c.HasKey(x => x.Id);
            c.Property(x => x.Key).HasMaxLength(100);
            c.Property(x => x.SectionKey).HasMaxLength(100);
            c.Property(x => x.ParentKey).HasMaxLength(100);
            c.Property(x => x.ModuleKey).HasMaxLength(100);
            c.Property(x => x.Title).HasMaxLength(500);
            c.HasIndex(x => new { x.CatalogueId, x.Key }).IsUnique();
            c.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CatalogueModule>(m =>
        {
            m.HasKey(x => x.Id);
            m.Property(x => x.Key).HasMaxLength(100);
            m.Property(x => x.Title).HasMaxLength(500);
            m.HasIndex(x => new { x.CatalogueId, x.Key }).IsUnique();
            m.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Standard>(s =>
        {
            s.HasKey(x => x.Id);
            s.Property(x => x.Key).HasMaxLength(100);
            s.Property(x => x.Title).HasMaxLength(300);
            s.Property(x => x.Publisher).HasMaxLength(200);
            s.HasIndex(x => x.Key).IsUnique();
        });

        builder.Entity<StandardClause>(c =>
        {
            c.HasKey(x => x.Id);
            c.Property(x => x.Ref).HasMaxLength(100);
            c.Property(x => x.Title).HasMaxLength(500);
            c.HasIndex(x => new { x.StandardId, x.Ref }).IsUnique();
            c.HasOne<Standard>().WithMany().HasForeignKey(x => x.StandardId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ControlMapping>(m =>
        {
            m.HasKey(x => x.Id);
            m.Property(x => x.ControlKey).HasMaxLength(100);
            m.Property(x => x.StandardKey).HasMaxLength(100);
            m.Property(x => x.ClauseRef).HasMaxLength(100);
            m.Property(x => x.Relationship).HasConversion<string>().HasMaxLength(32);
            m.HasIndex(x => new { x.CatalogueId, x.ControlKey, x.StandardKey, x.ClauseRef }).IsUnique();
            m.HasIndex(x => new { x.StandardKey, x.ClauseRef });
            m.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CatalogueTransitionRow>(t =>
        {
            t.ToTable("CatalogueTransitions");
            t.HasKey(x => x.Id);
            t.Property(x => x.FromVersion).HasMaxLength(50);
            t.Property(x => x.FromKey).HasMaxLength(100);
            t.Property(x => x.ToKey).HasMaxLength(100);
            t.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
