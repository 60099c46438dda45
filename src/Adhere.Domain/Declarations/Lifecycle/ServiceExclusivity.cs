namespace Adhere.Domain.Declarations.Lifecycle;

/// <summary>The declaration being created, submitted or reinstated, whose services are checked.</summary>
/// <param name="CodeName">The name of the Code it declares adherence to; the version does not matter here.</param>
/// <param name="Renews">The declaration it renews, if it is a renewal; the two may share services.</param>
public sealed record ExclusivityCandidate(DeclarationId Id, string CodeName, IReadOnlyList<DeclaredService> Services, DeclarationId? Renews = null);

/// <summary>Another declaration that may hold some of the same services.</summary>
/// <param name="CodeVersion">For the report only; declarations of any version of the same Code compete.</param>
/// <param name="Renews">The declaration it renews, if it is a renewal.</param>
public sealed record ExistingDeclaration(
    DeclarationId Id,
    string CodeName,
    string? CodeVersion,
    DeclarationStatus Status,
    IReadOnlyList<ServiceId> Services,
    DeclarationId? Renews = null);

/// <summary>A service of the candidate that another open declaration of the same Code already holds.</summary>
public sealed record ServiceConflict(
    ServiceId ServiceId,
    string ServiceName,
    DeclarationId OtherDeclaration,
    string OtherCodeName,
    string? OtherCodeVersion,
    DeclarationStatus OtherStatus);

/// <summary>
/// A service may be in only one open declaration per Code at a time, so that the register never shows it twice
/// with different levels or statuses.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>"The same Code" means the same Code name, compared ignoring case and surrounding space, whatever the version:
/// a provider cannot keep a service verified under v2.11 and declare it again under v3.0; it moves the service by
/// renewal (or by withdrawing the old declaration).</item>
/// <item>"Open" is every status that is not final (<see cref="DeclarationLifecycle.IsOpen"/>): drafts too (a provider
/// withdraws or deletes a stale draft), and suspended declarations (a service cannot escape a suspension by being
/// declared anew). Rejected, renewed, expired, revoked and withdrawn declarations release their services.</item>
/// <item>A renewal and the declaration it renews share their services by design and never conflict, in either direction.
/// Two renewals of the same declaration do conflict.</item>
/// <item>Services are matched by <see cref="ServiceId"/> only; a renewal must carry the IDs over. Names are not compared
/// (two providers may well both offer "Cloud Storage").</item>
/// <item>A declaration with the candidate's own ID is ignored.</item>
/// </list>
/// </remarks>
public static class ServiceExclusivity
{
    /// <summary>
    /// The conflicts of <paramref name="candidate"/>, ordered by the candidate's service order, then by the order of
    /// <paramref name="others"/>; one per service and conflicting declaration. Empty when there is none.
    /// </summary>
    public static IReadOnlyList<ServiceConflict> FindConflicts(ExclusivityCandidate candidate, IEnumerable<ExistingDeclaration> others)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(others);

        var competing = others
            .Where(o => o.Id != candidate.Id
                && o.Id != candidate.Renews
                && o.Renews != candidate.Id
                && DeclarationLifecycle.IsOpen(o.Status)
                && SameCode(o.CodeName, candidate.CodeName))
            .ToList();

        return
        [
            .. from service in candidate.Services
               from other in competing
               where other.Services.Contains(service.Id)
               select new ServiceConflict(service.Id, service.Name, other.Id, other.CodeName, other.CodeVersion, other.Status),
        ];
    }

    /// <summary>Whether two Code names denote the same Code: equal ignoring case and surrounding space.</summary>
    public static bool SameCode(string codeName, string otherCodeName)
    {
        ArgumentNullException.ThrowIfNull(codeName);
        ArgumentNullException.ThrowIfNull(otherCodeName);
        return string.Equals(codeName.Trim(), otherCodeName.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
