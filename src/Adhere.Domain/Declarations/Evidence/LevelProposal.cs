using System.Globalization;

namespace Adhere.Domain.Declarations.Evidence;

/// <summary>
/// Proposes a Level of Compliance from evidence coverage, following the policy of DOMAIN.md: Level 3 when every control
/// is backed by checked third-party evidence; Level 2 when the backed share reaches
/// <see cref="LevelPolicy.SecondLevelShare"/>, or when a whole top-level section is backed and
/// <see cref="LevelPolicy.WholeSectionGivesSecondLevel"/> is on; Level 1 otherwise, and always when there are no controls.
/// </summary>
public static class LevelProposal
{
    /// <summary>Proposes a level for <paramref name="coverage"/> under <paramref name="policy"/>.</summary>
    /// <remarks>
    /// The share is compared exactly (backed ≥ threshold × controls, in decimals), so exactly the threshold gives Level 2.
    /// Percentages in the explanation are truncated to one decimal, so a share just short of the threshold never reads as
    /// reaching it. Numbers are formatted with the invariant culture.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LevelPolicy.SecondLevelShare"/> is not above 0 and at most 1.</exception>
    public static ProposedLevel Propose(EvidenceCoverageResult coverage, LevelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.SecondLevelShare is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy.SecondLevelShare, "The share for Level 2 must be above 0 and at most 1.");
        }

        var total = coverage.Overall.Controls;
        var backed = coverage.Overall.Backed;
        var fullSections = coverage.Sections.Where(s => s.Tally.IsFullyBacked).ToList();
        var fullSectionKeys = fullSections.Select(s => s.TopSection).ToList();
        var warnings = Warnings(coverage);

        ProposedLevel Result(ComplianceLevel level, LevelReason reason, string explanation) =>
            new(level, reason, explanation, fullSectionKeys, warnings);

        if (total == 0)
        {
            return Result(ComplianceLevel.First, LevelReason.NoControls,
                "The catalogue lists no controls, so there is nothing third-party evidence could back; the proposal is Level 1.");
        }

        if (backed == total)
        {
            var all = total == 1 ? "The only control is" : $"All {EvidenceText.Controls(total)} are";
            return Result(ComplianceLevel.Third, LevelReason.AllBacked,
                $"{all} backed by checked third-party certificates, so the evidence supports Level 3.");
        }

        var share = string.Create(CultureInfo.InvariantCulture, $"{backed} of {EvidenceText.Controls(total)} ({EvidenceText.Percent(coverage.Overall.Share)} %) {(backed == 1 ? "is" : "are")} backed by checked third-party certificates");
        var threshold = EvidenceText.Threshold(policy.SecondLevelShare);

        if (backed >= policy.SecondLevelShare * total)
        {
            var sections = fullSections.Count == 0 ? "" : $" {Capitalise(SectionsPhrase(fullSections))} fully backed.";
            return Result(ComplianceLevel.Second, LevelReason.ShareReached,
                $"{share}; the policy asks for {threshold} % for Level 2, so the evidence supports Level 2.{sections}");
        }

        var shortfall = backed > 0 ? $"Only {share}, below the {threshold} % the policy asks for Level 2"
            : total == 1 ? $"The only control is not backed by checked third-party certificates, below the {threshold} % the policy asks for Level 2"
            : $"None of the {EvidenceText.Controls(total)} is backed by checked third-party certificates, below the {threshold} % the policy asks for Level 2";

        if (fullSections.Count > 0 && policy.WholeSectionGivesSecondLevel)
        {
            return Result(ComplianceLevel.Second, LevelReason.WholeSection,
                $"{shortfall}, but {SectionsPhrase(fullSections)} fully backed, and the policy counts a whole section for Level 2, so the evidence supports Level 2.");
        }

        var sectionNote = fullSections.Count > 0
            ? $"; {SectionsPhrase(fullSections)} fully backed, but the policy does not count a whole section for Level 2"
            : policy.WholeSectionGivesSecondLevel ? ", and no top-level section is fully backed" : "";
        return Result(ComplianceLevel.First, LevelReason.BelowThreshold,
            $"{shortfall}{sectionNote}, so the evidence supports Level 1.");
    }

    private static List<string> Warnings(EvidenceCoverageResult coverage)
    {
        var backersPerControl = coverage.Controls.Where(c => c.BackedBy.Count > 0).ToList();
        return coverage.BackingCertificates
            .Where(b => b.ExpiresDuringValidity)
            .OrderBy(b => b.ExpiresOn)
            .Select(b =>
            {
                var backs = backersPerControl.Count(c => c.BackedBy.Any(x => x.Id == b.Id));
                var alone = backersPerControl.Count(c => c.BackedBy.Count == 1 && c.BackedBy[0].Id == b.Id);
                var reliance = alone == 0
                    ? ", each of them also through another certificate"
                    : string.Create(CultureInfo.InvariantCulture, $", {alone} of them through no other certificate");
                return string.Create(CultureInfo.InvariantCulture, $"Certificate {b.Number} ({b.StandardKey}) expires on {EvidenceText.Day(b.ExpiresOn)}, before the validity period ends on {EvidenceText.Day(b.ValidityEnd)}; it backs {EvidenceText.Controls(backs)}{reliance}.");
            })
            .ToList();
    }

    // "section 6 (Security) is" / "sections 5 and 6 are"
    private static string SectionsPhrase(List<SectionCoverage> sections)
    {
        var names = sections.Select(s => s.Title is null ? s.TopSection : $"{s.TopSection} ({s.Title})").ToList();
        return sections.Count == 1 ? $"section {names[0]} is" : $"sections {EvidenceText.JoinAnd(names)} are";
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
