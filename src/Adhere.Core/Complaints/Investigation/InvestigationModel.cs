using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>
/// EF mapping of a complaint's investigation: questions, notes and their files. The query filters live in
/// <see cref="Persistence.AdhereDb"/> (they read the caller): questions and files of a provider question carry that
/// provider's organisation and are filtered like its own data; notes are the MB's only.
/// </summary>
internal static class InvestigationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ComplaintQuestion>(q =>
        {
            q.ToTable("ComplaintQuestions");
            q.HasKey(x => x.Id);
            q.Property(x => x.Recipient).HasConversion<string>().HasMaxLength(20);
            q.Property(x => x.Text).HasMaxLength(ComplaintQuestion.MaxTextLength);
            q.Property(x => x.AskedBy).HasMaxLength(256);
            q.Property(x => x.AnswerKeyHash).HasMaxLength(64);
            q.HasIndex(x => x.AnswerKeyHash).IsUnique();
            q.Property(x => x.Answer).HasMaxLength(ComplaintQuestion.MaxTextLength);
            q.Property(x => x.AnsweredBy).HasMaxLength(256);
            q.HasIndex(x => x.ComplaintId);
            q.HasIndex(x => new { x.OrganisationId, x.AskedAt });
            q.Ignore(x => x.IsAnswered);
            q.Ignore(x => x.AnsweredLate);
            q.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            q.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ComplaintNote>(n =>
        {
            n.ToTable("ComplaintNotes");
            n.HasKey(x => x.Id);
            n.Property(x => x.Text).HasMaxLength(ComplaintNote.MaxTextLength);
            n.Property(x => x.WrittenBy).HasMaxLength(256);
            n.HasIndex(x => x.ComplaintId);
            n.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<InvestigationFile>(f =>
        {
            f.ToTable("ComplaintInvestigationFiles");
            f.HasKey(x => x.Id);
            f.Property(x => x.Part).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.FileName).HasMaxLength(EvidenceDocument.MaxFileNameLength);
            f.Property(x => x.ContentType).HasMaxLength(100);
            f.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            f.HasIndex(x => x.ComplaintId);
            f.HasIndex(x => x.QuestionId);
            f.HasIndex(x => x.NoteId);
            f.HasIndex(x => x.OrganisationId);
            f.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            f.HasOne<ComplaintQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
            f.HasOne<ComplaintNote>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
