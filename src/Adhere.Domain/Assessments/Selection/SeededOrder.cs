using System.Text;

namespace Adhere.Domain.Assessments.Selection;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; the reference constants of Vigna's <c>splitmix64.c</c>): a tiny generator
/// written out here, unlike <see cref="System.Random"/>, whose seeded sequence .NET does not promise to keep, so that a
/// recorded seed reproduces its selection in every future version. Not for secrets.
/// </summary>
/// <param name="state">The starting state; the first <see cref="Next"/> returns <c>Mix(state + γ)</c>.</param>
public struct SplitMix64(ulong state)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong state = state;

    /// <summary>The next 64-bit value.</summary>
    public ulong Next()
    {
        state = unchecked(state + Gamma);
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijection on 64-bit values that spreads every input bit over the output.</summary>
    public static ulong Mix(ulong value)
    {
        unchecked
        {
            var z = value;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>
/// Seeded pseudo-random ranks for controls. Sorting candidates by rank (ties, practically impossible, by key) is a
/// shuffle; taking the first few is a draw without replacement. A control's rank depends only on the seed, the purpose
/// and its own key, so it does not move when other controls are added to or left out of the candidates.
/// </summary>
public static class SeededOrder
{
    /// <summary>
    /// The rank of <paramref name="key"/> for <paramref name="purpose"/> under <paramref name="seed"/>:
    /// <c>new SplitMix64((ulong)seed XOR FNV-1a-64(UTF-8(purpose + ":" + key))).Next()</c>. This formula is part of the
    /// recorded-seed promise; changing it changes every past selection's reproduction.
    /// </summary>
    public static ulong Rank(long seed, string purpose, string key)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        return new SplitMix64(unchecked((ulong)seed) ^ Fnv1a64(string.Concat(purpose, ":", key))).Next();
    }

    /// <summary>Orders <paramref name="keys"/> by their rank for <paramref name="purpose"/>, then by key (ordinal).</summary>
    public static IEnumerable<string> Shuffle(IEnumerable<string> keys, long seed, string purpose) =>
        keys.OrderBy(k => Rank(seed, purpose, k)).ThenBy(k => k, StringComparer.Ordinal);

    private static ulong Fnv1a64(string text)
    {
        const ulong offsetBasis = 0xCBF29CE484222325UL;
        const ulong prime = 0x100000001B3UL;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return hash;
    }
}
