using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Documents;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// EF mapping of complaints. They are the Monitoring Body's data and belong to no provider, so they carry no
/// organisation; <see cref="Persistence.AdhereDb"/> adds a query filter that shows them to MB staff and the system only.
/// </summary>
internal static class ComplaintModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Complaint>(c =>
        {
            c.ToTable("Complaints");
            c.HasKey(x => x.Id);
            c.Property(x => x.Reference).HasMaxLength(ComplaintReference.MaxLength);
            c.HasIndex(x => x.Reference).IsUnique();
            c.HasIndex(x => new { x.Year, x.Number }).IsUnique();
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            c.HasIndex(x => x.Status);
            c.Property(x => x.ComplainantRole).HasConversion<string>().HasMaxLength(32);
            c.Property(x => x.ComplainantName).HasMaxLength(Complaint.MaxNameLength);
            c.Property(x => x.ComplainantEmail).HasMaxLength(EmailAddress.MaxLength);
            c.Property(x => x.TargetVerificationId).HasMaxLength(32);
            c.HasIndex(x => x.TargetVerificationId);
            c.Property(x => x.Company).HasMaxLength(Complaint.MaxTargetLength);
            c.Property(x => x.Service).HasMaxLength(Complaint.MaxTargetLength);
            c.Property(x => x.Conduct).HasMaxLength(Complaint.MaxConductLength);
            c.Property(x => x.StatusKeyHash).HasMaxLength(64);
            c.HasIndex(x => x.StatusKeyHash).IsUnique();
            c.Property(x => x.DismissalReason).HasConversion<string>().HasMaxLength(40);
            c.Property(x => x.Finding).HasConversion<string>().HasMaxLength(20);
            c.Ignore(x => x.IsAnonymous);
            c.Property(x => x.Topics).HasField("topics").HasConversion(new Assessments.JsonListConverter<string>(), new Assessments.ListComparer<string>())
                .IsRequired().HasDefaultValue(Array.Empty<string>());
        });

        builder.Entity<ComplaintAssessmentLink>(l =>
        {
            l.ToTable("ComplaintAssessments");
            l.HasKey(x => x.Id);
            l.HasIndex(x => x.ComplaintId);
            l.HasIndex(x => x.AssessmentId);
            l.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            l.HasOne<Domain.Assessments.Assessment>().WithMany().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ComplaintAttachment>(a =>
        {
            a.ToTable("ComplaintAttachments");
            a.HasKey(x => x.Id);
            a.Property(x => x.FileName).HasMaxLength(EvidenceDocument.MaxFileNameLength);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            a.HasIndex(x => x.ComplaintId);
            a.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
