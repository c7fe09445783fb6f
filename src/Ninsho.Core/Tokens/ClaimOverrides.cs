using System.Text.Json.Nodes;

namespace Ninsho.Core.Tokens;

/// <summary>What pre token generation changes in one token's claims (docs/triggers.md#pretokengeneration): claims
/// added or overridden, and claims removed. The trigger's reader has already dropped the claims Cognito does not let a
/// function change; suppression wins over an override of the same claim.</summary>
internal sealed record ClaimOverrides(IReadOnlyDictionary<string, JsonNode?> AddOrOverride, IReadOnlySet<string> Suppress)
{
    /// <summary>Suppressing <c>cognito:groups</c> also removes the ID token's role claims derived from the groups.</summary>
    private static readonly string[] GroupClaims = ["cognito:groups", "cognito:preferred_role", "cognito:roles"];

    /// <summary>Changes <paramref name="payload"/>: an overridden claim keeps its place, an added one comes last.</summary>
    public void Apply(JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        foreach (var (name, value) in AddOrOverride)
        {
            if (!Suppress.Contains(name))
            {
                payload[name] = value?.DeepClone();
            }
        }

        foreach (var name in Suppress)
        {
            foreach (var removed in name == "cognito:groups" ? GroupClaims : [name])
            {
                _ = payload.Remove(removed);
            }
        }
    }
}
