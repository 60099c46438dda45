namespace Adhere.Domain.Complaints;

/// <summary>What a measure does beyond being recorded.</summary>
public enum MeasureEffect
{
    /// <summary>Recorded and told, nothing more (a reprimand).</summary>
    None,

    /// <summary>The provider must correct something by a deadline; a follow-up check records whether it did.</summary>
    CorrectiveAction,

    /// <summary>The register entry is suspended at once, until the measure is lifted by a recorded decision.</summary>
    Suspension,

    /// <summary>The register entry is revoked (the provider is excluded) at once; final.</summary>
    Revocation,
}

/// <summary>One kind of measure the Monitoring Body may impose: a stable <paramref name="Key"/>, a display name and its effect.</summary>
public sealed record MeasureKind(string Key, string Name, MeasureEffect Effect)
{
    /// <summary>True for the effects that change the public register and are reported to the supervisory authority.</summary>
    public bool ChangesRegister => Effect is MeasureEffect.Suspension or MeasureEffect.Revocation;
}

/// <summary>
/// The measures a decision maker can choose from when a complaint is founded. Configured per installation (ADR 0025);
/// <see cref="Default"/> holds corrective action, reprimand, suspension and revocation. Keys are lower-case kebab words,
/// unique; names are free text.
/// </summary>
public sealed class MeasureCatalogue
{
    public const int MaxKeyLength = 40;
    public const int MaxNameLength = 100;

    private readonly Dictionary<string, MeasureKind> byKey;

    private MeasureCatalogue(IReadOnlyList<MeasureKind> kinds)
    {
        Kinds = kinds;
        byKey = kinds.ToDictionary(k => k.Key, StringComparer.Ordinal);
    }

    /// <summary>The kinds in their configured order.</summary>
    public IReadOnlyList<MeasureKind> Kinds { get; }

    public static MeasureCatalogue Default { get; } = new(
    [
        new("corrective-action", "Corrective action", MeasureEffect.CorrectiveAction),
        new("reprimand", "Reprimand", MeasureEffect.None),
        new("suspension", "Suspension", MeasureEffect.Suspension),
        new("revocation", "Revocation (exclusion)", MeasureEffect.Revocation),
    ]);

    /// <summary>The kind with <paramref name="key"/> (compared after trimming and lower-casing); null when there is none.</summary>
    public MeasureKind? Find(string? key) =>
        key is null ? null : byKey.GetValueOrDefault(key.Trim().ToLowerInvariant());

    /// <summary>
    /// Builds a catalogue from configured kinds and lists every problem (empty list, blank or malformed or duplicate keys,
    /// blank or long names). An empty <paramref name="problems"/> means the catalogue is usable.
    /// </summary>
    public static MeasureCatalogue Create(IEnumerable<MeasureKind> kinds, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var list = kinds.ToList();
        var found = new List<string>();
        if (list.Count == 0) found.Add("Complaints:Measures lists no measure; leave the section out to use the defaults.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in list)
        {
            if (string.IsNullOrWhiteSpace(kind.Key) || kind.Key.Length > MaxKeyLength || !kind.Key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                found.Add($"The measure key '{kind.Key}' must be 1–{MaxKeyLength} lower-case letters, digits or hyphens.");
            else if (!seen.Add(kind.Key))
                found.Add($"The measure key '{kind.Key}' appears more than once.");
            if (string.IsNullOrWhiteSpace(kind.Name) || kind.Name.Length > MaxNameLength)
                found.Add($"The measure '{kind.Key}' needs a name of 1–{MaxNameLength} characters.");
            if (!Enum.IsDefined(kind.Effect)) found.Add($"The measure '{kind.Key}' has no known effect.");
        }

        problems = found;
        return new MeasureCatalogue(found.Count == 0 ? list : []);
    }

    /// <summary>The effect named <paramref name="text"/> (none, corrective-action, suspension, revocation); null for anything else.</summary>
    public static MeasureEffect? ParseEffect(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "none" => MeasureEffect.None,
        "corrective-action" => MeasureEffect.CorrectiveAction,
        "suspension" => MeasureEffect.Suspension,
        "revocation" => MeasureEffect.Revocation,
        _ => null,
    };

    /// <summary>The name of <paramref name="effect"/> as settings and the API spell it.</summary>
    public static string EffectName(MeasureEffect effect) => effect switch
    {
        MeasureEffect.None => "none",
        MeasureEffect.CorrectiveAction => "corrective-action",
        MeasureEffect.Suspension => "suspension",
        MeasureEffect.Revocation => "revocation",
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a measure effect."),
    };
}
