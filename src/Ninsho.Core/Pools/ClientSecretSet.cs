using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>The secrets of an app client (at most <see cref="Limit"/>, for rotation). They live sealed in the
/// client's stored configuration under <see cref="Key"/> (never in clear); <c>ClientSecret</c> shows the oldest,
/// as Describe does. Every <see cref="UserPoolClientType"/> that <see cref="UserPoolClientService"/> returns
/// carries its set, so SECRET_HASH checks accept any current secret without callers passing it around.</summary>
internal static class ClientSecretSet
{
    public const int Limit = 2;
    private const string Key = "NinshoClientSecrets";
    private static readonly ConditionalWeakTable<UserPoolClientType, IReadOnlyList<ClientSecretEntry>> Attached = [];

    /// <summary>The client's current secrets, oldest first.</summary>
    public static IReadOnlyList<ClientSecretEntry> Of(UserPoolClientType client) =>
        Attached.TryGetValue(client, out var secrets) ? secrets : Legacy(client);

    /// <summary>Opens the set kept in stored configuration JSON; returns <paramref name="config"/> showing the
    /// oldest secret, with the set attached. Configuration written before secrets were sealed keeps its single
    /// clear <c>ClientSecret</c> until the client is next written.</summary>
    public static async Task<UserPoolClientType> AttachAsync(UserPoolClientType config, string configJson, ClientSecretSealer sealer)
    {
        var secrets = Legacy(config);
        if (JsonNode.Parse(configJson) is JsonObject root && root[Key] is JsonArray array)
        {
            var opened = new List<ClientSecretEntry>();
            foreach (var s in array.Deserialize(CoreJsonContext.Default.ListSealedClientSecret) ?? [])
            {
                opened.Add(new ClientSecretEntry(s.Id, await sealer.OpenAsync(config.ClientId!, s.Sealed), s.CreatedMs));
            }

            secrets = opened;
        }

        var shown = config with { ClientSecret = secrets.Count > 0 ? secrets[0].Value : null };
        Attached.AddOrUpdate(shown, secrets);
        return shown;
    }

    /// <summary>The configuration JSON with <paramref name="secrets"/> sealed under <see cref="Key"/>.</summary>
    public static async Task<string> WriteAsync(string configJson, string clientId, IReadOnlyList<ClientSecretEntry> secrets, ClientSecretSealer sealer)
    {
        var root = JsonNode.Parse(configJson) as JsonObject ?? [];
        _ = root.Remove(Key);
        if (secrets.Count > 0)
        {
            var sealedSecrets = new List<SealedClientSecret>();
            foreach (var s in secrets)
            {
                sealedSecrets.Add(new SealedClientSecret(s.Id, await sealer.SealAsync(clientId, s.Value), s.CreatedMs));
            }

            root[Key] = JsonSerializer.SerializeToNode(sealedSecrets, CoreJsonContext.Default.ListSealedClientSecret);
        }

        return root.ToJsonString();
    }

    /// <summary>The configuration JSON with every sealed secret that is not under the current generation of the key
    /// sealed again under it (docs/operations.md#key-rotation); null when none needed it.</summary>
    public static async Task<string?> ResealAsync(string configJson, string clientId, ClientSecretSealer sealer)
    {
        if (JsonNode.Parse(configJson) is not JsonObject root || root[Key] is not JsonArray array)
        {
            return null;
        }

        var changed = false;
        var resealed = new List<SealedClientSecret>();
        foreach (var s in array.Deserialize(CoreJsonContext.Default.ListSealedClientSecret) ?? [])
        {
            if (await sealer.IsCurrentAsync(s.Sealed))
            {
                resealed.Add(s);
                continue;
            }

            resealed.Add(s with { Sealed = await sealer.SealAsync(clientId, await sealer.OpenAsync(clientId, s.Sealed)) });
            changed = true;
        }

        if (!changed)
        {
            return null;
        }

        root[Key] = JsonSerializer.SerializeToNode(resealed, CoreJsonContext.Default.ListSealedClientSecret);
        return root.ToJsonString();
    }

    private static List<ClientSecretEntry> Legacy(UserPoolClientType client) =>
        client.ClientSecret is { } secret
            ? [ClientSecretEntry.Create(client.ClientId ?? string.Empty, secret, client.CreationDate ?? DateTimeOffset.UnixEpoch)]
            : [];
}
