using System.Collections.Concurrent;
using System.Text.Json;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>Reads app clients for every feature; one parse per stored version.</summary>
internal sealed class UserPoolClientService(INinshoStorage storage)
{
    private readonly ConcurrentDictionary<string, (long Version, UserPoolClientType Config)> _parsed = new(StringComparer.Ordinal);

    /// <summary>The client, as Describe returns it; ResourceNotFoundException when it does not exist
    /// (or belongs to another pool, when <paramref name="userPoolId"/> is given).</summary>
    public async Task<UserPoolClientType> GetAsync(string clientId, string? userPoolId, CancellationToken ct)
    {
        var stored = await storage.Clients.FindAsync(clientId, ct);
        if (stored is null || (userPoolId is not null && stored.UserPoolId != userPoolId))
        {
            throw CognitoErrors.ClientNotFound(clientId);
        }

        return Describe(stored);
    }

    public UserPoolClientType Describe(StoredUserPoolClient stored)
    {
        if (!_parsed.TryGetValue(stored.ClientId, out var cached) || cached.Version != stored.Version)
        {
            var config = JsonSerializer.Deserialize(stored.ConfigJson, CoreJsonContext.Default.UserPoolClientType) ?? new UserPoolClientType();
            cached = (stored.Version, ClientSecretSet.Attach(
                config with
                {
                    ClientId = stored.ClientId,
                    UserPoolId = stored.UserPoolId,
                    ClientName = stored.Name,
                    CreationDate = stored.CreatedAt,
                    LastModifiedDate = stored.ModifiedAt,
                },
                stored.ConfigJson));
            _parsed[stored.ClientId] = cached;
        }

        return cached.Config;
    }

    /// <summary>The stored form of a client: its configuration, with <c>ClientSecret</c> the oldest of
    /// <paramref name="secrets"/>, and the whole set (see <see cref="ClientSecretSet"/>).</summary>
    public static string Serialize(UserPoolClientType config, IReadOnlyList<ClientSecretEntry> secrets) => ClientSecretSet.Write(
        JsonSerializer.Serialize(
            config with
            {
                ClientId = null,
                UserPoolId = null,
                ClientName = null,
                CreationDate = null,
                LastModifiedDate = null,
                ClientSecret = secrets.Count > 0 ? secrets[0].Value : null,
            },
            CoreJsonContext.Default.UserPoolClientType),
        secrets);
}
