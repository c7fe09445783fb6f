using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Which IAM role an identity's credentials are for (docs/compatibility-identity-roles.md): a guest gets
/// the pool's <c>unauthenticated</c> role; an authenticated identity gets the role its login's <c>RoleMappings</c>
/// entry decides (Token: <c>CustomRoleArn</c> if the token allows it, else <c>cognito:preferred_role</c>; Rules: the
/// first matching rule), and the pool's <c>authenticated</c> role when no mapping applies or an ambiguous mapping
/// says <c>AuthenticatedRole</c>. The one place that decides; whatever issues the credentials asks it.</summary>
internal sealed class IdentityRoleResolver(UserPoolProviderNames names)
{
    private const string AuthenticatedKey = "authenticated";
    private const string UnauthenticatedKey = "unauthenticated";

    /// <summary>The role ARN for <paramref name="identity"/>'s credentials.</summary>
    /// <exception cref="CognitoException">Cognito's error when the pool has no role for it, the mapping denies
    /// it, or <paramref name="customRoleArn"/> is not allowed.</exception>
    public string Resolve(ResolvedIdentity identity, string? customRoleArn)
    {
        if (!identity.Authenticated)
        {
            var guestRole = DefaultRole(identity.Config, UnauthenticatedKey);
            return customRoleArn is null
                ? guestRole
                : throw CognitoErrors.CustomRoleForGuest();
        }

        foreach (var login in identity.Logins ?? [])
        {
            if (login.IdToken is { } token && FindMapping(identity.Config, login.Provider, token) is { } found)
            {
                return Apply(identity.Config, found.Key, found.Mapping, Payload(token), customRoleArn);
            }
        }

        // No mapping for any login: the default role; a CustomRoleArn has nothing to choose from and is ignored.
        return DefaultRole(identity.Config, AuthenticatedKey);
    }

    private static string DefaultRole(IdentityPoolConfig config, string key) =>
        config.Roles?.GetValueOrDefault(key) is { Length: > 0 } role ? role : throw CognitoErrors.MissingIdentityPoolRoles();

    /// <summary>The mapping keyed <c>&lt;provider&gt;:&lt;client id&gt;</c> for the login's user pool, its provider
    /// under either of its names (<see cref="UserPoolProviderNames"/>), and the token's audience.</summary>
    private (string Key, RoleMapping Mapping)? FindMapping(IdentityPoolConfig config, string provider, JsonWebToken token)
    {
        if (config.RoleMappings is not { Count: > 0 } mappings || !token.TryGetPayloadValue<string>("aud", out var audience))
        {
            return null;
        }

        foreach (var (key, mapping) in mappings)
        {
            // The last colon: the issuer form of the provider name may carry a port.
            var colon = key.LastIndexOf(':');
            if (colon > 0 && key.AsSpan(colon + 1).SequenceEqual(audience) && names.Same(key[..colon], provider))
            {
                return (key, mapping);
            }
        }

        return null;
    }

    private static string Apply(IdentityPoolConfig config, string key, RoleMapping mapping, JsonElement token, string? customRoleArn)
    {
        // The roles this mapping allows the user, in order of preference; the first is chosen without a CustomRoleArn.
        var allowed = mapping.Type == RoleMappingType.Rules ? MatchingRules(mapping, token) : TokenRoles(token);
        if (customRoleArn is not null)
        {
            return allowed.Contains(customRoleArn, StringComparer.Ordinal) ? customRoleArn : throw CognitoErrors.CustomRoleNotAllowed(customRoleArn);
        }

        var chosen = mapping.Type == RoleMappingType.Rules
            ? allowed.FirstOrDefault()
            : Values(token, "cognito:preferred_role").FirstOrDefault();
        if (chosen is not null)
        {
            return chosen;
        }

        return mapping.AmbiguousRoleResolution == AmbiguousRoleResolutionType.AuthenticatedRole
            ? DefaultRole(config, AuthenticatedKey)
            : throw CognitoErrors.AmbiguousRoleDenied(key);
    }

    /// <summary><c>cognito:roles</c>, a JSON array in this server's tokens (a comma-separated string in the
    /// Developer Guide's words; both are read).</summary>
    private static List<string> TokenRoles(JsonElement token) =>
        [.. Values(token, "cognito:roles").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>The roles of the rules that match, in the rules' order. A rule whose claim the token lacks never
    /// matches (NotEqual included). A claim with several values (an array) is matched as its values joined with
    /// commas.</summary>
    private static List<string> MatchingRules(RoleMapping mapping, JsonElement token)
    {
        var roles = new List<string>();
        foreach (var rule in mapping.RulesConfiguration?.Rules ?? [])
        {
            var values = Values(token, rule.Claim);
            if (values.Count == 0)
            {
                continue;
            }

            var value = string.Join(',', values);
            var matches = rule.MatchType switch
            {
                MappingRuleMatchType.Equals_ => string.Equals(value, rule.Value, StringComparison.Ordinal),
                MappingRuleMatchType.Contains => value.Contains(rule.Value, StringComparison.Ordinal),
                MappingRuleMatchType.StartsWith => value.StartsWith(rule.Value, StringComparison.Ordinal),
                MappingRuleMatchType.NotEqual => !string.Equals(value, rule.Value, StringComparison.Ordinal),
                _ => false,
            };
            if (matches)
            {
                roles.Add(rule.RoleARN);
            }
        }

        return roles;
    }

    /// <summary>The token's verified payload.</summary>
    private static JsonElement Payload(JsonWebToken token)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token.EncodedPayload));
        return document.RootElement.Clone();
    }

    /// <summary>The claim's values as strings: one for a string, a number (its JSON text) or a boolean
    /// (<c>true</c>/<c>false</c>), one per element for an array, an object's JSON text; none when the token lacks it
    /// or it is null.</summary>
    private static List<string> Values(JsonElement payload, string claim)
    {
        if (!payload.TryGetProperty(claim, out var value))
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(Text).OfType<string>()]
            : Text(value) is { } text ? [text] : [];
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
