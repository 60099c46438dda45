using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints.Measures;

/// <summary>
/// Measures and authority notices of a case, for MB staff (the query filter hides both from providers), and the
/// catalogue to choose from.
/// </summary>
public sealed class ComplaintMeasureQueries(AdhereDb db, ComplaintMeasureSettings settings)
{
    public IReadOnlyList<MeasureKindView> Catalogue() =>
        [.. settings.Catalogue.Kinds.Select(k => new MeasureKindView(k.Key, k.Name, MeasureCatalogue.EffectName(k.Effect)))];

    /// <summary>A notice's PDF as it was sent.</summary>
    public async Task<Result<(string FileName, byte[] Pdf)>> NoticePdfAsync(string? reference, Guid id, CancellationToken ct)
    {
        var complaint = await FindAsync(db, reference, ct, tracked: false);
        if (complaint is null) return ComplaintIntakeErrors.NotFound(reference);
        var notice = await db.AuthorityNotices.AsNoTracking().Where(n => n.Id == id && n.ComplaintId == complaint.Id)
            .Select(n => new { n.FileName, n.Pdf }).FirstOrDefaultAsync(ct);
        if (notice is null) return ComplaintMeasureErrors.NoticeNotFound(id.ToString());
        return (notice.FileName, notice.Pdf);
    }

    /// <summary>One measure by its ID (after a change).</summary>
    public async Task<ComplaintMeasureView> MeasureAsync(ComplaintMeasureId id, CancellationToken ct)
    {
        var measure = await db.ComplaintMeasures.AsNoTracking().FirstAsync(m => m.Id == id, ct);
        return View(db, measure);
    }

    internal static async Task<IReadOnlyList<ComplaintMeasureView>> MeasuresOfAsync(AdhereDb db, ComplaintId complaint, CancellationToken ct) =>
        [.. (await db.ComplaintMeasures.AsNoTracking().Where(m => m.ComplaintId == complaint).ToListAsync(ct))
            .OrderBy(m => m.ImposedAt).Select(m => View(db, m))];

    internal static async Task<IReadOnlyList<AuthorityNoticeView>> NoticesOfAsync(AdhereDb db, Complaint complaint, CancellationToken ct)
    {
        var rows = await (from n in db.AuthorityNotices.AsNoTracking()
                          join m in db.ComplaintMeasures.AsNoTracking() on n.MeasureId equals m.Id
                          join o in db.OutboxMessages.AsNoTracking() on n.OutboxMessageId equals (Guid?)o.Id into sent
                          from o in sent.DefaultIfEmpty()
                          where n.ComplaintId == complaint.Id
                          select new
                          {
                              n.Id, n.MeasureId, m.Name, m.VerificationId, n.CodeName, n.AuthorityName, n.AuthorityEmail, n.CreatedAt,
                              SentAt = o == null ? null : o.SentAt, GaveUp = o != null && o.GaveUp, Queued = o != null,
                          }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.CreatedAt).Select(r => new AuthorityNoticeView(r.Id, r.MeasureId.Value, r.Name, r.VerificationId, r.CodeName,
            r.AuthorityName, r.AuthorityEmail,
            !r.Queued ? "no-recipient" : r.SentAt is not null ? "sent" : r.GaveUp ? "failed" : "queued",
            r.CreatedAt, r.SentAt, $"/api/v1/complaints/{complaint.Reference}/notices/{r.Id}.pdf"))];
    }

    internal static async Task<Complaint?> FindAsync(AdhereDb db, string? reference, CancellationToken ct, bool tracked = true)
    {
        var parsed = ComplaintReference.Parse(reference);
        if (parsed.IsError) return null;
        var text = parsed.Value.ToString();
        var query = tracked ? db.Complaints : db.Complaints.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Reference == text, ct);
    }

    private static ComplaintMeasureView View(AdhereDb db, ComplaintMeasure m)
    {
        var system = db.Caller.UserId is null && db.Caller.SeesAllOrganisations;
        var decides = system || db.Caller.IsInRole(Role.MbDecisionMaker);
        var handles = decides || db.Caller.IsInRole(Role.MbAssessor);
        var actions = new List<string>();
        if (m.HoldsSuspension && decides) actions.Add("lift");
        if (m.State == MeasureState.AwaitingFollowUp && handles) actions.Add("follow-up");
        return new ComplaintMeasureView(m.Id.Value, m.Key, m.Name, MeasureCatalogue.EffectName(m.Effect), ComplaintQueries.Kebab(m.State.ToString()),
            m.VerificationId, m.Reasons, m.Deadline, m.Correction, m.ImposedAt, m.EndedAt, m.EndNotes, actions);
    }
}
