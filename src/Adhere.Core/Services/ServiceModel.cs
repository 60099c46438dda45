using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Services;

/// <summary>
/// The EF mapping of services and the Code category lists. Services are CSP-owned (the tenancy filter applies through
/// <see cref="IOrganisationOwned"/>); category lists are the MB's public reference data.
/// </summary>
internal static class ServiceModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CloudService>(s =>
        {
            s.ToTable("Services");
            s.HasKey(x => x.Id);
            s.Property(x => x.Name).HasMaxLength(CloudService.MaxNameLength);
            s.Property(x => x.NormalizedName).HasMaxLength(CloudService.MaxNameLength);
            s.Property(x => x.Description).HasMaxLength(CloudService.MaxDescriptionLength);
            s.Property(x => x.Category).HasMaxLength(ServiceCategory.MaxNameLength);
            s.Property(x => x.Family).HasMaxLength(CloudService.MaxFamilyLength);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            s.HasIndex(x => new { x.OrganisationId, x.NormalizedName }).IsUnique();
            // Covering (the register's category filter needs only the IDs).
            s.HasIndex(x => new { x.Category, x.Id });
            s.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ServiceCategory>(c =>
        {
            c.HasKey(x => x.Id);
            c.Property(x => x.CodeName).HasMaxLength(ServiceCategory.MaxCodeNameLength);
            c.Property(x => x.NormalizedCodeName).HasMaxLength(ServiceCategory.MaxCodeNameLength);
            c.Property(x => x.Name).HasMaxLength(ServiceCategory.MaxNameLength);
            c.Property(x => x.NormalizedName).HasMaxLength(ServiceCategory.MaxNameLength);
            c.HasIndex(x => new { x.NormalizedCodeName, x.NormalizedName }).IsUnique();
            c.HasIndex(x => x.NormalizedName);
        });
    }
}
