using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>The secrets of an app client (at most <see cref="Limit"/>, for rotation). They live in the client's
/// stored configuration under <see cref="Key"/>; <c>ClientSecret</c> shows the oldest, as Describe does. Every
/// <see cref="UserPoolClientType"/> that <see cref="UserPoolClientService.Describe"/> returns carries its set, so
/// SECRET_HASH checks accept any current secret without callers passing it around.</summary>
internal static class ClientSecretSet
{
    public const int Limit = 2;
    private const string Key = "NinshoClientSecrets";
    private static readonly ConditionalWeakTable<UserPoolClientType, IReadOnlyList<ClientSecretEntry>> Attached = [];

    /// <summary>The client's current secrets, oldest first (the legacy single <c>ClientSecret</c> when the stored
    /// configuration predates secret sets).</summary>
    public static IReadOnlyList<ClientSecretEntry> Of(UserPoolClientType client) =>
        Attached.TryGetValue(client, out var secrets) ? secrets : Legacy(client);

    /// <summary>Reads the set from stored configuration JSON and attaches it to <paramref name="config"/>.</summary>
    public static UserPoolClientType Attach(UserPoolClientType config, string configJson)
    {
        IReadOnlyList<ClientSecretEntry>? secrets = null;
        if (JsonNode.Parse(configJson) is JsonObject root && root[Key] is JsonArray array)
        {
            secrets = array.Deserialize(CoreJsonContext.Default.ListClientSecretEntry);
        }

        Attached.AddOrUpdate(config, secrets ?? Legacy(config));
        return config;
    }

    /// <summary>The configuration JSON with <paramref name="secrets"/> written under <see cref="Key"/>.</summary>
    public static string Write(string configJson, IReadOnlyList<ClientSecretEntry> secrets)
    {
        var root = JsonNode.Parse(configJson) as JsonObject ?? [];
        _ = root.Remove(Key);
        if (secrets.Count > 0)
        {
            root[Key] = JsonSerializer.SerializeToNode([.. secrets], CoreJsonContext.Default.ListClientSecretEntry);
        }

        return root.ToJsonString();
    }

    private static List<ClientSecretEntry> Legacy(UserPoolClientType client) =>
        client.ClientSecret is { } secret
            ? [ClientSecretEntry.Create(client.ClientId ?? string.Empty, secret, client.CreationDate ?? DateTimeOffset.UnixEpoch)]
            : [];
}
