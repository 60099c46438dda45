namespace Adhere.Domain.Declarations.Evidence;

/// <summary>Which rule of the level policy decided a <see cref="ProposedLevel"/>.</summary>
public enum LevelReason
{
    /// <summary>The catalogue has no controls: Level 1, since nothing is backed.</summary>
    NoControls = 1,

    /// <summary>Every control is backed: Level 3.</summary>
    AllBacked = 2,

    /// <summary>The backed share reaches <see cref="LevelPolicy.SecondLevelShare"/>: Level 2.</summary>
    ShareReached = 3,

    /// <summary>The share falls short, but a whole top-level section is backed and the policy counts that: Level 2.</summary>
    WholeSection = 4,

    /// <summary>Neither the share nor a counted whole section: Level 1.</summary>
    BelowThreshold = 5,
}

/// <summary>
/// The level Adhere proposes to the decision maker, who may grant another only with a written rationale.
/// </summary>
/// <param name="Explanation">Plain sentences saying which numbers led to the level.</param>
/// <param name="FullyBackedSections">The top-level sections (with at least one control) whose every control is backed, in catalogue order; listed whether or not the policy counts them.</param>
/// <param name="Warnings">One sentence per backing certificate that expires before the validity period ends, earliest first.</param>
public sealed record ProposedLevel(
    ComplianceLevel Level,
    LevelReason Reason,
    string Explanation,
    IReadOnlyList<string> FullyBackedSections,
    IReadOnlyList<string> Warnings);
