using System.Text;

namespace Ninsho.Storage.Internal;

/// <summary>Turns a prefix match into an index range: <c>value &gt;= prefix AND value &lt; UpperBound(prefix)</c>.
/// Both backends compare text by code point (SQLite's BINARY collation on UTF-8, PostgreSQL's <c>"C"</c>),
/// so the bound is computed in code point order.</summary>
internal static class PrefixRange
{
    private const int MaxCodePoint = 0x10FFFF;
    private const int FirstSurrogate = 0xD800;
    private const int AfterSurrogates = 0xE000;

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>,
    /// or null when there is none (the prefix is empty or made only of U+10FFFF): then only the lower bound applies.</summary>
    public static string? UpperBound(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var runes = new List<Rune>(prefix.Length);
        foreach (var rune in prefix.EnumerateRunes())
        {
            runes.Add(rune);
        }

        for (var i = runes.Count - 1; i >= 0; i--)
        {
            var value = runes[i].Value;
            if (value == MaxCodePoint)
            {
                continue;
            }

            var next = value + 1 == FirstSurrogate ? AfterSurrogates : value + 1;
            var builder = new StringBuilder(prefix.Length + 1);
            for (var j = 0; j < i; j++)
            {
                _ = builder.Append(runes[j].ToString());
            }

            return builder.Append(new Rune(next).ToString()).ToString();
        }

        return null;
    }
}
