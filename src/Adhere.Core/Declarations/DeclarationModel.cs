using Adhere.Core.Catalogue;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>The EF mapping of declarations and their parts; all are CSP-owned, so the tenancy filter applies to each.</summary>
internal static class DeclarationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Declaration>(d =>
        {
            d.HasKey(x => x.Id);
            d.Property(x => x.CodeName).HasMaxLength(200);
            d.Property(x => x.CodeVersion).HasMaxLength(50);
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            d.Property(x => x.RequestedLevel).HasConversion<int?>();
            d.Property(x => x.GrantedLevel).HasConversion<int?>();
            d.Property(x => x.Title).HasMaxLength(Declaration.MaxTitleLength);
            d.Property(x => x.ContactName).HasMaxLength(Declaration.MaxContactLength);
            d.Property(x => x.ContactEmail).HasMaxLength(254);
            d.Property(x => x.VerificationId).HasMaxLength(40);
            d.HasIndex(x => x.OrganisationId);
            d.HasIndex(x => x.VerificationId);
            d.HasIndex(x => x.RenewsId);
            d.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Restrict);
            d.HasMany(x => x.Services).WithOne().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            d.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            d.HasMany(x => x.Certificates).WithOne().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            d.HasMany(x => x.Agreements).WithOne().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
            d.HasMany(x => x.RemovedServices).WithOne().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DeclarationServiceEntry>(s =>
        {
            s.ToTable("DeclarationServices");
            s.HasKey(x => new { x.DeclarationId, x.ServiceId });
            // Covering, so the register's search and category filter go from services to declarations without reading rows.
            s.HasIndex(x => new { x.ServiceId, x.DeclarationId });
            s.HasOne<CloudService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RemovedService>(s =>
        {
            s.ToTable("DeclarationRemovedServices");
            s.HasKey(x => new { x.DeclarationId, x.ServiceId });
            s.Property(x => x.Reason).HasMaxLength(RemovedService.MaxReasonLength);
        });

        builder.Entity<DeclarationAgreement>(a =>
        {
            a.ToTable("DeclarationAgreements");
            a.HasKey(x => new { x.DeclarationId, x.DocumentId });
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        });

        builder.Entity<ControlAnswer>(a =>
        {
            a.ToTable("ControlAnswers");
            a.HasKey(x => new { x.DeclarationId, x.ControlKey });
            a.Property(x => x.ControlKey).HasMaxLength(100);
            a.Property(x => x.Statement).HasMaxLength(ControlAnswer.MaxStatementLength);
            a.Property(x => x.Measures).HasMaxLength(ControlAnswer.MaxMeasuresLength);
            a.Property(x => x.UpdatedBy).HasMaxLength(256);
            a.Ignore(x => x.IsAnswered);
        });

        builder.Entity<Certificate>(c =>
        {
            c.HasKey(x => x.Id);
            c.Property(x => x.StandardKey).HasMaxLength(Certificate.MaxShortLength);
            c.Property(x => x.StandardVersion).HasMaxLength(Certificate.MaxShortLength);
            c.Property(x => x.Number).HasMaxLength(Certificate.MaxShortLength);
            c.Property(x => x.CertificationBody).HasMaxLength(Certificate.MaxShortLength);
            c.Property(x => x.AccreditationBody).HasMaxLength(Certificate.MaxShortLength);
            c.Property(x => x.ScopeStatement).HasMaxLength(Certificate.MaxScopeLength);
            c.Property(x => x.CheckOutcome).HasConversion<string>().HasMaxLength(32);
            c.HasIndex(x => x.DeclarationId);
            c.HasIndex(x => x.LineageId);
        });

        builder.Entity<CertificateNotice>(n =>
        {
            n.HasKey(x => x.Id);
            n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            n.Property(x => x.Description).HasMaxLength(CertificateNotice.MaxDescriptionLength);
            n.Property(x => x.ReviewNote).HasMaxLength(CertificateNotice.MaxDescriptionLength);
            n.Property(x => x.ReportedBy).HasMaxLength(256);
            n.Property(x => x.ReviewedBy).HasMaxLength(256);
            n.HasIndex(x => x.DeclarationId);
            n.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Restrict);
            n.HasOne<Certificate>().WithMany().HasForeignKey(x => x.CertificateId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<VerificationRecord>(v =>
        {
            v.HasKey(x => x.Id);
            v.Property(x => x.VerificationId).HasMaxLength(40);
            v.Property(x => x.BodyCode).HasMaxLength(20);
            v.Property(x => x.Level).HasConversion<int>();
            v.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
            v.HasIndex(x => x.VerificationId);
            v.HasIndex(x => new { x.BodyCode, x.RunningNumber });
            v.HasIndex(x => x.DeclarationId);
            v.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
