namespace Adhere.Domain.Common;

/// <summary>The kebab-case names under which the API, the pages and the audit trail show enum members.</summary>
public static class EnumNames
{
    /// <summary><c>PassedWithWarnings</c> → <c>passed-with-warnings</c>.</summary>
    public static string Kebab(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        return string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
    }

    /// <summary>The kebab-case name of <paramref name="value"/>.</summary>
    public static string Kebab<T>(T value)
        where T : struct, Enum => Kebab(value.ToString());
}
