using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Complaints.Measures;

/// <summary>A supervisory authority that receives notices of suspensions and revocations.</summary>
/// <param name="Code">The Code's name as a declaration names it; null for the default authority.</param>
public sealed record SupervisoryAuthority(string? Code, string Name, string Email);

/// <summary>
/// The measures catalogue and who is told of register measures: <c>Complaints:Measures</c> (a list of <c>Key</c>,
/// <c>Name</c>, <c>Effect</c>: none, corrective-action, suspension or revocation; <see cref="MeasureCatalogue.Default"/>
/// when absent), <c>Complaints:Authorities</c> (a list of <c>Code</c>, <c>Name</c>, <c>Email</c>) and
/// <c>Complaints:DefaultAuthority</c> (<c>Name</c>, <c>Email</c>) for Codes not listed.
/// </summary>
public sealed record ComplaintMeasureSettings(MeasureCatalogue Catalogue, IReadOnlyList<SupervisoryAuthority> Authorities, SupervisoryAuthority? DefaultAuthority)
{
    public static ComplaintMeasureSettings Default { get; } = new(MeasureCatalogue.Default, [], null);

    /// <summary>The authority competent for <paramref name="codeName"/> (the Code's name, ignoring case), else the default; null when none is configured.</summary>
    public SupervisoryAuthority? AuthorityFor(string? codeName) =>
        Authorities.FirstOrDefault(a => string.Equals(a.Code, codeName?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? DefaultAuthority;

    /// <exception cref="InvalidOperationException">A malformed catalogue or authority: a configuration error, reported at start-up.</exception>
    public static ComplaintMeasureSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Complaints");
        var problems = new List<string>();

        var catalogue = MeasureCatalogue.Default;
        var measures = section.GetSection("Measures");
        if (measures.Exists())
        {
            var kinds = new List<MeasureKind>();
            foreach (var entry in measures.GetChildren())
            {
                var effectText = entry["Effect"];
                if (MeasureCatalogue.ParseEffect(effectText) is not { } effect)
                {
                    problems.Add($"Complaints:Measures: the measure '{entry["Key"]}' has the effect '{effectText}'; use none, corrective-action, suspension or revocation.");
                    continue;
                }

                kinds.Add(new MeasureKind(entry["Key"]?.Trim() ?? string.Empty, entry["Name"]?.Trim() ?? string.Empty, effect));
            }

            catalogue = MeasureCatalogue.Create(kinds, out var catalogueProblems);
            problems.AddRange(catalogueProblems.Select(p => "Complaints:Measures: " + p));
        }

        var authorities = new List<SupervisoryAuthority>();
        foreach (var entry in section.GetSection("Authorities").GetChildren())
        {
            var authority = Authority(entry, entry["Code"]?.Trim(), problems);
            if (authority is null) continue;
            if (string.IsNullOrEmpty(authority.Code)) problems.Add($"Complaints:Authorities: '{authority.Name}' names no Code.");
            else if (authorities.Any(a => string.Equals(a.Code, authority.Code, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"Complaints:Authorities: the Code '{authority.Code}' is listed more than once.");
            else authorities.Add(authority);
        }

        var fallback = section.GetSection("DefaultAuthority");
        var defaultAuthority = fallback.Exists() ? Authority(fallback, null, problems) : null;
        return problems.Count == 0
            ? new ComplaintMeasureSettings(catalogue, authorities, defaultAuthority)
            : throw new InvalidOperationException(string.Join(" ", problems));
    }

    private static SupervisoryAuthority? Authority(IConfigurationSection entry, string? code, List<string> problems)
    {
        var name = entry["Name"]?.Trim();
        var email = entry["Email"]?.Trim();
        if (string.IsNullOrEmpty(name) || !EmailAddress.IsPlausible(email))
        {
            problems.Add($"{entry.Path}: a supervisory authority needs a Name and a valid Email.");
            return null;
        }

        return new SupervisoryAuthority(code, name, email!);
    }
}
