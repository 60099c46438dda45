using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Documents;

/// <summary>EF mapping of evidence documents: metadata only, the bytes live in the <see cref="DocumentStore"/>.</summary>
internal static class DocumentModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<EvidenceDocument>(d =>
        {
            d.ToTable("EvidenceDocuments");
            d.HasKey(x => x.Id);
            d.Property(x => x.FileName).HasMaxLength(EvidenceDocument.MaxFileNameLength);
            d.Property(x => x.ContentType).HasMaxLength(100);
            d.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            d.Property(x => x.UploadedBy).HasMaxLength(256);
            d.HasIndex(x => x.OrganisationId);
            d.HasIndex(x => x.Sha256);
            d.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
