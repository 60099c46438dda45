using System.Text.Json;
using System.Text.Json.Serialization;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Declarations;

/// <summary>The level policy as configured: <c>Declarations:SecondLevelShare</c> (default 0.5) and <c>Declarations:WholeSectionGivesSecondLevel</c> (default true).</summary>
public static class DeclarationSettings
{
    public static LevelPolicy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var share = configuration.GetValue("Declarations:SecondLevelShare", LevelPolicy.Default.SecondLevelShare);
        if (share is <= 0m or > 1m) throw new InvalidOperationException("Declarations:SecondLevelShare must be above 0 and at most 1 (0.5 means 50 %).");
        return new LevelPolicy(share, configuration.GetValue("Declarations:WholeSectionGivesSecondLevel", LevelPolicy.Default.WholeSectionGivesSecondLevel));
    }
}

/// <summary>A certificate's stored check, read back.</summary>
public sealed record StoredCheck(CertificateCheckResult Result, DateTimeOffset CheckedAt);

/// <summary>
/// Runs the certificate checks of a declaration and stores each result with the time it ran, but only when the result
/// changed (an input changed: the certificate, the services, the catalogue mappings or the decision date), so the
/// stored time says when the current result was first obtained. Then computes coverage and the proposed level.
/// </summary>
public sealed class DeclarationEvidence(AdhereDb db, CatalogueOutlines outlines, LevelPolicy policy, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(), new EntityIdJsonConverter() } };

    /// <summary>The date checks are run for: the approval date once verified, otherwise today (UTC).</summary>
    public DateOnly DecisionDate(Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return declaration.ApprovedOn ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>One year of validity from <paramref name="decisionDate"/>: the last valid day.</summary>
    public static DateOnly ValidityEnd(DateOnly decisionDate) => decisionDate.AddYears(1).AddDays(-1);

    /// <summary>
    /// Reruns every certificate's check and records those whose result changed; returns whether anything was recorded
    /// (the caller saves). Final declarations keep the checks they ended with.
    /// </summary>
    public async Task<bool> RefreshChecksAsync(Declaration declaration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (DeclarationLifecycle.IsFinal(declaration.Status) && declaration.Certificates.All(c => c.CheckJson is not null)) return false;
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException($"Catalogue {declaration.CatalogueId} of declaration {declaration.Id} is missing.");
        var services = await DeclaredServicesAsync(declaration, ct);
        var decision = DecisionDate(declaration);
        var changed = false;
        foreach (var certificate in declaration.Certificates)
        {
            var result = CertificateCheck.Run(certificate.ToFacts(), services, decision, ValidityEnd(decision), outline.Mappings);
            var json = JsonSerializer.Serialize(result, Json);
            if (json == certificate.CheckJson) continue;
            certificate.RecordCheck(result, json, time.GetUtcNow());
            changed = true;
        }

        return changed;
    }

    /// <summary>The declared services (name, category, family), in the declaration's order.</summary>
    public async Task<IReadOnlyList<DeclaredService>> DeclaredServicesAsync(Declaration declaration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var ids = declaration.Services.Select(s => s.ServiceId).ToList();
        var rows = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return [.. declaration.Services.OrderBy(s => s.Position)
            .Where(s => rows.ContainsKey(s.ServiceId))
            .Select(s => rows[s.ServiceId])
            .Select(s => new DeclaredService(s.Id, s.Name, s.Category, s.Family))];
    }

    /// <summary>The stored check of <paramref name="certificate"/>, or null when it never ran.</summary>
    public static StoredCheck? StoredCheckOf(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.CheckJson is null || certificate.CheckedAt is not { } at) return null;
        var result = JsonSerializer.Deserialize<CertificateCheckResult>(certificate.CheckJson, Json);
        return result is null ? null : new StoredCheck(result, at);
    }

    /// <summary>Coverage and the proposed level from the stored checks (run <see cref="RefreshChecksAsync"/> first).</summary>
    /// <param name="setAside">Certificates not to rely on, such as those whose check an assessor rejected.</param>
    public async Task<(EvidenceCoverageResult Coverage, ProposedLevel Proposal)> AssessAsync(Declaration declaration, CancellationToken ct,
        IReadOnlyCollection<CertificateId>? setAside = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException($"Catalogue {declaration.CatalogueId} is missing.");
        var checkedCertificates = declaration.Certificates
            .Where(c => setAside is null || !setAside.Contains(c.Id))
            .Select(c => (Facts: c.ToFacts(), Check: StoredCheckOf(c)))
            .Where(x => x.Check is not null)
            .Select(x => (x.Facts, x.Check!.Result))
            .ToList();
        var coverage = EvidenceCoverage.Compute(outline.RefsFor(declaration.Modules), checkedCertificates);
        return (coverage, LevelProposal.Propose(coverage, policy));
    }
}
