using System.Globalization;
using System.Text;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Complaints;

/// <summary>
/// The yearly summary of complaints for the supervisory authority (<see cref="ComplaintYearFigures"/>): read from the
/// complaints, their audit trail (whether a case reached an investigation) and the measures imposed. MB staff only
/// (the query filter hides complaints from everyone else); it holds counts and durations, never an identity.
/// </summary>
public sealed class ComplaintYearSummary(AdhereDb db, TimeProvider time)
{
    // Every step that leads into an investigation: the first admission, and an appeal or reopening of an ended case.
    private static readonly string[] IntoInvestigation =
        ["complaint." + MoveComplaint.AuditName(ComplaintTrigger.Admit), "complaint." + MoveComplaint.AuditName(ComplaintTrigger.Appeal),
            "complaint." + MoveComplaint.AuditName(ComplaintTrigger.Reopen)];

    /// <param name="yearText">The year as typed in an address or a command line, such as <c>2026</c>.</param>
    public async Task<Result<ComplaintYearFigures>> HandleAsync(string? yearText, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var text = yearText?.Trim() ?? string.Empty;
        if (text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < ComplaintYearFigures.FirstYear || year > now.UtcDateTime.Year)
        {
            return ComplaintSummaryErrors.YearInvalid(text.Length > 20 ? text[..20] + "…" : text, now.UtcDateTime.Year);
        }

        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => new
            {
                Id = c.Id.ToString(),
                c.ReceivedAt, c.Status, c.ComplainantRole, c.DismissalReason, c.Finding, c.AcknowledgedAt, c.AcknowledgeBy, c.DecidedAt, c.DecideBy,
                c.EndedAt, c.AppealCount,
            })
            .ToListAsync(ct);
        var ids = complaints.Select(c => c.Id).ToList();
        var investigated = (await db.AuditEvents.AsNoTracking().IgnoreQueryFilters()
                .Where(e => e.ObjectType == "complaint" && IntoInvestigation.Contains(e.Action) && ids.Contains(e.ObjectId))
                .Select(e => e.ObjectId).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var facts = complaints.Select(c => new ComplaintFacts(c.ReceivedAt, c.Status, c.ComplainantRole, investigated.Contains(c.Id), c.DismissalReason,
            c.Finding, c.AcknowledgedAt, c.AcknowledgeBy, c.DecidedAt, c.DecideBy, c.EndedAt, c.AppealCount));
        return ComplaintYearFigures.Compute(year, facts, await MeasuresAsync(start, end, ct), now);
    }

    private async Task<IReadOnlyList<MeasureFact>> MeasuresAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
        [.. (await db.ComplaintMeasures.AsNoTracking().Where(m => m.ImposedAt >= start && m.ImposedAt < end)
            .Select(m => new { m.ImposedAt, m.Key }).ToListAsync(ct)).Select(m => new MeasureFact(m.ImposedAt, m.Key))];

    /// <summary>
    /// The figures as CSV in long form, one figure per line: <c>year,figure,key,value</c>; <c>key</c> names the month,
    /// role, reason or measure a broken-down figure is for, and is empty otherwise. Numbers use a dot as decimal mark.
    /// </summary>
    public static string ToCsv(ComplaintYearFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var csv = new StringBuilder("year,figure,key,value\n");
        void Line(string figure, string key, string value) =>
            csv.Append(CultureInfo.InvariantCulture, $"{figures.Year},{figure},{Cell(key)},{value}\n");
        void Count(string figure, int value) => Line(figure, string.Empty, value.ToString(CultureInfo.InvariantCulture));
        void Counts(string figure, IEnumerable<NamedCount> counts)
        {
            foreach (var c in counts) Line(figure, c.Name, c.Count.ToString(CultureInfo.InvariantCulture));
        }

        Line("as-of", string.Empty, figures.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Count("received", figures.Received);
        Counts("received-by-month", figures.ReceivedByMonth);
        Counts("received-by-role", figures.ReceivedByRole);
        Count("admissible", figures.Admissible);
        Count("dismissed", figures.Dismissed);
        Counts("dismissed-by-reason", figures.DismissedByReason);
        Count("founded", figures.Founded);
        Count("unfounded", figures.Unfounded);
        Count("still-open", figures.StillOpen);
        Count("appeals", figures.Appeals);
        Counts("measures-by-kind", figures.MeasuresByKind);
        Line("median-days-to-acknowledge", string.Empty, Number(figures.MedianDaysToAcknowledge));
        Line("median-days-to-outcome", string.Empty, Number(figures.MedianDaysToOutcome));
        Count("acknowledged-late", figures.AcknowledgedLate);
        Count("outcome-late", figures.OutcomeLate);
        return csv.ToString();
    }

    // Keys come from configuration (measure kinds) and need not be identifiers: RFC 4180 quoting when they hold a
    // comma, a quote or a line break.
    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? string.Empty;
}

public static class ComplaintSummaryErrors
{
    public static InvalidError YearInvalid(string year, int current) => new("complaint.summary-year-invalid",
        $"'{year}' is not a year with a summary; choose a year from {ComplaintYearFigures.FirstYear} to {current}.", "year");
}
