using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Core.Tokens;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Triggers;

/// <summary>The pre token generation trigger, V1_0, V2_0 and V3_0 (docs/triggers.md#pretokengeneration): the event
/// before tokens are minted, and the answer read into what changes in the tokens. Claims Cognito does not let a
/// function change are dropped silently.</summary>
internal static class PreTokenGeneration
{
    public const string Authentication = "TokenGeneration_Authentication";
    public const string NewPasswordChallenge = "TokenGeneration_NewPasswordChallenge";
    public const string AuthenticateDevice = "TokenGeneration_AuthenticateDevice";
    public const string RefreshTokens = "TokenGeneration_RefreshTokens";
    public const string HostedAuth = "TokenGeneration_HostedAuth";
    public const string ClientCredentials = "TokenGeneration_ClientCredentials";

    /// <summary>Claims no version may add, change or remove in either token (the claims table of the pre token
    /// generation guide). Every other <c>cognito:</c> claim is protected too.</summary>
    private static readonly FrozenSet<string> Fixed = FrozenSet.Create(
        StringComparer.Ordinal,
        "sub", "iss", "aud", "exp", "iat", "nbf", "jti", "auth_time", "token_use", "origin_jti", "event_id", "nonce", "at_hash",
        "acr", "amr", "azp", "identities", "username", "client_id", "version", "device_key", "scope");

    /// <summary>ID-token claims that take only a plain value, never an array or object.</summary>
    private static readonly FrozenSet<string> PlainOnly = FrozenSet.Create(
        StringComparer.Ordinal, "email_verified", "phone_number_verified", "updated_at", "address");

    /// <summary>The pool's event version: <c>PreTokenGenerationConfig.LambdaVersion</c>, V1_0 when only
    /// <c>PreTokenGeneration</c> is set.</summary>
    public static int Version(UserPoolSettings pool) => pool.Config.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion switch
    {
        "V2_0" => 2,
        "V3_0" => 3,
        _ => 1,
    };

    /// <summary>Runs the trigger; null when the pool has none (or, for client credentials, when it is not V3_0).
    /// <paramref name="userName"/> and <paramref name="attributes"/> are null for client-credentials tokens.</summary>
    public static async Task<TokenChanges?> RunAsync(
        LambdaTriggers triggers, UserPoolSettings pool, string triggerSource, string? userName, string clientId,
        IEnumerable<KeyValuePair<string, string>>? attributes, GroupClaims groups, IReadOnlyList<string> scopes,
        IReadOnlyDictionary<string, string>? clientMetadata, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(pool, UserPoolTrigger.PreTokenGeneration))
        {
            return null;
        }

        var version = Version(pool);
        if (triggerSource == ClientCredentials && version < 3)
        {
            return null;
        }

        var request = new JsonObject
        {
            ["userAttributes"] = TriggerEvents.UserAttributes(attributes ?? Enumerable.Empty<KeyValuePair<string, string>>()),
            ["groupConfiguration"] = GroupConfiguration(groups),
        };
        if (version >= 2)
        {
            request["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]);
        }

        _ = request.WithClientMetadata(clientMetadata);
        var member = version == 1 ? "claimsOverrideDetails" : "claimsAndScopeOverrideDetails";
        var response = await triggers.InvokeAsync(
            pool, UserPoolTrigger.PreTokenGeneration, triggerSource, userName, clientId, request, new JsonObject { [member] = null }, ct, Envelope(version));
        if (response is null)
        {
            return null;
        }

        var details = Object(response[member]);
        if (details is null)
        {
            return new TokenChanges(groups, scopes, null, null);
        }

        if (version == 1)
        {
            var id = Claims(details, plainStrings: true, access: false, clientId);
            return new TokenChanges(GroupOverride(details, groups), scopes, id, null);
        }

        var idGeneration = Object(details["idTokenGeneration"]);
        var accessGeneration = Object(details["accessTokenGeneration"]);
        return new TokenChanges(
            GroupOverride(details, groups),
            Scopes(accessGeneration, scopes),
            idGeneration is null ? null : Claims(idGeneration, plainStrings: false, access: false, clientId),
            accessGeneration is null ? null : Claims(accessGeneration, plainStrings: false, access: true, clientId));
    }

    private static string Envelope(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject GroupConfiguration(GroupClaims groups) => new()
    {
        ["groupsToOverride"] = Strings(groups.Groups),
        ["iamRolesToOverride"] = Strings(groups.Roles),
        ["preferredRole"] = groups.PreferredRole,
    };

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    /// <summary>A member that must be an object (or missing/null).</summary>
    private static JsonObject? Object(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o,
        _ => throw CognitoErrors.TriggerUnrecognizableOutput(),
    };

    /// <summary>A member that must be an array of strings (or missing/null).</summary>
    private static List<string>? StringList(JsonNode? node) => node switch
    {
        null => null,
        JsonArray a => [.. a.Select(e => e is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw CognitoErrors.TriggerUnrecognizableOutput())],
        _ => throw CognitoErrors.TriggerUnrecognizableOutput(),
    };

    /// <summary><c>groupOverrideDetails</c> replaces the group claims whole when the member is there, even as
    /// null or empty (which removes them); left out, the groups stay.</summary>
    private static GroupClaims GroupOverride(JsonObject details, GroupClaims groups)
    {
        if (!details.TryGetPropertyValue("groupOverrideDetails", out var node))
        {
            return groups;
        }

        var o = Object(node);
        return o is null
            ? GroupClaims.None
            : new GroupClaims(
                StringList(o["groupsToOverride"]) ?? [],
                StringList(o["iamRolesToOverride"]) ?? [],
                TriggerResponse.Text(o, "preferredRole"));
    }

    private static List<string> Scopes(JsonObject? access, IReadOnlyList<string> scopes)
    {
        if (access is null)
        {
            return [.. scopes];
        }

        var suppress = StringList(access["scopesToSuppress"]) ?? [];
        var add = StringList(access["scopesToAdd"]) ?? [];

        // Guessed: a scope with whitespace in it is a wrong answer (the guide only says it is not allowed).
        if (add.Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
        {
            throw CognitoErrors.TriggerUnrecognizableOutput();
        }

        var result = scopes.Where(s => !suppress.Contains(s)).ToList();
        result.AddRange(add.Where(s => !result.Contains(s) && !suppress.Contains(s)).Distinct());
        return result;
    }

    private static ClaimOverrides Claims(JsonObject generation, bool plainStrings, bool access, string clientId)
    {
        var add = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (Object(generation["claimsToAddOrOverride"]) is { } claims)
        {
            foreach (var (name, value) in claims)
            {
                var plain = value is null || value is JsonValue;
                if (plainStrings && !(value is JsonValue v && v.GetValueKind() == JsonValueKind.String))
                {
                    throw CognitoErrors.TriggerUnrecognizableOutput();
                }

                if (value is null || !MayAdd(name, access, value, clientId) || (!access && !plain && PlainOnly.Contains(name)))
                {
                    continue;
                }

                add[name] = value;
            }
        }

        var suppress = (StringList(generation["claimsToSuppress"]) ?? []).Where(n => MaySuppress(n)).ToHashSet(StringComparer.Ordinal);
        return new ClaimOverrides(add, suppress);
    }

    /// <summary>Cognito's own claims stay as Cognito writes them; <c>dev:</c> attributes can only be removed; an
    /// access token may be given <c>aud</c>, but only the session's client id.</summary>
    private static bool MayAdd(string name, bool access, JsonNode value, string clientId)
    {
        if (access && name == "aud")
        {
            return value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == clientId;
        }

        return !Fixed.Contains(name) && !name.StartsWith("cognito:", StringComparison.Ordinal) && !name.StartsWith("dev:", StringComparison.Ordinal);
    }

    private static bool MaySuppress(string name) =>
        name == "cognito:groups" || (!Fixed.Contains(name) && !name.StartsWith("cognito:", StringComparison.Ordinal));
}
