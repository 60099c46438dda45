using System.Diagnostics.CodeAnalysis;

namespace Adhere.Domain.Catalogue;

/// <summary>The OSCAL 1.2 relationship vocabulary between a control (source) and a standard's clause (target).</summary>
public enum MappingRelationship
{
    /// <summary>Source and target say the same thing.</summary>
    EqualTo = 1,

    /// <summary>Everything the source requires, the target requires too, and the target requires more.</summary>
    SubsetOf = 2,

    /// <summary>The source requires everything the target does, and more.</summary>
    SupersetOf = 3,

    /// <summary>They overlap, each with something the other lacks.</summary>
    IntersectsWith = 4,

    /// <summary>Examined and found unrelated.</summary>
    NoRelationship = 5,
}

public static class MappingRelationships
{
    private static readonly (MappingRelationship Value, string Token)[] Tokens =
    [
        (MappingRelationship.EqualTo, "equal-to"),
        (MappingRelationship.SubsetOf, "subset-of"),
        (MappingRelationship.SupersetOf, "superset-of"),
        (MappingRelationship.IntersectsWith, "intersects-with"),
        (MappingRelationship.NoRelationship, "no-relationship"),
    ];

    /// <summary>The OSCAL token, e.g. <c>subset-of</c>.</summary>
    public static string ToToken(this MappingRelationship relationship) =>
        Tokens.First(t => t.Value == relationship).Token;

    public static bool TryParse(string? token, [NotNullWhen(true)] out MappingRelationship? relationship)
    {
        var match = Tokens.FirstOrDefault(t => string.Equals(t.Token, token?.Trim(), StringComparison.OrdinalIgnoreCase));
        relationship = match.Token is null ? null : match.Value;
        return relationship is not null;
    }

    public static IEnumerable<string> AllTokens => Tokens.Select(t => t.Token);
}
