using System.Globalization;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>
/// MB staff keep an internal note on a complaint, with optional files as evidence. Notes are never shown to the provider
/// or the complainant. Saved with its audit record (<c>complaint.note-added</c>, without the text).
/// </summary>
public sealed class AddComplaintNote(AdhereDb db, InvestigationUploads uploads, TimeProvider time)
{
    public sealed record Command(string Reference, string? Text, IReadOnlyList<InvestigationUpload>? Files = null);

    public async Task<Result<Guid>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var complaint = await InvestigationAccess.FindAsync(db, command.Reference, ct);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(command.Reference);
        var now = time.GetUtcNow();
        var written = ComplaintNote.Write(complaint, command.Text, InvestigationAccess.HandlerRole(db.Caller), db.Caller.ActorName, now);
        if (written.IsError) return written.Error!;
        var note = written.Value;

        var received = await uploads.ReceiveAsync(command.Files, ct);
        if (received.IsError) return received.Error!;
        await using var batch = received.Value;
        db.ComplaintNotes.Add(note);
        db.InvestigationFiles.AddRange(InvestigationUploads.Rows(batch, (name, type, length, sha) => InvestigationFile.ForNote(note, name, type, length, sha, now)));
        db.Record("complaint.note-added", "complaint", complaint.Id.ToString(), null, new AuditChanges()
            .Added("note", note.Id.ToString())
            .Added("files", batch.Count.ToString(CultureInfo.InvariantCulture)));
        await uploads.CommitAsync(batch);
        await db.SaveChangesAsync(ct);
        return note.Id.Value;
    }
}
