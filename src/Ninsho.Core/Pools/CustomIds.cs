using System.Text.RegularExpressions;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Pools;

/// <summary>Ids a caller chooses instead of random ones, so that an app's configuration can name a pool before it
/// exists (docs/test-control.md#fixed-ids). CreateUserPool and CreateIdentityPool take the tag <c>_custom_id_</c>
/// (the key LocalStack reads); CreateUserPoolClient, which has no tags, takes a client name
/// <c>_custom_id_=ID</c> (LocalStack's <c>_custom_id_:ID</c> breaks the model's ClientName pattern, which has no
/// colon). The tag is removed before the pool is stored. Nothing else turns it on: without the tag or prefix ids
/// stay random.</summary>
public static partial class CustomIds
{
    /// <summary>The tag key on CreateUserPool and CreateIdentityPool.</summary>
    public const string TagKey = "_custom_id_";

    /// <summary>The client name prefix on CreateUserPoolClient; the client's name becomes the id.</summary>
    public const string ClientNamePrefix = "_custom_id_=";

    /// <summary>The chosen user pool id in <paramref name="tags"/> (checked: <c>REGION_</c> and letters or digits,
    /// 55 characters at most, REGION the request's), and the tags without it; null id when there is no tag.</summary>
    public static (string? Id, IReadOnlyDictionary<string, string>? Tags) UserPoolId(IReadOnlyDictionary<string, string>? tags, string region)
    {
        if (tags is null || !tags.TryGetValue(TagKey, out var id))
        {
            return (null, tags);
        }

        var prefix = region + "_";
        if (id.Length > 55 || !id.StartsWith(prefix, StringComparison.Ordinal) || !Alphanumeric().IsMatch(id[prefix.Length..]))
        {
            throw CognitoErrors.CustomIdInvalid("user pool", id, $"{region}_ followed by letters and digits (Cognito's have 9, e.g. {region}_AbCdEf123), 55 characters at most");
        }

        return (id, Without(tags));
    }

    /// <summary>The chosen identity pool id: <c>REGION:</c> then lower-case hex digits and hyphens (Cognito's are a
    /// UUID), 55 characters at most.</summary>
    public static (string? Id, IReadOnlyDictionary<string, string>? Tags) IdentityPoolId(IReadOnlyDictionary<string, string>? tags, string region)
    {
        if (tags is null || !tags.TryGetValue(TagKey, out var id))
        {
            return (null, tags);
        }

        var prefix = region + ":";
        if (id.Length > 55 || !id.StartsWith(prefix, StringComparison.Ordinal) || !HexAndHyphens().IsMatch(id[prefix.Length..]))
        {
            throw CognitoErrors.CustomIdInvalid("identity pool", id, $"{region}: followed by a UUID in lower case, e.g. {region}:4a7b2c1e-0000-4000-8000-000000000001");
        }

        return (id, Without(tags));
    }

    /// <summary>The chosen client id in a client name <c>_custom_id_=ID</c> (ID: letters, digits, _ and +, as the
    /// model's ClientIdType), or null.</summary>
    public static string? ClientId(string clientName)
    {
        if (!clientName.StartsWith(ClientNamePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = clientName[ClientNamePrefix.Length..];
        return id.Length is > 0 and <= 128 && ClientIdChars().IsMatch(id)
            ? id
            : throw CognitoErrors.CustomIdInvalid("app client", id, "letters, digits, _ and + (1 to 128; Cognito's are 26 lower-case letters and digits)");
    }

    private static Dictionary<string, string>? Without(IReadOnlyDictionary<string, string> tags)
    {
        var rest = tags.Where(t => t.Key != TagKey).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return rest.Count == 0 ? null : rest;
    }

    [GeneratedRegex("^[0-9A-Za-z]+$")]
    private static partial Regex Alphanumeric();

    [GeneratedRegex("^[0-9a-f-]+$")]
    private static partial Regex HexAndHyphens();

    [GeneratedRegex(@"^[\w+]+$")]
    private static partial Regex ClientIdChars();
}
