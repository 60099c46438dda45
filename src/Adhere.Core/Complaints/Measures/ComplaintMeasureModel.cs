using Adhere.Core.Complaints.AuthorityNotices;
using Adhere.Core.Mail;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Measures;

/// <summary>
/// EF mapping of complaint measures, authority notices and outbox attachments. Measures and notices are the MB's data
/// like complaints; <see cref="Persistence.AdhereDb"/> shows them to MB staff and the system only.
/// </summary>
internal static class ComplaintMeasureModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ComplaintMeasure>(m =>
        {
            m.ToTable("ComplaintMeasures");
            m.HasKey(x => x.Id);
            m.Property(x => x.Key).HasMaxLength(MeasureCatalogue.MaxKeyLength);
            m.Property(x => x.Name).HasMaxLength(MeasureCatalogue.MaxNameLength);
            m.Property(x => x.Effect).HasConversion<string>().HasMaxLength(32);
            m.Property(x => x.State).HasConversion<string>().HasMaxLength(32);
            m.Property(x => x.Reasons).HasMaxLength(ComplaintMeasure.MaxReasonsLength);
            m.Property(x => x.VerificationId).HasMaxLength(32);
            m.Property(x => x.Correction).HasMaxLength(ComplaintMeasure.MaxCorrectionLength);
            m.Property(x => x.EndNotes).HasMaxLength(ComplaintMeasure.MaxNotesLength);
            m.Ignore(x => x.HoldsSuspension);
            m.HasIndex(x => x.ComplaintId);
            // ReinstateDeclaration asks for suspensions in force on a declaration.
            m.HasIndex(x => new { x.DeclarationId, x.State });
            m.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            m.HasOne<Declaration>().WithMany().HasForeignKey(x => x.DeclarationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AuthorityNotice>(n =>
        {
            n.ToTable("AuthorityNotices");
            n.HasKey(x => x.Id);
            n.Property(x => x.CodeName).HasMaxLength(200);
            n.Property(x => x.AuthorityName).HasMaxLength(AuthorityNotice.MaxNameLength);
            n.Property(x => x.AuthorityEmail).HasMaxLength(Domain.Common.EmailAddress.MaxLength);
            n.Property(x => x.FileName).HasMaxLength(200);
            n.HasIndex(x => x.ComplaintId);
            n.HasIndex(x => x.MeasureId);
            n.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            n.HasOne<ComplaintMeasure>().WithMany().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.Restrict);
            n.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OutboxAttachment>(a =>
        {
            a.ToTable("OutboxAttachments");
            a.HasKey(x => x.Id);
            a.Property(x => x.FileName).HasMaxLength(OutboxAttachment.MaxFileNameLength);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.HasIndex(x => x.OutboxMessageId);
            a.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
