using System.Text;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>Parses ListUsers' Filter: <c>attribute = "value"</c> or <c>attribute ^= "value"</c> (docs/cognito-behaviour.md#listusers-filter).</summary>
internal static class UserFilterParser
{
    public static UserFilter? Parse(string? filter, UserPoolSettings pool)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        var s = filter.AsSpan().Trim();
        var nameEnd = 0;
        while (nameEnd < s.Length && !char.IsWhiteSpace(s[nameEnd]) && s[nameEnd] is not ('=' or '^'))
        {
            nameEnd++;
        }

        if (nameEnd == 0)
        {
            throw ParseError();
        }

        var name = s[..nameEnd].ToString();
        var rest = s[nameEnd..].TrimStart();
        bool prefix;
        if (rest.StartsWith("^=", StringComparison.Ordinal))
        {
            prefix = true;
            rest = rest[2..];
        }
        else if (rest.StartsWith("=", StringComparison.Ordinal))
        {
            prefix = false;
            rest = rest[1..];
        }
        else
        {
            throw ParseError();
        }

        rest = rest.TrimStart();
        if (rest.Length < 2 || rest[0] != '"' || rest[^1] != '"')
        {
            throw ParseError();
        }

        var value = Unescape(rest[1..^1]);
        if (!SearchableAttributes.All.Contains(name))
        {
            throw CognitoErrors.InvalidSearchAttribute(name);
        }

        return new UserFilter(name, Normalize(name, value, pool), prefix);
    }

    /// <summary>The value as the index holds it (see <see cref="SearchableAttributes.ValueOf"/>).</summary>
    private static string Normalize(string name, string value, UserPoolSettings pool) => name switch
    {
        SearchableAttributes.Username => pool.UsernameKey(value),
        SearchableAttributes.UserStatus => value.ToUpperInvariant(),
        SearchableAttributes.Email or SearchableAttributes.PreferredUsername => value.ToLowerInvariant(),
        _ => value,
    };

    private static string Unescape(ReadOnlySpan<char> quoted)
    {
        var sb = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                sb.Append(quoted[++i]);
            }
            else if (quoted[i] == '"')
            {
                throw ParseError();
            }
            else
            {
                sb.Append(quoted[i]);
            }
        }

        return sb.ToString();
    }

    private static CognitoException ParseError() => CognitoErrors.FilterParseError();
}
