using System.Text;
using System.Text.RegularExpressions;
using Adhere.Core.Reports.Signing;
using Adhere.Domain.Common;

namespace Adhere.Core.Reports.Frozen;

/// <summary>The verdict on a PDF someone wants to check, in terms a customer understands.</summary>
/// <param name="Outcome">
/// <c>authentic</c> (the exact report issued, signature valid), <c>authentic-unsigned</c> (the exact report issued, not yet
/// signed), <c>altered</c> (claims to be the report of a Verification-ID, but differs from what was issued),
/// <c>unknown</c> (not a report issued here), <c>signature-invalid</c> (stored signature fails: tell the MB).
/// </param>
/// <param name="Status">The register entry's status today: valid, expired, suspended, revoked, withdrawn; null when unknown.</param>
/// <param name="Current">Whether this is the entry's current report (false: a later report replaced it).</param>
public sealed record ReportCheck(
    string Outcome,
    string Message,
    string Sha256,
    string? VerificationId,
    string? Company,
    int? Level,
    DateOnly? ApprovedOn,
    DateOnly? ValidUntil,
    string? Status,
    bool? Current,
    string? Kid,
    DateTimeOffset? SignedAt,
    string? Manifest)
{
    public bool IsAuthentic => Outcome is "authentic" or "authentic-unsigned";
}

/// <summary>
/// Checks a PDF against the issued reports and their signatures: the hash finds the issued report, the manifest's
/// signature is checked against the published keys, the entry's status comes from the register. Needs no account.
/// </summary>
public sealed partial class ReportVerifier(FrozenReportQueries reports, SigningKeyQueries keys, TimeProvider time)
{
    /// <summary>Larger than any report we issue by far; anything bigger is refused before hashing.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public async Task<Result<ReportCheck>> CheckAsync(byte[] file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0) return FrozenReportErrors.Empty();
        if (file.Length > MaxBytes) return FrozenReportErrors.TooLarge(MaxBytes);
        if (!file.AsSpan().StartsWith("%PDF-"u8)) return FrozenReportErrors.NotPdf();

        var sha = ReportManifest.Sha256Hex(file);
        var issued = await reports.ByHashAsync(sha, ct);
        if (issued is null)
        {
            var claimed = ClaimedVerificationId(file);
            var original = claimed is null ? null : await reports.ForVerificationIdAsync(claimed, ct);
            return original is null
                ? new ReportCheck("unknown", "This file is not a verification report issued by this Monitoring Body.", sha, null, null, null, null, null, null, null, null, null, null)
                : new ReportCheck("altered",
                    $"This file presents itself as the report for {claimed}, but it is not the report that was issued: its content has been changed.",
                    sha, claimed, null, null, null, null, null, null, null, null, null);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (status, current) = await reports.StandingAsync(issued, today, ct);
        var isCurrent = current is null || current.Id == issued.Id;
        var company = (await reports.CompanyAsync(issued, ct)) ?? "";
        string outcome, message;
        if (issued.Manifest is null)
        {
            outcome = "authentic-unsigned";
            message = $"This is the report issued for {issued.VerificationId}. Its signature is still pending.";
        }
        else
        {
            var verified = ManifestVerifier.VerifyReportFile(file, issued.Manifest, await keys.PublishedAsync(ct));
            (outcome, message) = verified.IsError
                ? ("signature-invalid", $"The file matches the report issued for {issued.VerificationId}, but its stored signature does not verify ({verified.Error!.Code}). Please tell the Monitoring Body.")
                : ("authentic", $"This is the report issued for {issued.VerificationId}, signed with key {issued.Kid}.");
        }

        if (!isCurrent) message += " A later report has replaced it.";
        return new ReportCheck(outcome, message, sha, issued.VerificationId, company, issued.Level, issued.ApprovedOn, issued.ValidUntil, status, isCurrent,
            issued.Kid, issued.SignedAt, issued.Manifest);
    }

    /// <summary>The Verification-ID the renderer wrote into the document information, read from the raw bytes.</summary>
    public static string? ClaimedVerificationId(byte[] file)
    {
        var match = ClaimedId().Match(Encoding.Latin1.GetString(file));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"/AdhereVerificationId\s*\(([0-9A-Z]{1,32})\)")]
    private static partial Regex ClaimedId();
}
